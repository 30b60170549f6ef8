/**
 * Runs an aggregate plan (aggregate-plan.ts) as one GROUP BY statement on either store. The rows
 * aggregated are those of the plan's table the reader may see (`readableRows()`) that pass its filter,
 * compiled by the `$filter` compiler, so every related table the filter reaches is read through the
 * reader's scope too. Before aggregating, the rows are counted (up to one past the limit): more than
 * 50,000 is Dataverse's AggregateQueryRecordLimitExceeded. An aggregate FetchXML's link-entities are
 * joined as its row queries join them (fetch-rows.ts), each through the reader's scope.
 *
 * Money and decimals are summed exactly: PostgreSQL sums numeric; SQLite keeps them as 64-bit scaled
 * integers, which are summed in two halves (quotient and remainder by 10^8) so 50,000 of the largest
 * amounts cannot overflow, and the halves are joined with decimal.js. Averages are that exact sum divided
 * by the count of values, rounded as SQL Server rounds AVG (and so Dataverse): whole numbers truncated to
 * a whole number, money to 4 decimal places, decimals to at least 6.
 */
import { type RawBuilder, sql } from 'kysely';
import { Decimal } from '../../domain/decimal.js';
import { querySyntax } from '../../domain/errors.js';
import { isLookup } from '../../domain/metadata/metadata-registry.js';
import {
  type ColumnMetadata,
  type DecimalColumn,
  isWriteOnly,
  type MoneyColumn,
  type TableMetadata,
} from '../../domain/metadata/table-metadata.js';
import { decodeValue, numericStorage } from '../column-codec.js';
import { dialectSpecifics } from '../dialects/dialect-specifics.js';
import { MONEY_SCALE } from '../dialects/numeric-scaling.js';
import { sqliteColumns } from '../dialects/sqlite-columns.js';
import type { Executor } from '../store.js';
import {
  type AggregateColumn,
  type AggregatePlan,
  type AggregateRow,
  aggregateRecordLimitExceeded,
  type GroupByColumn,
  maxAggregatedRows,
} from './aggregate-plan.js';
import { columnRef } from './column-conditions.js';
import { compilePlanCondition, joinClause } from './fetch-rows.js';
import { compileCondition, type FilterCompiler, type Scope } from './filter-to-sql.js';
import { readableRows } from './readable-rows.js';

const ALIAS = 't0';
/** The divisor of the two-halves sum of scaled integers (see the file comment). */
const HALF = 100_000_000n;

type NumericColumn = MoneyColumn | DecimalColumn | (ColumnMetadata & { type: 'integer' });

function unknownColumn(table: TableMetadata, name: string) {
  return querySyntax(
    `Could not find a property named '${name}' on type 'Microsoft.Dynamics.CRM.${table.logicalName}'.`,
  );
}

function columnOf(table: TableMetadata, name: string, use: string): ColumnMetadata {
  const column = table.columns.find((candidate) => candidate.name === name);
  if (!column) throw unknownColumn(table, name);
  if (isWriteOnly(column)) throw querySyntax(`${table.logicalName}.${name} is a secret: it cannot be ${use}.`);
  return column;
}

const isNumeric = (column: ColumnMetadata): column is NumericColumn =>
  column.type === 'integer' || column.type === 'money' || column.type === 'decimal';

/**
 * Decimals SQLite must keep as text (their range does not fit a scaled 64-bit integer, such as exchange
 * rates) cannot be summed or compared exactly there; they are refused on both stores alike.
 */
const summable = (column: ColumnMetadata): column is NumericColumn =>
  isNumeric(column) && (column.type !== 'decimal' || sqliteColumns.numericStorage(column).asText !== true);

function checkAggregate(table: TableMetadata, aggregate: AggregateColumn): ColumnMetadata | undefined {
  if (aggregate.function === 'count') return undefined;
  if (aggregate.column === undefined) throw querySyntax(`The aggregate '${aggregate.alias}' needs a column.`);
  const column = columnOf(table, aggregate.column, 'aggregated');
  const fits =
    aggregate.function === 'countcolumn' || aggregate.function === 'countdistinct'
      ? true
      : aggregate.function === 'sum' || aggregate.function === 'avg'
        ? summable(column)
        : summable(column) || column.type === 'datetime';
  if (!fits) {
    throw querySyntax(
      `The aggregate ${aggregate.function} cannot be applied to ${table.logicalName}.${column.name} (${column.type}): sum and avg take numbers, min and max numbers and dates.`,
    );
  }
  return column;
}

/** The table a grouping or aggregate column is of, under its SQL alias: a joined one, or the plan's. */
function sourceOf(plan: AggregatePlan, item: GroupByColumn | AggregateColumn): Scope {
  return item.link ?? { table: plan.table, alias: ALIAS };
}

/** Refuses a plan Orderline cannot run, before any SQL is built. */
function checkPlan(plan: AggregatePlan): void {
  if (plan.groupBy.length === 0 && plan.aggregates.length === 0) {
    throw querySyntax('An aggregate query needs at least one grouping column or aggregate.');
  }
  const aliases = new Set<string>();
  for (const alias of [...plan.groupBy.map((item) => item.alias), ...plan.aggregates.map((item) => item.alias)]) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(alias)) throw querySyntax(`'${alias}' is not a valid alias.`);
    if (aliases.has(alias)) throw querySyntax(`The alias '${alias}' is used more than once.`);
    aliases.add(alias);
  }
  for (const group of plan.groupBy) {
    const { table } = sourceOf(plan, group);
    const column = columnOf(table, group.column, 'grouped by');
    if (group.dateGrouping && column.type !== 'datetime') {
      throw querySyntax(`Date grouping applies to date columns; ${table.logicalName}.${column.name} is not one.`);
    }
  }
  for (const aggregate of plan.aggregates) checkAggregate(sourceOf(plan, aggregate).table, aggregate);
  for (const order of plan.orderBy ?? []) {
    if (!aliases.has(order.alias)) throw querySyntax(`The query orders by '${order.alias}', which it does not return.`);
  }
}

function groupExpression(compiler: FilterCompiler, scope: Scope, group: GroupByColumn): RawBuilder<unknown> {
  const ref = columnRef(scope, group.column);
  if (!group.dateGrouping) return ref;
  const column = scope.table.columns.find((candidate) => candidate.name === group.column)!;
  const dateOnly = column.type === 'datetime' && column.format === 'dateonly';
  return dialectSpecifics(compiler.dialect).datePart(ref, group.dateGrouping, dateOnly);
}

/** Sums that stay exact: scaled integers (SQLite) in two halves, anything else as the database sums it. */
function sumExpressions(compiler: FilterCompiler, ref: RawBuilder<unknown>, column: NumericColumn, name: string) {
  if (column.type !== 'integer' && numericStorage(column, compiler.dialect).scale !== undefined) {
    return [
      sql`sum(${ref} / ${sql.lit(Number(HALF))}) as ${sql.ref(`${name}_high`)}`,
      sql`sum(${ref} % ${sql.lit(Number(HALF))}) as ${sql.ref(`${name}_low`)}`,
    ];
  }
  return [sql`sum(${ref}) as ${sql.ref(`${name}_sum`)}`];
}

function aggregateExpressions(
  compiler: FilterCompiler,
  scope: Scope,
  aggregate: AggregateColumn,
  name: string,
): RawBuilder<unknown>[] {
  if (aggregate.function === 'count') return [sql`count(*) as ${sql.ref(name)}`];
  const column = scope.table.columns.find((candidate) => candidate.name === aggregate.column)!;
  const ref = columnRef(scope, column.name);
  switch (aggregate.function) {
    case 'countcolumn':
      return [sql`count(${ref}) as ${sql.ref(name)}`];
    case 'countdistinct':
      return [sql`count(distinct ${ref}) as ${sql.ref(name)}`];
    case 'min':
      return [sql`min(${ref}) as ${sql.ref(name)}`];
    case 'max':
      return [sql`max(${ref}) as ${sql.ref(name)}`];
    case 'sum':
      return sumExpressions(compiler, ref, column as NumericColumn, name);
    case 'avg':
      return [
        ...sumExpressions(compiler, ref, column as NumericColumn, name),
        sql`count(${ref}) as ${sql.ref(`${name}_count`)}`,
      ];
  }
}

/**
 * An aggregate as a sort key. Only the order matters here, so the database's own SUM and AVG do (the
 * exact values are computed from `aggregateExpressions`).
 */
function orderingExpression(scope: Scope, aggregate: AggregateColumn): RawBuilder<unknown> {
  if (aggregate.function === 'count') return sql`count(*)`;
  const ref = columnRef(scope, aggregate.column!);
  switch (aggregate.function) {
    case 'countcolumn':
      return sql`count(${ref})`;
    case 'countdistinct':
      return sql`count(distinct ${ref})`;
    case 'sum':
      // As a sort key only: in floating point, so SQLite's 64-bit integer sum cannot overflow.
      return sql`sum(${ref} * 1.0)`;
    case 'avg':
      return sql`avg(${ref})`;
    case 'min':
      return sql`min(${ref})`;
    case 'max':
      return sql`max(${ref})`;
  }
}

/** The exact sum from the one or two columns `sumExpressions` selected; null when no row had a value. */
function exactSum(row: Record<string, unknown>, name: string, column: NumericColumn, compiler: FilterCompiler) {
  if (`${name}_sum` in row) {
    const value = row[`${name}_sum`];
    return value === null || value === undefined ? null : new Decimal(String(value));
  }
  const high = row[`${name}_high`];
  const low = row[`${name}_low`];
  if (high === null || high === undefined) return null;
  const scaled = new Decimal(String(high)).mul(HALF.toString()).add(String(low));
  const scale = numericStorage(column as MoneyColumn | DecimalColumn, compiler.dialect).scale!;
  return scaled.div(new Decimal(10).pow(scale));
}

/** AVG as SQL Server computes it: whole numbers truncated, money to 4 places, decimals to at least 6. */
function average(sum: Decimal, count: number, column: NumericColumn): Decimal | number {
  const quotient = sum.div(count);
  if (column.type === 'integer') return quotient.trunc().toNumber();
  if (column.type === 'money') return quotient.toDecimalPlaces(MONEY_SCALE, Decimal.ROUND_HALF_UP);
  return quotient.toDecimalPlaces(Math.max(column.precision, 6), Decimal.ROUND_HALF_UP);
}

function decodeAggregate(
  compiler: FilterCompiler,
  table: TableMetadata,
  aggregate: AggregateColumn,
  name: string,
  row: Record<string, unknown>,
): unknown {
  if (aggregate.function === 'count' || aggregate.function === 'countcolumn' || aggregate.function === 'countdistinct')
    return Number(row[name] ?? 0);
  const column = table.columns.find((candidate) => candidate.name === aggregate.column)!;
  if (aggregate.function === 'min' || aggregate.function === 'max') {
    const value = row[name];
    return value === null || value === undefined ? null : decodeValue(column, value, compiler.dialect);
  }
  const numeric = column as NumericColumn;
  const sum = exactSum(row, name, numeric, compiler);
  if (sum === null) return null;
  if (aggregate.function === 'sum') return numeric.type === 'integer' ? sum.toNumber() : sum;
  const count = Number(row[`${name}_count`]);
  return count === 0 ? null : average(sum, count, numeric);
}

function decodeGroup(compiler: FilterCompiler, table: TableMetadata, group: GroupByColumn, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (group.dateGrouping) return Number(value);
  const column = table.columns.find((candidate) => candidate.name === group.column)!;
  const decoded = decodeValue(column, value, compiler.dialect);
  // Ids come back as PostgreSQL writes uuids; Dataverse writes them lower case, as stored on SQLite.
  return isLookup(column) && typeof decoded === 'string' ? decoded.toLowerCase() : decoded;
}

/** Counts the rows to aggregate, stopping one past the limit so a huge table is not counted in full. */
async function checkRecordLimit(trx: Executor, plan: AggregatePlan, from: RawBuilder<unknown>): Promise<void> {
  const limit = Math.min(plan.recordLimit ?? maxAggregatedRows, maxAggregatedRows);
  const { rows } = await sql<{
    total: unknown;
  }>`select count(*) as total from (select 1 ${from} limit ${sql.lit(limit + 1)}) as limited`.execute(trx);
  if (Number(rows[0]?.total ?? 0) > limit) throw aggregateRecordLimitExceeded();
}

/** Runs `plan` for the reader `compiler` stands for: one row per group (one row without grouping). */
export async function aggregateRows(
  trx: Executor,
  compiler: FilterCompiler,
  plan: AggregatePlan,
): Promise<AggregateRow[]> {
  checkPlan(plan);
  const scope: Scope = { table: plan.table, alias: ALIAS };
  const conditions = [readableRows(compiler.readScope, scope)];
  if (plan.filter) conditions.push(compileCondition(compiler, scope, plan.filter));
  if (plan.condition) conditions.push(compilePlanCondition(compiler, plan.condition));
  const joins = (plan.joins ?? []).map((join) => joinClause(compiler, join));
  const from = sql`from ${sql.table(plan.table.logicalName)} as ${sql.raw(ALIAS)} ${sql.join(joins, sql` `)} where ${sql.join(conditions, sql` and `)}`;
  await checkRecordLimit(trx, plan, from);

  const groups = plan.groupBy.map((group) => groupExpression(compiler, sourceOf(plan, group), group));
  const selections: RawBuilder<unknown>[] = groups.map(
    (expression, index) => sql`${expression} as ${sql.ref(`g${index}`)}`,
  );
  plan.aggregates.forEach((aggregate, index) => {
    selections.push(...aggregateExpressions(compiler, sourceOf(plan, aggregate), aggregate, `a${index}`));
  });
  const groupBy = groups.length > 0 ? sql`group by ${sql.join(groups)}` : sql``;
  const orderingOf = (aggregate: AggregateColumn) => orderingExpression(sourceOf(plan, aggregate), aggregate);
  const internal = new Map(plan.groupBy.map((group, index) => [group.alias, `g${index}`]));
  const orderTerms = (
    plan.orderBy ?? plan.groupBy.map((group) => ({ alias: group.alias, direction: 'asc' as const }))
  ).map((order) => {
    const groupName = internal.get(order.alias);
    const target =
      groupName !== undefined
        ? sql.ref(groupName)
        : orderingOf(plan.aggregates.find((aggregate) => aggregate.alias === order.alias)!);
    return sql`${target} ${sql.raw(order.direction === 'asc' ? 'asc nulls first' : 'desc nulls last')}`;
  });
  const orderBy = orderTerms.length > 0 ? sql`order by ${sql.join(orderTerms)}` : sql``;
  const limit = plan.top !== undefined ? sql`limit ${sql.val(plan.top)}` : sql``;
  const { rows } = await sql<
    Record<string, unknown>
  >`select ${sql.join(selections)} ${from} ${groupBy} ${orderBy} ${limit}`.execute(trx);
  return rows.map((row) => {
    const result: Record<string, unknown> = {};
    plan.groupBy.forEach((group, index) => {
      result[group.alias] = decodeGroup(compiler, sourceOf(plan, group).table, group, row[`g${index}`]);
    });
    plan.aggregates.forEach((aggregate, index) => {
      result[aggregate.alias] = decodeAggregate(compiler, sourceOf(plan, aggregate).table, aggregate, `a${index}`, row);
    });
    return result;
  });
}
