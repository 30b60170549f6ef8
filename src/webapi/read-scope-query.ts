/** The caller's read privilege on a table as a restriction of the row query, so SQL drops what it may not see. */
import type { TableMetadata } from '../domain/metadata/table-metadata.js';
import { readScope } from '../security/authorization.js';
import type { RowQuery } from '../storage/query/select-rows.js';
import type { ReadContext } from './read-context.js';

export function scopeOf(context: ReadContext, table: TableMetadata): Pick<RowQuery, 'scope'> {
  const scope = readScope(context.caller, table);
  if (scope.kind === 'all') return {};
  if (scope.kind === 'none') return { scope: { column: table.primaryId, values: [] } };
  return { scope: { column: scope.column, values: scope.values } };
}
