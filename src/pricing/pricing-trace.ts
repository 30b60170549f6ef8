/**
 * Why a line's price is what it is (PRODUCT.md C2: "every computed line keeps a short pricing trace").
 * The trace is built on every pricing, so it only points at the catalog rows that were used; the text
 * a client reads back is made on demand by `describePricingTrace`.
 */
import { type Fixed, fixedToString } from './fixed.js';
import { PricingErrorCode, type PricingErrorCodeValue } from './pricing-error-code.js';
import type { CatalogDiscountList, DiscountCalculationMethod, DiscountRow, PriceListItem } from './pricing-types.js';

export type PriceSource =
  /** The item of the header's price list. */
  | 'priceList'
  /** Price lists optional: the item of the product's default price list. */
  | 'defaultPriceList'
  /** Price lists optional and no item found: price 0 (reference 5.2). */
  | 'noPriceList'
  /** `ispriceoverridden`: the user's price. */
  | 'overridden'
  /** `isproductoverridden`: a write-in product at the user's price. */
  | 'writeIn'
  /** Price-locked record: the stored price is kept (reference 5.7). */
  | 'locked'
  /** The price could not be determined: `pricingerrorcode` says why; price 0. */
  | 'error';

export type VolumeDiscountSource =
  /** No discount list applies (no item, overridden price, or the item has none). */
  | 'none'
  /** The list has no row for the quantity. */
  | 'noTier'
  /** `discount` is the row that applied. */
  | 'tier'
  /** Price-locked record and the quantity did not change: the stored discount is kept. */
  | 'kept';

export interface PricingTrace {
  readonly priceSource: PriceSource;
  /** The price list item used for the price or for the discount list. */
  readonly priceListItem: PriceListItem | undefined;
  readonly volumeDiscount: VolumeDiscountSource;
  readonly discountList: CatalogDiscountList | undefined;
  readonly discount: DiscountRow | undefined;
  readonly discountCalculationMethod: DiscountCalculationMethod;
  readonly pricingerrorcode: PricingErrorCodeValue;
}

const METHOD_NAMES: Readonly<Record<number, string>> = {
  1: 'Currency Amount',
  2: 'Percent of List',
  3: 'Percent Markup - Current Cost',
  4: 'Percent Margin - Current Cost',
  5: 'Percent Markup - Standard Cost',
  6: 'Percent Margin - Standard Cost',
};
const POLICY_NAMES: Readonly<Record<number, string>> = { 2: 'Up', 3: 'Down', 4: 'To Nearest' };
const OPTION_NAMES: Readonly<Record<number, string>> = { 1: 'Ends in', 2: 'Multiple of' };
const ERROR_NAMES: Readonly<Record<number, string>> = Object.fromEntries(
  Object.entries(PricingErrorCode).map(([name, code]) => [code, name.replace(/([a-z])([A-Z])/g, '$1 $2')]),
);

const text = (value: Fixed | null) => (value === null ? '?' : fixedToString(value));

/** One sentence per step, for a person: which price list item, method, rounding, discount tier. */
export function describePricingTrace(trace: PricingTrace): string {
  const parts: string[] = [priceText(trace)];
  parts.push(volumeText(trace));
  parts.push(trace.discountCalculationMethod === 1 ? 'manual discount per unit' : 'manual discount per line');
  if (trace.pricingerrorcode !== 0) {
    parts.push(`pricing error ${trace.pricingerrorcode} (${ERROR_NAMES[trace.pricingerrorcode] ?? 'unknown'})`);
  }
  return `${parts.join('; ')}.`;
}

function priceText(trace: PricingTrace): string {
  const item = trace.priceListItem;
  switch (trace.priceSource) {
    case 'overridden':
      return 'price overridden by the user';
    case 'writeIn':
      return 'write-in product at the user price';
    case 'locked':
      return 'price locked: stored price kept';
    case 'noPriceList':
      return 'no price list item (price lists optional): price 0';
    case 'error':
      return 'price not determined: price 0';
    case 'priceList':
    case 'defaultPriceList': {
      if (item === undefined) return 'price list item missing';
      const list = trace.priceSource === 'priceList' ? 'price list' : 'default price list';
      let method = METHOD_NAMES[item.pricingmethodcode ?? 0] ?? `method ${item.pricingmethodcode}`;
      if (item.pricingmethodcode === 1) method += ` ${text(item.amount)}`;
      else method += ` ${text(item.percentage)}%`;
      const policy = item.roundingpolicycode;
      const rounding =
        item.pricingmethodcode !== 1 && policy !== null && policy !== 1
          ? `, rounding ${POLICY_NAMES[policy] ?? policy} ${OPTION_NAMES[item.roundingoptioncode ?? 0] ?? ''} ${text(item.roundingoptionamount)}`
          : '';
      return `price list item ${item.productpricelevelid} of ${list} ${item.pricelevelid}: ${method}${rounding}`;
    }
  }
}

function volumeText(trace: PricingTrace): string {
  switch (trace.volumeDiscount) {
    case 'none':
      return 'no volume discount';
    case 'kept':
      return 'volume discount kept (price locked, quantity unchanged)';
    case 'noTier':
      return `no volume discount: no tier of discount list ${trace.discountList?.discounttypeid} holds the quantity`;
    case 'tier': {
      const row = trace.discount!;
      const list = trace.discountList!;
      const value = list.isamounttype ? `${text(row.amount)} per unit` : `${text(row.percentage)}%`;
      return `volume discount ${value} for ${text(row.lowquantity)}-${text(row.highquantity)} units (discount list ${list.discounttypeid}, tier ${row.discountid})`;
    }
  }
}
