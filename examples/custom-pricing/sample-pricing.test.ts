import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/domain/decimal.js';
import {
  type CustomPricingLine,
  type CustomPricingRequest,
  isCustomPricingModule,
} from '../../src/pricing/custom-pricing.js';
import type { SalesHeaderTable } from '../../src/pricing/pricing-types.js';
import { samplePricing } from './sample-pricing.js';

function request(
  lines: readonly (readonly [quantity: string, price: string])[],
  options: { table?: SalesHeaderTable; statecode?: number } = {},
): CustomPricingRequest {
  const table = options.table ?? 'quote';
  const lineTable =
    table === 'opportunity' ? 'opportunityproduct' : table === 'quote' ? 'quotedetail' : 'salesorderdetail';
  return {
    target: { table, id: 'h1' },
    operation: 'update',
    record: {
      table,
      id: 'h1',
      statecode: options.statecode ?? 0,
      pricelevelid: null,
      transactioncurrencyid: 'usd',
      exchangerate: new Decimal(1),
      discountpercentage: null,
      discountamount: null,
      freightamount: null,
      ispricelocked: false,
      columns: {},
    },
    lines: lines.map(
      ([quantity, price], i): CustomPricingLine => ({
        table: lineTable,
        id: `l${i}`,
        productid: null,
        uomid: null,
        isproductoverridden: true,
        ispriceoverridden: true,
        priceperunit: new Decimal(price),
        quantity: new Decimal(quantity),
        manualdiscountamount: null,
        tax: null,
        volumediscountamount: null,
        baseamount: null,
        extendedamount: null,
        columns: {},
      }),
    ),
    settings: { pricingdecimalprecision: 2, currencyprecision: 2, discountcalculationmethod: 0 },
  };
}

async function totals(lines: readonly (readonly [string, string])[], options: { table?: SalesHeaderTable } = {}) {
  const result = await samplePricing.calculatePrice(request(lines, options));
  return Object.fromEntries(Object.entries(result.record ?? {}).map(([column, value]) => [column, String(value)]));
}

describe('sample custom pricing module (the Calculate Price plug-in sample, reference 5.8)', () => {
  it('is a custom pricing module', () => {
    expect(isCustomPricingModule(samplePricing)).toBe(true);
  });

  it('each line: extended amount = quantity x price per unit', async () => {
    const result = await samplePricing.calculatePrice(
      request([
        ['3', '19.99'],
        ['2.5', '10'],
      ]),
    );
    expect(result.lines?.map((line) => [line.id, String(line.extendedamount)])).toEqual([
      ['l0', '59.97'],
      ['l1', '25'],
    ]);
  });

  it.each([
    ['800: no discount, 10% tax', [['8', '100']], { discount: '0', preFreight: '800', tax: '80', total: '880' }],
    [
      'exactly 1,000: no discount (more than 1,000 is needed)',
      [['10', '100']],
      { discount: '0', preFreight: '1000', tax: '100', total: '1100' },
    ],
    [
      '2,000: 5% discount, 10% tax on 1,900',
      [['20', '100']],
      { discount: '100', preFreight: '1900', tax: '190', total: '2090' },
    ],
    [
      'exactly 5,000: 10% discount, then 10% tax on 4,500',
      [['50', '100']],
      { discount: '500', preFreight: '4500', tax: '450', total: '4950' },
    ],
    [
      '6,000: 10% discount, 8% tax on 5,400',
      [['60', '100']],
      { discount: '600', preFreight: '5400', tax: '432', total: '5832' },
    ],
    [
      'detail 1,234.56 over two lines',
      [
        ['1', '1000'],
        ['2', '117.28'],
      ],
      { discount: '61.73', preFreight: '1172.83', tax: '117.28', total: '1290.11' },
    ],
  ] as const)('detail %s', async (_name, lines, expected) => {
    expect(await totals(lines)).toMatchObject({
      discountamount: expected.discount,
      totalamountlessfreight: expected.preFreight,
      totaltax: expected.tax,
      totalamount: expected.total,
    });
  });

  it("an opportunity's estimated revenue is the total", async () => {
    expect(await totals([['20', '100']], { table: 'opportunity' })).toMatchObject({ estimatedvalue: '2090' });
    expect(await totals([['20', '100']], { table: 'quote' })).not.toHaveProperty('estimatedvalue');
  });

  it('a record that is not in state 0 is left as it is', async () => {
    expect(await samplePricing.calculatePrice(request([['20', '100']], { statecode: 1 }))).toEqual({});
  });
});
