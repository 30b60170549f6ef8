/**
 * JSON with exact numbers, both ways. Orderline sends money as exact JSON numbers (`40.005`, never a
 * rounded float), so the back office reads every number as its literal text and does its arithmetic in
 * decimal.js; what it writes back goes out as the same exact literals.
 */
import { Decimal } from 'decimal.js';
import { isLosslessNumber, type LosslessNumber, parse, stringify } from 'lossless-json';

/** Half away from zero, Orderline's rule for every money result (PRODUCT.md, "The contract"). */
export const ExactDecimal = Decimal.clone({ precision: 50, rounding: Decimal.ROUND_HALF_UP });
export type ExactDecimal = Decimal;

/** Parses JSON keeping each number as a `LosslessNumber` (its literal text). */
export function parseExactJson(text: string): unknown {
  return parse(text);
}

const numberStringifiers = [
  { test: (value: unknown) => Decimal.isDecimal(value), stringify: (value: unknown) => (value as Decimal).toFixed() },
];

/** Writes JSON with decimals and lossless numbers as exact JSON numbers. */
export function stringifyExactJson(value: unknown): string {
  return stringify(value, null, undefined, numberStringifiers) ?? 'null';
}

/** A number read from exact JSON (or a plain number or numeric string) as a decimal; undefined if absent. */
export function decimalOf(value: unknown): ExactDecimal | undefined {
  if (value === null || value === undefined) return undefined;
  if (isLosslessNumber(value)) return new ExactDecimal((value as LosslessNumber).toString());
  if (typeof value === 'number' || typeof value === 'string') return new ExactDecimal(value);
  if (Decimal.isDecimal(value)) return new ExactDecimal(value as Decimal);
  return undefined;
}

/** A small integer (state codes, option values) read from exact JSON; undefined if absent. */
export function integerOf(value: unknown): number | undefined {
  const decimal = decimalOf(value);
  return decimal?.isInteger() ? decimal.toNumber() : undefined;
}
