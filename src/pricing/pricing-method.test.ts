import { describe, expect, it } from 'vitest';
import { type ItemOptions, item, type ProductOptions, product } from '../../test/support/pricing/fixtures.js';
import { fixedToString } from './fixed.js';
import { computeListPrice } from './pricing-method.js';

function listPrice(itemOptions: ItemOptions, productOptions: ProductOptions = {}, places = 2) {
  const outcome = computeListPrice(item('p1', itemOptions), product('p1', productOptions), places);
  return outcome.price === undefined ? { error: outcome.error } : fixedToString(outcome.price);
}

describe('pricing methods (reference 5.2)', () => {
  it.each([
    ['1 Currency Amount: price = amount', { pricingmethodcode: 1, amount: '49.95' }, {}, '49.95'],
    [
      '2 Percent of List: price = list price x p/100',
      { pricingmethodcode: 2, percentage: '85' },
      { price: '200' },
      '170',
    ],
    [
      '3 Percent Markup - Current Cost: price = current cost x (1 + p/100)',
      { pricingmethodcode: 3, percentage: '25' },
      { currentcost: '80' },
      '100',
    ],
    [
      '4 Percent Margin - Current Cost: price = current cost / (1 - p/100)',
      { pricingmethodcode: 4, percentage: '20' },
      { currentcost: '80', standardcost: '1' },
      '100',
    ],
    [
      '5 Percent Markup - Standard Cost: price = standard cost x (1 + p/100)',
      { pricingmethodcode: 5, percentage: '50' },
      { standardcost: '60' },
      '90',
    ],
    [
      '6 Percent Margin - Standard Cost: price = standard cost / (1 - p/100)',
      { pricingmethodcode: 6, percentage: '25' },
      { standardcost: '60' },
      '80',
    ],
  ] as const)('%s', (_rule, itemOptions, productOptions, expected) => {
    expect(listPrice(itemOptions, productOptions)).toBe(expected);
  });

  it('a margin that does not divide evenly is rounded half away from zero to the pricing precision', () => {
    expect(listPrice({ pricingmethodcode: 4, percentage: '30' }, { currentcost: '100' })).toBe('142.86');
    expect(listPrice({ pricingmethodcode: 4, percentage: '30' }, { currentcost: '100' }, 4)).toBe('142.8571');
  });

  it('the item rounding applies to methods 2-6: 90% of 19.99 = 17.991, Up to end in .99, is 18.99', () => {
    expect(
      listPrice(
        {
          pricingmethodcode: 2,
          percentage: '90',
          roundingpolicycode: 2,
          roundingoptioncode: 1,
          roundingoptionamount: '0.99',
        },
        { price: '19.99' },
      ),
    ).toBe('18.99');
  });

  it('the item rounding does not apply to method 1 (Currency Amount)', () => {
    expect(
      listPrice({
        pricingmethodcode: 1,
        amount: '17.5',
        roundingpolicycode: 2,
        roundingoptioncode: 1,
        roundingoptionamount: '0.99',
      }),
    ).toBe('17.5');
  });

  it('the amount of method 1 is rounded to the pricing precision', () => {
    expect(listPrice({ pricingmethodcode: 1, amount: '10.125' })).toBe('10.13');
    expect(listPrice({ pricingmethodcode: 1, amount: '10.125' }, {}, 0)).toBe('10');
  });

  it.each([
    ['8 Missing Pricing Code', { pricingmethodcode: null }, {}, 8],
    ['9 Invalid Pricing Code', { pricingmethodcode: 7 }, {}, 9],
    ['12 Missing Price Level Amount', { pricingmethodcode: 1, amount: null }, {}, 12],
    ['13 Missing Price Level Percentage', { pricingmethodcode: 2, percentage: null }, { price: '10' }, 13],
    ['14 Missing Price', { pricingmethodcode: 2, percentage: '10' }, { price: null }, 14],
    ['15 Missing Current Cost (method 3)', { pricingmethodcode: 3, percentage: '10' }, { currentcost: null }, 15],
    ['15 Missing Current Cost (method 4)', { pricingmethodcode: 4, percentage: '10' }, { standardcost: '5' }, 15],
    ['16 Missing Standard Cost (method 5)', { pricingmethodcode: 5, percentage: '10' }, {}, 16],
    ['16 Missing Standard Cost (method 6)', { pricingmethodcode: 6, percentage: '10' }, {}, 16],
    ['17 Invalid Price Level Amount (negative)', { pricingmethodcode: 1, amount: '-1' }, {}, 17],
    [
      '18 Invalid Price Level Percentage (negative)',
      { pricingmethodcode: 3, percentage: '-5' },
      { currentcost: '1' },
      18,
    ],
    [
      '18 Invalid Price Level Percentage (margin of 100%)',
      { pricingmethodcode: 6, percentage: '100' },
      { standardcost: '1' },
      18,
    ],
    ['19 Invalid Price (negative list price)', { pricingmethodcode: 2, percentage: '10' }, { price: '-1' }, 19],
    ['20 Invalid Current Cost', { pricingmethodcode: 3, percentage: '10' }, { currentcost: '-1' }, 20],
    ['21 Invalid Standard Cost', { pricingmethodcode: 5, percentage: '10' }, { standardcost: '-1' }, 21],
    [
      '22 Invalid Rounding Policy',
      { pricingmethodcode: 2, percentage: '10', roundingpolicycode: 9 },
      { price: '1' },
      22,
    ],
    [
      '23 Invalid Rounding Option',
      { pricingmethodcode: 2, percentage: '10', roundingpolicycode: 2, roundingoptioncode: null },
      { price: '1' },
      23,
    ],
    [
      '24 Invalid Rounding Amount',
      {
        pricingmethodcode: 2,
        percentage: '10',
        roundingpolicycode: 2,
        roundingoptioncode: 2,
        roundingoptionamount: '0',
      },
      { price: '1' },
      24,
    ],
  ] as const)('%s', (_name, itemOptions, productOptions, code) => {
    expect(listPrice(itemOptions, productOptions)).toEqual({ error: code });
  });
});
