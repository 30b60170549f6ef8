/**
 * Runs list queries: a table, a filter, an order, a page. The reader's read scope (the compiler's) is
 * always part of the condition, on the listed table as on every table the filter reaches, so a user
 * never sees a row their roles do not grant, whatever the query says.
 */
import { type RawBuilder, sql } from 'kysely';
import { querySyntax } from '../../domain/errors.js';
import { isLookup } from '../../domain/metadata/metadata-registry.js';
import { isWriteOnly, type TableMetadata } from '../../domain/metadata/table-metadata.js';
import type { Row } from '../../domain/record.js';
import type { FilterExpression } from '../../odata/filter/filter-ast.js';
import type { RecordRepository } from '../record-repository.js';
import type { Executor } from '../store.js';
import { columnRef } from './column-conditions.js';
import { compileCondition, type FilterCompiler } from './filter-to-sql.js';
import { readableRows } from './readable-rows.js';

export interface OrderBy {
  readonly path: readonly string[];
  readonly direction: 'asc' | 'desc';
}

export interface RowQuery {
  readonly table: TableMetadata;
  readonly filter?: FilterExpression;
  readonly orderBy?: readonly OrderBy[];
  readonly limit?: number;
  readonly offset?: number;
  /** Further conditions from the caller (the parent of a navigation, the rows of an expand). */
  readonly where?: readonly { readonly column: string; readonly values: readonly string[] }[];
}

const ALIAS = 't0';

function conditionsOf(compiler: FilterCompiler, query: RowQuery): RawBuilder<unknown>[] {
  const scope = { table: query.table, alias: ALIAS };
  const conditions: RawBuilder<unknown>[] = [readableRows(compiler.readScope, scope)];
  for (const restriction of query.where ?? []) conditions.push(inList(scope, restriction.column, restriction.values));
  if (query.filter) conditions.push(compileCondition(compiler, scope, query.filter));
  return conditions;
}

function inList(scope: { table: TableMetadata; alias: string }, column: string, values: readonly string[]) {
  if (values.length === 0) return sql`1 = 0`;
  return sql`${columnRef(scope, column)} in (${sql.join(values.map((value) => sql.val(value)))})`;
}

function orderColumn(table: TableMetadata, item: OrderBy): string {
  if (item.path.length !== 1)
    throw querySyntax(`$orderby on '${item.path.join('/')}': only columns of ${table.logicalName} can order results.`);
  const name = item.path[0]!;
  const lookup = /^_(.+)_value$/.exec(name);
  const column = table.columns.find((candidate) => candidate.name === (lookup ? lookup[1] : name));
  if (!column || Boolean(lookup) !== isLookup(column)) {
    throw querySyntax(
      `Could not find a property named '${name}' on type 'Microsoft.Dynamics.CRM.${table.logicalName}'.`,
    );
  }
  if (isWriteOnly(column))
    throw querySyntax(`${table.logicalName}.${name} is a secret: results cannot be ordered by it.`);
  return column.name;
}

export async function selectRows(
  trx: Executor,
  compiler: FilterCompiler,
  records: RecordRepository,
  query: RowQuery,
): Promise<Row[]> {
  const conditions = conditionsOf(compiler, query);
  const order = (query.orderBy ?? []).map((item) => ({
    column: orderColumn(query.table, item),
    direction: item.direction,
  }));
  // The primary key last, so pages never overlap or skip rows that tie on the requested order.
  order.push({ column: query.table.primaryId, direction: 'asc' });
  // Nulls sort first ascending and last descending, as SQL Server (and so Dataverse) sorts them; SQLite
  // and PostgreSQL would otherwise disagree with each other.
  const orderSql = sql.join(
    order.map(
      (item) =>
        sql`${sql.ref(`${ALIAS}.${item.column}`)} ${sql.raw(item.direction === 'asc' ? 'asc nulls first' : 'desc nulls last')}`,
    ),
  );
  const where = sql`where ${sql.join(conditions, sql` and `)}`;
  const limit = query.limit !== undefined ? sql`limit ${sql.val(query.limit)}` : sql``;
  const offset = query.offset ? sql`offset ${sql.val(query.offset)}` : sql``;
  const statement = sql<
    Record<string, unknown>
  >`select ${sql.ref(ALIAS)}.* from ${sql.table(query.table.logicalName)} as ${sql.raw(ALIAS)} ${where} order by ${orderSql} ${limit} ${offset}`;
  const { rows } = await statement.execute(trx);
  return rows.map((row) => records.decodeRow(query.table, row));
}

export async function countRows(trx: Executor, compiler: FilterCompiler, query: RowQuery): Promise<number> {
  const conditions = conditionsOf(compiler, query);
  const where = sql`where ${sql.join(conditions, sql` and `)}`;
  const { rows } = await sql<{
    total: unknown;
  }>`select count(*) as total from ${sql.table(query.table.logicalName)} as ${sql.raw(ALIAS)} ${where}`.execute(trx);
  return Number(rows[0]?.total ?? 0);
}
