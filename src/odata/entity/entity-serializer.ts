/**
 * Writes a row as Dataverse does: `@odata.etag`, every selected column, lookups as `_<name>_value`, and
 * (when the client asks) formatted values and lookup annotations. Money and decimals are written as
 * exact JSON numbers, dates in UTC without milliseconds.
 */
import { Decimal, formatDecimal } from '../../domain/decimal.js';
import { isLookup } from '../../domain/metadata/metadata-registry.js';
import { type ColumnMetadata, isWriteOnly, type TableMetadata } from '../../domain/metadata/table-metadata.js';
import type { FieldValue, Row } from '../../domain/record.js';
import { RawJson } from '../json/json-number.js';
import type { Writable } from '../json/json-writer.js';
import { type FormatContext, formattedValue } from './formatted-values.js';

export const FORMATTED = 'OData.Community.Display.V1.FormattedValue';
export const LOOKUP_LOGICAL_NAME = 'Microsoft.Dynamics.CRM.lookuplogicalname';
export const ASSOCIATED_NAVIGATION = 'Microsoft.Dynamics.CRM.associatednavigationproperty';

export interface SerializeOptions {
  /** Columns to write; all when absent. Lookups are named by their column (`customerid`). */
  readonly columns?: ReadonlySet<string>;
  readonly formattedValues: boolean;
  readonly lookupAnnotations: boolean;
  /** Primary names of referenced rows, by id, for lookup formatted values. */
  readonly lookupNames?: ReadonlyMap<string, string>;
  readonly format?: FormatContext;
}

export function etagOf(row: Row): string {
  return `W/"${String(row.versionnumber)}"`;
}

function jsonValue(column: ColumnMetadata, value: FieldValue): Writable {
  if (value === null) return null;
  if (value instanceof Decimal) return new RawJson(formatDecimal(value));
  if (column.type === 'bigint') return new RawJson(String(value));
  return value;
}

/** The target table of a lookup value: the stored type column for Customer lookups. */
function lookupTarget(
  column: ColumnMetadata & { targets: readonly { table: string; navigation: string }[] },
  row: Row,
) {
  if (column.type === 'customer') {
    const type = row[`${column.name}type`];
    return column.targets.find((target) => target.table === type) ?? column.targets[0]!;
  }
  return column.targets[0]!;
}

export function serializeEntity(table: TableMetadata, row: Row, options: SerializeOptions): Record<string, Writable> {
  const entity: Record<string, Writable> = { '@odata.etag': etagOf(row) };
  for (const column of table.columns) {
    if (options.columns && !options.columns.has(column.name)) continue;
    if (!(column.name in row)) continue;
    // Secrets are accepted on writes and never shown (PRODUCT.md C6).
    const value = isWriteOnly(column) ? null : (row[column.name] ?? null);
    if (isLookup(column)) {
      const property = `_${column.name}_value`;
      entity[property] = value as string | null;
      if (value !== null) {
        const target = lookupTarget(column, row);
        if (options.formattedValues) {
          const name = options.lookupNames?.get(value as string);
          if (name !== undefined) entity[`${property}@${FORMATTED}`] = name;
        }
        if (options.lookupAnnotations) {
          entity[`${property}@${ASSOCIATED_NAVIGATION}`] = target.navigation;
          entity[`${property}@${LOOKUP_LOGICAL_NAME}`] = target.table;
        }
      }
      continue;
    }
    entity[column.name] = jsonValue(column, value);
    if (options.formattedValues && value !== null) {
      const text = formattedValue(table, column, value, options.format ?? {});
      if (text !== undefined) entity[`${column.name}@${FORMATTED}`] = text;
    }
  }
  return entity;
}
