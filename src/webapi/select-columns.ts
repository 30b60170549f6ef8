/** `$select`: column names (lookups as `_x_value` or by name), checked against metadata. */
import { querySyntax } from '../domain/errors.js';
import { isLookup } from '../domain/metadata/metadata-registry.js';
import type { TableMetadata } from '../domain/metadata/table-metadata.js';

export function selectedColumns(table: TableMetadata, select: readonly string[] | undefined): Set<string> | undefined {
  if (!select || select.length === 0 || select.includes('*')) return undefined;
  const columns = new Set<string>();
  for (const name of select) {
    const lookup = /^_(.+)_value$/.exec(name);
    const column = table.columns.find((candidate) => candidate.name === (lookup ? lookup[1] : name));
    if (!column || (lookup && !isLookup(column))) {
      throw querySyntax(
        `Could not find a property named '${name}' on type 'Microsoft.Dynamics.CRM.${table.logicalName}'.`,
      );
    }
    columns.add(column.name);
  }
  // The key and the row version are always written, as Dataverse does.
  columns.add(table.primaryId);
  return columns;
}

export function contextSelect(select: readonly string[] | undefined): string {
  return select && select.length > 0 ? `(${select.join(',')})` : '';
}
