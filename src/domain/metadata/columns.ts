/**
 * Small constructors that keep table files readable: one line per column, defaults as Dataverse has them
 * (optional, valid for create and update).
 */
import type {
  BigIntColumn,
  BooleanColumn,
  ColumnMetadata,
  ColumnWriter,
  DateTimeColumn,
  DecimalColumn,
  IntegerColumn,
  LookupColumn,
  LookupTarget,
  MoneyColumn,
  OptionMetadata,
  PicklistColumn,
  PrecisionSource,
  RelationshipMetadata,
  RequiredLevel,
  StringColumn,
  UniqueIdentifierColumn,
} from './table-metadata.js';

export interface ColumnOptions {
  readonly required?: RequiredLevel;
  readonly validForCreate?: boolean;
  readonly validForUpdate?: boolean;
  /** Defaults to `system` for a column valid for neither create nor update, `anyone` otherwise. */
  readonly writtenBy?: ColumnWriter;
}

/** Computed or system-maintained: a client may never write it. */
export const readOnly: ColumnOptions = { validForCreate: false, validForUpdate: false, writtenBy: 'system' };
/**
 * Computed by the pricing engine (the "!C" totals and line amounts of reference 4.4 and 4.5): valid for
 * update as in Dataverse, but the engine's value replaces the client's wherever pricing runs.
 */
export const pricingEngine: ColumnOptions = { validForCreate: false, writtenBy: 'pricing' };
/** Written by the back office through an integration user (PRODUCT.md C5), by nobody else. */
export const backOffice: ColumnOptions = { writtenBy: 'integration' };
/** Dataverse's "!U": set on create, fixed afterwards. */
export const createOnly: ColumnOptions = { validForUpdate: false };
/** Dataverse's "!C": changed only after create (totals, state). */
export const updateOnly: ColumnOptions = { validForCreate: false };

function common(name: string, label: string, options: ColumnOptions) {
  const validForCreate = options.validForCreate ?? true;
  const validForUpdate = options.validForUpdate ?? true;
  return {
    name,
    label,
    required: options.required ?? 'none',
    validForCreate,
    validForUpdate,
    writtenBy: options.writtenBy ?? (validForCreate || validForUpdate ? 'anyone' : 'system'),
  };
}

export function uniqueidentifier(name: string, label: string, options: ColumnOptions = {}): UniqueIdentifierColumn {
  return { ...common(name, label, options), type: 'uniqueidentifier' };
}

export function string(name: string, label: string, maxLength: number, options: ColumnOptions = {}): StringColumn {
  return { ...common(name, label, options), type: 'string', maxLength };
}

export function memo(name: string, label: string, maxLength = 2000, options: ColumnOptions = {}): StringColumn {
  return { ...common(name, label, options), type: 'memo', maxLength };
}

export function integer(
  name: string,
  label: string,
  range: { min: number; max: number; default?: number },
  options: ColumnOptions = {},
): IntegerColumn {
  return { ...common(name, label, options), type: 'integer', ...range };
}

export function decimal(
  name: string,
  label: string,
  range: { precision: number; min: string; max: string; default?: string },
  options: ColumnOptions = {},
): DecimalColumn {
  return { ...common(name, label, options), type: 'decimal', ...range };
}

export interface MoneyOptions extends ColumnOptions {
  readonly precisionSource?: PrecisionSource;
  readonly precision?: number;
  readonly min?: string;
  readonly max?: string;
  /** Adds the read-only `<name>_base` twin, converted to the base currency at precision 4. */
  readonly withBase?: boolean;
}

/** Largest magnitude a Dataverse money column holds (SQL Server `money`). */
export const MONEY_LIMIT = '922337203685477';

/** A money column, and its `_base` twin when asked for. */
export function money(name: string, label: string, options: MoneyOptions = {}): MoneyColumn[] {
  const column: MoneyColumn = {
    ...common(name, label, options),
    type: 'money',
    precision: options.precision ?? 2,
    precisionSource: options.precisionSource ?? 2,
    min: options.min ?? `-${MONEY_LIMIT}`,
    max: options.max ?? MONEY_LIMIT,
  };
  if (!options.withBase) return [column];
  const base: MoneyColumn = {
    ...common(`${name}_base`, `${label} (Base)`, readOnly),
    type: 'money',
    precision: 4,
    precisionSource: 0,
    min: `-${MONEY_LIMIT}`,
    max: MONEY_LIMIT,
    baseOf: name,
  };
  return [column, base];
}

export function boolean(
  name: string,
  label: string,
  labels: { trueLabel?: string; falseLabel?: string; default?: boolean } = {},
  options: ColumnOptions = {},
): BooleanColumn {
  return {
    ...common(name, label, options),
    type: 'boolean',
    trueLabel: labels.trueLabel ?? 'Yes',
    falseLabel: labels.falseLabel ?? 'No',
    default: labels.default ?? false,
  };
}

export function datetime(name: string, label: string, options: ColumnOptions = {}): DateTimeColumn {
  return { ...common(name, label, options), type: 'datetime', format: 'datetime' };
}

export function dateonly(name: string, label: string, options: ColumnOptions = {}): DateTimeColumn {
  return { ...common(name, label, options), type: 'datetime', format: 'dateonly' };
}

/** `options` as `{ 1: 'Net 30', 2: '2% 10, Net 30' }`, in the order Dataverse lists them. */
export function picklist(
  name: string,
  label: string,
  options: Readonly<Record<number, string>>,
  settings: ColumnOptions & { default?: number } = {},
): PicklistColumn {
  const list: OptionMetadata[] = Object.entries(options).map(([value, text]) => ({
    value: Number(value),
    label: text,
  }));
  return {
    ...common(name, label, settings),
    type: 'picklist',
    options: list,
    ...(settings.default === undefined ? {} : { default: settings.default }),
  };
}

export interface LookupOptions extends ColumnOptions {
  /** Single-valued navigation property; defaults to the column name. */
  readonly navigation?: string;
  readonly relationship?: RelationshipMetadata;
}

export function lookup(name: string, label: string, table: string, options: LookupOptions = {}): LookupColumn {
  const target: LookupTarget = {
    table,
    navigation: options.navigation ?? name,
    ...(options.relationship ? { relationship: options.relationship } : {}),
  };
  return { ...common(name, label, options), type: 'lookup', targets: [target] };
}

/**
 * A Customer column (account or contact). Its navigation properties are `<name>_account` and
 * `<name>_contact`, as in Dataverse (`customerid_account@odata.bind`).
 */
export function customer(
  name: string,
  label: string,
  relationships: { account: string; contact: string },
  options: ColumnOptions = {},
): LookupColumn {
  return {
    ...common(name, label, options),
    type: 'customer',
    targets: [
      {
        table: 'account',
        navigation: `${name}_account`,
        relationship: { name: relationships.account, onDelete: 'cascade' },
      },
      {
        table: 'contact',
        navigation: `${name}_contact`,
        relationship: { name: relationships.contact, onDelete: 'cascade' },
      },
    ],
  };
}

export type ColumnList = readonly (ColumnMetadata | readonly ColumnMetadata[])[];

/** A 64-bit integer the server maintains (row versions, sequences, millisecond instants). */
export function bigint(name: string, label: string, options: ColumnOptions = readOnly): BigIntColumn {
  return { ...common(name, label, options), type: 'bigint' };
}
