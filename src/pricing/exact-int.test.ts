import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  add,
  compare,
  type DivisionRounding,
  divideRounded,
  type Int,
  multiply,
  multiplyDivideRounded,
  normalize,
  subtract,
  toBigInt,
} from './exact-int.js';

const MAX = BigInt(Number.MAX_SAFE_INTEGER);

/** The exact rounded quotient by BigInt alone: the definition the fast paths must match. */
function expectedQuotient(n: bigint, d: bigint, rounding: DivisionRounding): bigint {
  const q = n / d;
  const r = n - q * d;
  if (r === 0n) return q;
  if (rounding === 'floor') return r < 0n ? q - 1n : q;
  if (rounding === 'ceil') return r > 0n ? q + 1n : q;
  const twice = (r < 0n ? -r : r) * 2n;
  return twice >= d ? (n < 0n ? q - 1n : q + 1n) : q;
}

/** Integers of every size the engine meets: small, near 2^52 and 2^53, and far beyond. */
const anyInt = fc.oneof(
  fc.integer({ min: -1_000_000, max: 1_000_000 }).map(BigInt),
  fc.bigInt({ min: -MAX, max: MAX }),
  fc.bigInt({ min: 2n ** 51n, max: 2n ** 54n }).chain((v) => fc.constantFrom(v, -v)),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }),
);
const positive = fc.oneof(
  fc.integer({ min: 1, max: 1_000_000 }).map(BigInt),
  fc.bigInt({ min: 1n, max: MAX }),
  fc.bigInt({ min: 1n, max: 10n ** 25n }),
);
const rounding = fc.constantFrom<DivisionRounding>('halfAwayFromZero', 'floor', 'ceil');
const isNormal = (value: Int) =>
  typeof value === 'number' ? Number.isSafeInteger(value) && !Object.is(value, -0) : value > MAX || value < -MAX;

describe('exact integers (number while safe, bigint beyond)', () => {
  it('add, subtract and multiply are exact and normalised', () => {
    fc.assert(
      fc.property(anyInt, anyInt, (a, b) => {
        const x = normalize(a);
        const y = normalize(b);
        for (const [result, expected] of [
          [add(x, y), a + b],
          [subtract(x, y), a - b],
          [multiply(x, y), a * b],
        ] as const) {
          expect(toBigInt(result)).toBe(expected);
          expect(isNormal(result)).toBe(true);
        }
        expect(compare(x, y)).toBe(a < b ? -1 : a > b ? 1 : 0);
      }),
      { numRuns: 2000 },
    );
  });

  it('divideRounded matches exact BigInt division for half away from zero, floor and ceil', () => {
    fc.assert(
      fc.property(anyInt, positive, rounding, (n, d, mode) => {
        const result = divideRounded(normalize(n), normalize(d), mode);
        expect(toBigInt(result)).toBe(expectedQuotient(n, d, mode));
        expect(isNormal(result)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('multiplyDivideRounded matches exact BigInt arithmetic, including products past 2^53', () => {
    fc.assert(
      fc.property(anyInt, anyInt, positive, rounding, (a, b, d, mode) => {
        const result = multiplyDivideRounded(normalize(a), normalize(b), normalize(d), mode);
        expect(toBigInt(result)).toBe(expectedQuotient(a * b, d, mode));
        expect(isNormal(result)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('quotients at or next to a tie are decided exactly (the float filter steps aside)', () => {
    // a * b / d = q + 1/2 + e for e in {-1/d, 0, 1/d}: the cases a floating estimate could get wrong.
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 2n ** 45n }),
        fc.bigInt({ min: 1n, max: 2n ** 20n }),
        fc.constantFrom(-1n, 0n, 1n),
        fc.boolean(),
        rounding,
        (q, halfD, offset, negative, mode) => {
          const d = 2n * halfD;
          let n = q * d + halfD + offset;
          if (negative) n = -n;
          // Split n into two factors so the product exceeds 2^53 only through the factorisation.
          const result = multiplyDivideRounded(normalize(n), 1, normalize(d), mode);
          expect(toBigInt(result)).toBe(expectedQuotient(n, d, mode));
          const scaled = multiplyDivideRounded(normalize(n), 1_000_000_007, normalize(d * 1_000_000_007n), mode);
          expect(toBigInt(scaled)).toBe(expectedQuotient(n, d, mode));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('zero is never negative zero', () => {
    expect(Object.is(divideRounded(-1, 3, 'halfAwayFromZero'), 0)).toBe(true);
    expect(Object.is(divideRounded(-1, 3, 'ceil'), 0)).toBe(true);
    expect(Object.is(multiply(-5, 0), 0)).toBe(true);
    expect(Object.is(subtract(7, 7), 0)).toBe(true);
  });
});
