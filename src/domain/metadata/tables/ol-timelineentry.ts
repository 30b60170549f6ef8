import { bigint, integer, lookup, picklist, readOnly, string, uniqueidentifier } from '../columns.js';
import { defineTable } from '../define-table.js';
import { PROCESSING_STATUS_LABELS } from './back-office-columns.js';

export const TIMELINE_KIND = {
  submitted: 1,
  changeQueued: 2,
  attemptFailed: 3,
  delivered: 4,
  deadLettered: 5,
  acknowledged: 6,
  inboundUpdate: 7,
  inboundIgnored: 8,
  invoiceReceived: 9,
  replayed: 10,
  connectorDisabled: 11,
  statusReported: 12,
  lineShipped: 13,
} as const;

/**
 * One entry of an order's integration timeline (PRODUCT.md C5): the hand-over, each delivery attempt
 * with its answer and latency, the acknowledgement, each inbound update, each processing status and
 * each line shipped the back office reports. Written by the server only;
 * readable by whoever may read the order (it follows its order like a line).
 */
export const ol_timelineentry = defineTable({
  logicalName: 'ol_timelineentry',
  entitySetName: 'ol_timelineentries',
  schemaName: 'ol_TimelineEntry',
  displayName: 'Integration Timeline Entry',
  displayCollectionName: 'Integration Timeline',
  primaryName: 'ol_summary',
  ownership: 'user',
  privilegeGroup: 'sales',
  parentLookup: 'ol_salesorderid',
  indexes: [['ol_salesorderid', 'createdon']],
  columns: [
    lookup('ol_salesorderid', 'Order', 'salesorder', {
      ...readOnly,
      relationship: { name: 'ol_salesorder_timelineentries', onDelete: 'cascade' },
    }),
    picklist(
      'ol_kind',
      'Kind',
      {
        1: 'Submitted',
        2: 'Change queued',
        3: 'Delivery attempt failed',
        4: 'Delivered',
        5: 'Dead-lettered',
        6: 'Acknowledged',
        7: 'Inbound update',
        8: 'Inbound update ignored',
        9: 'Invoice received',
        10: 'Replayed',
        11: 'Connector disabled',
        12: 'Processing status reported',
        13: 'Line shipped',
      },
      readOnly,
    ),
    // The processing status a "Processing status reported" entry records, so readers need not parse text.
    picklist('ol_processingstatus', 'Processing Status', PROCESSING_STATUS_LABELS, readOnly),
    string('ol_summary', 'Summary', 2000, readOnly),
    uniqueidentifier('ol_outboxeventid', 'Event', readOnly),
    uniqueidentifier('ol_connectorid', 'Connector', readOnly),
    integer('ol_httpstatus', 'HTTP Status', { min: 0, max: 999 }, readOnly),
    integer('ol_latencyms', 'Latency (ms)', { min: 0, max: 2_147_483_647 }, readOnly),
    integer('ol_attempt', 'Attempt', { min: 0, max: 1_000_000 }, readOnly),
    bigint('ol_sequence', 'Sequence'),
  ],
});
