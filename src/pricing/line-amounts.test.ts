import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { catalog, item, line, priced, settings, text } from '../../test/support/pricing/fixtures.js';
import { Decimal } from '../domain/decimal.js';
import { fixed, fixedToDecimal, fixedToString } from './fixed.js';
import { computeLineAmounts } from './line-amounts.js';
import type { DiscountCalculationMethod } from './pricing-types.js';

const amounts = (
  p: string,
  v: string,
  q: string,
  m: string,
  t: string,
  method: DiscountCalculationMethod,
  places = 2,
) => {
  const result = computeLineAmounts(fixed(p), fixed(v), fixed(q), fixed(m), fixed(t), method, places);
  return {
    baseamount: fixedToString(result.baseamount),
    discount: fixedToString(result.effectiveManualDiscount),
    extendedamount: fixedToString(result.extendedamount),
  };
};

describe('line amounts (reference 5.5, PRODUCT.md C2)', () => {
  it.each([
    ['line item: (100 x 11) - 10 = 1,090', '11', 0, '1090'],
    ['per unit: (100 - 10) x 11 = 990', '11', 1, '990'],
    ['line item: (100 x 200) - 10 = 19,990', '200', 0, '19990'],
    ['per unit: 200 x 10 = 2,000 off, 18,000', '200', 1, '18000'],
  ] as const)('documented example, %s', (_example, quantity, method, extended) => {
    expect(amounts('100', '0', quantity, '10', '0', method).extendedamount).toBe(extended);
  });

  it('the same examples through the engine with the organization discount method', () => {
    const catalogLine = line({ quantity: '11', manualdiscountamount: '10' });
    expect(text(priced(catalogLine, { settings: settings({ discountcalculationmethod: 0 }) }).extendedamount)).toBe(
      '1090',
    );
    expect(text(priced(catalogLine, { settings: settings({ discountcalculationmethod: 1 }) }).extendedamount)).toBe(
      '990',
    );
  });

  it('baseamount = (price per unit - volume discount) x quantity; the manual discount is not in it', () => {
    expect(amounts('100', '5', '11', '10', '0', 0)).toEqual({
      baseamount: '1045',
      discount: '10',
      extendedamount: '1035',
    });
  });

  it('extendedamount = baseamount - manual discount + tax', () => {
    expect(amounts('100', '0', '11', '10', '86.4', 0).extendedamount).toBe('1176.4');
  });

  it('each amount is rounded half away from zero to the currency precision', () => {
    expect(amounts('19.99', '0', '0.333', '0', '0', 0).baseamount).toBe('6.66'); // 6.65667
    expect(amounts('0.33', '0', '2.5', '0.33', '0', 1).discount).toBe('0.83'); // 0.825
    expect(amounts('0.5', '0', '-1', '0', '0', 0, 0).baseamount).toBe('-1'); // -0.5, away from zero
  });

  it('a line of an existing product uses the price list price', () => {
    const rows = catalog({ priceListItems: [item('p1', { amount: '12.5' })] });
    const result = priced(line({ quantity: '4', manualdiscountamount: '1', tax: '4.9' }), { catalog: rows });
    expect([text(result.priceperunit), text(result.baseamount), text(result.extendedamount)]).toEqual([
      '12.5',
      '50',
      '53.9',
    ]);
  });

  const money = fc.integer({ min: 0, max: 10_000_000_00 }).map((cents) => (cents / 100).toFixed(2));
  const quantity = fc
    .integer({ min: -100_000_000, max: 100_000_000_000 })
    .map((v) => new Decimal(v).div(100_000).toFixed());

  it('agrees with decimal.js for any price, discount, quantity, tax and method', () => {
    fc.assert(
      fc.property(
        money,
        money,
        quantity,
        money,
        money,
        fc.constantFrom<DiscountCalculationMethod>(0, 1),
        fc.integer({ min: 0, max: 4 }),
        (p, v, q, m, t, method, places) => {
          const engine = computeLineAmounts(fixed(p), fixed(v), fixed(q), fixed(m), fixed(t), method, places);
          const round = (value: Decimal) => value.toDecimalPlaces(places, Decimal.ROUND_HALF_UP);
          const base = round(new Decimal(p).minus(v).mul(q));
          const discount = method === 1 ? round(new Decimal(m).mul(q)) : new Decimal(m);
          expect(fixedToDecimal(engine.baseamount).eq(base)).toBe(true);
          expect(fixedToDecimal(engine.extendedamount).eq(base.minus(discount).plus(t))).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
