import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal, decimalPlaces, formatDecimal, parseDecimal, roundTo } from './decimal.js';

const dec = (value: string | number) => new Decimal(value);

describe('parseDecimal', () => {
  it.each([
    ['0', '0'],
    ['12', '12'],
    ['-12.50', '-12.5'],
    ['+7', '7'],
    ['1.', '1'],
    ['.5', '0.5'],
    ['1e3', '1000'],
    ['1E-3', '0.001'],
    ['-2.5e+2', '-250'],
    ['922337203685477.1234', '922337203685477.1234'],
  ])('accepts the numeric literal %s exactly', (text, expected) => {
    expect(parseDecimal(text)?.toFixed()).toBe(expected);
  });

  it('keeps every digit of a long literal (no binary float in between)', () => {
    const text = '12345678901234567890.12345678901234567891';
    expect(parseDecimal(text)?.toFixed()).toBe(text);
  });

  it.each([
    '',
    ' ',
    ' 1',
    '1 ',
    'abc',
    '1,5',
    '1.2.3',
    '--1',
    '+-1',
    '.',
    '-.',
    'e5',
    '1e',
    '1e+',
    '0x10',
    '0b1',
    'Infinity',
    '-Infinity',
    'NaN',
    '1_000',
    '١٢',
  ])('refuses %j, which is not a numeric literal', (text) => {
    expect(parseDecimal(text)).toBeUndefined();
  });

  it.each(['1e999999999999999999', '-1e999999999999999999', '1e-999999999999999999'])(
    'refuses %s, whose exponent no exact decimal can hold (never Infinity or a silent 0)',
    (text) => {
      expect(parseDecimal(text)).toBeUndefined();
    },
  );

  it('reads a zero with a huge negative exponent as zero, since that is exact', () => {
    expect(parseDecimal('0e-999999999999999999')?.isZero()).toBe(true);
  });
});

describe('roundTo: half away from zero', () => {
  it.each([
    ['2.345', 2, '2.35'],
    ['-2.345', 2, '-2.35'],
    ['2.344', 2, '2.34'],
    ['-2.344', 2, '-2.34'],
    ['0.5', 0, '1'],
    ['-0.5', 0, '-1'],
    ['1.5', 0, '2'],
    ['2.5', 0, '3'],
    ['0.00005', 4, '0.0001'],
    ['1.23456789015', 10, '1.2345678902'],
    ['7', 2, '7'],
  ])('rounds %s to %i places as %s', (value, places, expected) => {
    expect(roundTo(dec(value), places).toFixed()).toBe(expected);
  });

  it('is symmetric: rounding -x is -(rounding x)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }),
        fc.integer({ min: 0, max: 8 }),
        (units, places) => {
          const value = dec(units.toString()).div(1_000_000);
          expect(roundTo(value.neg(), places).eq(roundTo(value, places).neg())).toBe(true);
        },
      ),
    );
  });

  it('never moves a value by more than half a unit of the last place', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }),
        fc.integer({ min: 0, max: 6 }),
        (units, places) => {
          const value = dec(units.toString()).div(100_000_000);
          const rounded = roundTo(value, places);
          expect(rounded.decimalPlaces()).toBeLessThanOrEqual(places);
          expect(
            rounded
              .minus(value)
              .abs()
              .lte(dec('0.5').div(dec(10).pow(places))),
          ).toBe(true);
        },
      ),
    );
  });
});

describe('decimalPlaces', () => {
  it.each([
    ['1', 0],
    ['1.50', 1],
    ['0.0001', 4],
    ['-3.14159', 5],
  ])('counts the significant decimals of %s as %i', (text, places) => {
    expect(decimalPlaces(dec(text))).toBe(places);
  });
});

describe('formatDecimal', () => {
  it.each([
    ['12.5000', undefined, '12.5'],
    ['12.0000', undefined, '12'],
    ['100', undefined, '100'],
    ['0.10', undefined, '0.1'],
    ['1e21', undefined, '1000000000000000000000'],
    ['1e-7', undefined, '0.0000001'],
    ['2.345', 2, '2.35'],
    ['-2.345', 2, '-2.35'],
    ['2.5', 0, '3'],
    ['1.999999', 4, '2'],
    ['10.10', 4, '10.1'],
  ])('writes %s (at most %s places) as %s: plain text, trailing zeros trimmed', (value, places, expected) => {
    expect(formatDecimal(dec(value), places)).toBe(expected);
  });

  it.each([
    ['-0', undefined],
    ['-0.000', undefined],
    ['-0.001', 2],
    ['-0.4', 0],
    ['-0.00004', 4],
  ])('never writes -0 (%s at %s places is 0)', (value, places) => {
    expect(formatDecimal(dec(value), places)).toBe('0');
  });

  it('re-parses to an equal value (any literal parseDecimal accepts)', () => {
    const literal = fc
      .tuple(
        fc.constantFrom('', '-', '+'),
        fc.stringMatching(/^\d{1,20}$/),
        fc.option(fc.stringMatching(/^\d{0,20}$/), { nil: undefined }),
        fc.option(fc.integer({ min: -30, max: 30 }), { nil: undefined }),
      )
      .map(([sign, whole, fraction, exponent]) => {
        const mantissa = fraction === undefined ? whole : `${whole}.${fraction}`;
        return `${sign}${mantissa}${exponent === undefined ? '' : `e${exponent}`}`;
      });
    fc.assert(
      fc.property(literal, (text) => {
        const value = parseDecimal(text)!;
        const written = formatDecimal(value);
        expect(written).toMatch(/^-?\d+(\.\d*[1-9])?$/);
        expect(parseDecimal(written)!.eq(value)).toBe(true);
      }),
    );
  });

  it('with maxPlaces re-parses to the rounded value and has at most that many decimals', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }),
        fc.integer({ min: 0, max: 10 }),
        (units, places) => {
          const value = dec(units.toString()).div(dec(10).pow(8));
          const written = formatDecimal(value, places);
          expect(decimalPlaces(parseDecimal(written)!)).toBeLessThanOrEqual(places);
          expect(parseDecimal(written)!.eq(roundTo(value, places))).toBe(true);
        },
      ),
    );
  });
});
