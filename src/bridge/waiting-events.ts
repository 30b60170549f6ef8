/**
 * Events written while no connector existed (the integration on, nothing connected) are not lost: the
 * first connector added takes them, in the unit of work that creates it. Each waiting event gets one
 * delivery to the new connector carrying the event's own sequence, so the dispatcher sends an order's
 * events in the order they were written, and the event then counts that delivery, so a second
 * connector added later does not get them again: each waiting event is handed over exactly once.
 * Receivers dedupe on the event id as for any delivery.
 */
import { randomUUID } from 'node:crypto';
import { steadyNow } from '../clock/steady-clock.js';
import { DELIVERY_STATUS } from '../domain/metadata/tables/ol-delivery.js';
import type { WriteStep } from '../pipeline/write-step.js';
import { waitingEvents } from '../storage/repositories/waiting-events-store.js';

export const HAND_OVER_WAITING_EVENTS_STEP = 'back-office bridge: a new connector takes the events that waited for one';

export const handOverWaitingEventsStep: WriteStep = {
  name: HAND_OVER_WAITING_EVENTS_STEP,
  stage: 'postOperation',
  tables: ['ol_connector'],
  messages: ['Create'],
  async run(context, operation) {
    const events = await waitingEvents(context.trx);
    if (events.length === 0) return;
    const { metadata } = context.services;
    const deliveries = metadata.table('ol_delivery')!;
    const createdAt = String(steadyNow());
    const userId = context.caller.user.userId;
    await context.unitOfWork.systemWrite.insert(
      events.map((event) => ({
        table: deliveries,
        build: () => ({
          ol_deliveryid: randomUUID(),
          createdby: userId,
          modifiedby: userId,
          ol_outboxeventid: event.ol_outboxeventid,
          ol_connectorid: operation.id,
          ol_orderid: event.ol_orderid,
          ol_sequence: event.ol_sequence,
          ol_eventtype: event.ol_eventtype,
          ol_status: DELIVERY_STATUS.pending,
          ol_attempts: 0,
          // Created now: the retry period before dead-lettering counts from the hand-over.
          ol_createdat: createdAt,
          ol_nextattemptat: createdAt,
          ol_leaseuntil: null,
        }),
      })),
    );
    await context.unitOfWork.systemWrite.update(
      metadata.table('ol_outboxevent')!,
      events.map((event) => event.ol_outboxeventid),
      { ol_deliveries: 1 },
    );
  },
};
