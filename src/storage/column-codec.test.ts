import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../domain/decimal.js';
import { boolean, dateonly, datetime, decimal, integer, money, picklist, string } from '../domain/metadata/columns.js';
import { createSalesMetadata } from '../domain/metadata/sales-metadata.js';
import type { ColumnMetadata, DecimalColumn } from '../domain/metadata/table-metadata.js';
import { type Dialect, decodeValue, encodeValue, sqliteDecimalScale, sqlType } from './column-codec.js';

const metadata = createSalesMetadata();

function columnOf(tableName: string, name: string): ColumnMetadata {
  const table = metadata.table(tableName)!;
  const column = metadata.column(table, name);
  if (!column) throw new Error(`${tableName}.${name} is not in the sales metadata`);
  return column;
}

const amount = money('amount', 'Amount')[0]!;
const exchangerate = columnOf('transactioncurrency', 'exchangerate') as DecimalColumn;
const quantity = columnOf('salesorderdetail', 'quantity') as DecimalColumn;
const versionnumber = columnOf('account', 'versionnumber');
const dialects: Dialect[] = ['sqlite', 'postgres'];

const roundTrip = (column: ColumnMetadata, value: Parameters<typeof encodeValue>[1], dialect: Dialect) =>
  decodeValue(column, encodeValue(column, value, dialect), dialect);

/** Decimals with at most `places` decimals and at most `limit` in magnitude, as exact text. */
function decimalText(places: number, limit: bigint): fc.Arbitrary<string> {
  const scale = 10n ** BigInt(places);
  return fc
    .bigInt({ min: -limit * scale, max: limit * scale })
    .map((units) => new Decimal(units.toString()).div(scale.toString()).toFixed());
}

describe('money', () => {
  it('is a BigInt of the value scaled by 10^4 on SQLite', () => {
    expect(encodeValue(amount, new Decimal('12.3456'), 'sqlite')).toBe(123456n);
    expect(encodeValue(amount, new Decimal('-0.0001'), 'sqlite')).toBe(-1n);
    expect(sqlType(amount, 'sqlite')).toBe('integer');
  });

  it('is exact decimal text in a numeric(19,4) on PostgreSQL', () => {
    expect(encodeValue(amount, new Decimal('12.3400'), 'postgres')).toBe('12.34');
    expect(sqlType(amount, 'postgres')).toBe('numeric(19,4)');
  });

  it('decodes the stored forms back to the decimal', () => {
    expect((decodeValue(amount, 123456n, 'sqlite') as Decimal).toFixed()).toBe('12.3456');
    expect((decodeValue(amount, '12.3456', 'postgres') as Decimal).toFixed()).toBe('12.3456');
  });

  it.each(dialects)(
    'decodes back exactly on %s, for every value with at most 4 decimals in the money range',
    (dialect) => {
      fc.assert(
        fc.property(decimalText(4, 922337203685477n), (text) => {
          const decoded = roundTrip(amount, new Decimal(text), dialect);
          expect(decoded).toBeInstanceOf(Decimal);
          expect((decoded as Decimal).toFixed()).toBe(text);
        }),
      );
    },
  );

  it.each(['922337203685477.5807', '-922337203685477.5808', '922337203685477', '-922337203685477'])(
    'keeps the extreme money value %s on SQLite (the 64-bit limit of the scaled integer)',
    (text) => {
      const encoded = encodeValue(amount, new Decimal(text), 'sqlite');
      expect(typeof encoded).toBe('bigint');
      expect((decodeValue(amount, encoded, 'sqlite') as Decimal).toFixed()).toBe(text);
    },
  );
});

describe('decimal columns on SQLite', () => {
  it('keep a scaled integer when the whole range times 10^precision fits in 64 bits (quantity: precision 5, max 1e11)', () => {
    expect(sqliteDecimalScale(quantity)).toBe(5);
    expect(sqlType(quantity, 'sqlite')).toBe('integer');
    expect(encodeValue(quantity, new Decimal('2.5'), 'sqlite')).toBe(250000n);
    expect((decodeValue(quantity, 250000n, 'sqlite') as Decimal).toFixed()).toBe('2.5');
  });

  it('keep text when it does not (exchangerate: precision 12, max 1e11)', () => {
    expect(sqliteDecimalScale(exchangerate)).toBeUndefined();
    expect(sqlType(exchangerate, 'sqlite')).toBe('text');
    expect(encodeValue(exchangerate, new Decimal('1.250000000000'), 'sqlite')).toBe('1.25');
    expect((decodeValue(exchangerate, '0.000000000001', 'sqlite') as Decimal).toFixed()).toBe('0.000000000001');
  });

  it('decide from the largest bound in magnitude, the minimum too', () => {
    const negative = decimal('d', 'D', { precision: 10, min: '-1000000000000', max: '1' });
    expect(sqliteDecimalScale(negative)).toBeUndefined();
    expect(sqliteDecimalScale(decimal('d', 'D', { precision: 2, min: '0', max: '100' }))).toBe(2);
  });

  it('are numeric(38,precision) on PostgreSQL', () => {
    expect(sqlType(exchangerate, 'postgres')).toBe('numeric(38,12)');
    expect(sqlType(quantity, 'postgres')).toBe('numeric(38,5)');
  });

  it.each([
    ['quantity', quantity, 5, 100000000000n],
    ['exchangerate', exchangerate, 12, 100000000000n],
  ] as const)('%s decodes back exactly on both dialects over its range', (_name, column, places, limit) => {
    fc.assert(
      fc.property(decimalText(places, limit), fc.constantFrom(...dialects), (text, dialect) => {
        expect((roundTrip(column, new Decimal(text), dialect) as Decimal).toFixed()).toBe(text);
      }),
    );
  });
});

describe('other column types', () => {
  const flag = boolean('flag', 'Flag');
  const count = integer('count', 'Count', { min: 0, max: 10 });
  const choice = picklist('choice', 'Choice', { 1: 'One', 2: 'Two' });
  const when = datetime('when', 'When');
  const day = dateonly('day', 'Day');
  const name = string('name', 'Name', 10);

  it.each([
    [true, 1],
    [false, 0],
  ])('booleans are 1/0 on SQLite (%s is %s) and decode from BigInt or number', (value, stored) => {
    expect(encodeValue(flag, value, 'sqlite')).toBe(stored);
    expect(decodeValue(flag, BigInt(stored), 'sqlite')).toBe(value);
    expect(decodeValue(flag, stored, 'sqlite')).toBe(value);
  });

  it('booleans are native on PostgreSQL', () => {
    expect(encodeValue(flag, true, 'postgres')).toBe(true);
    expect(decodeValue(flag, false, 'postgres')).toBe(false);
    expect(sqlType(flag, 'postgres')).toBe('boolean');
  });

  it.each([
    [count, 7n, 7],
    [choice, 2n, 2],
    [count, '7', 7],
  ] as const)(
    'integer-like columns (%s) decode to numbers, whatever the driver hands back',
    (column, stored, expected) => {
      expect(decodeValue(column, stored, 'sqlite')).toBe(expected);
      expect(decodeValue(column, stored, 'postgres')).toBe(expected);
    },
  );

  it('row versions are decimal strings in the domain, BigInt on SQLite and int8 text on PostgreSQL', () => {
    const big = '9223372036854775807';
    expect(encodeValue(versionnumber, big, 'sqlite')).toBe(9223372036854775807n);
    expect(decodeValue(versionnumber, 9223372036854775807n, 'sqlite')).toBe(big);
    expect(encodeValue(versionnumber, '1001', 'postgres')).toBe('1001');
    expect(decodeValue(versionnumber, '1001', 'postgres')).toBe('1001');
    expect(sqlType(versionnumber, 'postgres')).toBe('bigint');
  });

  it('datetimes are stored as ISO text on SQLite and read back unchanged', () => {
    expect(encodeValue(when, '2024-05-01T10:00:00Z', 'sqlite')).toBe('2024-05-01T10:00:00Z');
    expect(decodeValue(when, '2024-05-01T10:00:00Z', 'sqlite')).toBe('2024-05-01T10:00:00Z');
    expect(sqlType(when, 'sqlite')).toBe('text');
  });

  it.each([
    ['2024-05-01 10:00:00+00', '2024-05-01T10:00:00Z'],
    ['2024-05-01 10:00:00.123+00', '2024-05-01T10:00:00Z'],
    ['1999-12-31 23:59:59+00', '1999-12-31T23:59:59Z'],
  ])('PostgreSQL timestamptz text %s reads as %s', (stored, expected) => {
    expect(decodeValue(when, stored, 'postgres')).toBe(expected);
    expect(sqlType(when, 'postgres')).toBe('timestamptz');
  });

  it.each(dialects)('dateonly columns hold YYYY-MM-DD on %s', (dialect) => {
    expect(encodeValue(day, '2024-02-29', dialect)).toBe('2024-02-29');
    expect(decodeValue(day, '2024-02-29', dialect)).toBe('2024-02-29');
  });

  it('dateonly columns are a date on PostgreSQL', () => {
    expect(sqlType(day, 'postgres')).toBe('date');
  });

  it.each(dialects)('null and undefined are null on %s, for every column type', (dialect) => {
    for (const column of [amount, quantity, exchangerate, flag, count, choice, when, day, name, versionnumber]) {
      expect(encodeValue(column, null, dialect)).toBeNull();
      expect(decodeValue(column, null, dialect)).toBeNull();
      expect(decodeValue(column, undefined, dialect)).toBeNull();
    }
  });

  it.each([
    ['ownerid', 'text', 'uuid'],
    ['accountid', 'text', 'uuid'],
    ['name', 'text', 'text'],
  ])('account.%s is %s on SQLite and %s on PostgreSQL', (name, sqlite, postgres) => {
    const column = columnOf('account', name);
    expect(sqlType(column, 'sqlite')).toBe(sqlite);
    expect(sqlType(column, 'postgres')).toBe(postgres);
  });

  it('text and ids pass through unchanged', () => {
    expect(encodeValue(name, 'Contoso', 'sqlite')).toBe('Contoso');
    expect(decodeValue(columnOf('account', 'accountid'), '6f1c0000-0000-0000-0000-000000000001', 'postgres')).toBe(
      '6f1c0000-0000-0000-0000-000000000001',
    );
  });
});
