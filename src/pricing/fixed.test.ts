import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../domain/decimal.js';
import { toBigInt } from './exact-int.js';
import {
  fixed,
  fixedDecimalPlaces,
  fixedFromDecimal,
  fixedFromScaled,
  fixedToDecimal,
  fixedToScaled,
  fixedToString,
  multiplyFixed,
  percentOfFixed,
  roundFixed,
} from './fixed.js';

/** Decimal literals with up to 5 decimals and up to 20 integer digits (beyond the float64 range). */
const literal = fc
  .tuple(
    fc.boolean(),
    fc.bigInt({ min: 0n, max: 10n ** 20n }),
    fc.integer({ min: 0, max: 5 }),
    fc.integer({ min: 0, max: 99_999 }),
  )
  .map(([negative, whole, places, fraction]) => {
    const digits = String(fraction).padStart(5, '0').slice(0, places);
    return `${negative ? '-' : ''}${whole}${places > 0 ? `.${digits}` : ''}`;
  });
const places = fc.integer({ min: 0, max: 4 });

describe('Fixed: exact decimals in 10^-5 units', () => {
  it('parses and writes decimal text exactly (round trip through Decimal too)', () => {
    fc.assert(
      fc.property(literal, (text) => {
        const value = fixed(text);
        expect(new Decimal(fixedToString(value)).eq(new Decimal(text))).toBe(true);
        expect(fixedToDecimal(value).eq(new Decimal(text))).toBe(true);
        expect(fixedFromDecimal(new Decimal(text))).toBe(value);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads any Decimal exactly, rounding past 5 decimals half away from zero (fast path and text path agree)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 22n), max: 10n ** 22n }),
        fc.integer({ min: -14, max: 12 }),
        (mantissa, exponent) => {
          const value = new Decimal(`${mantissa}e${exponent}`);
          const expected = BigInt(value.toFixed(5, Decimal.ROUND_HALF_UP).replace('.', ''));
          expect(toBigInt(fixedFromDecimal(value))).toBe(expected);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('writes plain text with trailing zeros trimmed', () => {
    expect(fixedToString(fixed('1090.00'))).toBe('1090');
    expect(fixedToString(fixed('-0.50'))).toBe('-0.5');
    expect(fixedToString(fixed('0.00001'))).toBe('0.00001');
    expect(fixedToString(fixed('-0'))).toBe('0');
    expect(fixedToString(fixed('922337203685477.1234'))).toBe('922337203685477.1234');
  });

  it('rounds input with more than 5 decimals half away from zero', () => {
    expect(fixedToString(fixed('1.000005'))).toBe('1.00001');
    expect(fixedToString(fixed('-1.000005'))).toBe('-1.00001');
    expect(fixedToString(fixed('1.000004999'))).toBe('1');
  });

  it('converts scaled storage integers (SQLite keeps money scaled by 10^4)', () => {
    expect(fixedToString(fixedFromScaled(12345n, 4))).toBe('1.2345');
    expect(fixedToString(fixedFromScaled(-5, 0))).toBe('-5');
    expect(fixedToString(fixedFromScaled(1234567n, 6))).toBe('1.23457');
    expect(fixedToScaled(fixed('1.2345'), 4)).toBe(12345n);
    expect(fixedToScaled(fixed('0.00005'), 4)).toBe(1n);
    expect(fixedToScaled(fixed('-0.00005'), 4)).toBe(-1n);
  });

  it('rounds half away from zero: 2.345 -> 2.35 and -2.345 -> -2.35', () => {
    expect(fixedToString(roundFixed(fixed('2.345'), 2))).toBe('2.35');
    expect(fixedToString(roundFixed(fixed('-2.345'), 2))).toBe('-2.35');
    expect(fixedToString(roundFixed(fixed('2.3449'), 2))).toBe('2.34');
    expect(fixedToString(roundFixed(fixed('0.5'), 0))).toBe('1');
    expect(fixedToString(roundFixed(fixed('-0.5'), 0))).toBe('-1');
  });

  it('rounding agrees with decimal.js ROUND_HALF_UP and is idempotent', () => {
    fc.assert(
      fc.property(literal, places, (text, p) => {
        const once = roundFixed(fixed(text), p);
        expect(fixedToDecimal(once).eq(new Decimal(text).toDecimalPlaces(p, Decimal.ROUND_HALF_UP))).toBe(true);
        expect(roundFixed(once, p)).toBe(once);
        expect(fixedDecimalPlaces(once)).toBeLessThanOrEqual(p);
      }),
      { numRuns: 2000 },
    );
  });

  it('a product or a percentage is rounded once, from the exact value', () => {
    fc.assert(
      fc.property(literal, literal, places, (a, b, p) => {
        const exact = new Decimal(a).mul(new Decimal(b));
        expect(
          fixedToDecimal(multiplyFixed(fixed(a), fixed(b), p)).eq(exact.toDecimalPlaces(p, Decimal.ROUND_HALF_UP)),
        ).toBe(true);
        expect(
          fixedToDecimal(percentOfFixed(fixed(a), fixed(b), p)).eq(
            exact.div(100).toDecimalPlaces(p, Decimal.ROUND_HALF_UP),
          ),
        ).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
