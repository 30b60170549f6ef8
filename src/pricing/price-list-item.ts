/**
 * Which price list item prices a catalog line (reference 5.2 step 1, PRODUCT.md C2):
 *
 * - price list mandatory (`ispricelistmandatory`, the default): the item for (product, unit) in the
 *   header's price list; no price list on the header is 2 Missing Price Level, no item is 11 Product
 *   Not In Price Level;
 * - price list optional: that item when there is one, else the item in the product's default price list
 *   (`product.pricelevelid`, used only when it is active and in the record's currency), else none, and
 *   the price is 0 (reference 5.2: "calculation always happens").
 *
 * A header price list that exists on the record but cannot price (not found 2, inactive 3, other
 * currency 34) is an error either way: the user chose it.
 */
import { PriceLevelState } from '../domain/metadata/named-states.js';
import { type PricingContext, sameCurrency } from './pricing-context.js';
import { PricingErrorCode, type PricingErrorCodeValue } from './pricing-error-code.js';
import type { CatalogPriceList, PriceListItem, PricingLine } from './pricing-types.js';

/**
 * The item that prices the line; `undefined` when price lists are optional and no item applies (price
 * 0); a `pricingerrorcode` when the line cannot be priced. Allocates nothing: it runs once per line.
 */
export type PriceListItemResolution = PriceListItem | undefined | Exclude<PricingErrorCodeValue, 0>;

export function resolvePriceListItem(line: PricingLine, context: PricingContext): PriceListItemResolution {
  if (line.productid === null) return PricingErrorCode.MissingProduct;
  const product = context.catalog.products.get(line.productid);
  if (product === undefined) return PricingErrorCode.InvalidProduct;
  if (line.uomid === null) return PricingErrorCode.MissingUom;

  const headerError = context.headerPriceListError;
  if (headerError !== PricingErrorCode.None) return headerError;
  const headerList = context.headerPriceList;
  if (headerList !== undefined) {
    const item = findItem(headerList, line.productid, line.uomid);
    if (item !== undefined) return item;
    if (context.priceListMandatory) return PricingErrorCode.ProductNotInPriceLevel;
  } else if (context.priceListMandatory) {
    return PricingErrorCode.MissingPriceLevel;
  }

  if (product.pricelevelid !== null && product.pricelevelid !== headerList?.pricelevelid) {
    const defaultList = context.catalog.priceLists.get(product.pricelevelid);
    if (
      defaultList !== undefined &&
      defaultList.statecode === PriceLevelState.Active &&
      sameCurrency(defaultList, context.record)
    ) {
      return findItem(defaultList, line.productid, line.uomid);
    }
  }
  return undefined;
}

/** Whether the item came from the header's price list or the product's default one. */
export function priceListSource(item: PriceListItem, context: PricingContext): 'priceList' | 'defaultPriceList' {
  return item.pricelevelid === context.headerPriceList?.pricelevelid ? 'priceList' : 'defaultPriceList';
}

function findItem(list: CatalogPriceList, productid: string, uomid: string): PriceListItem | undefined {
  const items = list.items.get(productid);
  if (items === undefined) return undefined;
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    if (item.uomid === uomid) return item;
  }
  return undefined;
}
