/**
 * Turns a JSON entity body into the columns it writes and the lookups it binds, checking every value
 * against the column's type, length, range and options. Everything a client can get wrong here is a
 * 400 naming the attribute; nothing is written yet.
 */
import { EARLIEST_DATE, LATEST_DATE, parseDateValue } from '../domain/date-values.js';
import { Decimal, parseDecimal } from '../domain/decimal.js';
import type { EntityKey } from '../domain/entity-key.js';
import { DomainError, invalidArgument } from '../domain/errors.js';
import type { MetadataRegistry } from '../domain/metadata/metadata-registry.js';
import type { ColumnMetadata, TableMetadata } from '../domain/metadata/table-metadata.js';
import type { FieldValue, Row } from '../domain/record.js';
import { isJsonObject, JsonNumber, type JsonValue } from '../odata/json/json-number.js';
import { GUID, parseEntityKey } from '../odata/uri/resource-path.js';
import type { LookupBinding, WriteInput } from '../pipeline/write-input.js';

/** Entity bodies, action parameters and CSV cells read dates with the one parser every reader shares. */
export { parseDateValue };

function validationError(message: string, code = '0x80044331'): DomainError {
  return new DomainError('invalidArgument', message, { code });
}

function expectNumber(column: ColumnMetadata, value: JsonValue, table: TableMetadata): Decimal {
  const text = value instanceof JsonNumber ? value.text : undefined;
  const parsed = text === undefined ? undefined : parseDecimal(text);
  if (!parsed) {
    throw invalidArgument(
      `Cannot convert the literal '${JSON.stringify(value)}' to the expected type of ${table.logicalName}.${column.name}: a number is required.`,
    );
  }
  return parsed;
}

function checkRange(column: ColumnMetadata & { min: unknown; max: unknown }, value: Decimal, table: TableMetadata) {
  if (value.lt(String(column.min)) || value.gt(String(column.max))) {
    throw validationError(
      // toString, not toFixed: 1e900000000 would otherwise be written out as a 900-million-digit message.
      `A validation error occurred. The value ${value.toString()} of '${column.name}' on record of type '${table.logicalName}' is outside the valid range (${column.min} to ${column.max}).`,
      '0x8004431a',
    );
  }
}

const DATE_RANGE_HINT = `Dates and times are real ones between ${EARLIEST_DATE} and ${LATEST_DATE} (UTC).`;

/** Converts one JSON value to the domain value of `column`, or throws a 400. */
export function convertValue(table: TableMetadata, column: ColumnMetadata, value: JsonValue): FieldValue {
  if (value === null) return null;
  const wrongType = (expected: string) =>
    invalidArgument(
      `Cannot convert the literal '${value instanceof JsonNumber ? value.text : JSON.stringify(value)}' to the expected type '${expected}' of ${table.logicalName}.${column.name}.`,
    );
  switch (column.type) {
    case 'uniqueidentifier': {
      const match = typeof value === 'string' ? GUID.exec(value) : null;
      if (!match) throw wrongType('Edm.Guid');
      return match[1]!.toLowerCase();
    }
    case 'string':
    case 'memo':
      if (typeof value !== 'string') throw wrongType('Edm.String');
      // PostgreSQL text cannot hold U+0000; refusing it on every store keeps both stores alike.
      if (value.includes('\u0000')) {
        throw validationError(
          `The value of ${table.logicalName}.${column.name} contains the character U+0000, which cannot be stored.`,
        );
      }
      if (value.length > column.maxLength) {
        throw validationError(
          `A validation error occurred. The length of the '${column.name}' attribute of the '${table.logicalName}' entity exceeded the maximum allowed length of '${column.maxLength}'.`,
        );
      }
      return value;
    case 'integer':
    case 'picklist':
    case 'state':
    case 'status': {
      const number = expectNumber(column, value, table);
      if (!number.isInteger()) throw wrongType('Edm.Int32');
      if (column.type === 'integer') checkRange(column, number, table);
      else if (number.abs().gt(2_147_483_647)) throw wrongType('Edm.Int32');
      const result = number.toNumber();
      if (column.type === 'picklist' && !column.options.some((option) => option.value === result)) {
        throw validationError(
          `A validation error occurred. The value ${result} of '${column.name}' on record of type '${table.logicalName}' is outside the valid range.`,
          '0x8004431a',
        );
      }
      return result;
    }
    case 'decimal': {
      const number = expectNumber(column, value, table);
      checkRange(column, number, table);
      return number.toDecimalPlaces(column.precision, Decimal.ROUND_HALF_UP);
    }
    case 'money': {
      const number = expectNumber(column, value, table);
      checkRange(column, number, table);
      // Rounded to the column's effective precision later, when the record's currency is known.
      return number.toDecimalPlaces(4, Decimal.ROUND_HALF_UP);
    }
    case 'boolean':
      if (typeof value !== 'boolean') throw wrongType('Edm.Boolean');
      return value;
    case 'datetime': {
      const parsed = typeof value === 'string' ? parseDateValue(value, column.format) : undefined;
      if (!parsed) {
        const error = wrongType(column.format === 'dateonly' ? 'Edm.Date' : 'Edm.DateTimeOffset');
        throw invalidArgument(`${error.message} ${DATE_RANGE_HINT}`);
      }
      return parsed;
    }
    case 'bigint':
      throw invalidArgument(`${table.logicalName}.${column.name} is read-only.`);
    case 'lookup':
    case 'customer':
    case 'owner':
      throw invalidArgument(
        `The lookup ${table.logicalName}.${column.name} is set with '<navigation property>@odata.bind', not by value.`,
      );
  }
}

/**
 * Reads a reference such as `/accounts(<id>)`, `accounts(accountnumber='A-1')` or an absolute URL
 * ending in one of those.
 */
export function parseReference(
  metadata: MetadataRegistry,
  reference: string,
): { table: TableMetadata; key: EntityKey } | undefined {
  const path = reference
    .replace(/^[a-z]+:\/\/[^/]+/i, '')
    .replace(/^\/?(api\/data\/v9\.[0-2]\/)?/i, '')
    .replace(/^\//, '');
  const open = path.indexOf('(');
  if (open <= 0 || !path.endsWith(')')) return undefined;
  const table = metadata.tableBySet(path.slice(0, open));
  if (!table) return undefined;
  try {
    return { table, key: parseEntityKey(path.slice(open + 1, -1)) };
  } catch {
    return undefined;
  }
}

const BIND_SUFFIX = '@odata.bind';

/** Reads an entity body. Annotations (`@odata.type`, `x@OData.Community...`) are ignored. */
export function readEntityBody(metadata: MetadataRegistry, table: TableMetadata, body: JsonValue): WriteInput {
  if (!isJsonObject(body)) throw invalidArgument('The request body must be a JSON object.');
  const attributes: Row = {};
  const bindings: LookupBinding[] = [];
  for (const [name, value] of Object.entries(body)) {
    if (name.endsWith(BIND_SUFFIX)) {
      bindings.push(readBinding(metadata, table, name.slice(0, -BIND_SUFFIX.length), value));
      continue;
    }
    if (name.startsWith('@') || name.includes('@')) continue;
    const column = metadata.column(table, name);
    if (!column) {
      throw invalidArgument(
        `An undeclared property '${name}' which only has property annotations in the payload but no property value was found in the payload. In OData, only declared navigation properties and declared named streams can be represented as properties without values. (Invalid property '${name}' was found in entity 'Microsoft.Dynamics.CRM.${table.logicalName}'.)`,
      );
    }
    attributes[name] = convertValue(table, column, value);
  }
  return { attributes, bindings };
}

function readBinding(metadata: MetadataRegistry, table: TableMetadata, navigationName: string, value: JsonValue) {
  const navigation = metadata.navigation(table, navigationName);
  if (!navigation || navigation.kind !== 'single') {
    throw invalidArgument(
      `'${navigationName}' is not a single-valued navigation property of ${table.logicalName}, so it cannot be bound.`,
    );
  }
  if (value === null) return { column: navigation.column, target: navigation.target, key: null };
  if (typeof value !== 'string') throw invalidArgument(`The value of ${navigationName}@odata.bind must be a URL.`);
  const reference = parseReference(metadata, value);
  if (!reference) throw invalidArgument(`'${value}' is not a valid reference for ${navigationName}@odata.bind.`);
  if (reference.table !== navigation.target) {
    throw invalidArgument(
      `${navigationName}@odata.bind expects a ${navigation.target.logicalName} reference, not ${reference.table.logicalName}.`,
    );
  }
  return { column: navigation.column, target: navigation.target, key: reference.key };
}
