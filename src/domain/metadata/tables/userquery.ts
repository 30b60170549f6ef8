import { defineTable } from '../define-table.js';
import { viewColumns, viewStates } from './view-columns.js';

/**
 * A personal view (Dataverse's userquery, "Saved View"): a FetchXML query a user saved for themselves.
 * It is owned by its user, who reads and writes it; managers and administrators reach every user's, as
 * for sales records (the `personalviews` privilege group). Run with `GET <set>?userQuery=<id>`.
 */
export const userquery = defineTable({
  logicalName: 'userquery',
  entitySetName: 'userqueries',
  schemaName: 'UserQuery',
  displayName: 'Saved View',
  displayCollectionName: 'Saved Views',
  primaryName: 'name',
  ownership: 'user',
  privilegeGroup: 'personalviews',
  states: viewStates,
  columns: viewColumns,
  indexes: [['returnedtypecode']],
});
