/**
 * POST, PATCH and DELETE of rows and of `$ref` associations. Each runs through the write pipeline in
 * the request's unit of work; the response follows Dataverse: 204 with `OData-EntityId`, or the row
 * itself with `Prefer: return=representation`.
 */

import type { EntityKey } from '../domain/entity-key.js';
import { DomainError, invalidArgument, recordDoesNotExist } from '../domain/errors.js';
import type { TableMetadata } from '../domain/metadata/table-metadata.js';
import type { Row } from '../domain/record.js';
import { etagOf } from '../odata/entity/entity-serializer.js';
import { isJsonObject, JsonNumber, type JsonValue } from '../odata/json/json-number.js';
import { writeJson } from '../odata/json/json-writer.js';
import { associateRecords, disassociateRecords } from '../pipeline/association-writer.js';
import type { ExecutionContext } from '../pipeline/execution-context.js';
import { createRecord, deleteRecord, updateRecord } from '../pipeline/record-writer.js';
import { findByEntityKey } from '../pipeline/resolve-key.js';
import type { WriteConditions, WriteInput } from '../pipeline/write-input.js';
import { parseReference, readEntityBody } from './entity-body.js';
import { emptyResponse, jsonResponse, type ODataResponse } from './odata-request.js';
import { createReadContext } from './read-context.js';
import type { RequestScope } from './request-scope.js';
import type { ReferencePath } from './resource-paths.js';
import { presentRows } from './row-presenter.js';
import { contextSelect, selectedColumns } from './select-columns.js';

export function entityUrl(serviceRoot: string, table: TableMetadata, id: string): string {
  return `${serviceRoot}${table.entitySetName}(${id})`;
}

/** The written row as `Prefer: return=representation` asks, read back inside the unit of work. */
async function representation(
  scope: RequestScope,
  context: ExecutionContext,
  table: TableMetadata,
  id: string,
  status: number,
): Promise<ODataResponse> {
  const row = (await context.services.records.find(context.trx, table, id))!;
  const read = createReadContext(context.services, context.caller, context.trx, scope.preferences, scope.serviceRoot);
  const [entity] = await presentRows(read, table, [row], selectedColumns(table, scope.options.select));
  const body = {
    '@odata.context': `${scope.serviceRoot}$metadata#${table.entitySetName}${contextSelect(scope.options.select)}/$entity`,
    ...entity,
  };
  return jsonResponse(status, writeJson(body), {
    etag: etagOf(row),
    'odata-entityid': entityUrl(scope.serviceRoot, table, id),
    'preference-applied': 'return=representation',
  });
}

function written(scope: RequestScope, table: TableMetadata, id: string, row: Row): ODataResponse {
  return emptyResponse(204, { 'odata-entityid': entityUrl(scope.serviceRoot, table, id), etag: etagOf(row) });
}

/** POST to a set, or to a collection-valued navigation property with the parent's lookup in `extra`. */
export async function createEntity(
  scope: RequestScope,
  context: ExecutionContext,
  table: TableMetadata,
  body: JsonValue,
  extra: Row = {},
) {
  const input = readEntityBody(context.services.metadata, table, body);
  const result = await createRecord(context, table, { ...input, attributes: { ...input.attributes, ...extra } });
  return scope.preferences.returnRepresentation
    ? representation(scope, context, table, result.id, 201)
    : written(scope, table, result.id, result.row);
}

/** A body may repeat the key the URL names, but not contradict it: which row was meant would be a guess. */
function refuseConflictingKey(context: ExecutionContext, table: TableMetadata, key: EntityKey, attributes: Row): void {
  const keyValues: Row = key.kind === 'id' ? { [table.primaryId]: key.id } : keyAttributes(context, table, key.values);
  for (const [name, value] of Object.entries(keyValues)) {
    const written = attributes[name];
    if (written === undefined || String(written) === String(value)) continue;
    throw new DomainError(
      'invalidArgument',
      `The body sets ${name} to '${String(written)}' but the URL addresses the ${table.logicalName} with ${name} '${String(value)}'.`,
    );
  }
}

/**
 * PATCH: update, or create when the row does not exist (upsert), unless `If-Match` demands an existing
 * row (404) or `If-None-Match: *` demands a new one (412).
 */
export async function upsertEntity(
  scope: RequestScope,
  context: ExecutionContext,
  table: TableMetadata,
  key: EntityKey,
  body: JsonValue,
  conditions: WriteConditions,
): Promise<ODataResponse> {
  const input = readEntityBody(context.services.metadata, table, body);
  refuseConflictingKey(context, table, key, input.attributes);
  const existing = await findByEntityKey(context, table, key, { forUpdate: true });
  if (existing) {
    if (conditions.ifNoneMatch === '*') {
      throw new DomainError('duplicateRecord', 'A record with matching key values already exists.');
    }
    if (conditions.ifNoneMatch !== undefined && conditions.ifNoneMatch === existing.versionnumber) {
      throw new DomainError(
        'concurrencyMismatch',
        'The record has not changed since the version given in If-None-Match.',
      );
    }
    const id = existing[table.primaryId] as string;
    const result = await updateRecord(context, table, id, input, conditions);
    return scope.preferences.returnRepresentation
      ? representation(scope, context, table, id, 200)
      : written(scope, table, id, result.row);
  }
  if (conditions.ifMatch !== undefined) {
    throw recordDoesNotExist(table.logicalName, key);
  }
  const keyValues: Row = key.kind === 'id' ? { [table.primaryId]: key.id } : keyAttributes(context, table, key.values);
  const createInput: WriteInput = { ...input, attributes: { ...input.attributes, ...keyValues } };
  const result = await createRecord(context, table, createInput);
  return scope.preferences.returnRepresentation
    ? representation(scope, context, table, result.id, 201)
    : written(scope, table, result.id, result.row);
}

/**
 * An upsert by alternate key creates the row with the key's values, so they pass the checks a body
 * value passes: in `accounts(accountnumber=5)` the 5 is a number for a text column, and a key of
 * 5,000 characters would not fit the column.
 */
function keyAttributes(
  context: ExecutionContext,
  table: TableMetadata,
  values: Readonly<Record<string, string | number>>,
): Row {
  const body = Object.fromEntries(
    Object.entries(values).map(([name, value]) => [
      name,
      typeof value === 'number' ? new JsonNumber(String(value)) : value,
    ]),
  );
  return readEntityBody(context.services.metadata, table, body).attributes;
}

export async function deleteEntity(
  context: ExecutionContext,
  table: TableMetadata,
  key: EntityKey,
  conditions: WriteConditions,
) {
  const existing = await findByEntityKey(context, table, key, { forUpdate: true });
  if (!existing) throw recordDoesNotExist(table.logicalName, key);
  await deleteRecord(context, table, existing[table.primaryId] as string, conditions);
  return emptyResponse(204);
}

/** DELETE of one property (`/salesorders(<id>)/description`): sets it to null. */
export async function clearProperty(context: ExecutionContext, table: TableMetadata, key: EntityKey, property: string) {
  const existing = await findByEntityKey(context, table, key);
  if (!existing) throw recordDoesNotExist(table.logicalName, key);
  const input = readEntityBody(context.services.metadata, table, { [property]: null });
  await updateRecord(context, table, existing[table.primaryId] as string, input);
  return emptyResponse(204);
}

function referencedId(context: ExecutionContext, body: JsonValue, expected: TableMetadata): string {
  const reference = isJsonObject(body) ? body['@odata.id'] : undefined;
  if (typeof reference !== 'string') throw invalidArgument('A $ref body must be {"@odata.id": "<entity URL>"}.');
  const parsed = parseReference(context.services.metadata, reference);
  if (!parsed || parsed.key.kind !== 'id') throw invalidArgument(`'${reference}' is not an entity URL with an id.`);
  if (parsed.table !== expected) {
    throw invalidArgument(
      `This navigation property relates ${expected.logicalName} rows, not ${parsed.table.logicalName}.`,
    );
  }
  return parsed.key.id;
}

/**
 * POST/PUT `<set>(<id>)/<nav>/$ref` associates, DELETE disassociates. N:N relationships write the
 * intersect table; 1:N and N:1 relationships set or clear the lookup.
 */
export async function changeReference(
  scope: RequestScope,
  context: ExecutionContext,
  table: TableMetadata,
  path: ReferencePath,
  body: JsonValue,
): Promise<ODataResponse> {
  const { key, navigation: navigationName } = path;
  const relatedKey = path.ref.relatedKey;
  const { metadata } = context.services;
  const navigation = metadata.navigation(table, navigationName);
  if (!navigation) throw invalidArgument(`'${navigationName}' is not a navigation property of ${table.logicalName}.`);
  const row = await findByEntityKey(context, table, key, { forUpdate: true });
  if (!row) throw recordDoesNotExist(table.logicalName, key);
  const id = row[table.primaryId] as string;
  const removing = scope.method === 'DELETE';
  let otherId: string | undefined;
  if (!removing) otherId = referencedId(context, body, navigation.target);
  else if (relatedKey?.kind === 'id') otherId = relatedKey.id;
  else if (navigation.kind !== 'single') throw invalidArgument('Say which row to disassociate: <nav>(<id>)/$ref.');

  if (navigation.kind === 'single') {
    const binding = {
      column: navigation.column,
      target: navigation.target,
      key: removing ? null : { kind: 'id' as const, id: otherId! },
    };
    await updateRecord(context, table, id, { attributes: {}, bindings: [binding] });
    return emptyResponse(204);
  }
  if (navigation.kind === 'collection') {
    const child = await context.services.records.find(context.trx, navigation.target, otherId!, { forUpdate: true });
    if (!child) throw recordDoesNotExist(navigation.target.logicalName, otherId!);
    const binding = {
      column: navigation.column,
      target: table,
      key: removing ? null : { kind: 'id' as const, id },
    };
    await updateRecord(context, navigation.target, otherId!, { attributes: {}, bindings: [binding] });
    return emptyResponse(204);
  }
  if (removing) await disassociateRecords(context, table, id, navigation, otherId!);
  else await associateRecords(context, table, id, navigation, otherId!);
  return emptyResponse(204);
}
