/**
 * Exact decimals through the browser. A double cannot hold 12345678901234.5678 or even 0.1 exactly, so
 * the UI never lets a money or decimal value become a JS number: responses are read with lossless-json
 * and every fractional (or too long) number reaches the screens as its exact text; decimals the UI sends
 * are `LosslessNumber`s, written back as JSON number tokens from that text.
 */
import { isLosslessNumber, isSafeNumber, LosslessNumber, parse, stringify } from 'lossless-json';

/** Digits with at most one decimal point and an optional minus sign: the shape the UI checks itself. */
const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/;

export function isDecimalText(text: string): boolean {
  return DECIMAL_TEXT.test(text.trim());
}

/** A decimal to send, kept as its text until it is written as a JSON number token. */
export function exactDecimal(text: string): LosslessNumber {
  const trimmed = text.trim();
  if (!isDecimalText(trimmed)) throw new Error(`Not a decimal: "${text}"`);
  return new LosslessNumber(trimmed);
}

/**
 * A response body rewritten so that a plain `JSON.parse` (the Web API library's) loses nothing: whole
 * numbers a double holds exactly stay numbers (state codes, counts), every other number becomes a string
 * of its exact text ("45.50", "12345678901234.5678").
 */
export function exactResponseText(json: string): string {
  const value = parse(json, null, (text) => (/[.eE]/.test(text) || !isSafeNumber(text) ? text : Number(text)));
  return JSON.stringify(value);
}

/** What `JSON.stringify` makes of a `LosslessNumber` inside the library's request body. */
function isSerialisedLosslessNumber(value: unknown): value is { value: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  return (
    Object.keys(record).length === 2 &&
    record.isLosslessNumber === true &&
    typeof record.value === 'string' &&
    DECIMAL_TEXT.test(record.value)
  );
}

/**
 * A request body with each serialised `LosslessNumber` written back as a JSON number token from its
 * text; every other number keeps its exact token too (the body is read losslessly).
 */
export function exactRequestText(json: string): string {
  const value = parse(json, (_key, item) => (isSerialisedLosslessNumber(item) ? new LosslessNumber(item.value) : item));
  return stringify(value) ?? json;
}

export { isLosslessNumber };
