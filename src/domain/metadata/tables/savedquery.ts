import { boolean } from '../columns.js';
import { defineTable } from '../define-table.js';
import { viewColumns, viewStates } from './view-columns.js';

/**
 * A system view (Dataverse's savedquery): a named FetchXML query over one table with its grid layout,
 * shared by the whole organization. Every signed-in role reads them; System Customizers and System
 * Administrators write them (the `views` privilege group). Sales's own views are provisioned at start
 * (src/provisioning/system-views.ts) and run with `GET <set>?savedQuery=<id>`.
 */
export const savedquery = defineTable({
  logicalName: 'savedquery',
  entitySetName: 'savedqueries',
  schemaName: 'SavedQuery',
  displayName: 'View',
  displayCollectionName: 'Views',
  primaryName: 'name',
  ownership: 'organization',
  privilegeGroup: 'views',
  states: viewStates,
  columns: [
    viewColumns,
    boolean('isdefault', 'Default View', { default: false }),
    boolean('isquickfindquery', 'Quick Find Query', { default: false }),
  ],
  indexes: [['returnedtypecode']],
});
