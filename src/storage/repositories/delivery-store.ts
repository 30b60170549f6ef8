/**
 * The SQL of outbox deliveries outside the record repository: the dispatcher's claims, the connector
 * rules' dead-lettering, and the counts the metrics report.
 */
import { sql } from 'kysely';
import { DELIVERY_STATUS } from '../../domain/metadata/tables/ol-delivery.js';
import type { TypedExecutor } from '../database/database.js';
import type { StoredBigInt, StoredInteger } from '../database/stored-values.js';
import type { DialectSpecifics } from '../dialects/dialect-specifics.js';

export interface DueDelivery {
  readonly ol_deliveryid: string;
  readonly ol_outboxeventid: string;
  readonly ol_connectorid: string;
  readonly ol_orderid: string;
  readonly ol_sequence: StoredBigInt;
  readonly ol_eventtype: string;
  readonly ol_attempts: StoredInteger;
  readonly ol_createdat: StoredBigInt;
}

export interface DueQuery {
  readonly connectorIds: readonly string[];
  readonly now: number;
  readonly limit: number;
}

/**
 * Deliveries due at `now`: pending, their time come, no live lease, and no earlier delivery of the same
 * order to the same connector still pending (which keeps each order's events in order). Where several
 * dispatchers claim at once (PostgreSQL) the rows are locked, skipping those another one holds.
 * Hand-written rather than built: its shape matches the delivery indexes and the bench measures it.
 */
export async function selectDueDeliveries(
  trx: TypedExecutor,
  specifics: DialectSpecifics,
  query: DueQuery,
): Promise<DueDelivery[]> {
  const { rows } = await sql<DueDelivery>`
      select d.ol_deliveryid, d.ol_outboxeventid, d.ol_connectorid, d.ol_orderid, d.ol_sequence,
             d.ol_eventtype, d.ol_attempts, d.ol_createdat
      from ol_delivery d
      where d.ol_status = ${DELIVERY_STATUS.pending}
        and d.ol_nextattemptat <= ${query.now}
        and (d.ol_leaseuntil is null or d.ol_leaseuntil < ${query.now})
        and d.ol_connectorid in (${sql.join(query.connectorIds)})
        and not exists (
          select 1 from ol_delivery e
          where e.ol_connectorid = d.ol_connectorid and e.ol_orderid = d.ol_orderid
            and e.ol_status = ${DELIVERY_STATUS.pending} and e.ol_sequence < d.ol_sequence
        )
      order by d.ol_nextattemptat, d.ol_sequence
      limit ${query.limit}
      ${specifics.skipLocked('d')}
    `.execute(trx);
  return rows;
}

/** Takes a lease on the deliveries: `owner` holds them until `leaseUntil` (epoch ms). */
export async function leaseDeliveries(
  trx: TypedExecutor,
  deliveryIds: readonly string[],
  leaseUntil: number,
  owner: string,
): Promise<void> {
  await trx
    .updateTable('ol_delivery')
    .set({ ol_leaseuntil: leaseUntil, ol_leaseowner: owner })
    .where('ol_deliveryid', 'in', deliveryIds)
    .execute();
}

/** The documents of outbox events, by event id. */
export async function documentsOfEvents(trx: TypedExecutor, eventIds: readonly string[]): Promise<Map<string, string>> {
  const documents = await trx
    .selectFrom('ol_outboxevent')
    .select(['ol_outboxeventid', 'ol_document'])
    .where('ol_outboxeventid', 'in', eventIds)
    .execute();
  return new Map(documents.map((row) => [String(row.ol_outboxeventid), String(row.ol_document)]));
}

/** Dead-letters what a connector still had to deliver (the connector was deleted). */
export async function deadLetterPendingOf(trx: TypedExecutor, connectorId: string, reason: string): Promise<void> {
  await trx
    .updateTable('ol_delivery')
    .set({ ol_status: DELIVERY_STATUS.deadLettered, ol_lasterror: reason, ol_leaseuntil: null })
    .where('ol_connectorid', '=', connectorId)
    .where('ol_status', '=', DELIVERY_STATUS.pending)
    .execute();
}

export interface PendingSummary {
  readonly count: number;
  /** Epoch ms the oldest pending delivery was created at; undefined when none is pending. */
  readonly oldestCreatedAt: number | undefined;
}

export async function pendingDeliveries(db: TypedExecutor): Promise<PendingSummary> {
  const row = await db
    .selectFrom('ol_delivery')
    .select((eb) => [eb.fn.countAll().as('count'), eb.fn.min('ol_createdat').as('oldest')])
    .where('ol_status', '=', DELIVERY_STATUS.pending)
    .executeTakeFirst();
  const oldest = row?.oldest;
  return {
    count: Number(row?.count ?? 0),
    oldestCreatedAt: oldest === null || oldest === undefined ? undefined : Number(oldest),
  };
}

export async function countDeadLettered(db: TypedExecutor): Promise<number> {
  const row = await db
    .selectFrom('ol_delivery')
    .select((eb) => eb.fn.countAll().as('count'))
    .where('ol_status', '=', DELIVERY_STATUS.deadLettered)
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}
