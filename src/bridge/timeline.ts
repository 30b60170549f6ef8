/**
 * The integration timeline of an order (PRODUCT.md C5): written beside the change or the delivery
 * attempt it records, in the same transaction, and readable through `ol_timelineentries` by whoever may
 * read the order (entries take the order's owner, as lines do).
 */
import { randomUUID } from 'node:crypto';
import type { MetadataRegistry } from '../domain/metadata/metadata-registry.js';
import type { UnitOfWork } from '../pipeline/unit-of-work.js';
import { ownersOfOrders } from '../storage/repositories/order-owners.js';

export interface TimelineEntry {
  readonly orderId: string;
  readonly kind: number;
  readonly summary: string;
  readonly eventId?: string;
  readonly connectorId?: string;
  readonly httpStatus?: number | null;
  readonly latencyMs?: number | null;
  readonly attempt?: number;
  /** The processing status a "Processing status reported" entry records. */
  readonly processingStatus?: number;
}

const MAX_SUMMARY = 2000;

/**
 * Writes entries in two statements whatever their number (besides their versions, which are also the
 * entries' sequence); entries of deleted orders are dropped.
 */
export async function addTimelineEntries(
  unitOfWork: UnitOfWork,
  metadata: MetadataRegistry,
  entries: readonly TimelineEntry[],
  userId: string | null,
): Promise<void> {
  if (entries.length === 0) return;
  const orderIds = [...new Set(entries.map((entry) => entry.orderId))];
  const ownerOf = await ownersOfOrders(unitOfWork.trx, orderIds);
  const kept = entries.filter((entry) => ownerOf.has(entry.orderId));
  const table = metadata.table('ol_timelineentry')!;
  await unitOfWork.systemWrite.insert(
    kept.map((entry) => ({
      table,
      build: (version) => {
        const owner = ownerOf.get(entry.orderId)!;
        return {
          ol_timelineentryid: randomUUID(),
          createdby: userId,
          modifiedby: userId,
          ol_sequence: version,
          ownerid: owner.ownerId,
          owningbusinessunit: owner.owningBusinessUnit,
          ol_salesorderid: entry.orderId,
          ol_kind: entry.kind,
          ol_summary:
            entry.summary.length > MAX_SUMMARY ? `${entry.summary.slice(0, MAX_SUMMARY - 1)}…` : entry.summary,
          ol_outboxeventid: entry.eventId ?? null,
          ol_connectorid: entry.connectorId ?? null,
          ol_httpstatus: entry.httpStatus ?? null,
          ol_latencyms: entry.latencyMs ?? null,
          ol_attempt: entry.attempt ?? null,
          ol_processingstatus: entry.processingStatus ?? null,
        };
      },
    })),
  );
}
