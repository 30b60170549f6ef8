/**
 * `$expand` of single- and collection-valued navigation properties, with nested options, for the rows
 * of a page: a query or two per navigation property and level, never one per row.
 */
import { querySyntax } from '../domain/errors.js';
import { intersectColumns, type NavigationProperty } from '../domain/metadata/metadata-registry.js';
import type { TableMetadata } from '../domain/metadata/table-metadata.js';
import type { Row } from '../domain/record.js';
import type { Writable } from '../odata/json/json-writer.js';
import type { ExpandItem, QueryOptions } from '../odata/query/query-options.js';
import { linksOf } from '../storage/association-links.js';
import { selectRows } from '../storage/query/select-rows.js';
import { MAX_PAGE_SIZE } from './paging.js';
import type { ReadContext } from './read-context.js';
import { presentRows } from './row-presenter.js';
import { selectedColumns } from './select-columns.js';

/** Entities with their expansions, ready to write. */
export async function materialize(
  context: ReadContext,
  table: TableMetadata,
  rows: readonly Row[],
  options: QueryOptions,
): Promise<Record<string, Writable>[]> {
  const entities = await presentRows(context, table, rows, selectedColumns(table, options.select));
  for (const item of options.expand ?? []) await expand(context, table, rows, entities, item);
  return entities;
}

async function expand(
  context: ReadContext,
  table: TableMetadata,
  rows: readonly Row[],
  entities: Record<string, Writable>[],
  item: ExpandItem,
): Promise<void> {
  const navigation = context.metadata.navigation(table, item.navigation);
  if (!navigation) {
    throw querySyntax(
      `Could not find a navigation property named '${item.navigation}' on type 'Microsoft.Dynamics.CRM.${table.logicalName}'.`,
    );
  }
  // The related rows are read with the compiler's read scope: one the caller may not read is null or absent.
  const values =
    navigation.kind === 'single'
      ? await expandedSingles(context, navigation, rows, item)
      : await expandedCollections(
          context,
          navigation,
          rows.map((row) => row[table.primaryId] as string),
          item,
        );
  values.forEach((value, index) => {
    entities[index]![item.navigation] = value;
  });
}

/** For each row, the row its single-valued navigation property points at, or null. */
async function expandedSingles(
  context: ReadContext,
  navigation: Extract<NavigationProperty, { kind: 'single' }>,
  rows: readonly Row[],
  item: ExpandItem,
): Promise<(Record<string, Writable> | null)[]> {
  if (item.options.filter || item.options.orderby || item.options.top !== undefined) {
    throw querySyntax(
      `Only $select and $expand can be nested in the single-valued navigation property '${item.navigation}'.`,
    );
  }
  const target = navigation.target;
  const ids = [
    ...new Set(rows.map((row) => row[navigation.column.name]).filter((id): id is string => typeof id === 'string')),
  ];
  const related =
    ids.length === 0
      ? []
      : await selectRows(context.executor, context.compiler(), context.services.records, {
          table: target,
          where: [{ column: target.primaryId, values: ids }],
          limit: ids.length,
        });
  const presented = await materialize(context, target, related, item.options);
  const byId = new Map(related.map((row, index) => [row[target.primaryId] as string, presented[index]!]));
  return rows.map((row) => {
    const id = row[navigation.column.name];
    return typeof id === 'string' ? (byId.get(id) ?? null) : null;
  });
}

/** For each parent id, its related rows through a collection-valued navigation property, at most `$top`. */
async function expandedCollections(
  context: ReadContext,
  navigation: Exclude<NavigationProperty, { kind: 'single' }>,
  parentIds: readonly string[],
  item: ExpandItem,
): Promise<Record<string, Writable>[][]> {
  const children = await relatedRows(context, navigation, parentIds, item);
  const presented = await materialize(
    context,
    navigation.target,
    children.map((child) => child.row),
    item.options,
  );
  const byParent = new Map<string, Record<string, Writable>[]>();
  children.forEach((child, index) => {
    const list = byParent.get(child.parentId) ?? [];
    if (item.options.top === undefined || list.length < item.options.top) list.push(presented[index]!);
    byParent.set(child.parentId, list);
  });
  return parentIds.map((parentId) => byParent.get(parentId) ?? []);
}

/** Rows related to several parents through a collection-valued navigation, with their parent's id. */
async function relatedRows(
  context: ReadContext,
  navigation: Exclude<NavigationProperty, { kind: 'single' }>,
  parentIds: readonly string[],
  item: ExpandItem,
): Promise<{ parentId: string; row: Row }[]> {
  if (parentIds.length === 0) return [];
  const target = navigation.target;
  const base = {
    table: target,
    ...(item.options.filter ? { filter: item.options.filter } : {}),
    ...(item.options.orderby ? { orderBy: item.options.orderby } : {}),
    limit: MAX_PAGE_SIZE * Math.max(1, parentIds.length),
  };
  if (navigation.kind === 'collection') {
    const rows = await selectRows(context.executor, context.compiler(), context.services.records, {
      ...base,
      where: [{ column: navigation.column.name, values: parentIds }],
    });
    return rows.map((row) => ({ parentId: row[navigation.column.name] as string, row }));
  }
  const { association } = navigation;
  // Seen from the target: its own column is the one the links lead to, the other holds the parents.
  const { own: otherSide, other: ownSide } = intersectColumns(association, target.logicalName);
  const links = await linksOf(context.executor, association, { own: ownSide, other: otherSide }, parentIds);
  const targetIds = [...new Set(links.map((link) => link.otherId))];
  if (targetIds.length === 0) return [];
  const rows = await selectRows(context.executor, context.compiler(), context.services.records, {
    ...base,
    where: [{ column: target.primaryId, values: targetIds }],
  });
  const byId = new Map(rows.map((row) => [row[target.primaryId] as string, row]));
  return links.flatMap((link) => {
    const row = byId.get(link.otherId);
    return row ? [{ parentId: link.ownId, row }] : [];
  });
}
