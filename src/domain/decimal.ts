import { Decimal as DecimalJs } from 'decimal.js';

/**
 * The one decimal type of Orderline. Money and decimal columns are `Decimal` from the moment a request
 * body is read to the moment a response is written; binary floats never hold a money value.
 *
 * A private clone so nothing else in the process can change its configuration. Fifty significant digits
 * hold any product of two Dataverse money values exactly; rounding is half away from zero, the rule
 * PRODUCT.md sets for every money result.
 */
export const Decimal = DecimalJs.clone({
  precision: 50,
  rounding: DecimalJs.ROUND_HALF_UP,
  toExpNeg: -40,
  toExpPos: 40,
});
export type Decimal = DecimalJs;

export const ZERO = new Decimal(0);

const decimalLiteral = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Parses a numeric literal exactly; returns undefined for anything that is not one, and for literals
 * whose exponent is out of decimal.js's range (they would become Infinity or a silent 0).
 */
export function parseDecimal(text: string): Decimal | undefined {
  if (!decimalLiteral.test(text)) return undefined;
  const value = new Decimal(text);
  if (!value.isFinite()) return undefined;
  if (value.isZero() && /[1-9]/.test(text.replace(/[eE].*$/, ''))) return undefined;
  return value;
}

/** Rounds half away from zero to `places` decimals (0..10). */
export function roundTo(value: Decimal, places: number): Decimal {
  return value.toDecimalPlaces(places, Decimal.ROUND_HALF_UP);
}

/** How many digits a value carries after the decimal point. */
export function decimalPlaces(value: Decimal): number {
  return value.decimalPlaces();
}

/**
 * Plain decimal text with at most `maxPlaces` decimals and no trailing zeros: the form Orderline
 * writes money and decimals in (PRODUCT.md, "The contract").
 */
export function formatDecimal(value: Decimal, maxPlaces?: number): string {
  const rounded = maxPlaces === undefined ? value : roundTo(value, maxPlaces);
  const text = rounded.toFixed();
  if (!text.includes('.')) return text === '-0' ? '0' : text;
  const trimmed = text.replace(/\.?0+$/, '');
  return trimmed === '-0' ? '0' : trimmed;
}
