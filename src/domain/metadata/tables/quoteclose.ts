import { defineTable } from '../define-table.js';
import { closeActivityColumns, closeActivityStates } from './close-activity-columns.js';

/** Quote Close: the activity recorded when a quote is won or closed (WinQuote, CloseQuote). */
export const quoteclose = defineTable({
  logicalName: 'quoteclose',
  entitySetName: 'quotecloses',
  schemaName: 'QuoteClose',
  displayName: 'Quote Close',
  displayCollectionName: 'Quote Close Activities',
  primaryId: 'activityid',
  primaryName: 'subject',
  ownership: 'user',
  privilegeGroup: 'sales',
  parentLookup: 'quoteid',
  states: closeActivityStates,
  columns: [
    ...closeActivityColumns({ column: 'quoteid', table: 'quote', label: 'Quote', relationship: 'Quote_QuoteClose' }),
  ],
});
