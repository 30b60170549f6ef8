import { describe, expect, it } from 'vitest';
import {
  catalog,
  item,
  line,
  product,
  type RecordOptions,
  record,
  settings,
  text,
  writeIn,
} from '../../test/support/pricing/fixtures.js';
import { fixed } from './fixed.js';
import { EMPTY_HEADER_ACCUMULATOR } from './header-accumulator.js';
import { computeHeaderTotals } from './header-totals.js';
import type { HeaderAccumulator, HeaderTotals } from './pricing-types.js';
import { recalculate } from './recalculate.js';

const sums = (detail: string, lineDiscounts: string, tax: string, errors = 0): HeaderAccumulator => ({
  totallineitemamount: fixed(detail),
  totallineitemdiscountamount: fixed(lineDiscounts),
  totaltax: fixed(tax),
  pricingerrorlinecount: errors,
});

const columns = [
  'totallineitemamount',
  'percentdiscountamount',
  'discountamount',
  'totaldiscountamount',
  'totalamountlessfreight',
  'freightamount',
  'totaltax',
  'totalamount',
] as const;
const shown = (totals: HeaderTotals) => Object.fromEntries(columns.map((column) => [column, text(totals[column])]));

describe('header totals (reference 5.6, PRODUCT.md C2)', () => {
  it('detail 1,000, 10% discount, 25 discount amount, 15 freight, 80 tax: total 970', () => {
    const totals = computeHeaderTotals(
      sums('1000', '0', '80'),
      record({ discountpercentage: '10', discountamount: '25', freightamount: '15' }),
      settings(),
    );
    expect(shown(totals)).toEqual({
      totallineitemamount: '1000',
      percentdiscountamount: '100',
      discountamount: '25',
      totaldiscountamount: '125', // percent discount + discount amount
      totalamountlessfreight: '875', // detail - percent discount - discount amount
      freightamount: '15',
      totaltax: '80',
      totalamount: '970', // pre-freight + freight + tax
    });
  });

  it('the percent discount is rounded to the currency precision before it is subtracted', () => {
    // 3.5% of 333.33 = 11.66655: subtracted as 11.67, not 11.66655.
    const totals = computeHeaderTotals(sums('333.33', '0', '0'), record({ discountpercentage: '3.5' }), settings());
    expect(text(totals.percentdiscountamount)).toBe('11.67');
    expect(text(totals.totalamountlessfreight)).toBe('321.66');
    const whole = computeHeaderTotals(
      sums('333', '0', '0'),
      record({ discountpercentage: '3.5' }),
      settings({ currencyprecision: 0 }),
    );
    expect(text(whole.percentdiscountamount)).toBe('12'); // 11.655
    expect(text(whole.totalamount)).toBe('321');
  });

  it('the total line item discount is the sum of the effective manual discounts; it is already in the detail amount', () => {
    const lines = [
      line({ quantity: '11', manualdiscountamount: '10' }), // 1,100 - 10
      line({ quantity: '2', manualdiscountamount: '5', tax: '7.5' }), // 200 - 5 + 7.5
    ];
    const { header } = recalculate(record(), lines, catalog(), settings());
    expect(text(header.totallineitemdiscountamount)).toBe('15');
    expect(text(header.totallineitemamount)).toBe('1285'); // (1,090) + (195): extended minus tax
    expect(text(header.totaltax)).toBe('7.5');
    expect(text(header.totaldiscountamount)).toBe('0'); // header discounts only
    expect(text(header.totalamount)).toBe('1292.5');
    const perUnit = recalculate(record(), lines, catalog(), settings({ discountcalculationmethod: 1 })).header;
    expect(text(perUnit.totallineitemdiscountamount)).toBe('120'); // 10 x 11 + 5 x 2
  });

  it('an order without lines totals its freight minus its discount amount', () => {
    const totals = computeHeaderTotals(
      EMPTY_HEADER_ACCUMULATOR,
      record({ discountpercentage: '50', discountamount: '5', freightamount: '20' }),
      settings(),
    );
    expect(shown(totals)).toMatchObject({ totallineitemamount: '0', totalamountlessfreight: '-5', totalamount: '15' });
  });

  it.each<[string, RecordOptions, string | undefined]>([
    [
      'an opportunity with system-calculated revenue: estimatedvalue = totalamount',
      { table: 'opportunity', isrevenuesystemcalculated: true },
      '1080',
    ],
    [
      'an opportunity with user-provided revenue: estimatedvalue untouched',
      { table: 'opportunity', isrevenuesystemcalculated: false },
      undefined,
    ],
    ['a quote has no estimatedvalue', { table: 'quote' }, undefined],
  ])('%s', (_name, options, expected) => {
    const totals = computeHeaderTotals(sums('1000', '0', '80'), record(options), settings());
    expect(totals.estimatedvalue === undefined ? undefined : text(totals.estimatedvalue)).toBe(expected);
    expect(totals.estimatedvalue_base === undefined ? undefined : text(totals.estimatedvalue_base)).toBe(expected);
  });

  it('_base totals are the totals divided by the record rate, rounded to 4 (not sums of line _base values)', () => {
    const totals = computeHeaderTotals(
      sums('1000', '12', '80'),
      record({ exchangerate: '0.75', discountamount: '25', freightamount: '15' }),
      settings(),
    );
    expect(
      [
        totals.totallineitemamount_base,
        totals.totallineitemdiscountamount_base,
        totals.discountamount_base,
        totals.freightamount_base,
        totals.totaldiscountamount_base,
        totals.totalamountlessfreight_base,
        totals.totaltax_base,
        totals.totalamount_base,
      ].map(text),
    ).toEqual(['1333.3333', '16', '33.3333', '20', '33.3333', '1300', '106.6667', '1426.6667']);
  });

  it.each<[string, HeaderAccumulator, RecordOptions, Parameters<typeof settings>[0], number]>([
    ['no error: 0', sums('1', '0', '0'), {}, {}, 0],
    ['a line in error makes the header 1 Detail Error', sums('1', '0', '0', 2), {}, {}, 1],
    ['no usable exchange rate: 25 Price Calculation Error', sums('1', '0', '0'), { exchangerate: null }, {}, 25],
    [
      'a currency precision outside 0..4: 30 Invalid Pricing Precision',
      sums('1', '0', '0'),
      {},
      { currencyprecision: 5 },
      30,
    ],
    [
      'a pricing precision outside 0..4: 30 Invalid Pricing Precision',
      sums('1', '0', '0'),
      {},
      { pricingdecimalprecision: -1 },
      30,
    ],
    ['a total past the money range: 35', sums('922337203685477', '0', '1'), {}, {}, 35],
  ])('header pricingerrorcode, %s', (_name, accumulated, options, overrides, code) => {
    expect(computeHeaderTotals(accumulated, record(options), settings(overrides)).pricingerrorcode).toBe(code);
  });

  it('a full recalculation of a mixed order', () => {
    const rows = catalog({
      products: [product('p1'), product('p2', { price: '40' })],
      priceListItems: [item('p1', { amount: '100' }), item('p2', { pricingmethodcode: 2, percentage: '90' })],
    });
    const lines = [line({ quantity: '3', tax: '24' }), line({ productid: 'p2', quantity: '10' }), writeIn('9.99', '1')];
    const result = recalculate(record({ discountpercentage: '5', freightamount: '10' }), lines, rows, settings());
    expect(result.lines.map((l) => text(l.extendedamount))).toEqual(['324', '360', '9.99']);
    expect(shown(result.header)).toMatchObject({
      totallineitemamount: '669.99',
      percentdiscountamount: '33.5', // 33.4995
      totalamountlessfreight: '636.49',
      totalamount: '670.49', // 636.49 + 10 + 24
    });
  });
});
