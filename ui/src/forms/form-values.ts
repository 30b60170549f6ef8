/**
 * A form's values as the inputs hold them (text), and the conversions to and from the Web API: a row
 * read with `_<lookup>_value` becomes values; changed values become a PATCH body with `@odata.bind`
 * for lookups and JSON numbers for money and decimals.
 */
import { lookupColumn, type Row } from '../data/row';
import type { EntityDefinition, FieldDefinition } from '../entities/entity-definition';

export type FormValues = Readonly<Record<string, string>>;

const NUMERIC = new Set(['money', 'decimal', 'integer', 'choice']);

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

function valueText(field: FieldDefinition, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (field.kind === 'date') {
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    return String(value).slice(0, 10);
  }
  return String(value);
}

export function valuesFromRow(fields: readonly FieldDefinition[], row: Row | undefined): FormValues {
  const values: Record<string, string> = {};
  for (const field of fields) {
    values[field.column] = valueText(field, row?.[field.kind === 'lookup' ? lookupColumn(field.column) : field.column]);
  }
  return values;
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
  if (NUMERIC.has(field.kind)) return [field.column, value === '' ? null : Number(value)];
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
    if (isNew ? value.trim() === '' : value === (initial[field.column] ?? '')) continue;
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
    } else if (value !== '' && ['money', 'decimal'].includes(field.kind) && !/^-?\d+(\.\d+)?$/.test(value)) {
      problems[field.column] = `${field.label} must be a number, like 1250.50.`;
    } else if (value !== '' && field.kind === 'integer' && !/^-?\d+$/.test(value)) {
      problems[field.column] = `${field.label} must be a whole number.`;
    }
  }
  return problems;
}
