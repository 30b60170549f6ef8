/**
 * Builds the engine's `PricingCatalog` from flat catalog rows as storage returns them: price list items
 * indexed by price list and product, discount rows grouped under their list and ordered by
 * `lowquantity` (the tier search takes the first row that holds the quantity).
 */
import { compare } from './exact-int.js';
import type {
  CatalogDiscountList,
  CatalogPriceList,
  CatalogProduct,
  DiscountRow,
  PriceListItem,
  PricingCatalog,
} from './pricing-types.js';

export interface CatalogRows {
  readonly products: readonly CatalogProduct[];
  readonly priceLists: readonly Omit<CatalogPriceList, 'items'>[];
  readonly priceListItems: readonly PriceListItem[];
  readonly discountLists: readonly Omit<CatalogDiscountList, 'discounts'>[];
  readonly discounts: readonly (DiscountRow & { readonly discounttypeid: string })[];
}

export function buildPricingCatalog(rows: CatalogRows): PricingCatalog {
  const itemsByList = new Map<string, Map<string, PriceListItem[]>>();
  for (const item of rows.priceListItems) {
    let byProduct = itemsByList.get(item.pricelevelid);
    if (byProduct === undefined) {
      byProduct = new Map();
      itemsByList.set(item.pricelevelid, byProduct);
    }
    const items = byProduct.get(item.productid);
    if (items === undefined) byProduct.set(item.productid, [item]);
    else items.push(item);
  }
  const priceLists = new Map<string, CatalogPriceList>();
  for (const list of rows.priceLists) {
    priceLists.set(list.pricelevelid, { ...list, items: itemsByList.get(list.pricelevelid) ?? new Map() });
  }

  const rowsByList = new Map<string, DiscountRow[]>();
  for (const row of rows.discounts) {
    const { discounttypeid, ...discount } = row;
    const listRows = rowsByList.get(discounttypeid);
    if (listRows === undefined) rowsByList.set(discounttypeid, [discount]);
    else listRows.push(discount);
  }
  const discountLists = new Map<string, CatalogDiscountList>();
  for (const list of rows.discountLists) {
    const discounts = [...(rowsByList.get(list.discounttypeid) ?? [])].sort((a, b) =>
      compare(a.lowquantity, b.lowquantity),
    );
    discountLists.set(list.discounttypeid, { ...list, discounts });
  }

  return {
    products: new Map(rows.products.map((product) => [product.productid, product])),
    priceLists,
    discountLists,
  };
}
