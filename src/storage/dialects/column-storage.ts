/** How one dialect stores each column type: its SQL type, and values to and from the driver. */
import type { Decimal } from '../../domain/decimal.js';
import type { ColumnMetadata, DecimalColumn, MoneyColumn } from '../../domain/metadata/table-metadata.js';
import type { FieldValue } from '../../domain/record.js';

/** How a money or decimal column is stored, as far as comparing it with a literal is concerned. */
export interface NumericStorage {
  /** SQLite only: the value is an integer scaled by 10^scale (undefined: kept as text or numeric). */
  readonly scale?: number;
  /** No stored value is larger in magnitude, so a literal beyond it needs no database to compare. */
  readonly largest: Decimal;
  /** The value is decimal text (SQLite, a decimal too wide for a scaled integer): compared as text it would sort '10' < '2'. */
  readonly asText?: boolean;
}

export interface ColumnStorage {
  sqlType(column: ColumnMetadata): string;
  /** Domain value to the value bound in SQL. */
  encode(column: ColumnMetadata, value: FieldValue): unknown;
  /** Value read from SQL to the domain value. */
  decode(column: ColumnMetadata, value: unknown): FieldValue;
  /** Computed once per column: every write of a money value consults it. */
  numericStorage(column: MoneyColumn | DecimalColumn): NumericStorage;
}

/** Caches `compute` per column, so a column's storage is worked out once per dialect. */
export function perColumn(
  compute: (column: MoneyColumn | DecimalColumn) => NumericStorage,
): (column: MoneyColumn | DecimalColumn) => NumericStorage {
  const cache = new WeakMap<MoneyColumn | DecimalColumn, NumericStorage>();
  return (column) => {
    let storage = cache.get(column);
    if (!storage) {
      storage = compute(column);
      cache.set(column, storage);
    }
    return storage;
  };
}
