/**
 * Runs a resolved FetchXML query (src/odata/fetchxml/fetch-plan.ts): the entity's table joined to each
 * link-entity's, a page of the rows, or their count. Conditions are compiled by the `$filter` compiler
 * (`compileCondition`), so they behave exactly as `$filter` does. Every joined table is kept to the rows
 * the reader may see in the join itself: an inner join drops a row whose linked row is unreadable, an
 * outer join keeps the row without the linked columns, as Dataverse's security-filtered views do.
 */
import { type RawBuilder, sql } from 'kysely';
import type { Row } from '../../domain/record.js';
import type { FetchPlan, PlanCondition, PlanJoin, PlanScope } from '../../odata/fetchxml/fetch-plan.js';
import { dialectSpecifics } from '../dialects/dialect-specifics.js';
import type { RecordRepository } from '../record-repository.js';
import { lookupTypeColumn, storageColumnNames } from '../storage-columns.js';
import type { Executor } from '../store.js';
import { balanced, type Condition, columnRef } from './column-conditions.js';
import { compileCondition, type FilterCompiler } from './filter-to-sql.js';
import { readableRows } from './readable-rows.js';

/** One result row: the entity's columns, and each link-entity's by its SQL alias (absent when an outer join found none). */
export interface FetchRow {
  readonly root: Row;
  readonly linked: ReadonlyMap<string, Row>;
}

export interface FetchPage {
  readonly limit: number;
  readonly offset: number;
}

/** A selected column and the name it has in the result set (`c0`, `c1`...: short, whatever the column). */
interface Selected {
  readonly scope: PlanScope;
  readonly column: string;
  readonly key: string;
}

/** A FetchXML plan's condition as SQL; aggregate-rows.ts compiles an aggregate FetchXML's with it. */
export function compilePlanCondition(compiler: FilterCompiler, condition: PlanCondition): Condition {
  if (condition.kind === 'leaf') {
    const { scope, leaf } = condition;
    if (leaf.kind === 'expression') return compileCondition(compiler, scope, leaf.expression);
    const like = dialectSpecifics(compiler.dialect).likeIgnoringCase(
      columnRef(scope, leaf.column),
      sql.val(leaf.pattern),
    );
    return leaf.negate ? sql`not (${like})` : like;
  }
  if (condition.items.length === 0) return sql`1 = 1`;
  return balanced(
    condition.items.map((item) => compilePlanCondition(compiler, item)),
    condition.kind,
  );
}

/** A link-entity's join, its table kept to the rows the reader may see; aggregate-rows.ts joins with it too. */
export function joinClause(compiler: FilterCompiler, join: PlanJoin): RawBuilder<unknown> {
  const on: Condition[] = [
    sql`${columnRef(join.scope, join.from)} = ${columnRef(join.parent, join.to)}`,
    readableRows(compiler.readScope, join.scope),
  ];
  if (join.condition) on.push(compilePlanCondition(compiler, join.condition));
  const kind = join.linkType === 'inner' ? sql`inner join` : sql`left join`;
  return sql`${kind} ${sql.table(join.scope.table.logicalName)} as ${sql.raw(join.scope.alias)} on ${sql.join(on, sql` and `)}`;
}

function fromClause(compiler: FilterCompiler, plan: FetchPlan): RawBuilder<unknown> {
  const { root } = plan;
  const joins = plan.joins.map((join) => joinClause(compiler, join));
  const where: Condition[] = [readableRows(compiler.readScope, root)];
  if (plan.where) where.push(compilePlanCondition(compiler, plan.where));
  return sql`from ${sql.table(root.table.logicalName)} as ${sql.raw(root.alias)} ${sql.join(joins, sql` `)} where ${sql.join(where, sql` and `)}`;
}

/** The stored columns a set of returned columns needs: a Customer lookup's type, a money column's currency. */
function storedColumns(scope: PlanScope, columns: readonly string[]): string[] {
  const names = new Set<string>();
  for (const name of columns) {
    names.add(name);
    const column = scope.table.columns.find((candidate) => candidate.name === name);
    const typeColumn = column ? lookupTypeColumn(column) : undefined;
    if (typeColumn) names.add(typeColumn);
    if (column?.type === 'money' && scope.table.columns.some((other) => other.name === 'transactioncurrencyid')) {
      names.add('transactioncurrencyid');
    }
  }
  return [...names];
}

function selection(plan: FetchPlan): Selected[] {
  const selected: Selected[] = [];
  const add = (scope: PlanScope, column: string) => {
    if (selected.some((item) => item.scope === scope && item.column === column)) return;
    selected.push({ scope, column, key: `c${selected.length}` });
  };
  // Without distinct the entity's whole row is read, so etags and formatted values are complete.
  const rootColumns = plan.distinct ? storedColumns(plan.root, plan.columns) : storageColumnNames(plan.root.table);
  for (const column of rootColumns) add(plan.root, column);
  for (const join of plan.joins) {
    for (const column of storedColumns(join.scope, join.columns)) add(join.scope, column);
    // The linked row's key tells a joined row from an outer join that found none.
    if (!plan.distinct) add(join.scope, join.scope.table.primaryId);
  }
  // DISTINCT can only order by what it selects.
  for (const order of plan.orders) add(order.scope, order.column);
  return selected;
}

function orderClause(plan: FetchPlan, selected: readonly Selected[]): RawBuilder<unknown> {
  const keyOf = (scope: PlanScope, column: string) =>
    selected.find((item) => item.scope === scope && item.column === column)!.key;
  const terms: { key: string; descending: boolean }[] = plan.orders.map((order) => ({
    key: keyOf(order.scope, order.column),
    descending: order.descending,
  }));
  // Then a total order, so pages never overlap or skip rows that tie on the requested one: every
  // table's key, or with DISTINCT every selected value.
  if (plan.distinct) for (const item of selected) terms.push({ key: item.key, descending: false });
  else {
    terms.push({ key: keyOf(plan.root, plan.root.table.primaryId), descending: false });
    for (const join of plan.joins)
      terms.push({ key: keyOf(join.scope, join.scope.table.primaryId), descending: false });
  }
  // Nulls first ascending, last descending: SQL Server's (so Dataverse's) order, on both dialects.
  return sql.join(
    terms.map((term) => sql`${sql.ref(term.key)} ${sql.raw(term.descending ? 'desc nulls last' : 'asc nulls first')}`),
  );
}

export async function selectFetchRows(
  trx: Executor,
  compiler: FilterCompiler,
  records: RecordRepository,
  plan: FetchPlan,
  page: FetchPage,
): Promise<FetchRow[]> {
  const selected = selection(plan);
  const columns = sql.join(selected.map((item) => sql`${columnRef(item.scope, item.column)} as ${sql.ref(item.key)}`));
  const distinct = plan.distinct ? sql`distinct ` : sql``;
  const statement = sql<
    Record<string, unknown>
  >`select ${distinct}${columns} ${fromClause(compiler, plan)} order by ${orderClause(plan, selected)} limit ${sql.val(page.limit)} offset ${sql.val(page.offset)}`;
  const { rows } = await statement.execute(trx);
  return rows.map((raw) => {
    const partOf = (scope: PlanScope) => {
      const stored: Record<string, unknown> = {};
      for (const item of selected) if (item.scope === scope) stored[item.column] = raw[item.key];
      return stored;
    };
    const linked = new Map<string, Row>();
    for (const join of plan.joins) {
      const stored = partOf(join.scope);
      const found = plan.distinct
        ? Object.values(stored).some((value) => value !== null)
        : stored[join.scope.table.primaryId] !== null;
      if (found) linked.set(join.scope.alias, records.decodeRow(join.scope.table, stored));
    }
    return { root: records.decodeRow(plan.root.table, partOf(plan.root)), linked };
  });
}

/** The number of rows the query has (what `returntotalrecordcount` reports). */
export async function countFetchRows(trx: Executor, compiler: FilterCompiler, plan: FetchPlan): Promise<number> {
  const from = fromClause(compiler, plan);
  const statement = plan.distinct
    ? sql<{ total: unknown }>`select count(*) as total from (select distinct ${sql.join(
        selection(plan).map((item) => sql`${columnRef(item.scope, item.column)} as ${sql.ref(item.key)}`),
      )} ${from}) as counted`
    : sql<{ total: unknown }>`select count(*) as total ${from}`;
  const { rows } = await statement.execute(trx);
  return Number(rows[0]?.total ?? 0);
}
