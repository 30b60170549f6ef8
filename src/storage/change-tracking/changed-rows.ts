/**
 * Rows of a change-tracked table for change tracking: all of them (the first read) or those changed
 * after a watermark (a delta), in the caller's read scope, in primary-key order with keyset paging. Keyset
 * rather than offset paging: a row removed between two pages must not shift a row that never changed
 * past the end of the page it should have been on, since no later delta would report it.
 */
import { sql } from 'kysely';
import type { TableMetadata } from '../../domain/metadata/table-metadata.js';
import type { Row } from '../../domain/record.js';
import { changeWatermark } from '../change-watermark.js';
import type { Dialect } from '../column-codec.js';
import { type ReadScopeOf, readableRows } from '../query/readable-rows.js';
import type { RecordRepository } from '../record-repository.js';
import type { Executor } from '../store.js';

export interface ChangedRowQuery {
  readonly table: TableMetadata;
  /** The rows of each table the caller may read. */
  readonly readScope: ReadScopeOf;
  /** The watermark of the previous read; absent for the first read, which returns every row. */
  readonly since?: string;
  /** Keyset paging: primary keys greater than this one. */
  readonly after?: string;
  readonly limit?: number;
}

const ALIAS = 't0';

function whereOf(dialect: Dialect, query: ChangedRowQuery) {
  const conditions = [readableRows(query.readScope, { table: query.table, alias: ALIAS })];
  if (query.since !== undefined) conditions.push(changeWatermark(dialect).changedSince(ALIAS, query.since));
  if (query.after !== undefined) {
    conditions.push(sql`${sql.ref(`${ALIAS}.${query.table.primaryId}`)} > ${query.after}`);
  }
  return sql`where ${sql.join(conditions, sql` and `)}`;
}

export async function selectChangedRows(
  trx: Executor,
  records: RecordRepository,
  query: ChangedRowQuery,
): Promise<Row[]> {
  const { table } = query;
  const limit = query.limit !== undefined ? sql`limit ${query.limit}` : sql``;
  const { rows } = await sql<Record<string, unknown>>`
    select ${sql.ref(ALIAS)}.* from ${sql.table(table.logicalName)} as ${sql.raw(ALIAS)}
    ${whereOf(records.dialect, query)}
    order by ${sql.ref(`${ALIAS}.${table.primaryId}`)} asc ${limit}`.execute(trx);
  return rows.map((row) => records.decodeRow(table, row));
}

export async function countChangedRows(trx: Executor, dialect: Dialect, query: ChangedRowQuery): Promise<number> {
  const { rows } = await sql<{ total: unknown }>`
    select count(*) as total from ${sql.table(query.table.logicalName)} as ${sql.raw(ALIAS)}
    ${whereOf(dialect, query)}`.execute(trx);
  return Number(rows[0]?.total ?? 0);
}
