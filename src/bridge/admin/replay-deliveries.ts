/**
 * Replaying deliveries: the one code path behind `orderline outbox replay` and the Web API's
 * `ol_ReplayDeliveries` (issue #14). The chosen deliveries go back in the queue, due now, with a new
 * retry period, and each gets a timeline entry on its order. They keep their event id, so a receiver
 * that dedupes on it processes each event once however often it is replayed. Deliveries of a deleted
 * connector stay where they are: there is nowhere to send them.
 */
import type { MetadataRegistry } from '../../domain/metadata/metadata-registry.js';
import { TIMELINE_KIND } from '../../domain/metadata/tables/ol-timelineentry.js';
import type { UnitOfWork } from '../../pipeline/unit-of-work.js';
import { deliveriesToReplay, requeueDeliveries } from '../../storage/repositories/outbox-admin-store.js';
import type { Store } from '../../storage/store.js';
import { addTimelineEntries } from '../timeline.js';

export interface ReplaySelection {
  /** Delivery ids or event ids. */
  readonly ids?: readonly string[];
  /** Every dead-lettered delivery. */
  readonly deadLettered?: boolean;
  /** Only deliveries to this connector. */
  readonly connectorId?: string;
  /** Only dead-lettered deliveries, even among the ids (the Web API replays dead letters only). */
  readonly deadLetteredOnly?: boolean;
}

/** Who replays, for the timeline: "an operator" on the command line, the user through the Web API. */
export interface Replayer {
  readonly userId: string | null;
  readonly description: string;
}

export interface ReplayServices {
  readonly store: Store;
  readonly metadata: MetadataRegistry;
}

export interface ReplayedDelivery {
  readonly deliveryId: string;
  readonly eventId: string;
  readonly orderId: string;
}

/** Replays the selection in a unit of work the caller holds (its transaction commits both or neither). */
export async function replayInUnitOfWork(
  unitOfWork: UnitOfWork,
  services: ReplayServices,
  selection: ReplaySelection,
  replayer: Replayer,
): Promise<ReplayedDelivery[]> {
  const ids = selection.ids ?? [];
  if (ids.length === 0 && !selection.deadLettered) return [];
  const { trx } = unitOfWork;
  const chosen = await deliveriesToReplay(trx, {
    ids,
    deadLettered: selection.deadLettered === true,
    ...(selection.connectorId ? { connectorId: selection.connectorId } : {}),
    ...(selection.deadLetteredOnly ? { deadLetteredOnly: true } : {}),
  });
  if (chosen.length === 0) return [];
  await requeueDeliveries(
    trx,
    chosen.map((row) => String(row.ol_deliveryid)),
    Date.now(),
    await services.store.nextVersion(trx),
  );
  // Written around the record repository: rows of it this unit of work read are stale now, and the
  // dispatcher in this process hears of the change at commit.
  unitOfWork.records.forgetRows(trx, services.metadata.table('ol_delivery')!);
  unitOfWork.touchedTables.add('ol_delivery');
  await addTimelineEntries(
    unitOfWork,
    services.metadata,
    chosen.map((row) => ({
      orderId: String(row.ol_orderid),
      kind: TIMELINE_KIND.replayed,
      summary: `${String(row.ol_eventtype)} replayed to ${String(row.ol_name)} by ${replayer.description}`,
      eventId: String(row.ol_outboxeventid),
    })),
    replayer.userId,
  );
  return chosen.map((row) => ({
    deliveryId: String(row.ol_deliveryid),
    eventId: String(row.ol_outboxeventid),
    orderId: String(row.ol_orderid),
  }));
}
