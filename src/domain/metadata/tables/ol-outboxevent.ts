import { bigint, integer, memo, readOnly, string, uniqueidentifier } from '../columns.js';
import { defineTable } from '../define-table.js';

/**
 * An outbox event (PRODUCT.md C5): one change to an order handed to the back office, written in the
 * same transaction as the change. The id is stable across retries and replays (receivers dedupe on
 * it); `ol_sequence` orders the events of one order. Read-only through the API.
 */
export const ol_outboxevent = defineTable({
  logicalName: 'ol_outboxevent',
  entitySetName: 'ol_outboxevents',
  schemaName: 'ol_OutboxEvent',
  displayName: 'Outbox Event',
  displayCollectionName: 'Outbox Events',
  primaryName: 'ol_eventtype',
  ownership: 'organization',
  privilegeGroup: 'security',
  indexes: [['ol_orderid', 'ol_sequence']],
  columns: [
    bigint('ol_sequence', 'Sequence'),
    string('ol_eventtype', 'Event Type', 64, readOnly),
    uniqueidentifier('ol_orderid', 'Order', readOnly),
    string('ol_recordtype', 'Record Type', 64, readOnly),
    uniqueidentifier('ol_recordid', 'Record', readOnly),
    bigint('ol_recordversion', 'Record Version'),
    memo('ol_document', 'Document', 64 * 1024 * 1024, readOnly),
    integer('ol_deliveries', 'Deliveries', { min: 0, max: 1_000_000 }, readOnly),
  ],
});
