/**
 * Rounding of price-list-derived prices (reference 5.3, decided by PRODUCT.md C2): the price list
 * item's `roundingpolicycode` (1 None, 2 Up, 3 Down, 4 To Nearest), `roundingoptioncode` (1 Ends in,
 * 2 Multiple of) and `roundingoptionamount` A, applied to the exact computed price, then the result is
 * rounded half away from zero to the pricing precision. Only methods 2-6 use it.
 *
 * The exact price arrives as a fraction numerator / denominator of 10^-5 units so that a policy never
 * works on a value that was already rounded (rounding twice can differ from rounding once).
 */
import { add, compare, divideRounded, type Int, multiply, subtract } from './exact-int.js';
import { type Fixed, fixedDecimalPlaces, POWERS_OF_TEN, roundFixed } from './fixed.js';
import { PricingErrorCode } from './pricing-error-code.js';

export const RoundingPolicy = { None: 1, Up: 2, Down: 3, ToNearest: 4 } as const;
export const RoundingOption = { EndsIn: 1, MultipleOf: 2 } as const;

export type RoundingRule =
  | { readonly policy: typeof RoundingPolicy.None }
  | {
      readonly policy: typeof RoundingPolicy.Up | typeof RoundingPolicy.Down | typeof RoundingPolicy.ToNearest;
      readonly option: typeof RoundingOption.EndsIn | typeof RoundingOption.MultipleOf;
      readonly amount: Fixed;
    };

export const NO_ROUNDING: RoundingRule = { policy: RoundingPolicy.None };

/**
 * Reads the item's three rounding columns. A missing policy means None. Errors: 22 policy outside 1..4,
 * 23 option missing or outside 1..2, 24 amount missing, not positive, or with more decimals than the
 * pricing precision (a price rounded to it could then no longer end in, or be a multiple of, A).
 */
export function readRoundingRule(
  policy: number | null,
  option: number | null,
  amount: Fixed | null,
  pricingPlaces: number,
): RoundingRule | { readonly error: 22 | 23 | 24 } {
  if (policy === null || policy === RoundingPolicy.None) return NO_ROUNDING;
  if (policy !== RoundingPolicy.Up && policy !== RoundingPolicy.Down && policy !== RoundingPolicy.ToNearest) {
    return { error: PricingErrorCode.InvalidRoundingPolicy };
  }
  if (option !== RoundingOption.EndsIn && option !== RoundingOption.MultipleOf) {
    return { error: PricingErrorCode.InvalidRoundingOption };
  }
  if (amount === null || compare(amount, 0) <= 0 || fixedDecimalPlaces(amount) > pricingPlaces) {
    return { error: PricingErrorCode.InvalidRoundingAmount };
  }
  return { policy, option, amount };
}

/**
 * The non-negative exact price numerator / denominator (10^-5 units, denominator > 0) rounded by the
 * rule, then to `places` decimals.
 */
export function roundPrice(numerator: Int, denominator: Int, rule: RoundingRule, places: number): Fixed {
  if (rule.policy === RoundingPolicy.None) {
    const step = POWERS_OF_TEN[5 - places]!;
    return multiply(divideRounded(numerator, multiply(denominator, step), 'halfAwayFromZero'), step) as Fixed;
  }
  const rounded =
    rule.option === RoundingOption.MultipleOf
      ? multipleOf(numerator, denominator, rule.policy, rule.amount)
      : endsIn(numerator, denominator, rule.policy, rule.amount);
  return roundFixed(rounded as Fixed, places);
}

/** Multiple of A: Up = ceil(x / A)·A, Down = floor(x / A)·A, To Nearest = round(x / A)·A. */
function multipleOf(numerator: Int, denominator: Int, policy: 2 | 3 | 4, amount: Fixed): Int {
  const mode = policy === RoundingPolicy.Up ? 'ceil' : policy === RoundingPolicy.Down ? 'floor' : 'halfAwayFromZero';
  return multiply(divideRounded(numerator, multiply(denominator, amount), mode), amount);
}

/**
 * Ends in A: with U the smallest power of ten above A (1 for 0.99, 10 for 5), the prices ending in A
 * are c = n·U + A. The two around x are c0 = floor(x / U)·U + A and its neighbour (c0 − U below x or
 * c0 + U above it). Up takes the one at or above x, Down the one at or below x, To Nearest the closer
 * (a tie goes up, as half away from zero does for a positive price). Decision where the reference is
 * silent: a price never rounds below zero, so Down (and To Nearest) fall back to 0 and c0 respectively
 * when c0 − U is negative.
 */
function endsIn(numerator: Int, denominator: Int, policy: 2 | 3 | 4, amount: Fixed): Int {
  const unit = powerOfTenAbove(amount);
  const c0 = add(multiply(divideRounded(numerator, multiply(denominator, unit), 'floor'), unit), amount);
  // Comparisons of a candidate c with x = numerator / denominator, without dividing: c·den vs num.
  const c0Scaled = multiply(c0, denominator);
  const c0AtOrAbove = compare(c0Scaled, numerator) >= 0;
  const below = c0AtOrAbove ? subtract(c0, unit) : c0;
  const above = c0AtOrAbove ? c0 : add(c0, unit);
  switch (policy) {
    case RoundingPolicy.Up:
      return above;
    case RoundingPolicy.Down:
      if (compare(c0Scaled, numerator) === 0) return c0;
      return compare(below, 0) < 0 ? 0 : below;
    case RoundingPolicy.ToNearest: {
      if (compare(below, 0) < 0) return above;
      const distanceBelow = subtract(numerator, multiply(below, denominator));
      const distanceAbove = subtract(multiply(above, denominator), numerator);
      return compare(distanceBelow, distanceAbove) < 0 ? below : above;
    }
  }
}

/** The smallest power of ten strictly above the amount, in 10^-5 units. */
function powerOfTenAbove(amount: Fixed): Int {
  let unit: Int = 1;
  while (compare(unit, amount) <= 0) unit = multiply(unit, 10);
  return unit;
}
