/**
 * Rows of a table named at run time from the metadata, picked by a column's value: the lines of a
 * sales document, the catalog rows of a set of products. Every column as stored; callers decode them
 * with the record repository. Untyped inside storage, like the record repository.
 */
import type { TableMetadata } from '../domain/metadata/table-metadata.js';
import type { Executor } from './store.js';

/** Below every engine's bound-parameter limit, so a 10,000-line order still reads in a few queries. */
const CHUNK = 900;

/** The rows whose `column` holds `value` (a header's lines), oldest first, ties by primary key. */
export async function rowsInCreationOrder(
  trx: Executor,
  table: TableMetadata,
  column: string,
  value: string,
): Promise<Record<string, unknown>[]> {
  return trx
    .selectFrom(table.logicalName)
    .selectAll()
    .where(column, '=', value)
    .orderBy('createdon')
    .orderBy(table.primaryId)
    .execute();
}

/**
 * The rows whose `column` holds one of `values`, one query per 900 values, and when `also` is given
 * whose `also.column` holds one of `also.values` too (a small list: it is not chunked). No query when
 * either list is empty.
 */
export async function rowsWithValueIn(
  trx: Executor,
  table: TableMetadata,
  column: string,
  values: readonly string[],
  also?: { readonly column: string; readonly values: readonly string[] },
): Promise<Record<string, unknown>[]> {
  const rows: Record<string, unknown>[] = [];
  if (values.length === 0 || (also && also.values.length === 0)) return rows;
  for (let start = 0; start < values.length; start += CHUNK) {
    let query = trx
      .selectFrom(table.logicalName)
      .selectAll()
      .where(column, 'in', values.slice(start, start + CHUNK));
    if (also) query = query.where(also.column, 'in', also.values);
    for (const row of await query.execute()) rows.push(row);
  }
  return rows;
}
