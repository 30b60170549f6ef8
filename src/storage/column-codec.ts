/**
 * How each column type is stored in each dialect, and back. The pipeline only ever sees domain values
 * (`FieldValue`); this file is the one place that knows SQLite keeps money as integers scaled by 10^4
 * and PostgreSQL as `numeric`.
 */
import { Decimal } from '../domain/decimal.js';
import type { ColumnMetadata, DecimalColumn, MoneyColumn } from '../domain/metadata/table-metadata.js';
import type { FieldValue } from '../domain/record.js';

export type Dialect = 'sqlite' | 'postgres';

export type { FieldValue, Row } from '../domain/record.js';

const MONEY_SCALE = 4;
const INT64_MAX = new Decimal('9223372036854775807');

/** 10^0 .. 10^12, the scales columns use, computed once. */
const POWERS_OF_TEN = Array.from({ length: 13 }, (_, exponent) => new Decimal(10).pow(exponent));
const decimalScales = new WeakMap<DecimalColumn, number | null>();

/** SQLite keeps a decimal as a scaled integer when its whole range fits in 64 bits, else as text. */
export function sqliteDecimalScale(column: DecimalColumn): number | undefined {
  let scale = decimalScales.get(column);
  if (scale === undefined) {
    const largest = Decimal.max(new Decimal(column.max).abs(), new Decimal(column.min).abs());
    scale = largest.mul(new Decimal(10).pow(column.precision)).lt(INT64_MAX) ? column.precision : null;
    decimalScales.set(column, scale);
  }
  return scale ?? undefined;
}

/** How a money or decimal column is stored, as far as comparing it with a literal is concerned. */
export interface NumericStorage {
  /** SQLite only: the value is an integer scaled by 10^scale (undefined: kept as text). */
  readonly scale?: number;
  /** No stored value is larger in magnitude, so a literal beyond it needs no database to compare. */
  readonly largest: Decimal;
}

const numericStorages: Record<Dialect, WeakMap<MoneyColumn | DecimalColumn, NumericStorage>> = {
  sqlite: new WeakMap(),
  postgres: new WeakMap(),
};

/** Computed once per column and dialect: every write of a money value consults it. */
export function numericStorage(column: MoneyColumn | DecimalColumn, dialect: Dialect): NumericStorage {
  let storage = numericStorages[dialect].get(column);
  if (!storage) {
    storage = computeNumericStorage(column, dialect);
    numericStorages[dialect].set(column, storage);
  }
  return storage;
}

function computeNumericStorage(column: MoneyColumn | DecimalColumn, dialect: Dialect): NumericStorage {
  const scale = column.type === 'money' ? MONEY_SCALE : column.precision;
  if (dialect === 'sqlite') {
    const stored = column.type === 'money' ? MONEY_SCALE : sqliteDecimalScale(column);
    if (stored === undefined)
      return { largest: Decimal.max(new Decimal(column.max).abs(), new Decimal(column.min).abs()) };
    return { scale: stored, largest: INT64_MAX.div(new Decimal(10).pow(stored)) };
  }
  // numeric(19,4) for money and numeric(38,p) for decimals (sqlType below).
  const digits = column.type === 'money' ? 19 : 38;
  return { largest: new Decimal(10).pow(digits - scale).minus(new Decimal(10).pow(-scale)) };
}

export function sqlType(column: ColumnMetadata, dialect: Dialect): string {
  const sqlite = dialect === 'sqlite';
  switch (column.type) {
    case 'uniqueidentifier':
    case 'lookup':
    case 'customer':
    case 'owner':
      return sqlite ? 'text' : 'uuid';
    case 'string':
    case 'memo':
      return 'text';
    case 'integer':
    case 'picklist':
    case 'state':
    case 'status':
      return 'integer';
    case 'bigint':
      return sqlite ? 'integer' : 'bigint';
    case 'money':
      return sqlite ? 'integer' : 'numeric(19,4)';
    case 'decimal':
      if (!sqlite) return `numeric(38,${column.precision})`;
      return sqliteDecimalScale(column) === undefined ? 'text' : 'integer';
    case 'boolean':
      return sqlite ? 'integer' : 'boolean';
    case 'datetime':
      if (sqlite) return 'text';
      return column.format === 'dateonly' ? 'date' : 'timestamptz';
  }
}

function scaleUp(value: Decimal, scale: number): bigint {
  return BigInt(value.mul(POWERS_OF_TEN[scale] ?? new Decimal(10).pow(scale)).toFixed(0));
}

/** An exponent in the literal moves the point without a division: `12345e-4` is 1.2345 exactly. */
function scaleDown(value: unknown, scale: number): Decimal {
  return new Decimal(`${String(value)}e-${scale}`);
}

/** Domain value to the value bound in SQL. */
export function encodeValue(column: ColumnMetadata, value: FieldValue, dialect: Dialect): unknown {
  if (value === null) return null;
  const sqlite = dialect === 'sqlite';
  switch (column.type) {
    case 'money':
      return sqlite ? scaleUp(value as Decimal, MONEY_SCALE) : (value as Decimal).toFixed();
    case 'decimal': {
      if (!sqlite) return (value as Decimal).toFixed();
      const scale = sqliteDecimalScale(column);
      return scale === undefined ? (value as Decimal).toFixed() : scaleUp(value as Decimal, scale);
    }
    case 'boolean':
      return sqlite ? (value ? 1 : 0) : value;
    case 'bigint':
      return sqlite ? BigInt(value as string) : value;
    default:
      return value;
  }
}

/** PostgreSQL's text form of timestamptz (session time zone UTC) to `YYYY-MM-DDTHH:mm:ssZ`. */
function postgresTimestamp(text: string): string {
  return `${text.slice(0, 10)}T${text.slice(11, 19)}Z`;
}

/** Value read from SQL to the domain value. */
export function decodeValue(column: ColumnMetadata, value: unknown, dialect: Dialect): FieldValue {
  if (value === null || value === undefined) return null;
  const sqlite = dialect === 'sqlite';
  switch (column.type) {
    case 'money':
      return sqlite ? scaleDown(value, MONEY_SCALE) : new Decimal(value as string);
    case 'decimal': {
      if (!sqlite) return new Decimal(value as string);
      const scale = sqliteDecimalScale(column);
      return scale === undefined ? new Decimal(value as string) : scaleDown(value, scale);
    }
    case 'integer':
    case 'picklist':
    case 'state':
    case 'status':
      return Number(value);
    case 'bigint':
      return String(value);
    case 'boolean':
      return sqlite ? value !== 0n && value !== 0 : Boolean(value);
    case 'datetime':
      if (sqlite || column.format === 'dateonly') return String(value);
      return postgresTimestamp(String(value));
    default:
      return String(value);
  }
}
