import { bigint, datetime, integer, memo, picklist, readOnly, string, uniqueidentifier } from '../columns.js';
import { defineTable } from '../define-table.js';

export const DELIVERY_STATUS = { pending: 1, delivered: 2, deadLettered: 3 } as const;

/**
 * The delivery of one outbox event to one connector: its state, its attempts, and the lease a
 * dispatcher holds on it while delivering. Instants the dispatcher compares are milliseconds since the
 * epoch (`…at`). Read-only through the API; `orderline outbox` replays and purges.
 */
export const ol_delivery = defineTable({
  logicalName: 'ol_delivery',
  entitySetName: 'ol_deliveries',
  schemaName: 'ol_Delivery',
  displayName: 'Outbox Delivery',
  displayCollectionName: 'Outbox Deliveries',
  primaryName: 'ol_eventtype',
  ownership: 'organization',
  privilegeGroup: 'security',
  // The claim query: per connector, the pending heads of each order's queue, due first.
  indexes: [
    ['ol_connectorid', 'ol_status', 'ol_orderid', 'ol_sequence'],
    ['ol_status', 'ol_nextattemptat', 'ol_sequence'],
    ['ol_outboxeventid'],
  ],
  columns: [
    uniqueidentifier('ol_outboxeventid', 'Event', readOnly),
    uniqueidentifier('ol_connectorid', 'Connector', readOnly),
    uniqueidentifier('ol_orderid', 'Order', readOnly),
    bigint('ol_sequence', 'Sequence'),
    string('ol_eventtype', 'Event Type', 64, readOnly),
    picklist('ol_status', 'Delivery Status', { 1: 'Pending', 2: 'Delivered', 3: 'Dead-lettered' }, readOnly),
    integer('ol_attempts', 'Attempts', { min: 0, max: 1_000_000 }, readOnly),
    bigint('ol_createdat', 'Created At (ms)'),
    bigint('ol_nextattemptat', 'Next Attempt At (ms)'),
    bigint('ol_leaseuntil', 'Lease Until (ms)'),
    string('ol_leaseowner', 'Lease Owner', 100, readOnly),
    integer('ol_laststatus', 'Last HTTP Status', { min: 0, max: 999 }, readOnly),
    memo('ol_lasterror', 'Last Error', 2000, readOnly),
    datetime('ol_deliveredon', 'Delivered On', readOnly),
  ],
});
