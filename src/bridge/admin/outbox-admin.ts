/**
 * What operators do with the outbox (`orderline outbox list|replay|purge`): see what is waiting or
 * dead, send chosen deliveries again with a fresh retry period, and drop what was delivered long ago.
 * Replays go through the same dispatcher and keep the event id, so a deduping receiver is safe.
 */
import { sql } from 'kysely';
import type { MetadataRegistry } from '../../domain/metadata/metadata-registry.js';
import { DELIVERY_STATUS } from '../../domain/metadata/tables/ol-delivery.js';
import { TIMELINE_KIND } from '../../domain/metadata/tables/ol-timelineentry.js';
import { UnitOfWork } from '../../pipeline/unit-of-work.js';
import type { RecordRepository } from '../../storage/record-repository.js';
import type { Store } from '../../storage/store.js';
import { addTimelineEntries } from '../timeline.js';

export type DeliveryStatusName = 'pending' | 'delivered' | 'dead-lettered';

const STATUS_NAMES: Readonly<Record<number, DeliveryStatusName>> = {
  [DELIVERY_STATUS.pending]: 'pending',
  [DELIVERY_STATUS.delivered]: 'delivered',
  [DELIVERY_STATUS.deadLettered]: 'dead-lettered',
};

export const STATUS_CODES: Readonly<Record<DeliveryStatusName, number>> = {
  pending: DELIVERY_STATUS.pending,
  delivered: DELIVERY_STATUS.delivered,
  'dead-lettered': DELIVERY_STATUS.deadLettered,
};

export interface DeliveryListing {
  readonly deliveryId: string;
  readonly eventId: string;
  readonly eventType: string;
  readonly orderId: string;
  readonly sequence: string;
  readonly connector: string;
  readonly status: DeliveryStatusName;
  readonly attempts: number;
  readonly lastStatus: number | null;
  readonly lastError: string | null;
  readonly nextAttemptAt: string | null;
}

export interface ListFilter {
  readonly status?: DeliveryStatusName;
  readonly orderId?: string;
  readonly limit?: number;
}

export interface OutboxAdminServices {
  readonly store: Store;
  readonly records: RecordRepository;
  readonly metadata: MetadataRegistry;
}

export async function listDeliveries(
  services: OutboxAdminServices,
  filter: ListFilter = {},
): Promise<DeliveryListing[]> {
  let query = services.store.db
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
    .limit(filter.limit ?? 100);
  if (filter.status) query = query.where('d.ol_status', '=', STATUS_CODES[filter.status]);
  if (filter.orderId) query = query.where('d.ol_orderid', '=', filter.orderId);
  const rows = await query.execute();
  return rows.map((row) => ({
    deliveryId: String(row.ol_deliveryid),
    eventId: String(row.ol_outboxeventid),
    eventType: String(row.ol_eventtype),
    orderId: String(row.ol_orderid),
    sequence: String(row.ol_sequence),
    connector: row.ol_name === null ? '(deleted connector)' : String(row.ol_name),
    status: STATUS_NAMES[Number(row.ol_status)] ?? 'pending',
    attempts: Number(row.ol_attempts),
    lastStatus: row.ol_laststatus === null ? null : Number(row.ol_laststatus),
    lastError: row.ol_lasterror === null ? null : String(row.ol_lasterror),
    nextAttemptAt:
      Number(row.ol_status) === DELIVERY_STATUS.pending && row.ol_nextattemptat !== null
        ? new Date(Number(row.ol_nextattemptat)).toISOString()
        : null,
  }));
}

export interface ReplaySelection {
  /** Delivery ids or event ids. */
  readonly ids?: readonly string[];
  /** Every dead-lettered delivery. */
  readonly deadLettered?: boolean;
}

/**
 * Puts the chosen deliveries back in the queue, due now, with a new retry period; returns how many.
 * Deliveries of a deleted connector stay where they are: there is nowhere to send them.
 */
export async function replayDeliveries(
  services: OutboxAdminServices,
  selection: ReplaySelection,
  now: string,
): Promise<number> {
  const ids = selection.ids ?? [];
  if (ids.length === 0 && !selection.deadLettered) return 0;
  return services.store.transaction(async (trx) => {
    let query = trx
      .selectFrom('ol_delivery')
      .innerJoin('ol_connector', 'ol_connector.ol_connectorid', 'ol_delivery.ol_connectorid')
      .select([
        'ol_delivery.ol_deliveryid',
        'ol_delivery.ol_orderid',
        'ol_delivery.ol_outboxeventid',
        'ol_delivery.ol_eventtype',
        'ol_connector.ol_name',
      ]);
    query = query.where((eb) => {
      const conditions = [];
      if (ids.length > 0) {
        conditions.push(eb('ol_delivery.ol_deliveryid', 'in', ids));
        conditions.push(eb('ol_delivery.ol_outboxeventid', 'in', ids));
      }
      if (selection.deadLettered) conditions.push(eb('ol_delivery.ol_status', '=', DELIVERY_STATUS.deadLettered));
      return eb.or(conditions);
    });
    const chosen = await query.execute();
    if (chosen.length === 0) return 0;
    const at = Date.now();
    await trx
      .updateTable('ol_delivery')
      .set({
        ol_status: DELIVERY_STATUS.pending,
        ol_nextattemptat: at,
        ol_createdat: at,
        ol_leaseuntil: null,
        ol_leaseowner: null,
        versionnumber: await services.store.nextVersion(trx),
      })
      .where(
        'ol_deliveryid',
        'in',
        chosen.map((row) => String(row.ol_deliveryid)),
      )
      .execute();
    // The operator's replay as a system unit of work, its entries stamped with the time of the replay.
    await addTimelineEntries(
      new UnitOfWork(trx, { ...services, clock: { now: () => now } }),
      services.metadata,
      chosen.map((row) => ({
        orderId: String(row.ol_orderid),
        kind: TIMELINE_KIND.replayed,
        summary: `${String(row.ol_eventtype)} replayed to ${String(row.ol_name)} by an operator`,
        eventId: String(row.ol_outboxeventid),
      })),
      null,
    );
    return chosen.length;
  });
}

/**
 * Deletes deliveries finished before `olderThanMs` (delivered, and dead-lettered when asked), then the
 * events left with no delivery. Pending deliveries are never purged.
 */
export async function purgeDeliveries(
  services: OutboxAdminServices,
  options: { olderThanMs: number; includeDeadLettered?: boolean },
): Promise<{ deliveries: number; events: number }> {
  const statuses: number[] = [DELIVERY_STATUS.delivered];
  if (options.includeDeadLettered) statuses.push(DELIVERY_STATUS.deadLettered);
  return services.store.transaction(async (trx) => {
    const deleted = await trx
      .deleteFrom('ol_delivery')
      .where('ol_status', 'in', statuses)
      .where('ol_createdat', '<', options.olderThanMs)
      .executeTakeFirst();
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
      .where('createdon', '<', new Date(options.olderThanMs).toISOString().replace(/\.\d{3}Z$/, 'Z'))
      .executeTakeFirst();
    return { deliveries: Number(deleted.numDeletedRows), events: Number(events.numDeletedRows) };
  });
}
