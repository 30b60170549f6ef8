import type { Decimal } from './decimal.js';

/**
 * A column's value inside Orderline: GUIDs, strings and dates as strings (dates as
 * `YYYY-MM-DDTHH:mm:ssZ` or `YYYY-MM-DD`), whole numbers as numbers, money and decimals as `Decimal`,
 * the row version as a digit string.
 */
export type FieldValue = string | number | boolean | Decimal | null;

/** A row of a table, keyed by column logical name. */
export type Row = Record<string, FieldValue>;
