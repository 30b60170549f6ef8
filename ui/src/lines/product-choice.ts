/**
 * Choosing a product of the catalog in a dialog: how a product reads in the select, and the unit a new
 * line or price list item takes (the product's default unit, as Sales fills it in).
 */
import { lookupColumn, type Row } from '../data/row';

/** The columns `productOptionLabel` and `defaultUnitOf` read. */
export const PRODUCT_CHOICE_COLUMNS = ['productid', 'name', 'productnumber', lookupColumn('defaultuomid')] as const;

/** `Standing Desk (DESK-01)`: the name, and the product ID that tells two similar names apart. */
export const productOptionLabel = (product: Row) => `${String(product.name)} (${String(product.productnumber ?? '')})`;

/** The default unit of the chosen product, when the catalog has loaded and the product has one. */
export function defaultUnitOf(products: readonly Row[] | undefined, productId: string): string | undefined {
  const unit = products?.find((product) => product.productid === productId)?.[lookupColumn('defaultuomid')];
  return typeof unit === 'string' ? unit : undefined;
}
