/**
 * SQLite's storage of each column type: ids, text and datetimes as text; money as integers scaled by
 * 10^4 and decimals scaled by 10^precision when their range fits 64 bits (else text); booleans as 0/1.
 * better-sqlite3 reads every integer back as a BigInt (safe integers).
 */
import { Decimal } from '../../domain/decimal.js';
import type { ColumnStorage } from './column-storage.js';
import { perColumn } from './column-storage.js';
import { INT64_MAX, MONEY_SCALE, scaleDown, scaleUp, sqliteDecimalScale } from './numeric-scaling.js';

export const sqliteColumns: ColumnStorage = {
  sqlType(column) {
    switch (column.type) {
      case 'uniqueidentifier':
      case 'lookup':
      case 'customer':
      case 'owner':
      case 'string':
      case 'memo':
      case 'datetime':
        return 'text';
      case 'integer':
      case 'picklist':
      case 'state':
      case 'status':
      case 'bigint':
      case 'money':
      case 'boolean':
        return 'integer';
      case 'decimal':
        return sqliteDecimalScale(column) === undefined ? 'text' : 'integer';
    }
  },
  encode(column, value) {
    if (value === null) return null;
    switch (column.type) {
      case 'money':
        return scaleUp(value as Decimal, MONEY_SCALE);
      case 'decimal': {
        const scale = sqliteDecimalScale(column);
        return scale === undefined ? (value as Decimal).toFixed() : scaleUp(value as Decimal, scale);
      }
      case 'boolean':
        return value ? 1 : 0;
      case 'bigint':
        return BigInt(value as string);
      default:
        return value;
    }
  },
  decode(column, value) {
    if (value === null || value === undefined) return null;
    switch (column.type) {
      case 'money':
        return scaleDown(value, MONEY_SCALE);
      case 'decimal': {
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
        return value !== 0n && value !== 0;
      default:
        return String(value);
    }
  },
  numericStorage: perColumn((column) => {
    const stored = column.type === 'money' ? MONEY_SCALE : sqliteDecimalScale(column);
    if (stored === undefined)
      return { largest: Decimal.max(new Decimal(column.max).abs(), new Decimal(column.min).abs()), asText: true };
    return { scale: stored, largest: INT64_MAX.div(new Decimal(10).pow(stored)) };
  }),
};
