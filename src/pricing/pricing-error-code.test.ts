import { describe, expect, it } from 'vitest';
import {
  catalog,
  discountList,
  EUR,
  type ItemOptions,
  item,
  line,
  type ProductOptions,
  priced,
  priceList,
  product,
  record,
  settings,
  text,
  tier,
  writeIn,
} from '../../test/support/pricing/fixtures.js';
import { EMPTY_HEADER_ACCUMULATOR } from './header-accumulator.js';
import { computeHeaderTotals } from './header-totals.js';
import { PricingErrorCode } from './pricing-error-code.js';
import type { PricedLine, PricingCatalog } from './pricing-types.js';

/** A catalog where p1 is priced by the given item and product columns. */
const pricedBy = (itemOptions: ItemOptions, productOptions: ProductOptions = {}): PricingCatalog =>
  catalog({ products: [product('p1', productOptions)], priceListItems: [item('p1', itemOptions)] });
const withDiscount = (isAmount: boolean, value: { amount?: string | null; percentage?: string | null }) =>
  catalog({
    priceListItems: [item('p1', { amount: '100', discounttypeid: 'd' })],
    discountLists: [discountList('d', isAmount)],
    discounts: [tier('d', '1', '10', value)],
  });

/** One scenario per code the engine raises: what happened, and the code it gives. */
const scenarios: readonly (readonly [number, string, () => number])[] = [
  [
    1,
    'the header when a line has an error',
    () =>
      computeHeaderTotals({ ...EMPTY_HEADER_ACCUMULATOR, pricingerrorlinecount: 1 }, record(), settings())
        .pricingerrorcode,
  ],
  [
    2,
    'the header names a price list the catalog lacks',
    () => code(priced(line(), { catalog: catalog({ priceLists: [] }) })),
  ],
  [
    3,
    'the header price list is inactive',
    () => code(priced(line(), { catalog: catalog({ priceLists: [priceList('pl-main', { statecode: 1 })] }) })),
  ],
  [4, 'the line has no quantity', () => code(priced(line({ quantity: null })))],
  [5, 'a write-in line has no price', () => code(priced(writeIn(null, '1')))],
  [6, 'an existing-product line has no product', () => code(priced(line({ productid: null })))],
  [7, 'the product is not in the catalog', () => code(priced(line({ productid: 'nope' })))],
  [8, 'the item has no pricing method', () => code(priced(line(), { catalog: pricedBy({ pricingmethodcode: null }) }))],
  [9, 'the item has pricing method 7', () => code(priced(line(), { catalog: pricedBy({ pricingmethodcode: 7 }) }))],
  [10, 'the line has no unit', () => code(priced(line({ uomid: null })))],
  [
    11,
    'the product is not in the mandatory header price list',
    () => code(priced(line({ productid: 'p2' }), { catalog: catalog({ products: [product('p2')] }) })),
  ],
  [12, 'a Currency Amount item has no amount', () => code(priced(line(), { catalog: pricedBy({ amount: null }) }))],
  [
    13,
    'a Percent of List item has no percentage',
    () => code(priced(line(), { catalog: pricedBy({ pricingmethodcode: 2 }, { price: '1' }) })),
  ],
  [
    14,
    'Percent of List and the product has no list price',
    () => code(priced(line(), { catalog: pricedBy({ pricingmethodcode: 2, percentage: '10' }) })),
  ],
  [
    15,
    'a current cost method and the product has no current cost',
    () => code(priced(line(), { catalog: pricedBy({ pricingmethodcode: 3, percentage: '10' }) })),
  ],
  [
    16,
    'a standard cost method and the product has no standard cost',
    () => code(priced(line(), { catalog: pricedBy({ pricingmethodcode: 6, percentage: '10' }) })),
  ],
  [17, 'the item amount is negative', () => code(priced(line(), { catalog: pricedBy({ amount: '-5' }) }))],
  [
    18,
    'the item percentage is negative',
    () => code(priced(line(), { catalog: pricedBy({ pricingmethodcode: 2, percentage: '-1' }, { price: '1' }) })),
  ],
  [
    19,
    'the list price is negative',
    () => code(priced(line(), { catalog: pricedBy({ pricingmethodcode: 2, percentage: '10' }, { price: '-1' }) })),
  ],
  [
    20,
    'the current cost is negative',
    () =>
      code(priced(line(), { catalog: pricedBy({ pricingmethodcode: 4, percentage: '10' }, { currentcost: '-1' }) })),
  ],
  [
    21,
    'the standard cost is negative',
    () =>
      code(priced(line(), { catalog: pricedBy({ pricingmethodcode: 5, percentage: '10' }, { standardcost: '-1' }) })),
  ],
  [
    22,
    'the rounding policy is 9',
    () =>
      code(
        priced(line(), {
          catalog: pricedBy({ pricingmethodcode: 2, percentage: '10', roundingpolicycode: 9 }, { price: '1' }),
        }),
      ),
  ],
  [
    23,
    'a rounding policy without an option',
    () =>
      code(
        priced(line(), {
          catalog: pricedBy({ pricingmethodcode: 2, percentage: '10', roundingpolicycode: 2 }, { price: '1' }),
        }),
      ),
  ],
  [
    24,
    'a rounding option without an amount',
    () =>
      code(
        priced(line(), {
          catalog: pricedBy(
            { pricingmethodcode: 2, percentage: '10', roundingpolicycode: 2, roundingoptioncode: 1 },
            { price: '1' },
          ),
        }),
      ),
  ],
  [25, 'the record has no exchange rate', () => code(priced(line(), { record: record({ exchangerate: null }) }))],
  [
    26,
    'the item names a discount list the catalog lacks',
    () => code(priced(line(), { catalog: pricedBy({ amount: '1', discounttypeid: 'gone' }) })),
  ],
  [
    28,
    'the matching discount row has no amount',
    () => code(priced(line({ quantity: '5' }), { catalog: withDiscount(true, { amount: null }) })),
  ],
  [
    29,
    'a fractional quantity of a whole-units product',
    () => code(priced(line({ quantity: '0.5' }), { catalog: pricedBy({ amount: '1', quantitysellingcode: 2 }) })),
  ],
  [
    30,
    'the pricing precision is 7',
    () => code(priced(line(), { settings: settings({ pricingdecimalprecision: 7 }) })),
  ],
  [
    34,
    'the header price list is in another currency',
    () =>
      code(
        priced(line(), { catalog: catalog({ priceLists: [priceList('pl-main', { transactioncurrencyid: EUR })] }) }),
      ),
  ],
  [35, 'an amount beyond ±922,337,203,685,477', () => code(priced(writeIn('900000000000000', '2')))],
  [
    36,
    'a _base amount beyond the range',
    () => code(priced(writeIn('1000000000', '1'), { record: record({ exchangerate: '0.000001' }) })),
  ],
  [
    37,
    'a _base amount below the range',
    () => code(priced(writeIn('100000000', '-100'), { record: record({ exchangerate: '0.000001' }) })),
  ],
];

const code = (pricedLine: PricedLine) => pricedLine.pricingerrorcode;

describe('pricingerrorcode instead of exceptions (reference 4.7)', () => {
  it.each(scenarios)('%i when %s', (expected, _scenario, run) => {
    expect(run()).toBe(expected);
  });

  it('every code the engine names has a scenario above, and no scenario uses an unnamed code', () => {
    const named = Object.values(PricingErrorCode)
      .filter((c) => c !== 0)
      .sort((a, b) => a - b);
    expect(scenarios.map(([c]) => c)).toEqual(named);
  });

  it('a line in error is still computed (price 0 where the price is unknown), so totals stay consistent', () => {
    const result = priced(line({ quantity: '3', tax: '2' }), { catalog: catalog({ priceLists: [] }) });
    expect(result.pricingerrorcode).toBe(2);
    expect(result.trace.priceSource).toBe('error');
    expect(text(result.extendedamount)).toBe('2'); // price 0 x 3 + tax 2
  });
});
