import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { referenceRounding } from '../../test/support/pricing/decimal-reference.js';
import { Decimal } from '../domain/decimal.js';
import { fixed, fixedDecimalPlaces, fixedToDecimal, fixedToString } from './fixed.js';
import { NO_ROUNDING, type RoundingRule, readRoundingRule, roundPrice } from './rounding.js';

const UP = 2;
const DOWN = 3;
const NEAREST = 4;
const ENDS_IN = 1;
const MULTIPLE_OF = 2;

const rule = (policy: 2 | 3 | 4, option: 1 | 2, amount: string): RoundingRule => ({
  policy,
  option,
  amount: fixed(amount),
});
/** Rounds the exact price x (given as decimal text) to pricing precision 2. */
const roundAt2 = (x: string, r: RoundingRule) => fixedToString(roundPrice(fixed(x), 1, r, 2));

describe('rounding of price-list-derived prices (reference 5.3)', () => {
  it.each([
    ['12.345', '12.35'],
    ['12.344', '12.34'],
    ['0.005', '0.01'],
  ])('policy None rounds %s half away from zero to the pricing precision: %s', (x, expected) => {
    expect(roundAt2(x, NO_ROUNDING)).toBe(expected);
  });

  it.each([
    // x, policy, A, expected
    ['12.30', UP, '0.99', '12.99'],
    ['12.30', DOWN, '0.99', '11.99'],
    ['12.30', NEAREST, '0.99', '11.99'],
    ['12.70', UP, '0.99', '12.99'],
    ['12.70', DOWN, '0.99', '11.99'],
    ['12.70', NEAREST, '0.99', '12.99'],
    ['12.99', UP, '0.99', '12.99'],
    ['12.99', DOWN, '0.99', '12.99'],
    ['12.99', NEAREST, '0.99', '12.99'],
    ['123', UP, '5', '125'],
    ['123', DOWN, '5', '115'],
    ['123', NEAREST, '5', '125'],
    ['120', NEAREST, '5', '125'],
    ['0.50', UP, '0.99', '0.99'],
    ['0.50', DOWN, '0.99', '0'],
    ['0.20', NEAREST, '0.99', '0.99'],
  ] as const)('Ends in: %s rounded with policy %i and amount %s is %s', (x, policy, amount, expected) => {
    expect(roundAt2(x, rule(policy, ENDS_IN, amount))).toBe(expected);
  });

  it.each([
    ['12.32', UP, '0.05', '12.35'],
    ['12.32', DOWN, '0.05', '12.3'],
    ['12.32', NEAREST, '0.05', '12.3'],
    ['12.325', NEAREST, '0.05', '12.35'],
    ['12.35', UP, '0.05', '12.35'],
    ['123', UP, '5', '125'],
    ['123', DOWN, '5', '120'],
    ['123', NEAREST, '5', '125'],
    ['122.5', NEAREST, '5', '125'],
  ] as const)('Multiple of: %s rounded with policy %i and amount %s is %s', (x, policy, amount, expected) => {
    expect(roundAt2(x, rule(policy, MULTIPLE_OF, amount))).toBe(expected);
  });

  it('rounds the exact price, not an already rounded one: 33.333... Up to a multiple of 0.01 is 33.34', () => {
    expect(fixedToString(roundPrice(fixed('100'), 3, rule(UP, MULTIPLE_OF, '0.01'), 2))).toBe('33.34');
    expect(fixedToString(roundPrice(fixed('100'), 3, NO_ROUNDING, 2))).toBe('33.33');
  });

  it.each([
    [null, null, null, 'None'],
    [1, 99, null, 'None'],
    [7, ENDS_IN, '0.99', 22],
    [UP, null, '0.99', 23],
    [UP, 3, '0.99', 23],
    [UP, ENDS_IN, null, 24],
    [UP, ENDS_IN, '0', 24],
    [UP, MULTIPLE_OF, '-1', 24],
    [UP, ENDS_IN, '0.995', 24],
  ] as const)('policy %s, option %s, amount %s reads as %s', (policy, option, amount, expected) => {
    const read = readRoundingRule(policy, option, amount === null ? null : fixed(amount), 2);
    if (expected === 'None') expect(read).toEqual(NO_ROUNDING);
    else expect(read).toEqual({ error: expected });
  });

  const exactPrice = fc.tuple(fc.integer({ min: 0, max: 100_000_000 }), fc.integer({ min: 1, max: 1_000 }));
  const anyRule = fc.oneof(
    fc.constant(NO_ROUNDING),
    fc
      .tuple(
        fc.constantFrom<2 | 3 | 4>(UP, DOWN, NEAREST),
        fc.constantFrom<1 | 2>(ENDS_IN, MULTIPLE_OF),
        fc.constantFrom('0.99', '0.95', '0.05', '0.5', '1', '5', '9', '10', '25', '0.01'),
      )
      .map(([policy, option, amount]) => rule(policy, option, amount)),
  );

  it('agrees with the reference sketch computed in decimal.js, for any exact price and rule', () => {
    fc.assert(
      fc.property(exactPrice, anyRule, ([units, denominator], r) => {
        const engine = roundPrice(units, denominator, r, 2);
        const x = new Decimal(units).div(100_000).div(denominator);
        const expected =
          r.policy === 1
            ? referenceRounding(x, 1, 1, new Decimal(0), 2)
            : referenceRounding(x, r.policy, r.option, fixedToDecimal(r.amount), 2);
        expect(fixedToDecimal(engine).eq(expected)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('is idempotent: rounding a rounded price changes nothing, and it never exceeds the precision', () => {
    fc.assert(
      fc.property(exactPrice, anyRule, fc.integer({ min: 2, max: 4 }), ([units, denominator], r, places) => {
        const once = roundPrice(units, denominator, r, places);
        expect(roundPrice(once, 1, r, places)).toBe(once);
        expect(fixedDecimalPlaces(once)).toBeLessThanOrEqual(places);
      }),
      { numRuns: 3000 },
    );
  });
});
