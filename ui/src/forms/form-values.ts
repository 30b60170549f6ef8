/**
 * A form's values as the inputs hold them (text), and the conversions to and from the Web API: a row
 * read with `_<lookup>_value` becomes values; changed values become a PATCH body with `@odata.bind`
 * for lookups and JSON numbers for money and decimals, written from their exact text (never a JS number).
 */
import { exactDecimal, isDecimalText } from '../api/exact-json';
import { lookupColumn, type Row } from '../data/row';
import type { EntityDefinition, FieldDefinition } from '../entities/entity-definition';

export type FormValues = Readonly<Record<string, string>>;

const DECIMAL = new Set(['money', 'decimal']);
const WHOLE = new Set(['integer', 'choice']);

/** Every field the form edits: the summary fields, then the editable totals. */
export function formFields(entity: EntityDefinition): readonly FieldDefinition[] {
  return [...entity.fields, ...(entity.totals?.editable ?? [])];
}

export function selectColumns(entity: EntityDefinition): string[] {
  const columns = new Set<string>([entity.id, entity.primaryName]);
  if (entity.numberColumn) columns.add(entity.numberColumn);
  if (entity.hasState) {
    columns.add('statecode');
    columns.add('statuscode');
  }
  for (const field of formFields(entity))
    columns.add(field.kind === 'lookup' ? lookupColumn(field.column) : field.column);
  for (const total of entity.totals?.computed ?? []) columns.add(total.column);
  for (const column of entity.extraColumns ?? []) columns.add(column);
  return [...columns];
}

/** The digits after the decimal separator in the server's formatted value ("$45.50" → 2), if any. */
function formattedDecimals(formatted: unknown): number | undefined {
  if (typeof formatted !== 'string') return undefined;
  const match = /\d[.,](\d+)\D*$/.exec(formatted);
  return match ? match[1]!.length : 0;
}

/**
 * A money amount padded with zeros to the currency's precision, read from the server's own formatted
 * value: "45.5" shown as "$45.50" becomes "45.50". Digits are only ever added, never rounded away.
 */
export function moneyText(exact: string, formatted: unknown): string {
  const decimals = formattedDecimals(formatted);
  if (decimals === undefined || !isDecimalText(exact)) return exact;
  const [whole, fraction = ''] = exact.split('.');
  if (fraction.length >= decimals) return exact;
  return `${whole}.${fraction.padEnd(decimals, '0')}`;
}

function valueText(field: FieldDefinition, value: unknown, formatted: unknown): string {
  if (value === null || value === undefined) return '';
  if (field.kind === 'date') {
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    return String(value).slice(0, 10);
  }
  if (field.kind === 'money') return moneyText(String(value), formatted);
  return String(value);
}

export function valuesFromRow(fields: readonly FieldDefinition[], row: Row | undefined): FormValues {
  const values: Record<string, string> = {};
  for (const field of fields) {
    const column = field.kind === 'lookup' ? lookupColumn(field.column) : field.column;
    values[field.column] = valueText(field, row?.[column], row?.[`${column}_Formatted`]);
  }
  return values;
}

/** A decimal's text without the zeros that do not change its value: "045.50" → "45.5", "-0.0" → "0". */
function canonicalDecimal(text: string): string {
  const [sign, digits] = text.startsWith('-') ? ['-', text.slice(1)] : ['', text];
  const [whole = '', fraction = ''] = digits.split('.');
  const trimmedWhole = whole.replace(/^0+(?=\d)/, '');
  const trimmedFraction = fraction.replace(/0+$/, '');
  const magnitude = trimmedFraction ? `${trimmedWhole}.${trimmedFraction}` : trimmedWhole;
  return magnitude === '0' ? '0' : `${sign}${magnitude}`;
}

/** Whether two inputs hold the same value: decimals by value ("45.5" is "45.50"), the rest by text. */
export function sameValue(field: FieldDefinition, a: string, b: string): boolean {
  if (a === b) return true;
  if (!DECIMAL.has(field.kind) || !isDecimalText(a) || !isDecimalText(b)) return false;
  return canonicalDecimal(a.trim()) === canonicalDecimal(b.trim());
}

/** After a reload, the server's values, except where the user has typed something not saved yet. */
export function mergeReloaded(current: FormValues, previous: FormValues, next: FormValues): FormValues {
  const merged: Record<string, string> = { ...next };
  for (const [column, value] of Object.entries(current)) {
    if (value !== previous[column]) merged[column] = value;
  }
  return merged;
}

function payloadValue(field: FieldDefinition, text: string): [string, unknown] {
  const value = text.trim();
  if (field.kind === 'lookup') {
    const target = field.lookup!;
    return [`${target.navigation}@odata.bind`, value ? `/${target.set}(${value})` : null];
  }
  if (DECIMAL.has(field.kind)) return [field.column, value === '' ? null : exactDecimal(value)];
  if (WHOLE.has(field.kind)) return [field.column, value === '' ? null : Number(value)];
  return [field.column, value === '' ? null : field.kind === 'multiline' ? text : value];
}

/** The body to send: every changed field (all filled fields for a new record). */
export function changesOf(
  fields: readonly FieldDefinition[],
  initial: FormValues,
  values: FormValues,
  isNew: boolean,
): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of fields) {
    const value = values[field.column] ?? '';
    if (isNew ? value.trim() === '' : sameValue(field, value, initial[field.column] ?? '')) continue;
    if (field.createOnly && !isNew) continue;
    const [name, converted] = payloadValue(field, value);
    body[name] = converted;
  }
  return body;
}

/** Problems to fix before saving, by column, in words. */
export function validate(fields: readonly FieldDefinition[], values: FormValues): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const field of fields) {
    const value = (values[field.column] ?? '').trim();
    if (field.required && value === '') {
      problems[field.column] = field.kind === 'lookup' ? `Choose a ${field.label}.` : `Enter a ${field.label}.`;
    } else if (value !== '' && DECIMAL.has(field.kind) && !isDecimalText(value)) {
      problems[field.column] = `${field.label} must be a number, like 1250.50.`;
    } else if (value !== '' && field.kind === 'integer' && !/^-?\d+$/.test(value)) {
      problems[field.column] = `${field.label} must be a whole number.`;
    }
  }
  return problems;
}
