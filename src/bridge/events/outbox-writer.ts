/**
 * Writes one outbox event and its deliveries (one per connector) in the unit of work of the change it
 * describes, so the change and the promise to deliver it commit together or not at all.
 */
import { randomUUID } from 'node:crypto';
import { DELIVERY_STATUS } from '../../domain/metadata/tables/ol-delivery.js';
import type { Row } from '../../domain/record.js';
import { writeJson } from '../../odata/json/json-writer.js';
import type { ExecutionContext } from '../../pipeline/execution-context.js';
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

function stamps(context: ExecutionContext, version: string): Row {
  const now = context.services.clock.now();
  const userId = context.caller.user.userId;
  return {
    createdon: now,
    modifiedon: now,
    createdby: userId,
    modifiedby: userId,
    createdonbehalfby: context.caller.onBehalfOf?.userId ?? null,
    modifiedonbehalfby: context.caller.onBehalfOf?.userId ?? null,
    versionnumber: version,
  };
}

/** The connectors an event is for: every one configured, active or not (inactive ones hold it). */
async function connectorIds(context: ExecutionContext): Promise<string[]> {
  const rows = await context.trx.selectFrom('ol_connector').select('ol_connectorid').execute();
  return rows.map((row) => String(row.ol_connectorid));
}

/** Returns the event's envelope as stored. */
export async function writeOutboxEvent(context: ExecutionContext, event: NewEvent): Promise<EventEnvelope> {
  const { metadata, records, store } = context.services;
  const connectors = await connectorIds(context);
  const versions = await store.reserveVersions(context.trx, 1 + connectors.length);
  const sequence = versions[0]!;
  const id = randomUUID();
  const envelope: EventEnvelope = {
    id,
    type: event.type,
    timestamp: new Date().toISOString(),
    sequence,
    orderId: event.orderId,
    origin: event.origin,
    data: event.data,
  };
  const document = writeJson({ ...envelope, origin: { ...envelope.origin } });
  await records.insert(context.trx, metadata.table('ol_outboxevent')!, {
    ol_outboxeventid: id,
    ...stamps(context, sequence),
    ol_sequence: sequence,
    ol_eventtype: event.type,
    ol_orderid: event.orderId,
    ol_recordtype: event.recordType,
    ol_recordid: event.recordId,
    ol_recordversion: event.recordVersion,
    ol_document: document,
    ol_deliveries: connectors.length,
  });
  if (connectors.length > 0) {
    const deliveries = metadata.table('ol_delivery')!;
    const createdAt = Date.now();
    const rows = connectors.map((connectorId, index) =>
      records.encodeRow(deliveries, {
        ol_deliveryid: randomUUID(),
        ...stamps(context, versions[index + 1]!),
        ol_outboxeventid: id,
        ol_connectorid: connectorId,
        ol_orderid: event.orderId,
        ol_sequence: sequence,
        ol_eventtype: event.type,
        ol_status: DELIVERY_STATUS.pending,
        ol_attempts: 0,
        ol_createdat: String(createdAt),
        ol_nextattemptat: String(createdAt),
        ol_leaseuntil: null,
      }),
    );
    await context.trx.insertInto('ol_delivery').values(rows).execute();
    context.touchedTables.add('ol_delivery');
  }
  context.touchedTables.add('ol_outboxevent');
  return envelope;
}
