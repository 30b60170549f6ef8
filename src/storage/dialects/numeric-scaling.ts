/**
 * Scaled integers, the form SQLite keeps money and most decimals in: 64-bit integers counting units of
 * 10^-scale, so no value ever passes through a binary float.
 */
import { Decimal } from '../../domain/decimal.js';
import type { DecimalColumn } from '../../domain/metadata/table-metadata.js';

export const MONEY_SCALE = 4;
export const INT64_MAX = new Decimal('9223372036854775807');

/** 10^0 .. 10^12, the scales columns use, computed once. */
const POWERS_OF_TEN = Array.from({ length: 13 }, (_, exponent) => new Decimal(10).pow(exponent));
const decimalScales = new WeakMap<DecimalColumn, number | null>();

/** SQLite keeps a decimal as a scaled integer when its whole range fits in 64 bits, else as text. */
export function sqliteDecimalScale(column: DecimalColumn): number | undefined {
  let scale = decimalScales.get(column);
  if (scale === undefined) {
    const largest = Decimal.max(new Decimal(column.max).abs(), new Decimal(column.min).abs());
    scale = largest.mul(new Decimal(10).pow(column.precision)).lt(INT64_MAX) ? column.precision : null;
    decimalScales.set(column, scale);
  }
  return scale ?? undefined;
}

export function scaleUp(value: Decimal, scale: number): bigint {
  return BigInt(value.mul(POWERS_OF_TEN[scale] ?? new Decimal(10).pow(scale)).toFixed(0));
}

/** An exponent in the literal moves the point without a division: `12345e-4` is 1.2345 exactly. */
export function scaleDown(value: unknown, scale: number): Decimal {
  return new Decimal(`${String(value)}e-${scale}`);
}
