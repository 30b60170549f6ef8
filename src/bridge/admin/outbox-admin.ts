/**
 * What operators do with the outbox (`orderline outbox list|replay|purge`): see what is waiting or
 * dead, send chosen deliveries again with a fresh retry period, and drop what was delivered long ago.
 * Replays go through the same dispatcher and keep the event id, so a deduping receiver is safe.
 */
import type { MetadataRegistry } from '../../domain/metadata/metadata-registry.js';
import { DELIVERY_STATUS } from '../../domain/metadata/tables/ol-delivery.js';
import { UnitOfWork } from '../../pipeline/unit-of-work.js';
import type { RecordRepository } from '../../storage/record-repository.js';
import {
  deleteDeliveriesBefore,
  deleteEventsWithoutDeliveries,
  listDeliveryRows,
} from '../../storage/repositories/outbox-admin-store.js';
import { waitingEvents } from '../../storage/repositories/waiting-events-store.js';
import type { Store } from '../../storage/store.js';
import { type ReplaySelection, replayInUnitOfWork } from './replay-deliveries.js';

export type DeliveryStatusName = 'pending' | 'delivered' | 'dead-lettered';

/** What `outbox list` shows for an event no connector has been given yet (src/bridge/waiting-events.ts). */
export const WAITING_FOR_CONNECTOR = 'waiting for a connector';

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
  readonly status: DeliveryStatusName | typeof WAITING_FOR_CONNECTOR;
  readonly attempts: number;
  readonly lastStatus: number | null;
  readonly lastError: string | null;
  readonly nextAttemptAt: string | null;
  /** For an event waiting for a connector: when it was written. */
  readonly waitingSince?: string;
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
  const rows = await listDeliveryRows(services.store.db, {
    ...(filter.status ? { status: STATUS_CODES[filter.status] } : {}),
    ...(filter.orderId ? { orderId: filter.orderId } : {}),
    limit: filter.limit ?? 100,
  });
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

/**
 * Events written while no connector existed, as listing rows (no delivery id, no connector): they
 * go to the first connector added. Oldest first, optionally of one order.
 */
export async function listWaitingEvents(
  services: OutboxAdminServices,
  filter: Omit<ListFilter, 'status'> = {},
): Promise<DeliveryListing[]> {
  const events = services.metadata.table('ol_outboxevent')!;
  const rows = await waitingEvents(services.store.db, {
    ...(filter.orderId ? { orderId: filter.orderId } : {}),
    limit: filter.limit ?? 100,
  });
  return rows.map((row) => ({
    deliveryId: '',
    eventId: row.ol_outboxeventid,
    eventType: row.ol_eventtype,
    orderId: row.ol_orderid,
    sequence: row.ol_sequence,
    connector: '(none yet)',
    status: WAITING_FOR_CONNECTOR,
    attempts: 0,
    lastStatus: null,
    lastError: null,
    nextAttemptAt: null,
    waitingSince: String(services.records.decodeRow(events, { createdon: row.createdon }).createdon),
  }));
}

export type { ReplaySelection } from './replay-deliveries.js';

/**
 * `orderline outbox replay`: the chosen deliveries back in the queue, due now, with a new retry period
 * (src/bridge/admin/replay-deliveries.ts), in a transaction of its own; returns how many.
 */
export async function replayDeliveries(
  services: OutboxAdminServices,
  selection: ReplaySelection,
  now: string,
): Promise<number> {
  if ((selection.ids ?? []).length === 0 && !selection.deadLettered) return 0;
  return services.store.transaction(async (trx) => {
    // The operator's replay as a system unit of work, its entries stamped with the time of the replay.
    const unitOfWork = new UnitOfWork(trx, { ...services, clock: { now: () => now } });
    const replayed = await replayInUnitOfWork(unitOfWork, services, selection, {
      userId: null,
      description: 'an operator',
    });
    return replayed.length;
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
    const deliveries = await deleteDeliveriesBefore(trx, statuses, options.olderThanMs);
    const events = await deleteEventsWithoutDeliveries(
      trx,
      new Date(options.olderThanMs).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    );
    return { deliveries, events };
  });
}
