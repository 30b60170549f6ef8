/**
 * Test support, not part of the engine: the pricing formulas written the naive way with decimal.js
 * (reference 5.2-5.6, 4.8, PRODUCT.md C2), independent of the engine's fixed-point arithmetic. Property
 * tests compare the engine with it, and bench/pricing.bench.ts times it as the "naive decimal.js loop"
 * baseline.
 *
 * Only the choice of price list item is shared with the engine (`toReferenceLines` uses
 * `resolvePriceListItem`): that is lookup, not arithmetic.
 */
import { Decimal } from '../../../src/domain/decimal.js';
import { type Fixed, fixedToDecimal } from '../../../src/pricing/fixed.js';
import { resolvePriceListItem } from '../../../src/pricing/price-list-item.js';
import { createPricingContext } from '../../../src/pricing/pricing-context.js';
import type {
  PricingCatalog,
  PricingLine,
  PricingRecord,
  PricingSettings,
} from '../../../src/pricing/pricing-types.js';

export interface ReferenceItem {
  readonly method: number;
  readonly amount: Decimal;
  readonly percentage: Decimal;
  /** The product value the method starts from (price, current cost or standard cost). */
  readonly start: Decimal;
  readonly policy: number;
  readonly option: number;
  readonly roundingAmount: Decimal;
}

export interface ReferenceTier {
  readonly low: Decimal;
  readonly high: Decimal;
  readonly amount: Decimal;
  readonly percentage: Decimal;
}

export interface ReferenceLine {
  /** The user's price (write-in, overridden); absent when the item prices the line. */
  readonly userPrice?: Decimal;
  readonly item?: ReferenceItem;
  readonly tiers?: { readonly isAmount: boolean; readonly rows: readonly ReferenceTier[] };
  readonly quantity: Decimal;
  readonly manualDiscount: Decimal;
  readonly tax: Decimal;
}

export interface ReferenceHeader {
  readonly discountPercentage: Decimal;
  readonly discountAmount: Decimal;
  readonly freight: Decimal;
  readonly rate: Decimal;
}

export interface ReferenceOptions {
  readonly pricingPlaces: number;
  readonly currencyPlaces: number;
  readonly perUnit: boolean;
}

export interface ReferenceLineResult {
  readonly priceperunit: Decimal;
  readonly volumediscountamount: Decimal;
  readonly baseamount: Decimal;
  readonly manualdiscountamount: Decimal;
  readonly tax: Decimal;
  readonly extendedamount: Decimal;
  readonly priceperunit_base: Decimal;
  readonly volumediscountamount_base: Decimal;
  readonly baseamount_base: Decimal;
  readonly manualdiscountamount_base: Decimal;
  readonly tax_base: Decimal;
  readonly extendedamount_base: Decimal;
}

export interface ReferenceHeaderResult {
  readonly totallineitemamount: Decimal;
  readonly totallineitemdiscountamount: Decimal;
  readonly percentdiscountamount: Decimal;
  readonly totaldiscountamount: Decimal;
  readonly totalamountlessfreight: Decimal;
  readonly totaltax: Decimal;
  readonly totalamount: Decimal;
  readonly totalamount_base: Decimal;
  readonly totallineitemamount_base: Decimal;
}

const HALF_UP = Decimal.ROUND_HALF_UP;
const round = (value: Decimal, places: number) => value.toDecimalPlaces(places, HALF_UP);

/** Reference 5.3 as the reference sketches it, on the exact price x. */
export function referenceRounding(
  x: Decimal,
  policy: number,
  option: number,
  amount: Decimal,
  places: number,
): Decimal {
  if (policy === 1) return round(x, places);
  let result: Decimal;
  if (option === 2) {
    const ratio = x.div(amount);
    const k = policy === 2 ? ratio.ceil() : policy === 3 ? ratio.floor() : round(ratio, 0);
    result = k.mul(amount);
  } else {
    let unit = new Decimal('0.00001');
    while (unit.lte(amount)) unit = unit.mul(10);
    const c0 = x.div(unit).floor().mul(unit).plus(amount);
    const candidates = [c0.minus(unit), c0, c0.plus(unit)].filter((c) => c.gte(0));
    if (policy === 2) {
      result = candidates.filter((c) => c.gte(x)).reduce((a, b) => (a.lte(b) ? a : b));
    } else if (policy === 3) {
      const below = candidates.filter((c) => c.lte(x));
      result = below.length === 0 ? new Decimal(0) : below.reduce((a, b) => (a.gte(b) ? a : b));
    } else {
      result = candidates.reduce((best, c) => {
        const d = c.minus(x).abs();
        const bestD = best.minus(x).abs();
        return d.lt(bestD) || (d.eq(bestD) && c.gt(best)) ? c : best;
      });
    }
  }
  return round(result, places);
}

export function referenceListPrice(item: ReferenceItem, places: number): Decimal {
  const p = item.percentage;
  let x: Decimal;
  switch (item.method) {
    case 1:
      return round(item.amount, places);
    case 2:
      x = item.start.mul(p).div(100);
      break;
    case 3:
    case 5:
      x = item.start.mul(new Decimal(1).plus(p.div(100)));
      break;
    default:
      x = item.start.div(new Decimal(1).minus(p.div(100)));
  }
  return referenceRounding(x, item.policy, item.option, item.roundingAmount, places);
}

export function referencePriceLine(line: ReferenceLine, rate: Decimal, options: ReferenceOptions): ReferenceLineResult {
  const cp = options.currencyPlaces;
  const price =
    line.userPrice !== undefined
      ? round(line.userPrice, options.pricingPlaces)
      : line.item !== undefined
        ? referenceListPrice(line.item, options.pricingPlaces)
        : new Decimal(0);
  let volume = new Decimal(0);
  if (line.tiers !== undefined) {
    const row = line.tiers.rows.find((r) => r.low.lte(line.quantity) && line.quantity.lte(r.high));
    if (row !== undefined)
      volume = line.tiers.isAmount ? round(row.amount, cp) : round(price.mul(row.percentage).div(100), cp);
  }
  const manual = round(line.manualDiscount, cp);
  const tax = round(line.tax, cp);
  const baseamount = round(price.minus(volume).mul(line.quantity), cp);
  const effective = options.perUnit ? round(manual.mul(line.quantity), cp) : manual;
  const extendedamount = baseamount.minus(effective).plus(tax);
  const toBase = (value: Decimal) => round(value.div(rate), 4);
  return {
    priceperunit: price,
    volumediscountamount: volume,
    baseamount,
    manualdiscountamount: manual,
    tax,
    extendedamount,
    priceperunit_base: toBase(price),
    volumediscountamount_base: toBase(volume),
    baseamount_base: toBase(baseamount),
    manualdiscountamount_base: toBase(manual),
    tax_base: toBase(tax),
    extendedamount_base: toBase(extendedamount),
  };
}

/** The naive loop: every line, then the header. */
export function referenceRecalculate(
  lines: readonly ReferenceLine[],
  header: ReferenceHeader,
  options: ReferenceOptions,
): { readonly lines: readonly ReferenceLineResult[]; readonly header: ReferenceHeaderResult } {
  const cp = options.currencyPlaces;
  const results: ReferenceLineResult[] = [];
  let detail = new Decimal(0);
  let lineDiscounts = new Decimal(0);
  let taxes = new Decimal(0);
  for (const line of lines) {
    const result = referencePriceLine(line, header.rate, options);
    results.push(result);
    detail = detail.plus(result.extendedamount.minus(result.tax));
    lineDiscounts = lineDiscounts.plus(result.baseamount.minus(result.extendedamount.minus(result.tax)));
    taxes = taxes.plus(result.tax);
  }
  const percent = round(detail.mul(header.discountPercentage).div(100), cp);
  const discountAmount = round(header.discountAmount, cp);
  const lessFreight = detail.minus(percent).minus(discountAmount);
  const total = lessFreight.plus(round(header.freight, cp)).plus(taxes);
  return {
    lines: results,
    header: {
      totallineitemamount: detail,
      totallineitemdiscountamount: lineDiscounts,
      percentdiscountamount: percent,
      totaldiscountamount: percent.plus(discountAmount),
      totalamountlessfreight: lessFreight,
      totaltax: taxes,
      totalamount: total,
      totalamount_base: round(total.div(header.rate), 4),
      totallineitemamount_base: round(detail.div(header.rate), 4),
    },
  };
}

const dec = (value: Fixed | null | undefined) =>
  value === null || value === undefined ? new Decimal(0) : fixedToDecimal(value);

/**
 * The engine's inputs as reference lines, for data without pricing errors (unlocked record). Which item
 * prices a line comes from the engine's lookup; everything numeric is converted to `Decimal`.
 */
export function toReferenceLines(
  record: PricingRecord,
  lines: readonly PricingLine[],
  catalog: PricingCatalog,
  settings: PricingSettings,
): ReferenceLine[] {
  const context = createPricingContext(record, catalog, settings);
  return lines.map((line) => {
    const common = { quantity: dec(line.quantity), manualDiscount: dec(line.manualdiscountamount), tax: dec(line.tax) };
    if (line.isproductoverridden || line.ispriceoverridden) return { ...common, userPrice: dec(line.priceperunit) };
    const item = resolvePriceListItem(line, context);
    if (item === undefined || typeof item === 'number') return common;
    const product = catalog.products.get(item.productid)!;
    const method = item.pricingmethodcode ?? 1;
    const start =
      method === 2 ? product.price : method === 3 || method === 4 ? product.currentcost : product.standardcost;
    const list = item.discounttypeid === null ? undefined : catalog.discountLists.get(item.discounttypeid);
    return {
      ...common,
      item: {
        method,
        amount: dec(item.amount),
        percentage: dec(item.percentage),
        start: dec(start),
        policy: item.roundingpolicycode ?? 1,
        option: item.roundingoptioncode ?? 1,
        roundingAmount: dec(item.roundingoptionamount),
      },
      ...(list === undefined
        ? {}
        : {
            tiers: {
              isAmount: list.isamounttype,
              rows: list.discounts.map((row) => ({
                low: dec(row.lowquantity),
                high: dec(row.highquantity),
                amount: dec(row.amount),
                percentage: dec(row.percentage),
              })),
            },
          }),
    };
  });
}

export function toReferenceHeader(record: PricingRecord): ReferenceHeader {
  return {
    discountPercentage: dec(record.discountpercentage),
    discountAmount: dec(record.discountamount),
    freight: dec(record.freightamount),
    rate: record.exchangerate ?? new Decimal(1),
  };
}
