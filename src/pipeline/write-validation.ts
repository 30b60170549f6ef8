/**
 * Metadata rules every write obeys: which columns a client may set on create or update, defaults,
 * required columns, and the pairing of statecode and statuscode.
 */

import { Decimal } from '../domain/decimal.js';
import { DomainError, invalidArgument, privilegeDenied } from '../domain/errors.js';
import type { ColumnMetadata, TableMetadata } from '../domain/metadata/table-metadata.js';
import type { FieldValue, Row } from '../domain/record.js';
import type { Caller } from '../security/principal.js';
import type { WriteInput } from './write-input.js';

/**
 * The column write rules (PRODUCT.md C6), checked for every write a client makes, whatever the path
 * (PATCH, PUT of one column, POST, upsert, `$batch`, CSV import, actions that write on the caller's
 * behalf): the record writer calls it for every write not made by the system itself. Columns the system
 * maintains are refused, as are columns outside the operation's validity (Dataverse's IsValidForCreate
 * and IsValidForUpdate), and the back office's columns unless the effective user is an integration user.
 * Pricing-engine columns pass here: whether the client's value stands depends on the skip matrix, which
 * the pricing steps decide (src/pipeline/pricing/engine-columns.ts).
 */
export function checkWritable(
  table: TableMetadata,
  input: WriteInput,
  operation: 'create' | 'update',
  caller: Caller,
): void {
  const names = [...Object.keys(input.attributes), ...input.bindings.map((binding) => binding.column.name)];
  for (const name of names) {
    const column = table.columns.find((candidate) => candidate.name === name);
    if (!column) continue;
    if (operation === 'create' && name === table.primaryId) continue;
    checkColumnWritable(table, column, operation, caller);
  }
}

function checkColumnWritable(
  table: TableMetadata,
  column: ColumnMetadata,
  operation: 'create' | 'update',
  caller: Caller,
): void {
  const allowed = operation === 'create' ? column.validForCreate : column.validForUpdate;
  if (column.writtenBy === 'system' || !allowed) {
    throw invalidArgument(
      `The '${column.name}' attribute of ${table.logicalName} is not valid for ${operation}: it is ${
        column.writtenBy !== 'system'
          ? `only set on ${column.validForCreate ? 'create' : 'update'}`
          : 'maintained by the system'
      }.`,
    );
  }
  if (column.writtenBy === 'integration' && !caller.user.isIntegrationUser) {
    // Like a secured column in Dataverse: the row may be writable, this column is not for this caller.
    throw privilegeDenied(
      `The '${column.name}' attribute of ${table.logicalName} is written only by the back office: the user ${caller.user.userId} is not an integration user.`,
    );
  }
}

interface ColumnDefault {
  readonly name: string;
  readonly value: () => FieldValue;
}

/** Per table, the columns that have a default: every create consults them, few columns have one. */
const defaultsByTable = new WeakMap<TableMetadata, readonly ColumnDefault[]>();

function columnDefaults(table: TableMetadata): readonly ColumnDefault[] {
  let defaults = defaultsByTable.get(table);
  if (defaults) return defaults;
  const found: ColumnDefault[] = [];
  for (const column of table.columns) {
    switch (column.type) {
      case 'boolean': {
        const value = column.default;
        found.push({ name: column.name, value: () => value });
        break;
      }
      case 'picklist':
      case 'integer': {
        const value = column.default;
        if (value !== undefined) found.push({ name: column.name, value: () => value });
        break;
      }
      case 'decimal': {
        const value = column.default;
        if (value !== undefined) found.push({ name: column.name, value: () => new Decimal(value) });
        break;
      }
    }
  }
  defaults = found;
  defaultsByTable.set(table, defaults);
  return defaults;
}

/** Fills the columns a create leaves out with their metadata defaults, and the initial state. */
export function applyColumnDefaults(table: TableMetadata, target: Row): void {
  for (const { name, value } of columnDefaults(table)) {
    if (target[name] === undefined) target[name] = value();
  }
  // Clients cannot set statecode on create (it is "!C"); only system writes arrive with one.
  if (table.initialState !== undefined && target.statecode === undefined) target.statecode = table.initialState;
}

function stateOf(table: TableMetadata, value: number) {
  return table.states.find((state) => state.value === value);
}

/**
 * statecode and statuscode travel together: a state without a status gets the state's default status;
 * a status must be one of its state's statuses (reference 4.2).
 */
export function checkStateAndStatus(table: TableMetadata, target: Row, existing: Row | undefined): void {
  if (table.states.length === 0) return;
  const stateValue = (target.statecode ?? existing?.statecode) as number;
  const state = stateOf(table, stateValue);
  if (!state) {
    throw new DomainError('invalidArgument', `${stateValue} is not a valid statecode for ${table.logicalName}.`, {
      code: '0x8004431a',
    });
  }
  if (target.statuscode === undefined || target.statuscode === null) {
    if (target.statecode !== undefined || !existing) target.statuscode = state.defaultStatus;
    return;
  }
  if (!state.statuses.some((status) => status.value === target.statuscode)) {
    throw new DomainError(
      'invalidArgument',
      `${String(target.statuscode)} is not a valid status code for state code ${table.logicalName}State.${state.label.replace(/\s/g, '')} on ${table.logicalName}.`,
      { code: '0x8004431a' },
    );
  }
}

/** Columns Dataverse requires at the system level must hold a value once a write is complete. */
export function checkRequiredColumns(table: TableMetadata, row: Row): void {
  for (const column of table.columns) {
    if (column.required !== 'system') continue;
    const value = row[column.name];
    if (value === undefined || value === null || value === '') {
      throw new DomainError(
        'invalidArgument',
        `A value for the required attribute '${column.name}' of ${table.logicalName} is missing.`,
        { code: '0x80040278' },
      );
    }
  }
}
