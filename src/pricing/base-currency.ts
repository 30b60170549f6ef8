/**
 * `_base` columns: `x_base = x / exchangerate`, rounded half away from zero to 4 decimals (reference 4.8,
 * PRODUCT.md C2). The rate has up to 12 decimals, more than a `Fixed` holds, so it is turned once per
 * calculation into a reduced fraction and every conversion is one exact multiply-divide-round.
 */
import type { Decimal } from '../domain/decimal.js';
import { filteredQuotient, gcd, type Int, multiply, multiplyDivideRounded, normalize } from './exact-int.js';
import { type Fixed, roundFixed } from './fixed.js';
import { PricingErrorCode } from './pricing-error-code.js';

const BASE_PLACES = 4;
/** One 10^-4 step in 10^-5 units. */
const BASE_STEP = 10;

export interface BaseConversion {
  /** x_base (in 10^-4 steps) = round(x * numerator / denominator). */
  readonly numerator: Int;
  readonly denominator: Int;
  readonly identity: boolean;
  /** fl(numerator / denominator): one multiplication estimates a conversion (see toBase). */
  readonly factor: number;
  /** 25 Price Calculation Error when the record has no usable rate (the rate 1 is used then). */
  readonly error: 0 | 25;
}

const IDENTITY: BaseConversion = { numerator: 1, denominator: BASE_STEP, identity: true, factor: 0.1, error: 0 };
const INVALID_RATE: BaseConversion = { ...IDENTITY, error: PricingErrorCode.PriceCalculationError };

export function baseConversion(exchangerate: Decimal | null): BaseConversion {
  if (exchangerate === null || !exchangerate.isFinite() || exchangerate.lte(0)) return INVALID_RATE;
  if (exchangerate.eq(1)) return IDENTITY;
  // rate = m / 10^k exactly, so x / rate in 10^-4 steps is x * 10^k / (m * 10) with x in 10^-5 units.
  const places = exchangerate.decimalPlaces();
  const m = BigInt(exchangerate.mul(`1e${places}`).toFixed(0));
  const numerator = 10n ** BigInt(places);
  const denominator = m * BigInt(BASE_STEP);
  const divisor = gcd(numerator, denominator);
  const reducedNumerator = normalize(numerator / divisor);
  const reducedDenominator = normalize(denominator / divisor);
  return {
    numerator: reducedNumerator,
    denominator: reducedDenominator,
    identity: false,
    factor: Number(reducedNumerator) / Number(reducedDenominator),
    error: 0,
  };
}

export function toBase(value: Fixed, conversion: BaseConversion): Fixed {
  if (value === 0) return value;
  if (conversion.identity) return roundFixed(value, BASE_PLACES);
  if (typeof value === 'number') {
    // value × fl(num / den) is the exact quotient up to two roundings of 2^-53 (when num and den are
    // safe integers), which is what filteredQuotient needs; it decides unless the quotient is within
    // about 10^-15 of a tie, and the exact path below takes over then.
    const { numerator, denominator } = conversion;
    if (typeof numerator === 'number' && typeof denominator === 'number') {
      const steps = filteredQuotient(value * conversion.factor, 'halfAwayFromZero');
      if (steps !== undefined) return (steps * BASE_STEP || 0) as Fixed;
    }
  }
  const steps = multiplyDivideRounded(value, conversion.numerator, conversion.denominator, 'halfAwayFromZero');
  return multiply(steps, BASE_STEP) as Fixed;
}

/** ±922,337,203,685,477: the range of computed money columns (reference 4.8), in 10^-5 units. */
const MONEY_LIMIT = 922_337_203_685_477n * 100_000n;

/** 1 above the money range, -1 below it, 0 inside. Safe-integer values are always inside. */
export function moneyRangeExcess(value: Fixed): -1 | 0 | 1 {
  if (typeof value === 'number') return 0;
  return value > MONEY_LIMIT ? 1 : value < -MONEY_LIMIT ? -1 : 0;
}
