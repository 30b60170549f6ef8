/**
 * `Above`, `AboveOrEqual`, `Under`, `UnderOrEqual` and `NotUnder`: rows placed relative to one row in
 * the table's hierarchy (Learn, "Query hierarchical data"). A table has a hierarchy when it has a
 * lookup to itself (account's `parentaccountid`, business unit's `parentbusinessunitid`), as Dataverse
 * allows one hierarchical relationship per table. The walk is a recursive common table expression that
 * only steps through rows the reader may read: a hierarchy does not reveal rows hidden from them, and
 * a chain broken by an unreadable row ends there. `union` (not `union all`) ends the walk on a loop.
 */
import { sql } from 'kysely';
import { querySyntax } from '../../domain/errors.js';
import { isLookup } from '../../domain/metadata/metadata-registry.js';
import type { ColumnMetadata, TableMetadata } from '../../domain/metadata/table-metadata.js';
import type { FieldValue } from '../../domain/record.js';
import { bindValue, type Condition, columnRef } from './column-conditions.js';
import type { FilterCompiler, Scope } from './filter-to-sql.js';
import { readableRows } from './readable-rows.js';

export const HIERARCHY_FUNCTIONS = ['Above', 'AboveOrEqual', 'Under', 'UnderOrEqual', 'NotUnder'] as const;
export type HierarchyFunction = (typeof HIERARCHY_FUNCTIONS)[number];

/** The lookup from a row to its parent, or undefined when the table has no hierarchy. */
export function hierarchyParent(table: TableMetadata): ColumnMetadata | undefined {
  return table.columns.find(
    (column) =>
      isLookup(column) &&
      column.targets.length === 1 &&
      column.targets[0]!.table === table.logicalName &&
      column.name !== table.primaryId,
  );
}

/**
 * The ids reachable from `start` (included) by following the parent lookup down (children) or up
 * (parents), through readable rows only.
 */
function reachable(
  compiler: FilterCompiler,
  table: TableMetadata,
  parent: ColumnMetadata,
  start: FieldValue,
  direction: 'down' | 'up',
): Condition {
  const walkName = compiler.nextAlias();
  const walk = sql.raw(walkName);
  const first: Scope = { table, alias: compiler.nextAlias() };
  const next: Scope = { table, alias: compiler.nextAlias() };
  const id = table.primaryId;
  const idColumn = table.columns.find((column) => column.name === id)!;
  const step =
    direction === 'down'
      ? sql`${columnRef(next, parent.name)} = ${sql.ref(`${walkName}.id`)}`
      : sql`${columnRef(next, id)} = ${sql.ref(`${walkName}.parent`)}`;
  return sql`with recursive ${walk}(id, parent) as (
    select ${columnRef(first, id)}, ${columnRef(first, parent.name)} from ${sql.table(table.logicalName)} as ${sql.raw(first.alias)}
      where ${columnRef(first, id)} = ${bindValue(compiler, idColumn, start)} and ${readableRows(compiler.readScope, first)}
    union
    select ${columnRef(next, id)}, ${columnRef(next, parent.name)} from ${sql.table(table.logicalName)} as ${sql.raw(next.alias)}
      join ${walk} on ${step}
      where ${readableRows(compiler.readScope, next)}
  ) select id from ${walk}`;
}

export function hierarchyCondition(
  compiler: FilterCompiler,
  scope: Scope,
  column: ColumnMetadata,
  name: HierarchyFunction,
  value: FieldValue,
): Condition {
  const { table } = scope;
  const parent = hierarchyParent(table);
  if (!parent) {
    throw querySyntax(
      `Microsoft.Dynamics.CRM.${name} needs a hierarchical relationship; ${table.logicalName} has none.`,
    );
  }
  if (column.name !== table.primaryId) {
    throw querySyntax(
      `Microsoft.Dynamics.CRM.${name} compares the row's primary key: use PropertyName='${table.primaryId}'.`,
    );
  }
  if (typeof value !== 'string')
    throw querySyntax(`Microsoft.Dynamics.CRM.${name} needs the id of a ${table.logicalName}.`);
  const ref = columnRef(scope, column.name);
  const self = bindValue(compiler, column, value);
  switch (name) {
    case 'Above':
      return sql`(${ref} in (${reachable(compiler, table, parent, value, 'up')}) and ${ref} <> ${self})`;
    case 'AboveOrEqual':
      return sql`${ref} in (${reachable(compiler, table, parent, value, 'up')})`;
    case 'Under':
      return sql`(${ref} in (${reachable(compiler, table, parent, value, 'down')}) and ${ref} <> ${self})`;
    case 'UnderOrEqual':
      return sql`${ref} in (${reachable(compiler, table, parent, value, 'down')})`;
    case 'NotUnder':
      // "Not below" the row: the row itself is not below itself, so it is included.
      return sql`not (${ref} in (${reachable(compiler, table, parent, value, 'down')}) and ${ref} <> ${self})`;
  }
}
