/**
 * `Fixed`: the engine's exact decimal, an integer count of 10^-5 units (see exact-int.ts for why it is
 * not decimal.js inside the engine).
 *
 * Why 10^-5: it is the smallest scale that holds every input exactly. Money has at most 4 decimals in
 * Orderline (pricing and currency precision are 0..4, reference 3.1 and 4.6, and storage keeps money at
 * 10^-4), quantities and discount percentages have 5 (reference 4.5, 4.6). A smaller scale keeps more
 * values inside the float64 fast path. The exchange rate (12 decimals) is not a `Fixed`: see
 * base-currency.ts.
 *
 * The brand stops a plain number (which would mean 10^-5 units) from being passed by mistake; build
 * values with `fixed()`, `fixedFromDecimal()` or `fixedFromScaled()`.
 */
import { Decimal } from '../domain/decimal.js';
import {
  add,
  compare,
  divideRounded,
  type Int,
  intFrom,
  multiply,
  multiplyDivideRounded,
  normalize,
  subtract,
  toBigInt,
} from './exact-int.js';

declare const fixedBrand: unique symbol;
export type Fixed = Int & { readonly [fixedBrand]: true };

export const FIXED_SCALE = 5;
/** 10^k for k = 0..10, as numbers (all exact). */
export const POWERS_OF_TEN: readonly number[] = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10];
const ONE_UNIT = 1e5;

export const FIXED_ZERO = 0 as Fixed;

/** Wraps an integer count of 10^-5 units. */
export function fixedFromUnits(units: Int): Fixed {
  return units as Fixed;
}

/** A value scaled by 10^scale (for example SQLite's money integers, scaled by 10^4), exactly or rounded. */
export function fixedFromScaled(value: number | bigint, scale: number): Fixed {
  const integer = intFrom(value);
  if (scale === FIXED_SCALE) return integer as Fixed;
  if (scale < FIXED_SCALE) return multiply(integer, 10 ** (FIXED_SCALE - scale)) as Fixed;
  return divideRounded(integer, normalize(10n ** BigInt(scale - FIXED_SCALE)), 'halfAwayFromZero') as Fixed;
}

/** The value scaled by 10^scale (scale 0..5), rounded half away from zero when scale < 5. */
export function fixedToScaled(value: Fixed, scale: number): bigint {
  if (scale >= FIXED_SCALE) return toBigInt(value) * 10n ** BigInt(scale - FIXED_SCALE);
  return toBigInt(divideRounded(value, POWERS_OF_TEN[FIXED_SCALE - scale]!, 'halfAwayFromZero'));
}

const plainLiteral = /^([+-]?)(\d*)(?:\.(\d*))?$/;

/**
 * Exact conversion of a decimal literal, a `Decimal` or a JavaScript number (through its shortest
 * decimal text). More than 5 decimals are rounded half away from zero.
 */
export function fixed(value: string | number | Decimal): Fixed {
  if (typeof value === 'number') {
    if (Number.isSafeInteger(value) && Math.abs(value) <= 90_071_992_547) return (value * ONE_UNIT || 0) as Fixed;
    return fixedFromDecimal(new Decimal(value));
  }
  if (typeof value !== 'string') return fixedFromDecimal(value);
  const match = plainLiteral.exec(value.trim());
  if (match === null || (match[2] === '' && (match[3] ?? '') === '')) {
    const decimal = new Decimal(value); // exponent forms; throws on anything that is not a number
    return fixedFromDecimal(decimal);
  }
  const fraction = match[3] ?? '';
  if (fraction.length > FIXED_SCALE) return fixedFromDecimal(new Decimal(value));
  const digits = `${match[1]}${match[2] || '0'}${fraction.padEnd(FIXED_SCALE, '0')}`;
  return parseUnits(digits);
}

function parseUnits(digits: string): Fixed {
  // Up to 15 digits always fit a safe integer; longer strings go through BigInt.
  const unsigned = digits.startsWith('-') || digits.startsWith('+') ? digits.length - 1 : digits.length;
  if (unsigned <= 15) return (Number(digits) || 0) as Fixed;
  return normalize(BigInt(digits)) as Fixed;
}

/** Exact conversion from our `Decimal`; more than 5 decimals are rounded half away from zero. */
export function fixedFromDecimal(value: Decimal): Fixed {
  if (!value.isFinite()) throw new RangeError(`not a finite decimal: ${value.toString()}`);
  const fast = smallDecimalUnits(value);
  if (fast !== undefined) return fast;
  const text = value.toFixed(FIXED_SCALE, Decimal.ROUND_HALF_UP);
  return parseUnits(text.replace('.', ''));
}

/**
 * The common case without formatting text: decimal.js exposes a value as sign `s`, base-10 exponent `e`
 * of its leading digit and coefficient words `d` of 7 digits (the first one shorter). With at most two
 * words the coefficient is below 10^14, so it and its scaling to 10^-5 units stay exact in a float64
 * when the result is a safe integer; anything else takes the text path.
 */
function smallDecimalUnits(value: Decimal): Fixed | undefined {
  const words = value.d;
  if (words.length > 2) return undefined;
  const first = words[0]!;
  if (first === 0) return FIXED_ZERO;
  const firstDigits =
    first < 10 ? 1 : first < 100 ? 2 : first < 1e3 ? 3 : first < 1e4 ? 4 : first < 1e5 ? 5 : first < 1e6 ? 6 : 7;
  const coefficient = words.length === 1 ? first : first * 1e7 + words[1]!;
  // value = coefficient × 10^(e − digits + 1); in 10^-5 units that is 10^shift more.
  const shift = value.e - (firstDigits + (words.length - 1) * 7) + 1 + FIXED_SCALE;
  let units: number;
  if (shift >= 0) {
    if (shift > 15) return undefined;
    units = coefficient * POWERS_OF_TEN_15[shift]!;
    if (units > Number.MAX_SAFE_INTEGER) return undefined;
  } else {
    if (shift < -15) return undefined;
    const divisor = POWERS_OF_TEN_15[-shift]!;
    if (coefficient % divisor !== 0) return undefined; // more than 5 decimals: round through text
    units = coefficient / divisor;
  }
  return (value.s < 0 ? -units : units) as Fixed;
}

const POWERS_OF_TEN_15: readonly number[] = Array.from({ length: 16 }, (_, k) => 10 ** k);

export function fixedToDecimal(value: Fixed): Decimal {
  return new Decimal(fixedToString(value));
}

/**
 * Plain decimal text with trailing zeros trimmed, the form Orderline writes numbers in (PRODUCT.md, "The
 * contract"). With `places`, the value is first rounded half away from zero to that many decimals.
 */
export function fixedToString(value: Fixed, places?: number): string {
  const rounded = places === undefined ? value : roundFixed(value, places);
  if (typeof rounded === 'number') return smallUnitsToString(rounded);
  const negative = rounded < 0n;
  let digits = (negative ? -rounded : rounded).toString();
  if (digits.length <= FIXED_SCALE) digits = digits.padStart(FIXED_SCALE + 1, '0');
  const whole = digits.slice(0, -FIXED_SCALE);
  const fraction = digits.slice(-FIXED_SCALE).replace(/0+$/, '');
  const text = fraction === '' ? whole : `${whole}.${fraction}`;
  return negative ? `-${text}` : text;
}

/** The same for a safe integer, with number arithmetic only (it runs for every money value written). */
function smallUnitsToString(units: number): string {
  const negative = units < 0;
  const magnitude = negative ? -units : units;
  let whole = Math.trunc(magnitude / ONE_UNIT);
  let fraction = magnitude - whole * ONE_UNIT; // exact: whole * 10^5 <= magnitude + 10^5 < 2^53
  if (fraction < 0) {
    whole -= 1;
    fraction += ONE_UNIT;
  } else if (fraction >= ONE_UNIT) {
    whole += 1;
    fraction -= ONE_UNIT;
  }
  let text = String(whole);
  if (fraction !== 0) {
    let decimals = FIXED_SCALE;
    while (fraction % 10 === 0) {
      fraction /= 10;
      decimals -= 1;
    }
    text += `.${String(fraction).padStart(decimals, '0')}`;
  }
  return negative ? `-${text}` : text;
}

/** Rounds half away from zero to `places` decimals (0..5); the result is still a `Fixed`. */
export function roundFixed(value: Fixed, places: number): Fixed {
  if (places >= FIXED_SCALE) return value;
  const step = POWERS_OF_TEN[FIXED_SCALE - places]!;
  return multiply(divideRounded(value, step, 'halfAwayFromZero'), step) as Fixed;
}

/** a * b rounded half away from zero to `places` decimals: one rounding of the exact product. */
export function multiplyFixed(a: Fixed, b: Fixed, places: number): Fixed {
  const step = POWERS_OF_TEN[FIXED_SCALE - places]!;
  // a * b carries 10 decimals; dividing by 10^5 * step lands on the target grid in one rounding.
  return multiply(multiplyDivideRounded(a, b, ONE_UNIT * step, 'halfAwayFromZero'), step) as Fixed;
}

/** value * percent / 100 rounded half away from zero to `places` decimals (percent as 20 for 20%). */
export function percentOfFixed(value: Fixed, percent: Fixed, places: number): Fixed {
  const step = POWERS_OF_TEN[FIXED_SCALE - places]!;
  return multiply(multiplyDivideRounded(value, percent, ONE_UNIT * 100 * step, 'halfAwayFromZero'), step) as Fixed;
}

export function addFixed(a: Fixed, b: Fixed): Fixed {
  return add(a, b) as Fixed;
}

export function subtractFixed(a: Fixed, b: Fixed): Fixed {
  return subtract(a, b) as Fixed;
}

export function compareFixed(a: Fixed, b: Fixed): -1 | 0 | 1 {
  return compare(a, b);
}

/** How many decimals the value carries (0..5). */
export function fixedDecimalPlaces(value: Fixed): number {
  let places = FIXED_SCALE;
  let rest: Int = value;
  while (places > 0) {
    const next = divideRounded(rest, 10, 'floor');
    if (multiply(next, 10) !== rest) break;
    rest = next;
    places -= 1;
  }
  return places;
}

/** Whether the value is a whole number. */
export function isWholeFixed(value: Fixed): boolean {
  return divideRounded(value, ONE_UNIT, 'floor') === divideRounded(value, ONE_UNIT, 'ceil');
}
