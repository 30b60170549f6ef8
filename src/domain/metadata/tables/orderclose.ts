import { defineTable } from '../define-table.js';
import { closeActivityColumns, closeActivityStates } from './close-activity-columns.js';

/** Order Close: the activity recorded when an order is fulfilled or canceled. */
export const orderclose = defineTable({
  logicalName: 'orderclose',
  entitySetName: 'ordercloses',
  schemaName: 'OrderClose',
  displayName: 'Order Close',
  displayCollectionName: 'Order Close Activities',
  primaryId: 'activityid',
  primaryName: 'subject',
  ownership: 'user',
  privilegeGroup: 'sales',
  parentLookup: 'salesorderid',
  states: closeActivityStates,
  columns: [
    ...closeActivityColumns({
      column: 'salesorderid',
      table: 'salesorder',
      label: 'Order',
      relationship: 'SalesOrder_OrderClose',
    }),
  ],
});
