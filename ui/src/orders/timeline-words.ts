/**
 * A timeline entry as a salesperson reads it: what happened to the order, not the event that carried
 * it. The server's technical summary stays one click away.
 */
import { PROCESSING_STATUS } from '../../../src/domain/metadata/tables/back-office-columns';
import { TIMELINE_KIND } from '../../../src/domain/metadata/tables/ol-timelineentry';

const TITLES: Readonly<Record<number, string>> = {
  [TIMELINE_KIND.submitted]: 'Submitted to the back office',
  [TIMELINE_KIND.changeQueued]: 'Change on its way to the back office',
  [TIMELINE_KIND.attemptFailed]: 'The back office could not be reached; trying again',
  [TIMELINE_KIND.delivered]: 'Received by the back office',
  [TIMELINE_KIND.deadLettered]: 'Could not be delivered: an administrator must send it again',
  [TIMELINE_KIND.acknowledged]: 'Acknowledged by the back office',
  [TIMELINE_KIND.inboundUpdate]: 'Updated by the back office',
  [TIMELINE_KIND.inboundIgnored]: 'An outdated update from the back office was ignored',
  [TIMELINE_KIND.invoiceReceived]: 'Invoiced',
  [TIMELINE_KIND.replayed]: 'Sent again by an administrator',
  [TIMELINE_KIND.connectorDisabled]: 'The back office asked to stop receiving orders',
  [TIMELINE_KIND.statusReported]: 'The back office reported a new status',
  [TIMELINE_KIND.lineShipped]: 'Shipped',
};

/** Each processing status the back office reports (the entry's own column), as a salesperson says it. */
const STATUS_WORDS: Readonly<Record<number, string>> = {
  [PROCESSING_STATUS.active]: 'Back in progress at the back office',
  [PROCESSING_STATUS.confirmed]: 'Confirmed',
  [PROCESSING_STATUS.picked]: 'Picked',
  [PROCESSING_STATUS.partiallyDelivered]: 'Partly delivered',
  [PROCESSING_STATUS.delivered]: 'Delivered',
  [PROCESSING_STATUS.partiallyInvoiced]: 'Partly invoiced',
  [PROCESSING_STATUS.invoiced]: 'Invoiced',
  [PROCESSING_STATUS.cancelled]: 'Cancelled by the back office',
};

/**
 * The sentence for one entry; the back office's own numbers are kept when the summary names them, and a
 * reported status is read from the entry's `ol_processingstatus`.
 */
export function timelineTitle(kind: number | undefined, summary: string, processingStatus?: number): string {
  if (kind === TIMELINE_KIND.statusReported && processingStatus !== undefined && STATUS_WORDS[processingStatus]) {
    return STATUS_WORDS[processingStatus];
  }
  if (kind === TIMELINE_KIND.lineShipped && /^Shipped \S/.test(summary)) return summary;
  if (kind === TIMELINE_KIND.acknowledged) {
    const number = /as (\S+?)(?: \(|$)/.exec(summary)?.[1];
    if (number) return `Acknowledged as ${number}`;
  }
  if (kind === TIMELINE_KIND.invoiceReceived) {
    const invoice = /^Invoice (\S+) received/.exec(summary)?.[1];
    if (invoice) return `Invoiced as ${invoice}`;
  }
  return (kind !== undefined && TITLES[kind]) || 'Back-office activity';
}

/** Times to the second, in the user's locale. */
export function timelineTime(value: unknown): string {
  // The client library may hand dates over parsed, or as the server's ISO text.
  const time = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : undefined;
  if (!time || Number.isNaN(time.getTime())) return typeof value === 'string' ? value : '';
  return time.toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' });
}
