/**
 * Turns stored rows into response entities: selected columns, formatted values and lookup annotations
 * as the `Prefer` header asks, and the primary names of referenced rows (fetched once per table for a
 * whole page, never once per row).
 */
import { isLookup } from '../domain/metadata/metadata-registry.js';
import type { TableMetadata } from '../domain/metadata/table-metadata.js';
import type { Row } from '../domain/record.js';
import { FORMATTED, LOOKUP_LOGICAL_NAME, serializeEntity } from '../odata/entity/entity-serializer.js';
import type { Writable } from '../odata/json/json-writer.js';
import { primaryNames } from '../storage/primary-names.js';
import { entityFormat } from './entity-format.js';
import { wantsAnnotation } from './prefer.js';
import type { ReadContext } from './read-context.js';

async function lookupNames(
  context: ReadContext,
  table: TableMetadata,
  rows: readonly Row[],
): Promise<Map<string, string>> {
  const wanted = new Map<string, Set<string>>();
  for (const column of table.columns) {
    if (!isLookup(column)) continue;
    for (const row of rows) {
      const value = row[column.name];
      if (typeof value !== 'string') continue;
      const targetName =
        column.type === 'customer'
          ? String(row[`${column.name}type`] ?? column.targets[0]!.table)
          : column.targets[0]!.table;
      let ids = wanted.get(targetName);
      if (!ids) {
        ids = new Set();
        wanted.set(targetName, ids);
      }
      ids.add(value);
    }
  }
  const names = new Map<string, string>();
  for (const [targetName, ids] of wanted) {
    const target = context.metadata.table(targetName);
    if (!target) continue;
    for (const [id, name] of await primaryNames(context.executor, target, [...ids])) names.set(id, name);
  }
  return names;
}

export async function presentRows(
  context: ReadContext,
  table: TableMetadata,
  rows: readonly Row[],
  columns: ReadonlySet<string> | undefined,
): Promise<Record<string, Writable>[]> {
  const formattedValues = wantsAnnotation(context.preferences, FORMATTED);
  const lookupAnnotations = wantsAnnotation(context.preferences, LOOKUP_LOGICAL_NAME);
  const names = formattedValues ? await lookupNames(context, table, rows) : undefined;
  const organization = formattedValues
    ? await context.services.referenceData.organization(context.executor)
    : undefined;
  const presented: Record<string, Writable>[] = [];
  for (const row of rows) {
    const format = organization ? await entityFormat(context, table, row, organization) : undefined;
    presented.push(
      serializeEntity(table, row, {
        ...(columns ? { columns } : {}),
        formattedValues,
        lookupAnnotations,
        ...(names ? { lookupNames: names } : {}),
        ...(format ? { format } : {}),
      }),
    );
  }
  return presented;
}
