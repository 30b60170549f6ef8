import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { line, priced, record, text, writeIn } from '../../test/support/pricing/fixtures.js';
import { Decimal } from '../domain/decimal.js';
import { baseConversion, moneyRangeExcess, toBase } from './base-currency.js';
import { fixed, fixedFromUnits, fixedToDecimal, fixedToString } from './fixed.js';

const base = (x: string, rate: string) => fixedToString(toBase(fixed(x), baseConversion(new Decimal(rate))));

describe('_base columns: x_base = x / exchangerate, rounded to 4 decimals (reference 4.8)', () => {
  it.each([
    ['100', '0.912345678901', '109.6076'],
    ['100', '1.5', '66.6667'],
    ['100', '0.8', '125'],
    ['-100', '3', '-33.3333'],
    ['0.0001', '2', '0.0001'], // 0.00005: half away from zero
    ['-0.0001', '2', '-0.0001'],
    ['12.34', '1', '12.34'],
    ['0', '0.7', '0'],
  ])('%s at rate %s is %s', (x, rate, expected) => {
    expect(base(x, rate)).toBe(expected);
  });

  it('every _base column of a line is converted through the record rate', () => {
    const result = priced(line({ quantity: '3', manualdiscountamount: '10', tax: '5' }), {
      record: record({ exchangerate: '1.25' }),
    });
    expect(
      [
        result.priceperunit_base,
        result.volumediscountamount_base,
        result.baseamount_base,
        result.manualdiscountamount_base,
        result.tax_base,
        result.extendedamount_base,
      ].map(text),
    ).toEqual(['80', '0', '240', '8', '4', '236']);
  });

  const units = fc.oneof(
    fc.integer({ min: -100_000_000, max: 100_000_000 }),
    fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
    fc
      .bigInt({ min: -(10n ** 20n), max: 10n ** 20n })
      .map((v) => (v >= -(2n ** 53n) && v <= 2n ** 53n ? Number(v) : v)),
  );
  const rate = fc.oneof(
    fc.bigInt({ min: 1n, max: 10n ** 23n }).map((m) => new Decimal(m.toString()).div('1e12')),
    fc.constantFrom('0.2', '0.4', '0.5', '0.8', '1.25', '1.6', '2', '2.5', '4').map((r) => new Decimal(r)),
  );

  it('agrees with decimal.js for any amount and any rate of up to 12 decimals, ties included', () => {
    fc.assert(
      fc.property(units, rate, (u, r) => {
        const value = fixedFromUnits(u);
        const expected = fixedToDecimal(value).div(r).toDecimalPlaces(4, Decimal.ROUND_HALF_UP);
        expect(fixedToDecimal(toBase(value, baseConversion(r))).eq(expected)).toBe(true);
      }),
      { numRuns: 4000 },
    );
  });

  it('a missing or non-positive rate is 25 Price Calculation Error and converts at 1', () => {
    expect(baseConversion(null).error).toBe(25);
    expect(baseConversion(new Decimal(0)).error).toBe(25);
    expect(base('12.3456', '1')).toBe('12.3456');
  });

  it('computed money past ±922,337,203,685,477 is out of range: 35 on the line', () => {
    expect(moneyRangeExcess(fixed('922337203685477'))).toBe(0);
    expect(moneyRangeExcess(fixed('922337203685477.00001'))).toBe(1);
    expect(moneyRangeExcess(fixed('-922337203685478'))).toBe(-1);
    const result = priced(writeIn('1000000000000', '1000'));
    expect(result.pricingerrorcode).toBe(35);
  });

  it('a _base value past the range is 36 Base Currency Attribute Overflow, below it 37 Underflow', () => {
    const tinyRate = record({ exchangerate: '0.000001' });
    expect(priced(writeIn('1000000000', '1'), { record: tinyRate }).pricingerrorcode).toBe(36);
    expect(priced(writeIn('100000000', '-100'), { record: tinyRate }).pricingerrorcode).toBe(37);
  });
});
