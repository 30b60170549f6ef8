/** Test support: small builders so each test states only what its rule is about. */
import { Decimal } from '../../../src/domain/decimal.js';
import { buildPricingCatalog, type CatalogRows } from '../../../src/pricing/catalog.js';
import { type Fixed, fixed, fixedToString } from '../../../src/pricing/fixed.js';
import { priceLine } from '../../../src/pricing/price-line.js';
import type {
  CatalogDiscountList,
  CatalogPriceList,
  CatalogProduct,
  DiscountRow,
  LineChange,
  PricedLine,
  PriceListItem,
  PricingCatalog,
  PricingLine,
  PricingRecord,
  PricingSettings,
} from '../../../src/pricing/pricing-types.js';

export const USD = 'usd';
export const EUR = 'eur';
export const PRICE_LIST = 'pl-main';
export const EACH = 'uom-each';

export const text = (value: Fixed): string => fixedToString(value);
export const f = (value: string): Fixed => fixed(value);
const opt = (value: string | null | undefined): Fixed | null =>
  value === null || value === undefined ? null : fixed(value);

export function settings(overrides: Partial<PricingSettings> = {}): PricingSettings {
  return {
    pricingdecimalprecision: 2,
    discountcalculationmethod: 0,
    ispricelistmandatory: true,
    currencyprecision: 2,
    ...overrides,
  };
}

export interface RecordOptions {
  readonly table?: PricingRecord['table'];
  readonly pricelevelid?: string | null;
  readonly transactioncurrencyid?: string | null;
  readonly exchangerate?: string | null;
  readonly discountpercentage?: string | null;
  readonly discountamount?: string | null;
  readonly freightamount?: string | null;
  readonly ispricelocked?: boolean;
  readonly isrevenuesystemcalculated?: boolean;
}

export function record(options: RecordOptions = {}): PricingRecord {
  return {
    table: options.table ?? 'salesorder',
    pricelevelid: options.pricelevelid === undefined ? PRICE_LIST : options.pricelevelid,
    transactioncurrencyid: options.transactioncurrencyid === undefined ? USD : options.transactioncurrencyid,
    exchangerate:
      options.exchangerate === null
        ? null
        : new Decimal(options.exchangerate === undefined ? '1' : options.exchangerate),
    discountpercentage: opt(options.discountpercentage),
    discountamount: opt(options.discountamount),
    freightamount: opt(options.freightamount),
    ispricelocked: options.ispricelocked ?? false,
    ...(options.isrevenuesystemcalculated === undefined
      ? {}
      : { isrevenuesystemcalculated: options.isrevenuesystemcalculated }),
  };
}

export interface LineOptions {
  readonly productid?: string | null;
  readonly uomid?: string | null;
  readonly isproductoverridden?: boolean;
  readonly ispriceoverridden?: boolean;
  readonly priceperunit?: string | null;
  readonly quantity?: string | null;
  readonly manualdiscountamount?: string | null;
  readonly tax?: string | null;
  readonly volumediscountamount?: string | null;
}

/** An existing-product line (product `p1`, unit `each`, quantity 1 unless said). */
export function line(options: LineOptions = {}): PricingLine {
  return {
    productid: options.productid === undefined ? 'p1' : options.productid,
    uomid: options.uomid === undefined ? EACH : options.uomid,
    isproductoverridden: options.isproductoverridden ?? false,
    ispriceoverridden: options.ispriceoverridden ?? false,
    priceperunit: opt(options.priceperunit),
    quantity: options.quantity === null ? null : fixed(options.quantity ?? '1'),
    manualdiscountamount: opt(options.manualdiscountamount),
    tax: opt(options.tax),
    ...(options.volumediscountamount === undefined ? {} : { volumediscountamount: opt(options.volumediscountamount) }),
  };
}

/** A write-in line at the given price. */
export function writeIn(price: string | null, quantity: string, options: LineOptions = {}): PricingLine {
  return line({ productid: null, uomid: null, isproductoverridden: true, priceperunit: price, quantity, ...options });
}

export interface ProductOptions {
  readonly price?: string | null;
  readonly currentcost?: string | null;
  readonly standardcost?: string | null;
  readonly pricelevelid?: string | null;
}

export function product(productid: string, options: ProductOptions = {}): CatalogProduct {
  return {
    productid,
    price: opt(options.price),
    currentcost: opt(options.currentcost),
    standardcost: opt(options.standardcost),
    pricelevelid: options.pricelevelid === undefined ? PRICE_LIST : options.pricelevelid,
  };
}

export interface ItemOptions {
  readonly pricelevelid?: string;
  readonly uomid?: string;
  readonly pricingmethodcode?: number | null;
  readonly amount?: string | null;
  readonly percentage?: string | null;
  readonly roundingpolicycode?: number | null;
  readonly roundingoptioncode?: number | null;
  readonly roundingoptionamount?: string | null;
  readonly discounttypeid?: string | null;
  readonly quantitysellingcode?: number | null;
}

/** A price list item; Currency Amount unless said. */
export function item(productid: string, options: ItemOptions = {}): PriceListItem {
  const pricelevelid = options.pricelevelid ?? PRICE_LIST;
  const uomid = options.uomid ?? EACH;
  return {
    productpricelevelid: `${pricelevelid}/${productid}/${uomid}`,
    pricelevelid,
    productid,
    uomid,
    pricingmethodcode: options.pricingmethodcode === undefined ? 1 : options.pricingmethodcode,
    amount: opt(options.amount),
    percentage: opt(options.percentage),
    roundingpolicycode: options.roundingpolicycode ?? null,
    roundingoptioncode: options.roundingoptioncode ?? null,
    roundingoptionamount: opt(options.roundingoptionamount),
    discounttypeid: options.discounttypeid ?? null,
    quantitysellingcode: options.quantitysellingcode ?? null,
  };
}

export function priceList(
  pricelevelid: string,
  options: { statecode?: number; transactioncurrencyid?: string | null } = {},
): Omit<CatalogPriceList, 'items'> {
  return {
    pricelevelid,
    statecode: options.statecode ?? 0,
    transactioncurrencyid: options.transactioncurrencyid === undefined ? USD : options.transactioncurrencyid,
  };
}

export function discountList(
  discounttypeid: string,
  isamounttype: boolean,
  statecode = 0,
): Omit<CatalogDiscountList, 'discounts'> {
  return { discounttypeid, isamounttype, statecode };
}

export function tier(
  discounttypeid: string,
  low: string,
  high: string,
  value: { amount?: string | null; percentage?: string | null },
): DiscountRow & { discounttypeid: string } {
  return {
    discountid: `${discounttypeid}:${low}-${high}`,
    discounttypeid,
    lowquantity: fixed(low),
    highquantity: fixed(high),
    amount: opt(value.amount),
    percentage: opt(value.percentage),
  };
}

/** A catalog; by default the main price list (USD, active) and product p1 at 100 per unit. */
export function catalog(rows: Partial<CatalogRows> = {}): PricingCatalog {
  return buildPricingCatalog({
    products: rows.products ?? [product('p1')],
    priceLists: rows.priceLists ?? [priceList(PRICE_LIST)],
    priceListItems: rows.priceListItems ?? [item('p1', { amount: '100' })],
    discountLists: rows.discountLists ?? [],
    discounts: rows.discounts ?? [],
  });
}

/** Prices one line and fails the test if the engine refused it. */
export function priced(
  pricingLine: PricingLine,
  options: {
    record?: PricingRecord;
    catalog?: PricingCatalog;
    settings?: PricingSettings;
    change?: LineChange;
  } = {},
): PricedLine {
  const result = priceLine(
    pricingLine,
    options.record ?? record(),
    options.catalog ?? catalog(),
    options.settings ?? settings(),
    options.change ?? { operation: 'create' },
  );
  if (result.kind !== 'priced') throw new Error(`refused: ${result.message}`);
  return result.line;
}
