/**
 * The SQL of outbox deliveries outside the record repository: the dispatcher's claims and the outcomes
 * of its attempts, the connector rules' dead-lettering, and the counts the metrics report.
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

export interface UndeliveredAttempt {
  /** The attempt's number: attempts so far, this one included. */
  readonly attempts: number;
  /** The receiver's HTTP status, or null when there was no answer. */
  readonly lastStatus: number | null;
  /** Set when the attempt changes the delivery's status (dead-lettered); left as it is otherwise. */
  readonly status?: number;
  /** Epoch ms the next attempt is due. */
  readonly nextAttemptAt: number;
  readonly lastError: string;
}

/**
 * Records an attempt that did not deliver and releases the lease, provided `owner` still holds it (a
 * lease that expired and was taken by another dispatcher is theirs to record).
 */
export async function recordUndeliveredAttempt(
  trx: TypedExecutor,
  lease: { readonly deliveryId: string; readonly owner: string },
  attempt: UndeliveredAttempt,
): Promise<void> {
  await trx
    .updateTable('ol_delivery')
    .where('ol_deliveryid', '=', lease.deliveryId)
    .where('ol_leaseowner', '=', lease.owner)
    .set({
      ol_attempts: attempt.attempts,
      ol_leaseuntil: null,
      ol_leaseowner: null,
      ol_laststatus: attempt.lastStatus,
      ...(attempt.status === undefined ? {} : { ol_status: attempt.status }),
      ol_nextattemptat: attempt.nextAttemptAt,
      ol_lasterror: attempt.lastError,
    })
    .execute();
}

export interface DeliveredAttempts {
  /** Deliveries that `owner` leases (others are left alone) and the receiver accepted. */
  readonly deliveryIds: readonly string[];
  readonly owner: string;
  /** The status the receiver answered them all with. */
  readonly status: number | null;
  /** UTC text. */
  readonly deliveredOn: string;
}

/** Marks deliveries delivered and releases their leases, in one statement per 500 deliveries. */
export async function markDelivered(trx: TypedExecutor, delivered: DeliveredAttempts): Promise<void> {
  const { deliveryIds } = delivered;
  for (let offset = 0; offset < deliveryIds.length; offset += 500) {
    await trx
      .updateTable('ol_delivery')
      .set({
        ol_status: DELIVERY_STATUS.delivered,
        ol_attempts: sql<number>`ol_attempts + 1`,
        ol_leaseuntil: null,
        ol_leaseowner: null,
        ol_laststatus: delivered.status,
        ol_lasterror: null,
        ol_deliveredon: delivered.deliveredOn,
      })
      .where('ol_deliveryid', 'in', deliveryIds.slice(offset, offset + 500))
      .where('ol_leaseowner', '=', delivered.owner)
      .execute();
  }
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
