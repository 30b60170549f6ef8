/**
 * Claiming deliveries. A delivery is due when it is pending, its time has come, nobody holds a live
 * lease on it, and no earlier delivery of the same order to the same connector is still pending: that
 * last rule is what keeps each order's events in order while different orders go out in parallel.
 * The claim takes a lease (owner and expiry) in one transaction; on PostgreSQL `FOR UPDATE SKIP
 * LOCKED` lets concurrent dispatchers claim different rows instead of queueing on the same ones
 * (the SQL is in src/storage/repositories/delivery-store.ts).
 */

import { steadyNow } from '../../clock/steady-clock.js';
import { documentsOfEvents, leaseDeliveries, selectDueDeliveries } from '../../storage/repositories/delivery-store.js';
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
  return store.transaction(async (trx) => {
    const rows = await selectDueDeliveries(trx, store.specifics, request);
    if (rows.length === 0) return [];
    // Counted from now, not from the start of the claim: a slow claim must not shorten the lease.
    await leaseDeliveries(
      trx,
      rows.map((row) => row.ol_deliveryid),
      steadyNow() + request.leaseMs,
      request.owner,
    );
    const documentOf = await documentsOfEvents(trx, [...new Set(rows.map((row) => row.ol_outboxeventid))]);
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
