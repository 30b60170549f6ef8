/** Test support: fast-check generators of whole orders (catalog, header, lines, settings). */

import type { Arbitrary } from 'fast-check';
import fc from 'fast-check';
import type {
  PricingCatalog,
  PricingLine,
  PricingRecord,
  PricingSettings,
} from '../../../src/pricing/pricing-types.js';
import {
  catalog,
  discountList,
  type ItemOptions,
  item,
  line,
  product,
  record,
  settings,
  tier,
  writeIn,
} from './fixtures.js';

/** Decimal text with up to `places` decimals, between 0 and `max` (integers). */
export const amount = (max: number, places = 4): Arbitrary<string> =>
  fc
    .tuple(
      fc.integer({ min: 0, max }),
      fc.integer({ min: 0, max: 10 ** places - 1 }),
      fc.integer({ min: 0, max: places }),
    )
    .map(([whole, fraction, kept]) =>
      kept === 0 ? String(whole) : `${whole}.${String(fraction).padStart(places, '0').slice(0, kept)}`,
    );

const decimalsOf = (text: string) => (text.includes('.') ? text.split('.')[1]!.length : 0);

export interface Order {
  readonly settings: PricingSettings;
  readonly record: PricingRecord;
  readonly catalog: PricingCatalog;
  readonly lines: readonly PricingLine[];
  /** The product ids the catalog prices (lines may also name others, to raise errors). */
  readonly productIds: readonly string[];
}

const settingsArb = fc
  .record({
    pricingdecimalprecision: fc.integer({ min: 0, max: 4 }),
    currencyprecision: fc.integer({ min: 0, max: 4 }),
    discountcalculationmethod: fc.constantFrom<0 | 1>(0, 1),
  })
  .map((s) => settings(s));

const rate = fc.oneof(
  fc.constant('1'),
  fc.constantFrom('0.912345678901', '1.5', '0.8', '3', '1.25', '0.000123', '1234.5678'),
  // Any rate of up to 12 decimals between 0.0001 and 1000 (smaller rates push _base values out of range).
  fc.bigInt({ min: 10n ** 8n, max: 10n ** 15n }).map((m) => {
    const digits = m.toString().padStart(13, '0');
    return `${digits.slice(0, -12)}.${digits.slice(-12)}`;
  }),
);

const headerArb = fc.record({
  discountpercentage: fc.option(
    amount(100, 2).map((p) => (Number(p) > 100 ? '100' : p)),
    { nil: null },
  ),
  discountamount: fc.option(amount(500), { nil: null }),
  freightamount: fc.option(amount(500), { nil: null }),
  exchangerate: rate,
});

/** A price list item for a product, valid for the pricing precision (no error can come from it). */
const itemArb = (productid: string, pricingPlaces: number): Arbitrary<ItemOptions> =>
  fc
    .record({
      method: fc.integer({ min: 1, max: 6 }),
      amount: amount(5000),
      percentage: amount(99, 2),
      markup: amount(300, 2),
      policy: fc.integer({ min: 1, max: 4 }),
      option: fc.constantFrom(1, 2),
      roundingAmount: fc.constantFrom('0.99', '0.95', '0.05', '0.5', '1', '5', '9', '10', '0.01', '0.001'),
      discount: fc.constantFrom(null, 'amounts', 'percents'),
    })
    .map((r) => {
      const margin = r.method === 4 || r.method === 6;
      const rounding =
        decimalsOf(r.roundingAmount) > pricingPlaces || r.method === 1
          ? {}
          : { roundingpolicycode: r.policy, roundingoptioncode: r.option, roundingoptionamount: r.roundingAmount };
      return {
        pricingmethodcode: r.method,
        amount: r.amount,
        percentage: margin ? r.percentage : r.markup,
        ...rounding,
        discounttypeid: r.discount,
        productpricelevelid: `${productid}`,
      };
    });

const lineArb = (productIds: readonly string[], withErrors: boolean): Arbitrary<PricingLine> => {
  const quantity = fc.oneof(
    fc.integer({ min: 0, max: 200 }).map(String),
    amount(120, 5),
    fc.integer({ min: 1, max: 50 }).map((q) => `-${q}`),
  );
  const common = fc.record({
    quantity,
    manualdiscountamount: fc.option(amount(50), { nil: null }),
    tax: fc.option(amount(300), { nil: null }),
  });
  const ids = withErrors ? [...productIds, 'unknown-product'] : productIds;
  return fc.oneof(
    {
      weight: 6,
      arbitrary: fc.tuple(fc.constantFrom(...ids), common).map(([productid, c]) => line({ productid, ...c })),
    },
    { weight: 1, arbitrary: fc.tuple(amount(999), common).map(([price, c]) => writeIn(price, c.quantity, c)) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom(...productIds), amount(999), common)
        .map(([productid, price, c]) => line({ productid, ispriceoverridden: true, priceperunit: price, ...c })),
    },
  );
};

/** An order without pricing errors unless `withErrors` (then some lines name unknown products). */
export function orderArb(options: { maxLines?: number; withErrors?: boolean } = {}): Arbitrary<Order> {
  return fc.tuple(settingsArb, headerArb, fc.integer({ min: 1, max: 5 })).chain(([s, header, productCount]) => {
    const productIds = Array.from({ length: productCount }, (_, i) => `p${i}`);
    const products = fc.tuple(
      ...productIds.map(() =>
        fc.record({ price: amount(1000), currentcost: amount(1000), standardcost: amount(1000) }),
      ),
    );
    const items = fc.tuple(...productIds.map((id) => itemArb(id, s.pricingdecimalprecision)));
    const tiers = fc.record({
      amounts: fc.tuple(amount(5), amount(10), amount(20)),
      percents: fc.tuple(amount(10, 5), amount(25, 5), amount(50, 5)),
    });
    const lines = fc.array(lineArb(productIds, options.withErrors ?? false), { maxLength: options.maxLines ?? 25 });
    return fc.tuple(products, items, tiers, lines).map(([productRows, itemRows, tierRows, orderLines]) => ({
      settings: s,
      record: record(header),
      productIds,
      lines: orderLines,
      catalog: catalog({
        products: productIds.map((id, i) => product(id, productRows[i]!)),
        priceListItems: productIds.map((id, i) => item(id, itemRows[i]!)),
        discountLists: [discountList('amounts', true), discountList('percents', false)],
        discounts: [
          tier('amounts', '1', '9.99999', { amount: tierRows.amounts[0] }),
          tier('amounts', '10', '49.99999', { amount: tierRows.amounts[1] }),
          tier('amounts', '50', '1000', { amount: tierRows.amounts[2] }),
          tier('percents', '1', '9.99999', { percentage: tierRows.percents[0] }),
          tier('percents', '10', '49.99999', { percentage: tierRows.percents[1] }),
          tier('percents', '50', '1000', { percentage: tierRows.percents[2] }),
        ],
      }),
    }));
  });
}

/** A random line for the same catalog (for sequences of creates and updates). */
export const lineFor = (order: Order, withErrors = false): Arbitrary<PricingLine> =>
  lineArb(order.productIds, withErrors);
