/** The SQL behind `orderline outbox list|replay|purge` (src/bridge/admin/outbox-admin.ts). */
import { sql } from 'kysely';
import { DELIVERY_STATUS } from '../../domain/metadata/tables/ol-delivery.js';
import type { TypedExecutor } from '../database/database.js';

export interface DeliveryRowFilter {
  readonly status?: number;
  readonly orderId?: string;
  readonly limit: number;
}

/** Deliveries in sequence order, with their connector's name (null once the connector is deleted). */
export async function listDeliveryRows(db: TypedExecutor, filter: DeliveryRowFilter) {
  let query = db
    .selectFrom('ol_delivery as d')
    .leftJoin('ol_connector as c', 'c.ol_connectorid', 'd.ol_connectorid')
    .select([
      'd.ol_deliveryid',
      'd.ol_outboxeventid',
      'd.ol_eventtype',
      'd.ol_orderid',
      'd.ol_sequence',
      'c.ol_name',
      'd.ol_status',
      'd.ol_attempts',
      'd.ol_laststatus',
      'd.ol_lasterror',
      'd.ol_nextattemptat',
    ])
    .orderBy('d.ol_sequence')
    .limit(filter.limit);
  if (filter.status !== undefined) query = query.where('d.ol_status', '=', filter.status);
  if (filter.orderId) query = query.where('d.ol_orderid', '=', filter.orderId);
  return query.execute();
}

export interface ReplayRowSelection {
  /** Delivery ids or event ids. */
  readonly ids: readonly string[];
  /** Every dead-lettered delivery (besides the ids). */
  readonly deadLettered: boolean;
  /** Only deliveries to this connector. */
  readonly connectorId?: string;
  /** Only dead-lettered deliveries, the ids included: what the Web API replays. */
  readonly deadLetteredOnly?: boolean;
}

/** Deliveries chosen for a replay whose connector still exists. */
export async function deliveriesToReplay(trx: TypedExecutor, selection: ReplayRowSelection) {
  const { ids } = selection;
  let query = trx
    .selectFrom('ol_delivery')
    .innerJoin('ol_connector', 'ol_connector.ol_connectorid', 'ol_delivery.ol_connectorid')
    .select([
      'ol_delivery.ol_deliveryid',
      'ol_delivery.ol_orderid',
      'ol_delivery.ol_outboxeventid',
      'ol_delivery.ol_eventtype',
      'ol_delivery.ol_status',
      'ol_connector.ol_name',
    ])
    .where((eb) => {
      const conditions = [];
      if (ids.length > 0) {
        conditions.push(eb('ol_delivery.ol_deliveryid', 'in', ids));
        conditions.push(eb('ol_delivery.ol_outboxeventid', 'in', ids));
      }
      if (selection.deadLettered) conditions.push(eb('ol_delivery.ol_status', '=', DELIVERY_STATUS.deadLettered));
      return eb.or(conditions);
    });
  if (selection.connectorId) query = query.where('ol_delivery.ol_connectorid', '=', selection.connectorId);
  if (selection.deadLetteredOnly) query = query.where('ol_delivery.ol_status', '=', DELIVERY_STATUS.deadLettered);
  return query.execute();
}

/** Puts deliveries back in the queue, due at `at` (epoch ms) with a retry period counted from then. */
export async function requeueDeliveries(
  trx: TypedExecutor,
  deliveryIds: readonly string[],
  at: number,
  version: string,
): Promise<void> {
  await trx
    .updateTable('ol_delivery')
    .set({
      ol_status: DELIVERY_STATUS.pending,
      ol_nextattemptat: at,
      ol_createdat: at,
      ol_leaseuntil: null,
      ol_leaseowner: null,
      versionnumber: version,
    })
    .where('ol_deliveryid', 'in', deliveryIds)
    .execute();
}

/** Deletes deliveries in `statuses` created before `olderThanMs`; returns how many. */
export async function deleteDeliveriesBefore(
  trx: TypedExecutor,
  statuses: readonly number[],
  olderThanMs: number,
): Promise<number> {
  const deleted = await trx
    .deleteFrom('ol_delivery')
    .where('ol_status', 'in', statuses)
    .where('ol_createdat', '<', olderThanMs)
    .executeTakeFirst();
  return Number(deleted.numDeletedRows);
}

/**
 * Deletes events created before `createdBefore` whose deliveries were all purged; returns how many.
 * Events still waiting for their first connector stay.
 */
export async function deleteEventsWithoutDeliveries(trx: TypedExecutor, createdBefore: string): Promise<number> {
  const events = await trx
    .deleteFrom('ol_outboxevent')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('ol_delivery')
            .select(sql`1`.as('one'))
            .whereRef('ol_delivery.ol_outboxeventid', '=', 'ol_outboxevent.ol_outboxeventid'),
        ),
      ),
    )
    // An event that never had a delivery waits for a connector (src/bridge/waiting-events.ts): never purged.
    .where('ol_deliveries', '>', 0)
    .where('createdon', '<', createdBefore)
    .executeTakeFirst();
  return Number(events.numDeletedRows);
}
