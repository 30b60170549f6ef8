/**
 * How each column type is stored in each dialect, and back. The pipeline only ever sees domain values
 * (`FieldValue`); the dialects' column storages (dialects/sqlite-columns.ts, postgres-columns.ts) are
 * the one place that knows SQLite keeps money as integers scaled by 10^4 and PostgreSQL as `numeric`.
 */
import type { ColumnMetadata, DecimalColumn, MoneyColumn } from '../domain/metadata/table-metadata.js';
import type { FieldValue } from '../domain/record.js';
import type { ColumnStorage, NumericStorage } from './dialects/column-storage.js';
import { postgresColumns } from './dialects/postgres-columns.js';
import { sqliteColumns } from './dialects/sqlite-columns.js';

export type Dialect = 'sqlite' | 'postgres';

export type { FieldValue, Row } from '../domain/record.js';
export type { NumericStorage } from './dialects/column-storage.js';
export { sqliteDecimalScale } from './dialects/numeric-scaling.js';

export const COLUMN_STORAGE: Readonly<Record<Dialect, ColumnStorage>> = {
  sqlite: sqliteColumns,
  postgres: postgresColumns,
};

/** Computed once per column and dialect: every write of a money value consults it. */
export function numericStorage(column: MoneyColumn | DecimalColumn, dialect: Dialect): NumericStorage {
  return COLUMN_STORAGE[dialect].numericStorage(column);
}

export function sqlType(column: ColumnMetadata, dialect: Dialect): string {
  return COLUMN_STORAGE[dialect].sqlType(column);
}

/** Domain value to the value bound in SQL. */
export function encodeValue(column: ColumnMetadata, value: FieldValue, dialect: Dialect): unknown {
  return COLUMN_STORAGE[dialect].encode(column, value);
}

/** Value read from SQL to the domain value. */
export function decodeValue(column: ColumnMetadata, value: unknown, dialect: Dialect): FieldValue {
  return COLUMN_STORAGE[dialect].decode(column, value);
}
