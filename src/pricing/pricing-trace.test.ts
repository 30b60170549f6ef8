import { describe, expect, it } from 'vitest';
import {
  catalog,
  discountList,
  item,
  line,
  priced,
  product,
  record,
  settings,
  tier,
  writeIn,
} from '../../test/support/pricing/fixtures.js';
import { describePricingTrace } from './pricing-trace.js';

const rows = catalog({
  products: [product('p1', { price: '19.99' })],
  priceListItems: [
    item('p1', {
      pricingmethodcode: 2,
      percentage: '90',
      roundingpolicycode: 2,
      roundingoptioncode: 1,
      roundingoptionamount: '0.99',
      discounttypeid: 'vol',
    }),
  ],
  discountLists: [discountList('vol', false)],
  discounts: [tier('vol', '10', '49', { percentage: '5' })],
});

describe('pricing trace: why a price is what it is (PRODUCT.md C2)', () => {
  it('names the price list item, the method, the rounding and the discount tier', () => {
    const result = priced(line({ quantity: '12' }), {
      catalog: rows,
      settings: settings({ discountcalculationmethod: 1 }),
    });
    expect(describePricingTrace(result.trace)).toBe(
      'price list item pl-main/p1/uom-each of price list pl-main: Percent of List 90%, rounding Up Ends in 0.99; ' +
        'volume discount 5% for 10-49 units (discount list vol, tier vol:10-49); manual discount per unit.',
    );
  });

  it('says when no tier holds the quantity', () => {
    const result = priced(line({ quantity: '2' }), { catalog: rows });
    expect(describePricingTrace(result.trace)).toContain('no tier of discount list vol holds the quantity');
  });

  it('says where a user price came from', () => {
    expect(describePricingTrace(priced(writeIn('5', '1')).trace)).toBe(
      'write-in product at the user price; no volume discount; manual discount per line.',
    );
    expect(describePricingTrace(priced(line({ ispriceoverridden: true, priceperunit: '5' })).trace)).toMatch(
      /^price overridden by the user;/,
    );
  });

  it('says when a price lock kept the price and the discount', () => {
    const result = priced(line({ priceperunit: '17', volumediscountamount: '0.85', quantity: '12' }), {
      catalog: rows,
      record: record({ ispricelocked: true }),
      change: { operation: 'recalculate' },
    });
    expect(describePricingTrace(result.trace)).toBe(
      'price locked: stored price kept; volume discount kept (price locked, quantity unchanged); manual discount per line.',
    );
  });

  it('names the pricing error', () => {
    const result = priced(line({ productid: 'p9' }), { catalog: rows });
    expect(describePricingTrace(result.trace)).toBe(
      'price not determined: price 0; no volume discount; manual discount per line; pricing error 7 (Invalid Product).',
    );
  });
});
