/**
 * Claiming deliveries. A delivery is due when it is pending, its time has come, nobody holds a live
 * lease on it, and no earlier delivery of the same order to the same connector is still pending: that
 * last rule is what keeps each order's events in order while different orders go out in parallel.
 * The claim takes a lease (owner and expiry) in one transaction; on PostgreSQL `FOR UPDATE SKIP
 * LOCKED` lets concurrent dispatchers claim different rows instead of queueing on the same ones.
 */
import { sql } from 'kysely';
import { DELIVERY_STATUS } from '../../domain/metadata/tables/ol-delivery.js';
import type { Store } from '../../storage/store.js';

export interface ClaimedDelivery {
  readonly deliveryId: string;
  readonly eventId: string;
  readonly connectorId: string;
  readonly orderId: string;
  readonly sequence: string;
  readonly eventType: string;
  readonly attempts: number;
  readonly createdAt: number;
  readonly document: string;
}

export interface ClaimRequest {
  readonly connectorIds: readonly string[];
  readonly now: number;
  readonly leaseMs: number;
  readonly owner: string;
  readonly limit: number;
}

export async function claimDeliveries(store: Store, request: ClaimRequest): Promise<ClaimedDelivery[]> {
  if (request.connectorIds.length === 0) return [];
  const postgres = store.dialect === 'postgres';
  return store.transaction(async (trx) => {
    const { rows } = await sql<{
      ol_deliveryid: string;
      ol_outboxeventid: string;
      ol_connectorid: string;
      ol_orderid: string;
      ol_sequence: string | number | bigint;
      ol_eventtype: string;
      ol_attempts: number | bigint;
      ol_createdat: string | number | bigint;
    }>`
      select d.ol_deliveryid, d.ol_outboxeventid, d.ol_connectorid, d.ol_orderid, d.ol_sequence,
             d.ol_eventtype, d.ol_attempts, d.ol_createdat
      from ol_delivery d
      where d.ol_status = ${DELIVERY_STATUS.pending}
        and d.ol_nextattemptat <= ${request.now}
        and (d.ol_leaseuntil is null or d.ol_leaseuntil < ${request.now})
        and d.ol_connectorid in (${sql.join(request.connectorIds)})
        and not exists (
          select 1 from ol_delivery e
          where e.ol_connectorid = d.ol_connectorid and e.ol_orderid = d.ol_orderid
            and e.ol_status = ${DELIVERY_STATUS.pending} and e.ol_sequence < d.ol_sequence
        )
      order by d.ol_nextattemptat, d.ol_sequence
      limit ${request.limit}
      ${postgres ? sql`for update of d skip locked` : sql``}
    `.execute(trx);
    if (rows.length === 0) return [];
    const ids = rows.map((row) => row.ol_deliveryid);
    await trx
      .updateTable('ol_delivery')
      // Counted from now, not from the start of the claim: a slow claim must not shorten the lease.
      .set({ ol_leaseuntil: Date.now() + request.leaseMs, ol_leaseowner: request.owner })
      .where('ol_deliveryid', 'in', ids)
      .execute();
    const eventIds = [...new Set(rows.map((row) => row.ol_outboxeventid))];
    const documents = await trx
      .selectFrom('ol_outboxevent')
      .select(['ol_outboxeventid', 'ol_document'])
      .where('ol_outboxeventid', 'in', eventIds)
      .execute();
    const documentOf = new Map(documents.map((row) => [String(row.ol_outboxeventid), String(row.ol_document)]));
    return rows.map((row) => ({
      deliveryId: row.ol_deliveryid,
      eventId: row.ol_outboxeventid,
      connectorId: row.ol_connectorid,
      orderId: row.ol_orderid,
      sequence: String(row.ol_sequence),
      eventType: row.ol_eventtype,
      attempts: Number(row.ol_attempts),
      createdAt: Number(row.ol_createdat),
      document: documentOf.get(row.ol_outboxeventid) ?? '',
    }));
  });
}
