/**
 * Exact decimals through the browser. A double cannot hold 12345678901234.5678 or even 0.1 exactly, so
 * the UI never lets a money or decimal value become a JS number: responses are read with lossless-json
 * and every fractional (or too long) number reaches the screens as its exact text; decimals the UI sends
 * are `LosslessNumber`s, written back as JSON number tokens from that text.
 */
import { isLosslessNumber, isSafeNumber, LosslessNumber, parse } from 'lossless-json';

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

/**
 * What `JSON.stringify` makes of a `LosslessNumber` in the library's request body:
 * `{"value":"45.50","isLosslessNumber":true}`. Its quotes are bare, so it cannot occur inside a JSON
 * string (where quotes are escaped); the match works in a `$batch` body's JSON parts as well.
 */
const SERIALISED_DECIMAL =
  /\{"value":"(-?\d+(?:\.\d+)?)","isLosslessNumber":true\}|\{"isLosslessNumber":true,"value":"(-?\d+(?:\.\d+)?)"\}/g;

/**
 * A request body (JSON, or a `$batch` of JSON parts) with each serialised `LosslessNumber` written back
 * as a JSON number token from its text; everything else is left byte for byte.
 */
export function exactRequestText(body: string): string {
  return body.replace(SERIALISED_DECIMAL, (_match, first?: string, second?: string) => first ?? second ?? '');
}

export { isLosslessNumber };
