/**
 * PostgreSQL's storage of each column type: uuid, numeric(19,4) for money and numeric(38,p) for
 * decimals, boolean, bigint, date and timestamptz. The pool reads numeric, int8, dates and timestamps
 * as text (postgres.ts), so nothing passes through a binary float or a local time zone.
 */
import { Decimal } from '../../domain/decimal.js';
import type { ColumnStorage } from './column-storage.js';
import { perColumn } from './column-storage.js';
import { MONEY_SCALE } from './numeric-scaling.js';

/** PostgreSQL's text form of timestamptz (session time zone UTC) to `YYYY-MM-DDTHH:mm:ssZ`. */
function postgresTimestamp(text: string): string {
  return `${text.slice(0, 10)}T${text.slice(11, 19)}Z`;
}

export const postgresColumns: ColumnStorage = {
  sqlType(column) {
    switch (column.type) {
      case 'uniqueidentifier':
      case 'lookup':
      case 'customer':
      case 'owner':
        return 'uuid';
      case 'string':
      case 'memo':
        return 'text';
      case 'integer':
      case 'picklist':
      case 'state':
      case 'status':
        return 'integer';
      case 'bigint':
        return 'bigint';
      case 'money':
        return 'numeric(19,4)';
      case 'decimal':
        return `numeric(38,${column.precision})`;
      case 'boolean':
        return 'boolean';
      case 'datetime':
        return column.format === 'dateonly' ? 'date' : 'timestamptz';
    }
  },
  encode(column, value) {
    if (value === null) return null;
    if (column.type === 'money' || column.type === 'decimal') return (value as Decimal).toFixed();
    return value;
  },
  decode(column, value) {
    if (value === null || value === undefined) return null;
    switch (column.type) {
      case 'money':
      case 'decimal':
        return new Decimal(value as string);
      case 'integer':
      case 'picklist':
      case 'state':
      case 'status':
        return Number(value);
      case 'bigint':
        return String(value);
      case 'boolean':
        return Boolean(value);
      case 'datetime':
        return column.format === 'dateonly' ? String(value) : postgresTimestamp(String(value));
      default:
        return String(value);
    }
  },
  // numeric(19,4) for money and numeric(38,p) for decimals (sqlType above).
  numericStorage: perColumn((column) => {
    const scale = column.type === 'money' ? MONEY_SCALE : column.precision;
    const digits = column.type === 'money' ? 19 : 38;
    return { largest: new Decimal(10).pow(digits - scale).minus(new Decimal(10).pow(-scale)) };
  }),
};
