/**
 * Volume discount from the discount list of the price list item used for the line (reference 5.4,
 * PRODUCT.md C2): the row whose range holds the quantity, bounds included
 * (`lowquantity <= quantity <= highquantity`), gives a per-unit discount: the row's amount for an
 * Amount list, `priceperunit × percentage / 100` for a Percentage list, rounded to the currency
 * precision. No row: no discount. An inactive list still applies (reference 5.1).
 */
import { compare } from './exact-int.js';
import { FIXED_ZERO, type Fixed, percentOfFixed, roundFixed } from './fixed.js';
import type { CatalogDiscountList, DiscountRow } from './pricing-types.js';

/** The first row (in `lowquantity` order) whose inclusive range holds the quantity. */
export function findDiscountTier(list: CatalogDiscountList, quantity: Fixed): DiscountRow | undefined {
  const rows = list.discounts;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    if (compare(row.lowquantity, quantity) <= 0 && compare(quantity, row.highquantity) <= 0) return row;
  }
  return undefined;
}

/**
 * The per-unit volume discount of a row, or undefined when the row is invalid (the caller reports 28
 * Invalid Discount): it lacks the value its list type needs, or holds a negative one. (A row with its
 * bounds reversed holds no quantity, so it is never found.)
 */
export function volumeDiscountPerUnit(
  list: CatalogDiscountList,
  row: DiscountRow,
  priceperunit: Fixed,
  currencyPlaces: number,
): Fixed | undefined {
  if (list.isamounttype) {
    if (row.amount === null || compare(row.amount, 0) < 0) return undefined;
    return roundFixed(row.amount, currencyPlaces);
  }
  if (row.percentage === null || compare(row.percentage, 0) < 0) return undefined;
  if (row.percentage === 0) return FIXED_ZERO;
  return percentOfFixed(priceperunit, row.percentage, currencyPlaces);
}
