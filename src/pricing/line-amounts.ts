/**
 * Line amounts (reference 5.5, decided by PRODUCT.md C2), with P the price per unit, V the per-unit
 * volume discount, Q the quantity, M the manual discount and T the tax, all already at their column's
 * precision:
 *
 *   baseamount     = (P − V) × Q                       rounded to the currency precision
 *   manual discount = M (0 Line item) or M × Q (1 Per unit, rounded to the currency precision)
 *   extendedamount = baseamount − manual discount + T
 *
 * Examples of the reference: P 100, Q 11, M 10 gives 1,090 (line item) and 990 (per unit).
 */
import { addFixed, type Fixed, multiplyFixed, subtractFixed } from './fixed.js';
import type { DiscountCalculationMethod } from './pricing-types.js';

export interface ComputedLineAmounts {
  readonly baseamount: Fixed;
  /** What the manual discount takes off the line; not a column (it feeds the header's line discount sum). */
  readonly effectiveManualDiscount: Fixed;
  readonly extendedamount: Fixed;
}

export function computeLineAmounts(
  priceperunit: Fixed,
  volumediscountamount: Fixed,
  quantity: Fixed,
  manualdiscountamount: Fixed,
  tax: Fixed,
  method: DiscountCalculationMethod,
  currencyPlaces: number,
): ComputedLineAmounts {
  const baseamount = multiplyFixed(subtractFixed(priceperunit, volumediscountamount), quantity, currencyPlaces);
  const effectiveManualDiscount =
    method === 1 ? multiplyFixed(manualdiscountamount, quantity, currencyPlaces) : manualdiscountamount;
  const extendedamount = addFixed(subtractFixed(baseamount, effectiveManualDiscount), tax);
  return { baseamount, effectiveManualDiscount, extendedamount };
}
