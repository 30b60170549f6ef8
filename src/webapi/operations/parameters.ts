/**
 * Reading the parameters of the sales messages as the Web API sends them (reference 6): GUIDs as
 * strings, `Status` as an Int32, `ColumnSet` as `{"AllColumns": true}` or `{"Columns": [...]}`, and
 * entity-typed parameters (QuoteClose, OrderClose, OpportunityClose) as JSON entities, possibly with
 * `@odata.type` and `<lookup>@odata.bind`. Anything malformed is a 400 naming the parameter.
 */
import { invalidArgument } from '../../domain/errors.js';
import { GUID_PATTERN as GUID } from '../../domain/guid.js';
import type { MetadataRegistry } from '../../domain/metadata/metadata-registry.js';
import type { TableMetadata } from '../../domain/metadata/table-metadata.js';
import { isJsonObject, JsonNumber, type JsonValue } from '../../odata/json/json-number.js';
import type { WriteInput } from '../../pipeline/write-input.js';
import { parseDateValue, readEntityBody } from '../entity-body.js';
import { selectedColumns } from '../select-columns.js';

export type Parameters = Readonly<Record<string, JsonValue>>;

export function guidParameter(parameters: Parameters, name: string): string {
  const value = parameters[name];
  const match = typeof value === 'string' ? GUID.exec(value.trim()) : null;
  if (!match) throw invalidArgument(`The parameter '${name}' must be a GUID.`);
  return match[1]!.toLowerCase();
}

/** `Status`, `QuoteCloseStatus`: a whole number (-1 for the default status of the target state). */
export function integerParameter(parameters: Parameters, name: string): number | undefined {
  const value = parameters[name];
  if (value === undefined || value === null) return undefined;
  // A client may send an OptionSetValue-like object: {"Value": 4}.
  const raw = isJsonObject(value) ? value.Value : value;
  if (!(raw instanceof JsonNumber) || !/^-?\d{1,10}$/.test(raw.text)) {
    throw invalidArgument(
      `The parameter '${name}' must be a whole number (a status code, or -1 for the default status).`,
    );
  }
  return Number(raw.text);
}

export function stringParameter(parameters: Parameters, name: string, maxLength: number): string | undefined {
  const value = parameters[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalidArgument(`The parameter '${name}' must be a string.`);
  if (value.length > maxLength)
    throw invalidArgument(`The parameter '${name}' is longer than ${maxLength} characters.`);
  return value;
}

export function dateTimeParameter(parameters: Parameters, name: string): string | undefined {
  const value = parameters[name];
  if (value === undefined || value === null) return undefined;
  const parsed = typeof value === 'string' ? parseDateValue(value, 'datetime') : undefined;
  if (!parsed) throw invalidArgument(`The parameter '${name}' must be a date and time (ISO 8601).`);
  return parsed;
}

/**
 * The columns a `ColumnSet` asks for: undefined for all (`AllColumns`, or no ColumnSet at all), else
 * the named ones, checked against the table.
 */
export function columnSetParameter(parameters: Parameters, table: TableMetadata): Set<string> | undefined {
  const value = parameters.ColumnSet;
  if (value === undefined || value === null) return undefined;
  let names: JsonValue | undefined;
  if (Array.isArray(value)) names = value;
  else if (isJsonObject(value)) {
    if (value.AllColumns === true) return undefined;
    names = value.Columns ?? [];
  }
  if (!Array.isArray(names) || names.some((name) => typeof name !== 'string')) {
    throw invalidArgument(`ColumnSet must be {"AllColumns": true} or {"Columns": ["<column>", ...]}.`);
  }
  return selectedColumns(table, names as string[]) ?? new Set([table.primaryId]);
}

/**
 * An entity-typed parameter, read like a request body for `table`. A lookup given as a nested entity
 * (`"quoteid": {"quoteid": "<guid>"}`) is accepted as the bind it stands for.
 */
export function entityParameter(
  metadata: MetadataRegistry,
  parameters: Parameters,
  name: string,
  table: TableMetadata,
): WriteInput {
  const value = parameters[name];
  if (!isJsonObject(value))
    throw invalidArgument(`The parameter '${name}' must be a ${table.logicalName} entity (a JSON object).`);
  const type = value['@odata.type'];
  if (
    type !== undefined &&
    (typeof type !== 'string' || type.replace(/^#/, '') !== `Microsoft.Dynamics.CRM.${table.logicalName}`)
  ) {
    throw invalidArgument(`The parameter '${name}' must be of type Microsoft.Dynamics.CRM.${table.logicalName}.`);
  }
  const body: Record<string, JsonValue> = {};
  for (const [property, item] of Object.entries(value)) {
    const column = metadata.column(table, property);
    const navigation = column ? metadata.navigation(table, property) : undefined;
    if (column && navigation?.kind === 'single' && isJsonObject(item)) {
      const id = item[navigation.target.primaryId];
      if (typeof id !== 'string')
        throw invalidArgument(
          `${name}.${property} must name its ${navigation.target.logicalName} by ${navigation.target.primaryId}.`,
        );
      body[`${property}@odata.bind`] = `/${navigation.target.entitySetName}(${id})`;
      continue;
    }
    body[property] = item;
  }
  return readEntityBody(metadata, table, body);
}
