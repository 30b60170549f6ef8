/**
 * Exact integer arithmetic on `number | bigint`, the engine's internal representation of money.
 *
 * Why not decimal.js or plain BigInt: recalculating a 1,000-line order must take under 1 ms (PRODUCT.md,
 * "Service levels"). decimal.js needs about 4 ms for that, and BigInt arithmetic on the ~70 operations a
 * line needs (amounts and six `_base` columns) about 3 ms. A float64 holds every integer up to 2^53 - 1
 * exactly, which covers the values of real orders, so every operation here runs on numbers first and
 * falls back to BigInt only when a result would leave that range. Results are normalised: a value is a
 * `number` whenever it is a safe integer and a `bigint` only beyond, so `===` compares values and the hot
 * code stays monomorphic on numbers.
 *
 * Every function is exact: the number path is taken only when it provably gives the same answer as the
 * BigInt path (the proofs are in the comments; exact-int.test.ts checks them against decimal.js).
 */

/** An exact integer: a safe-integer `number`, or a `bigint` outside the safe range (never both). */
export type Int = number | bigint;

export type DivisionRounding = 'halfAwayFromZero' | 'floor' | 'ceil';

const MAX = Number.MAX_SAFE_INTEGER;
const MAX_BIG = BigInt(MAX);
/** Below 2^52 a quotient's truncation and the product q * d are both exact (see divideRounded). */
const EXACT_DIVISION_LIMIT = 2 ** 52;
/**
 * Below 2^49 a twice-rounded quotient fl(fl(a * b) / d) is within |y| * 2^-52 (< 0.125) of the true
 * quotient; the margin below doubles that bound.
 */
const FILTER_LIMIT = 2 ** 49;
const FILTER_RELATIVE_MARGIN = 4.5e-16;

export function normalize(value: bigint): Int {
  return value >= -MAX_BIG && value <= MAX_BIG ? Number(value) : value;
}

export function toBigInt(value: Int): bigint {
  return typeof value === 'bigint' ? value : BigInt(value);
}

/** Accepts any integer the caller holds (for example a scaled SQLite integer) in normalised form. */
export function intFrom(value: number | bigint): Int {
  if (typeof value === 'bigint') return normalize(value);
  if (!Number.isSafeInteger(value)) throw new RangeError(`not a safe integer: ${value}`);
  return value === 0 ? 0 : value; // folds -0
}

export function add(a: Int, b: Int): Int {
  if (typeof a === 'number' && typeof b === 'number') {
    // If the true sum is a safe integer it is representable, so the float sum is exact; if it is not,
    // the rounded sum is at least 2^53 in magnitude and fails the test.
    const sum = a + b;
    if (sum <= MAX && sum >= -MAX) return sum;
  }
  return normalize(toBigInt(a) + toBigInt(b));
}

export function subtract(a: Int, b: Int): Int {
  if (typeof a === 'number' && typeof b === 'number') {
    const difference = a - b;
    if (difference <= MAX && difference >= -MAX) return difference === 0 ? 0 : difference;
  }
  return normalize(toBigInt(a) - toBigInt(b));
}

export function negate(a: Int): Int {
  if (typeof a === 'number') return a === 0 ? 0 : -a;
  return normalize(-a);
}

export function multiply(a: Int, b: Int): Int {
  if (typeof a === 'number' && typeof b === 'number') {
    // Same argument as add: rounding is monotone and 2^53 is representable.
    const product = a * b;
    if (product <= MAX && product >= -MAX) return product === 0 ? 0 : product;
  }
  return normalize(toBigInt(a) * toBigInt(b));
}

export function compare(a: Int, b: Int): -1 | 0 | 1 {
  // Relational operators between number and bigint compare mathematical values exactly.
  return a < b ? -1 : a > b ? 1 : 0;
}

export function sign(a: Int): -1 | 0 | 1 {
  return a < 0 ? -1 : a > 0 ? 1 : 0;
}

export function isZero(a: Int): boolean {
  return a === 0;
}

export function abs(a: Int): Int {
  return a < 0 ? negate(a) : a;
}

/** The integer n / d rounded as asked; d must be positive. */
export function divideRounded(n: Int, d: Int, rounding: DivisionRounding): Int {
  if (typeof n === 'number' && typeof d === 'number') {
    if (n < EXACT_DIVISION_LIMIT && n > -EXACT_DIVISION_LIMIT && d < EXACT_DIVISION_LIMIT) {
      return divideSmall(n, d, rounding);
    }
    // n is exact but past 2^52: one rounding in n / d, which the filter covers.
    const filtered = filteredQuotient(n / d, rounding);
    if (filtered !== undefined) return filtered;
  }
  return divideRoundedBig(toBigInt(n), toBigInt(d), rounding);
}

/**
 * |n| < 2^52, 0 < d < 2^52: fl(n / d) is within one unit in the last place of a value below 2^52, so its
 * truncation is off by at most one; |q * d| <= |n| + d < 2^53 keeps q * d and the remainder exact, and
 * the remainder corrects q.
 */
function divideSmall(n: number, d: number, rounding: DivisionRounding): number {
  let q = Math.trunc(n / d);
  let r = n - q * d;
  if (n >= 0) {
    if (r < 0) {
      q -= 1;
      r += d;
    } else if (r >= d) {
      q += 1;
      r -= d;
    }
  } else if (r > 0) {
    q += 1;
    r -= d;
  } else if (r <= -d) {
    q -= 1;
    r += d;
  }
  return adjustQuotient(q, r, d, rounding);
}

/** q = trunc(n / d) and r = n - q * d with the sign of n; applies the rounding rule. */
function adjustQuotient(q: number, r: number, d: number, rounding: DivisionRounding): number {
  if (r === 0) return q === 0 ? 0 : q;
  switch (rounding) {
    case 'halfAwayFromZero':
      if (r > 0) return r + r >= d ? q + 1 : q;
      return -r - r >= d ? q - 1 : q === 0 ? 0 : q;
    case 'floor':
      return r < 0 ? q - 1 : q;
    case 'ceil':
      return r > 0 ? q + 1 : q === 0 ? 0 : q;
  }
}

function divideRoundedBig(n: bigint, d: bigint, rounding: DivisionRounding): Int {
  const q = n / d;
  const r = n - q * d;
  if (r === 0n) return normalize(q);
  switch (rounding) {
    case 'halfAwayFromZero':
      if (r > 0n) return normalize(r + r >= d ? q + 1n : q);
      return normalize(-r - r >= d ? q - 1n : q);
    case 'floor':
      return normalize(r < 0n ? q - 1n : q);
    case 'ceil':
      return normalize(r > 0n ? q + 1n : q);
  }
}

/**
 * round(a * b / d) for a positive d, without BigInt in the common case where a * b is not a safe
 * integer but the quotient is small (price x quantity, amount / exchange rate).
 *
 * Filter argument: y = fl(fl(a * b) / d) carries two roundings of relative size <= 2^-53, so the true
 * quotient T lies within |y| * 2.3e-16 of y. Rounding changes its answer only at half-integers (half away
 * from zero) or integers (floor, ceil). When the nearest such boundary is farther from y than twice that
 * bound, T and y round alike and y's rounding is the answer; otherwise (exact ties included) the BigInt
 * path decides.
 */
export function multiplyDivideRounded(a: Int, b: Int, d: Int, rounding: DivisionRounding): Int {
  if (typeof a === 'number' && typeof b === 'number' && typeof d === 'number') {
    const product = a * b;
    if (product < EXACT_DIVISION_LIMIT && product > -EXACT_DIVISION_LIMIT && d < EXACT_DIVISION_LIMIT) {
      return divideSmall(product === 0 ? 0 : product, d, rounding);
    }
    const filtered = filteredQuotient(product / d, rounding);
    if (filtered !== undefined) return filtered;
  }
  return divideRounded(multiply(a, b), d, rounding);
}

/**
 * The rounding of a true quotient T, given its estimate y carrying at most two relative roundings of
 * 2^-53 each, or undefined when y is too close to a rounding boundary (or too large) to decide.
 */
export function filteredQuotient(y: number, rounding: DivisionRounding): number | undefined {
  const negative = y < 0;
  const t = negative ? -y : y;
  if (!(t < FILTER_LIMIT)) return undefined;
  const whole = Math.floor(t);
  const fraction = t - whole; // exact: t and its floor share an exponent range
  const margin = Math.max(t, 1) * FILTER_RELATIVE_MARGIN;
  let magnitude: number;
  if (rounding === 'halfAwayFromZero') {
    const distance = fraction > 0.5 ? fraction - 0.5 : 0.5 - fraction;
    if (distance <= margin) return undefined;
    magnitude = fraction > 0.5 ? whole + 1 : whole;
  } else {
    if (fraction <= margin || fraction >= 1 - margin) return undefined;
    // |y| lies strictly between two integers: floor and ceil follow from the sign.
    const up = rounding === 'ceil' ? !negative : negative;
    magnitude = up ? whole + 1 : whole;
  }
  // `|| 0` folds the -0 that -0 inputs or a negative tiny quotient would produce.
  return (negative ? -magnitude : magnitude) || 0;
}

export function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) {
    const r = x % y;
    x = y;
    y = r;
  }
  return x;
}
