/**
 * A connector delivers one event to one receiver and says how it went; the dispatcher decides what
 * happens next (done, retry later, dead-letter, deactivate). Connectors never touch the database.
 */
import type { EventEnvelope } from '../events/event-types.js';

/** A connector row as the dispatcher needs it (secrets included: it runs inside the server). */
export interface ConnectorConfig {
  readonly id: string;
  readonly name: string;
  readonly kind: number;
  readonly url: string;
  readonly secret: string | null;
  readonly payloadFormat: number;
  readonly exchange: string | null;
  readonly timeoutMs: number;
  readonly retryHours: number;
}

export interface OutboundEvent {
  readonly id: string;
  readonly type: string;
  readonly orderId: string;
  readonly sequence: string;
  /** The parsed document; parsed on first use, since most deliveries send the text as it is. */
  envelope(): EventEnvelope;
  /** The stored document, byte for byte: Orderline's own body is exactly this text. */
  readonly document: string;
  /** The organization it comes from, for Dataverse-shaped payloads. */
  readonly organization: { readonly id: string; readonly name: string };
}

export type DeliveryOutcome =
  | { readonly kind: 'delivered'; readonly status: number | null; readonly latencyMs: number }
  | {
      readonly kind: 'failed';
      readonly status: number | null;
      readonly latencyMs: number;
      readonly error: string;
      /** The receiver's `Retry-After`, when it sent one. */
      readonly retryAfterMs?: number;
    }
  /** 410 Gone: the receiver asks not to be called again; the connector is deactivated. */
  | { readonly kind: 'gone'; readonly status: number; readonly latencyMs: number };

export interface Connector {
  deliver(event: OutboundEvent): Promise<DeliveryOutcome>;
  close(): Promise<void>;
}

export type ConnectorFactory = (config: ConnectorConfig) => Connector;
