/**
 * Writes one outbox event and its deliveries (one per connector) in the unit of work of the change it
 * describes, so the change and the promise to deliver it commit together or not at all.
 */
import { randomUUID } from 'node:crypto';
import { steadyNow } from '../../clock/steady-clock.js';
import { DELIVERY_STATUS } from '../../domain/metadata/tables/ol-delivery.js';
import type { Row } from '../../domain/record.js';
import { writeJson } from '../../odata/json/json-writer.js';
import type { ExecutionContext } from '../../pipeline/execution-context.js';
import { allConnectorIds } from '../../storage/repositories/connector-store.js';
import type { EventEnvelope, EventOrigin, OutboxEventType } from './event-types.js';

export interface NewEvent {
  readonly type: OutboxEventType;
  readonly orderId: string;
  readonly recordType: 'salesorder' | 'invoice';
  readonly recordId: string;
  readonly recordVersion: string | null;
  readonly origin: EventOrigin;
  readonly data: EventEnvelope['data'];
}

/** Who wrote the rows: the unit of work's effective user, on behalf of the real caller. */
function authorship(context: ExecutionContext): Row {
  const userId = context.caller.user.userId;
  return {
    createdby: userId,
    modifiedby: userId,
    createdonbehalfby: context.caller.onBehalfOf?.userId ?? null,
    modifiedonbehalfby: context.caller.onBehalfOf?.userId ?? null,
  };
}

/**
 * Returns the event's envelope as stored. The event and its deliveries take consecutive versions; the
 * event's is also its sequence, the order in which a receiver must apply the events of one order.
 */
export async function writeOutboxEvent(context: ExecutionContext, event: NewEvent): Promise<EventEnvelope> {
  const { metadata } = context.services;
  // For every connector configured, active or not: inactive ones hold the event.
  const connectors = await allConnectorIds(context.trx);
  const id = randomUUID();
  const createdAt = steadyNow();
  let envelope: EventEnvelope | undefined;
  const eventRow = (sequence: string): Row => {
    envelope = {
      id,
      type: event.type,
      timestamp: new Date(createdAt).toISOString(),
      sequence,
      orderId: event.orderId,
      origin: event.origin,
      data: event.data,
    };
    return {
      ol_outboxeventid: id,
      ...authorship(context),
      ol_sequence: sequence,
      ol_eventtype: event.type,
      ol_orderid: event.orderId,
      ol_recordtype: event.recordType,
      ol_recordid: event.recordId,
      ol_recordversion: event.recordVersion,
      ol_document: writeJson({ ...envelope, origin: { ...envelope.origin } }),
      ol_deliveries: connectors.length,
    };
  };
  // Built after the event's row (rows are built in order), so the event's sequence is known.
  const deliveryRow = (connectorId: string): Row => ({
    ol_deliveryid: randomUUID(),
    ...authorship(context),
    ol_outboxeventid: id,
    ol_connectorid: connectorId,
    ol_orderid: event.orderId,
    ol_sequence: envelope!.sequence,
    ol_eventtype: event.type,
    ol_status: DELIVERY_STATUS.pending,
    ol_attempts: 0,
    ol_createdat: String(createdAt),
    ol_nextattemptat: String(createdAt),
    ol_leaseuntil: null,
  });
  const deliveries = metadata.table('ol_delivery')!;
  await context.unitOfWork.systemWrite.insert([
    { table: metadata.table('ol_outboxevent')!, build: eventRow },
    ...connectors.map((connectorId) => ({ table: deliveries, build: () => deliveryRow(connectorId) })),
  ]);
  return envelope!;
}
