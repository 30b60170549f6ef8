/**
 * What the back office does with one event, whichever way it came (webhook or RabbitMQ):
 *
 * - an event it has handled before (same event id) is acknowledged and nothing more: delivery is
 *   at-least-once, so redeliveries are expected;
 * - the echo of its own write (`origin.integrationUser` and `origin.userId` = its own user) is ignored:
 *   reacting to it would write again, which would be echoed again — the sync loop peers fall into;
 * - `salesorder.submitted` is taken on (recorded with the event id, in one transaction) and played
 *   forward in the background;
 * - `salesorder.deleted` stops the order's fulfilment; anything else is noted.
 *
 * The event is recorded before the sender is acknowledged, and the work resumes from the record after
 * a restart, so acknowledging early loses nothing.
 */
import type { Logger } from 'pino';
import type { BackOfficeState } from './back-office-state.js';
import { stringifyExactJson } from './exact-json.js';
import type { FulfilmentRunner } from './fulfilment-runner.js';
import { readOrderDocument } from './order-document.js';
import type { OrderlineEvent } from './orderline-event.js';

export type EventOutcome = 'taken on' | 'duplicate' | 'echo' | 'already taken on' | 'cancelled' | 'noted';

/** How an event reached the back office, for the log and for tests that check the transport. */
export type Transport =
  | { readonly kind: 'webhook'; readonly webhookId: string }
  | {
      readonly kind: 'amqp';
      readonly messageId: string | undefined;
      readonly routingKey: string;
      readonly deliveryMode: number | undefined;
      readonly redelivered: boolean;
    };

export interface HandledEvent {
  readonly event: OrderlineEvent;
  readonly outcome: EventOutcome;
  readonly transport: Transport;
  /** The work the event started (or joined); settled when the order's fulfilment stops. */
  readonly work: Promise<void>;
}

export interface EventHandlerOptions {
  readonly state: BackOfficeState;
  readonly runner: FulfilmentRunner;
  readonly logger: Logger;
  /** The back office's own user id (WhoAmI). */
  readonly selfUserId: string;
  readonly onEvent?: (handled: HandledEvent) => void;
}

export type EventHandler = (event: OrderlineEvent, transport: Transport) => HandledEvent;

export function createEventHandler(options: EventHandlerOptions): EventHandler {
  const { state, runner, logger, selfUserId } = options;
  const idle = Promise.resolve();

  function decide(event: OrderlineEvent): { outcome: EventOutcome; work: Promise<void> } {
    if (state.hasHandled(event.id)) return { outcome: 'duplicate', work: idle };
    if (event.origin.integrationUser && event.origin.userId === selfUserId) return { outcome: 'echo', work: idle };
    switch (event.type) {
      case 'salesorder.submitted': {
        const document = stringifyExactJson(readOrderDocument(event.data));
        const job = state.takeOn(event, document);
        if (!job) return { outcome: 'already taken on', work: runner.run(event.orderId) };
        return { outcome: 'taken on', work: runner.run(event.orderId) };
      }
      case 'salesorder.deleted':
        state.note(event, 'cancelled');
        runner.cancel(event.orderId);
        return { outcome: 'cancelled', work: idle };
      default:
        state.note(event, 'noted');
        return { outcome: 'noted', work: idle };
    }
  }

  return (event, transport) => {
    const { outcome, work } = decide(event);
    const handled: HandledEvent = { event, outcome, transport, work };
    logger.info(
      { eventId: event.id, type: event.type, orderId: event.orderId, sequence: event.sequence, outcome, transport },
      'event handled',
    );
    options.onEvent?.(handled);
    return handled;
  };
}
