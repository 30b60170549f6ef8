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
import { sameCurrency, type PricingContext } from './pricing-context.js';
import { PricingErrorCode, type PricingErrorCodeValue } from './pricing-error-code.js';
import type { CatalogPriceList, CatalogProduct, PriceListItem, PricingLine } from './pricing-types.js';

export type PriceListItemResolution =
  | {
      readonly kind: 'item';
      readonly item: PriceListItem;
      readonly product: CatalogProduct;
      readonly source: 'priceList' | 'defaultPriceList';
    }
  | { readonly kind: 'none'; readonly product: CatalogProduct }
  | { readonly kind: 'error'; readonly error: PricingErrorCodeValue };

const errors = new Map<PricingErrorCodeValue, PriceListItemResolution>();
function error(code: PricingErrorCodeValue): PriceListItemResolution {
  let resolution = errors.get(code);
  if (resolution === undefined) {
    resolution = { kind: 'error', error: code };
    errors.set(code, resolution);
  }
  return resolution;
}

export function resolvePriceListItem(line: PricingLine, context: PricingContext): PriceListItemResolution {
  if (line.productid === null) return error(PricingErrorCode.MissingProduct);
  const product = context.catalog.products.get(line.productid);
  if (product === undefined) return error(PricingErrorCode.InvalidProduct);
  if (line.uomid === null) return error(PricingErrorCode.MissingUom);

  if (context.headerPriceListError !== PricingErrorCode.None) return error(context.headerPriceListError);
  const headerList = context.headerPriceList;
  if (headerList !== undefined) {
    const item = findItem(headerList, line.productid, line.uomid);
    if (item !== undefined) return { kind: 'item', item, product, source: 'priceList' };
    if (context.priceListMandatory) return error(PricingErrorCode.ProductNotInPriceLevel);
  } else if (context.priceListMandatory) {
    return error(PricingErrorCode.MissingPriceLevel);
  }

  if (product.pricelevelid !== null && product.pricelevelid !== headerList?.pricelevelid) {
    const defaultList = context.catalog.priceLists.get(product.pricelevelid);
    if (defaultList !== undefined && defaultList.statecode === 0 && sameCurrency(defaultList, context.record)) {
      const item = findItem(defaultList, line.productid, line.uomid);
      if (item !== undefined) return { kind: 'item', item, product, source: 'defaultPriceList' };
    }
  }
  return { kind: 'none', product };
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
