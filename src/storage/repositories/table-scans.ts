/**
 * Whole-table reads for the CSV import and export, which name their tables and columns at run time
 * from the transfer kinds: metadata-driven like the record repository, so untyped inside storage.
 */
import type { TypedExecutor } from '../database/database.js';
import type { Executor } from '../store.js';

/** Every row of `table`, every column, as stored. */
export async function scanTable(trx: Executor, table: string): Promise<Record<string, unknown>[]> {
  return trx.selectFrom(table).selectAll().execute();
}

/** Every row of `table`, the named columns only; `columns` may alias (`productnumber as key`). */
export async function scanColumns(
  trx: Executor,
  table: string,
  columns: readonly string[],
): Promise<Record<string, unknown>[]> {
  return trx
    .selectFrom(table)
    .select([...columns])
    .execute();
}

export interface ProductUnitRow {
  readonly productId: string;
  readonly unitGroupId: string | null;
  readonly defaultUnitId: string | null;
}

/** Each product's unit group and default unit, for the lines an import writes. */
export async function productUnitRows(trx: TypedExecutor): Promise<ProductUnitRow[]> {
  const rows = await trx.selectFrom('product').select(['productid', 'defaultuomscheduleid', 'defaultuomid']).execute();
  return rows.map((row) => ({
    productId: String(row.productid),
    unitGroupId: row.defaultuomscheduleid,
    defaultUnitId: row.defaultuomid,
  }));
}
