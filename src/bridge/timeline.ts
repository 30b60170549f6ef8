/**
 * The integration timeline of an order (PRODUCT.md C5): written beside the change or the delivery
 * attempt it records, in the same transaction, and readable through `ol_timelineentries` by whoever may
 * read the order (entries take the order's owner, as lines do).
 */
import { randomUUID } from 'node:crypto';
import type { TableMetadata } from '../domain/metadata/table-metadata.js';
import type { Row } from '../domain/record.js';
import type { RecordRepository } from '../storage/record-repository.js';
import type { Executor, Store } from '../storage/store.js';

export interface TimelineEntry {
  readonly orderId: string;
  readonly kind: number;
  readonly summary: string;
  readonly eventId?: string;
  readonly connectorId?: string;
  readonly httpStatus?: number | null;
  readonly latencyMs?: number | null;
  readonly attempt?: number;
}

export interface TimelineServices {
  readonly store: Store;
  readonly records: RecordRepository;
  readonly timelineTable: TableMetadata;
}

const MAX_SUMMARY = 2000;

/** Writes entries in two statements whatever their number; entries of deleted orders are dropped. */
export async function addTimelineEntries(
  services: TimelineServices,
  trx: Executor,
  entries: readonly TimelineEntry[],
  now: string,
  userId: string | null,
): Promise<void> {
  if (entries.length === 0) return;
  const orderIds = [...new Set(entries.map((entry) => entry.orderId))];
  const owners = await trx
    .selectFrom('salesorder')
    .select(['salesorderid', 'ownerid', 'owningbusinessunit'])
    .where('salesorderid', 'in', orderIds)
    .execute();
  const ownerOf = new Map(owners.map((row) => [String(row.salesorderid), row]));
  const kept = entries.filter((entry) => ownerOf.has(entry.orderId));
  if (kept.length === 0) return;
  const versions = await services.store.reserveVersions(trx, kept.length);
  const rows = kept.map((entry, index) => {
    const owner = ownerOf.get(entry.orderId)!;
    const row: Row = {
      ol_timelineentryid: randomUUID(),
      createdon: now,
      modifiedon: now,
      createdby: userId,
      modifiedby: userId,
      versionnumber: versions[index]!,
      ol_sequence: versions[index]!,
      ownerid: String(owner.ownerid),
      owningbusinessunit: owner.owningbusinessunit === null ? null : String(owner.owningbusinessunit),
      ol_salesorderid: entry.orderId,
      ol_kind: entry.kind,
      ol_summary: entry.summary.length > MAX_SUMMARY ? `${entry.summary.slice(0, MAX_SUMMARY - 1)}…` : entry.summary,
      ol_outboxeventid: entry.eventId ?? null,
      ol_connectorid: entry.connectorId ?? null,
      ol_httpstatus: entry.httpStatus ?? null,
      ol_latencyms: entry.latencyMs ?? null,
      ol_attempt: entry.attempt ?? null,
    };
    return services.records.encodeRow(services.timelineTable, row);
  });
  await trx.insertInto('ol_timelineentry').values(rows).execute();
}
