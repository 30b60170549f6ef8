/**
 * One CSV cell <-> one column value, by the column's metadata: the same types, lengths, ranges and
 * options the Web API enforces, but refused in plain words for a person fixing a spreadsheet
 * (`price "12,5" is not a number`). Amounts are parsed exactly (parseDecimal), never through a float.
 * Lookups are not read here: they name their row by a natural key (natural-keys.ts).
 */
import { Decimal, decimalPlaces, formatDecimal, parseDecimal } from '../domain/decimal.js';
import type { ColumnMetadata } from '../domain/metadata/table-metadata.js';
import type { FieldValue } from '../domain/record.js';
import { parseDateValue } from '../webapi/entity-body.js';

export type CellReading = { readonly value: FieldValue } | { readonly problem: string };

/** Money is stored at 4 decimals; more would be rounded away silently, so it is refused instead. */
const MONEY_STORED_PLACES = 4;

const TRUE_WORDS = new Set(['true', 'yes', '1']);
const FALSE_WORDS = new Set(['false', 'no', '0']);

function quoted(text: string): string {
  return `"${text.length > 40 ? `${text.slice(0, 40)}...` : text}"`;
}

function inRange(column: ColumnMetadata & { min: unknown; max: unknown }, value: Decimal): string | undefined {
  if (value.lt(String(column.min)) || value.gt(String(column.max))) {
    return `is outside the allowed range (${column.min} to ${column.max})`;
  }
  return undefined;
}

function readNumber(column: ColumnMetadata, text: string): { number: Decimal } | { problem: string } {
  const number = parseDecimal(text);
  return number ? { number } : { problem: `${column.name} ${quoted(text)} is not a number` };
}

/** Reads a non-empty cell (already trimmed) for `column`. Lookup columns are the caller's business. */
export function readCell(column: ColumnMetadata, text: string): CellReading {
  const refuse = (reason: string) => ({ problem: `${column.name} ${quoted(text)} ${reason}` });
  switch (column.type) {
    case 'string':
    case 'memo':
      if (text.includes('\u0000')) return refuse('contains the character U+0000, which cannot be stored');
      if (text.length > column.maxLength) return refuse(`is longer than ${column.maxLength} characters`);
      return { value: text };
    case 'integer':
    case 'picklist':
    case 'state':
    case 'status': {
      if (column.type === 'picklist') {
        // A label is accepted as well as its value: "Percent of List" or 2.
        const byLabel = column.options.find((option) => option.label.toLowerCase() === text.toLowerCase());
        if (byLabel) return { value: byLabel.value };
      }
      const read = readNumber(column, text);
      if ('problem' in read) return read;
      if (!read.number.isInteger()) return refuse('is not a whole number');
      if (column.type === 'integer') {
        const outside = inRange(column, read.number);
        if (outside) return refuse(outside);
      }
      const value = read.number.toNumber();
      if (column.type === 'picklist' && !column.options.some((option) => option.value === value)) {
        const allowed = column.options.map((option) => `${option.value} (${option.label})`).join(', ');
        return refuse(`is not one of ${allowed}`);
      }
      return { value };
    }
    case 'decimal':
    case 'money': {
      const read = readNumber(column, text);
      if ('problem' in read) return read;
      const outside = inRange(column, read.number);
      if (outside) return refuse(outside);
      const places = column.type === 'money' ? MONEY_STORED_PLACES : column.precision;
      if (decimalPlaces(read.number) > places) return refuse(`has more than ${places} decimals`);
      return { value: new Decimal(read.number) };
    }
    case 'boolean': {
      const word = text.toLowerCase();
      if (TRUE_WORDS.has(word)) return { value: true };
      if (FALSE_WORDS.has(word)) return { value: false };
      return refuse('is not true or false');
    }
    case 'datetime': {
      const value = parseDateValue(text, column.format);
      if (value) return { value };
      return refuse(column.format === 'dateonly' ? 'is not a date (YYYY-MM-DD)' : 'is not a date and time (ISO 8601)');
    }
    case 'uniqueidentifier':
    case 'bigint':
    case 'lookup':
    case 'customer':
    case 'owner':
      return refuse('cannot be imported');
  }
}

/** A value as `readCell` reads it back: decimals exact with trailing zeros trimmed, empty for null. */
export function writeCell(value: FieldValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Decimal) return formatDecimal(value);
  return String(value);
}
