/**
 * What the outbox carries (PRODUCT.md C5). One event describes one unit of work's change to an order
 * handed to the back office, or to one of its invoices, as it was committed.
 */
import type { Writable } from '../../odata/json/json-writer.js';

export type OutboxEventType =
  | 'salesorder.submitted'
  | 'salesorder.updated'
  | 'salesorder.deleted'
  | 'invoice.created'
  | 'invoice.updated'
  | 'invoice.deleted'
  /** "Send a test event" (src/bridge/events/test-event.ts): about a connector, never about an order. */
  | 'ol_connector.test';

/** Who made the change, so a back office can recognise the echo of its own write (no sync loop). */
export interface EventOrigin {
  readonly userId: string;
  readonly integrationUser: boolean;
  /** The `ol_backofficerevision` the write carried, when it came from the back office. */
  readonly backOfficeRevision: string | null;
}

/**
 * The document an event stores and Orderline's own webhook body: Standard Webhooks' `type`,
 * `timestamp` and `data`, plus the ids a receiver dedupes and orders on.
 */
export interface EventEnvelope {
  readonly id: string;
  readonly type: OutboxEventType;
  readonly timestamp: string;
  /** Orders the events of one order; a string because it is a 64-bit counter. */
  readonly sequence: string;
  readonly orderId: string;
  readonly origin: EventOrigin;
  readonly data: Readonly<Record<string, Writable>>;
}
