/**
 * The columns a system view (savedquery) and a personal view (userquery) share, as Dataverse names them
 * ("View (SavedQuery)" and "Saved View (UserQuery)" table references).
 */
import { integer, memo, string } from '../columns.js';
import { state } from '../define-table.js';
import type { ColumnMetadata } from '../table-metadata.js';

/**
 * Both tables are Active (0, status 1) or Inactive (1, status 2); an inactive view is not run.
 */
export const viewStates = [state(0, 'Active', 1, { 1: 'Active' }), state(1, 'Inactive', 2, { 2: 'Inactive' })] as const;

/**
 * Dataverse's `returnedtypecode` is an EntityName attribute: the Web API reads and filters it as the
 * table's logical name (`returnedtypecode eq 'salesorder'`). Orderline stores that logical name as text,
 * so `$filter`, `$orderby` and `$select` treat it as the string it is on the wire.
 */
export const viewColumns: readonly ColumnMetadata[] = [
  string('name', 'Name', 200, { required: 'system' }),
  memo('description', 'Description', 2000),
  string('returnedtypecode', 'Returned Type Code', 64, { required: 'system', validForUpdate: false }),
  memo('fetchxml', 'FetchXML', 1_048_576, { required: 'system' }),
  memo('layoutxml', 'Grid Layout', 1_048_576),
  // 0 is the main application view (what a view selector lists), as in Dataverse's SavedQueryQueryType.
  integer('querytype', 'Query Type', { min: 0, max: 1_000_000, default: 0 }),
];
