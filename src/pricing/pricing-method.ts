/**
 * Price per unit of a catalog product from its price list item (reference 5.2): the six pricing
 * methods, then the item's rounding (methods 2-6, reference 5.3), then the pricing precision.
 */
import { add, compare, type Int, multiply } from './exact-int.js';
import { type Fixed, roundFixed } from './fixed.js';
import { PricingErrorCode, type PricingErrorCodeValue } from './pricing-error-code.js';
import type { CatalogProduct, PriceListItem } from './pricing-types.js';
import { readRoundingRule, roundPrice } from './rounding.js';

export const PricingMethod = {
  CurrencyAmount: 1,
  PercentOfList: 2,
  PercentMarkupCurrentCost: 3,
  PercentMarginCurrentCost: 4,
  PercentMarkupStandardCost: 5,
  PercentMarginStandardCost: 6,
} as const;

export type PricingMethodCode = (typeof PricingMethod)[keyof typeof PricingMethod];

/** 100 in 10^-5 units: percentages are stored as 20 for 20%. */
const HUNDRED = 10_000_000;

export type ListPriceOutcome =
  | { readonly price: Fixed; readonly error: 0 }
  | { readonly price: undefined; readonly error: Exclude<PricingErrorCodeValue, 0> };

const failures = new Map<PricingErrorCodeValue, ListPriceOutcome>();
function failure(error: Exclude<PricingErrorCodeValue, 0>): ListPriceOutcome {
  let outcome = failures.get(error);
  if (outcome === undefined) {
    outcome = { price: undefined, error };
    failures.set(error, outcome);
  }
  return outcome;
}

/**
 * The item's price per unit, rounded to `pricingPlaces`. Formulas (p the item's percentage, reference
 * 5.2): 1 amount; 2 price × p/100; 3 currentcost × (1 + p/100); 4 currentcost / (1 − p/100);
 * 5 standardcost × (1 + p/100); 6 standardcost / (1 − p/100). The reference notes the documentation
 * lists standard cost as the input of method 4, an apparent typo: current cost is used.
 */
export function computeListPrice(
  item: PriceListItem,
  product: CatalogProduct,
  pricingPlaces: number,
): ListPriceOutcome {
  const method = item.pricingmethodcode;
  if (method === null) return failure(PricingErrorCode.MissingPricingCode);
  if (method === PricingMethod.CurrencyAmount) {
    // Rounding policies apply to methods 2-6 only (reference 5.3).
    if (item.amount === null) return failure(PricingErrorCode.MissingPriceLevelAmount);
    if (compare(item.amount, 0) < 0) return failure(PricingErrorCode.InvalidPriceLevelAmount);
    return { price: roundFixed(item.amount, pricingPlaces), error: 0 };
  }
  if (!Number.isInteger(method) || method < 2 || method > 6) return failure(PricingErrorCode.InvalidPricingCode);

  const percentage = item.percentage;
  if (percentage === null) return failure(PricingErrorCode.MissingPriceLevelPercentage);
  const isMargin =
    method === PricingMethod.PercentMarginCurrentCost || method === PricingMethod.PercentMarginStandardCost;
  // A margin of 100% or more has no price (division by 1 − p/100 <= 0).
  if (compare(percentage, 0) < 0 || (isMargin && compare(percentage, HUNDRED) >= 0)) {
    return failure(PricingErrorCode.InvalidPriceLevelPercentage);
  }

  const source = BASE_COLUMN[method as 2 | 3 | 4 | 5 | 6];
  const value = product[source.column];
  if (value === null) return failure(source.missing);
  if (compare(value, 0) < 0) return failure(source.invalid);

  const rule = readRoundingRule(
    item.roundingpolicycode,
    item.roundingoptioncode,
    item.roundingoptionamount,
    pricingPlaces,
  );
  if ('error' in rule) return failure(rule.error);

  let numerator: Int;
  let denominator: Int;
  if (method === PricingMethod.PercentOfList) {
    numerator = multiply(value, percentage);
    denominator = HUNDRED;
  } else if (isMargin) {
    numerator = multiply(value, HUNDRED);
    // Below 100% here, so a safe integer.
    denominator = HUNDRED - (percentage as number);
  } else {
    numerator = multiply(value, add(HUNDRED, percentage));
    denominator = HUNDRED;
  }
  return { price: roundPrice(numerator, denominator, rule, pricingPlaces), error: 0 };
}

/** The product column each method starts from, and the errors for it missing or negative. */
const BASE_COLUMN: Readonly<
  Record<
    2 | 3 | 4 | 5 | 6,
    {
      readonly column: 'price' | 'currentcost' | 'standardcost';
      readonly missing: Exclude<PricingErrorCodeValue, 0>;
      readonly invalid: Exclude<PricingErrorCodeValue, 0>;
    }
  >
> = {
  2: { column: 'price', missing: PricingErrorCode.MissingPrice, invalid: PricingErrorCode.InvalidPrice },
  3: {
    column: 'currentcost',
    missing: PricingErrorCode.MissingCurrentCost,
    invalid: PricingErrorCode.InvalidCurrentCost,
  },
  4: {
    column: 'currentcost',
    missing: PricingErrorCode.MissingCurrentCost,
    invalid: PricingErrorCode.InvalidCurrentCost,
  },
  5: {
    column: 'standardcost',
    missing: PricingErrorCode.MissingStandardCost,
    invalid: PricingErrorCode.InvalidStandardCost,
  },
  6: {
    column: 'standardcost',
    missing: PricingErrorCode.MissingStandardCost,
    invalid: PricingErrorCode.InvalidStandardCost,
  },
};
