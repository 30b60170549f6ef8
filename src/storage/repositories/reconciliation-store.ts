/**
 * The reads of the reconciliation report (src/bridge/reconciliation.ts): orders waiting for the back
 * office's acknowledgement, orders whose back-office total differs, dead-lettered deliveries, and
 * events that had no connector to go to. Each returns at most `limit` rows, oldest first.
 */
import { DELIVERY_STATUS } from '../../domain/metadata/tables/ol-delivery.js';
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

/** Dead-lettered deliveries in sequence order, with their connector's name (null once it is deleted). */
export async function deadLetteredDeliveries(trx: TypedExecutor, limit: number) {
  return trx
    .selectFrom('ol_delivery as d')
    .leftJoin('ol_connector as c', 'c.ol_connectorid', 'd.ol_connectorid')
    .select([
      'd.ol_deliveryid',
      'd.ol_outboxeventid',
      'd.ol_eventtype',
      'd.ol_orderid',
      'd.ol_attempts',
      'd.ol_lasterror',
      'c.ol_name',
    ])
    .where('d.ol_status', '=', DELIVERY_STATUS.deadLettered)
    .orderBy('d.ol_sequence')
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
