/**
 * The physical columns behind a table's metadata. They match the logical names one to one, except that
 * a polymorphic Customer lookup also keeps the table it points at (`customeridtype`, as Dataverse names
 * that attribute).
 */
import type { ColumnMetadata, TableMetadata } from '../domain/metadata/table-metadata.js';

export function lookupTypeColumn(column: ColumnMetadata): string | undefined {
  return column.type === 'customer' ? `${column.name}type` : undefined;
}

export function storageColumnNames(table: TableMetadata): string[] {
  const names: string[] = [];
  for (const column of table.columns) {
    names.push(column.name);
    const typeColumn = lookupTypeColumn(column);
    if (typeColumn) names.push(typeColumn);
  }
  return names;
}
