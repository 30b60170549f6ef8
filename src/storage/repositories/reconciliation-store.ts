/**
 * The reads of the reconciliation report (src/bridge/reconciliation.ts): orders waiting for the back
 * office's acknowledgement, orders whose back-office total differs, and
 * events that had no connector to go to. Each returns at most `limit` rows, oldest first.
 */
import type { TypedExecutor } from '../database/database.js';

/** Orders handed to the back office at or before `submittedBy` (UTC text) and not acknowledged since. */
export async function unacknowledgedOrders(trx: TypedExecutor, submittedBy: string, limit: number) {
  return trx
    .selectFrom('salesorder')
    .selectAll()
    .where('ol_submittedon', 'is not', null)
    .where('ol_acknowledgedon', 'is', null)
    .where('ol_submittedon', '<=', submittedBy)
    .orderBy('ol_submittedon')
    .limit(limit)
    .execute();
}

/** Acknowledged orders whose back-office total is not Orderline's (or Orderline has none). */
export async function ordersWithDifferingTotals(trx: TypedExecutor, limit: number) {
  return trx
    .selectFrom('salesorder')
    .selectAll()
    .where('ol_acknowledgedon', 'is not', null)
    .where('ol_backofficetotalamount', 'is not', null)
    .where((eb) => eb.or([eb('totalamount', 'is', null), eb('totalamount', '<>', eb.ref('ol_backofficetotalamount'))]))
    .orderBy('ol_acknowledgedon')
    .limit(limit)
    .execute();
}

/** Events written when no connector was configured, so no delivery carries them. */
export async function eventsWithoutDeliveries(trx: TypedExecutor, limit: number) {
  return trx
    .selectFrom('ol_outboxevent')
    .select(['ol_outboxeventid', 'ol_eventtype', 'ol_orderid', 'createdon'])
    .where('ol_deliveries', '=', 0)
    .orderBy('ol_sequence')
    .limit(limit)
    .execute();
}
