/**
 * Routes one Web API request to its handler: service document, `$metadata`, `$batch`, rows,
 * navigation properties, `$ref`, actions and functions. Writes run in a unit of work (the request's
 * own, or the change set's when inside `$batch`).
 */
import { DomainError, querySyntax } from '../domain/errors.js';
import { intersectColumns, isLookup } from '../domain/metadata/metadata-registry.js';
import type { TableMetadata } from '../domain/metadata/table-metadata.js';
import { metadataDocument } from '../odata/csdl/metadata-document.js';
import { serviceDocument } from '../odata/csdl/service-document.js';
import { isJsonObject, type JsonValue } from '../odata/json/json-number.js';
import { readJson } from '../odata/json/json-reader.js';
import { writeJson } from '../odata/json/json-writer.js';
import { parseQueryOptions, type QueryOptions } from '../odata/query/query-options.js';
import { parseResourcePath } from '../odata/uri/resource-path.js';
import type { ExecutionContext, PipelineServices } from '../pipeline/execution-context.js';
import { inUnitOfWork } from '../pipeline/unit-of-work.js';
import type { Caller } from '../security/principal.js';
import {
  countChanges,
  refuseMisplacedDeltaToken,
  retrieveChanges,
  tracksChanges,
} from './change-tracking/track-changes.js';
import { readConditions } from './conditions.js';
import { invokeOperation } from './invoke-operation.js';
import { emptyResponse, jsonResponse, type ODataRequest, type ODataResponse } from './odata-request.js';
import { describeOperations } from './operation-descriptions.js';
import type { OperationRegistry } from './operation-registry.js';
import { parsePrefer } from './prefer.js';
import { createReadContext } from './read-context.js';
import { countCollection, requireRow, retrieveCollection, retrieveEntity } from './read-handlers.js';
import { presentRows } from './row-presenter.js';
import {
  changeReference,
  clearProperty,
  createEntity,
  deleteEntity,
  upsertEntity,
  type WriteRequest,
} from './write-handlers.js';

export interface WebApiServices extends PipelineServices {
  readonly operations: OperationRegistry;
}

export interface WebApi {
  /**
   * Handles one request. `unitOfWork` is given for `$batch` change-set parts, which share one
   * transaction; otherwise each write opens its own.
   */
  handle(request: ODataRequest, caller: Caller, unitOfWork?: ExecutionContext): Promise<ODataResponse>;
}

function methodNotAllowed(method: string, what: string): DomainError {
  return new DomainError('methodNotAllowed', `The HTTP method ${method} is not allowed on ${what}.`);
}

function bodyOf(request: ODataRequest): JsonValue {
  const text = request.body.trim();
  if (text === '') return {};
  const contentType = request.headers['content-type'] ?? 'application/json';
  if (!/^application\/json\b/i.test(contentType)) {
    throw new DomainError(
      'unsupportedMediaType',
      `Content-Type ${contentType} is not supported: send application/json.`,
    );
  }
  return readJson(text);
}

/**
 * Dataverse's own query parameters (no `$`) that Orderline does not run. They are refused rather than
 * ignored: dynamics-web-api's `fetch()` sends `?fetchXml=...`, and answering it with the unfiltered
 * table would hand the client rows its query excluded.
 */
const unsupportedQueryParameters = ['fetchXml', 'savedQuery', 'userQuery'];

function refuseUnsupportedQueryParameters(query: ReadonlyMap<string, string>): void {
  for (const name of unsupportedQueryParameters) {
    if (query.has(name)) throw querySyntax(`The query parameter ${name} is not supported by Orderline`);
  }
}

/**
 * U+0000 (`%00`) is refused anywhere in the URL: PostgreSQL text cannot hold it, so a key or a
 * `$filter` literal carrying it would fail in the database instead of being answered.
 */
function refuseNulCharacters(request: ODataRequest): void {
  const texts = [request.path, ...request.query.keys(), ...request.query.values()];
  if (texts.some((text) => text.includes('\u0000'))) {
    throw new DomainError('invalidArgument', 'The URL contains the character U+0000 (%00), which no value can hold.');
  }
}

export function createWebApi(
  services: WebApiServices,
  batch: (api: WebApi, request: ODataRequest, caller: Caller) => Promise<ODataResponse>,
): WebApi {
  const { metadata } = services;
  const operationDescriptions = describeOperations(services.operations);

  function tableOf(set: string): TableMetadata {
    const table = metadata.tableBySet(set);
    if (!table) throw new DomainError('notFound', `Resource not found for the segment '${set}'.`);
    return table;
  }

  async function write<T>(
    caller: Caller,
    unitOfWork: ExecutionContext | undefined,
    work: (context: ExecutionContext) => Promise<T>,
  ) {
    return unitOfWork ? work(unitOfWork) : inUnitOfWork(services, caller, work);
  }

  const api: WebApi = {
    async handle(request, caller, unitOfWork) {
      const method = request.method.toUpperCase();
      refuseNulCharacters(request);
      const path = parseResourcePath(request.path, (name) => metadata.tableBySet(name) !== undefined);
      const preferences = parsePrefer(request.headers.prefer);
      const isWrite = method !== 'GET';
      const options: QueryOptions = parseQueryOptions(request.query);
      refuseUnsupportedQueryParameters(request.query);
      refuseMisplacedDeltaToken(options, path.kind === 'collection' && method === 'GET');
      const executor = unitOfWork?.trx ?? services.store.db;
      const read = () => createReadContext(services, caller, executor, preferences, request.serviceRoot);
      const writeRequest = (context: ExecutionContext): WriteRequest => ({
        context,
        preferences,
        serviceRoot: request.serviceRoot,
        options,
      });

      switch (path.kind) {
        case 'serviceDocument':
          if (isWrite) throw methodNotAllowed(method, 'the service document');
          return jsonResponse(200, writeJson(serviceDocument(metadata, request.serviceRoot)));
        case 'metadata':
          if (isWrite) throw methodNotAllowed(method, '$metadata');
          return {
            status: 200,
            headers: { 'content-type': 'application/xml', 'odata-version': '4.0' },
            body: metadataDocument(metadata, { operations: operationDescriptions }),
          };
        case 'batch':
          if (method !== 'POST') throw methodNotAllowed(method, '$batch');
          if (unitOfWork) throw new DomainError('invalidArgument', 'A $batch cannot contain another $batch.');
          return batch(api, request, caller);
        case 'collection': {
          const table = tableOf(path.set);
          if (path.count) {
            if (isWrite) throw methodNotAllowed(method, `${path.set}/$count`);
            if (options.deltatoken !== undefined) return countChanges(read(), table, options);
            return countCollection(read(), table, options);
          }
          if (method === 'GET' && tracksChanges(preferences, options))
            return retrieveChanges(read(), { table, options, path: request.path, query: request.query });
          if (method === 'GET')
            return retrieveCollection(read(), { table, options, path: request.path, query: request.query });
          if (method === 'POST') {
            const body = bodyOf(request);
            return write(caller, unitOfWork, (context) => createEntity(writeRequest(context), table, body));
          }
          throw methodNotAllowed(method, `the entity set ${path.set}`);
        }
        case 'entity': {
          const table = tableOf(path.set);
          if (path.property)
            return propertyRequest(
              method,
              table,
              path.key,
              path.property,
              caller,
              unitOfWork,
              request,
              writeRequest,
              read,
            );
          const conditions = readConditions(request.headers);
          if (method === 'GET') return retrieveEntity(read(), table, path.key, options, conditions.ifNoneMatch);
          if (method === 'PATCH') {
            const body = bodyOf(request);
            return write(caller, unitOfWork, (context) =>
              upsertEntity(writeRequest(context), table, path.key, body, conditions),
            );
          }
          if (method === 'DELETE') {
            return write(caller, unitOfWork, (context) =>
              deleteEntity(writeRequest(context), table, path.key, conditions),
            );
          }
          throw methodNotAllowed(method, `an entity of ${path.set}`);
        }
        case 'navigation': {
          const table = tableOf(path.set);
          if (path.ref) {
            if (!['POST', 'PUT', 'DELETE'].includes(method)) throw methodNotAllowed(method, '$ref');
            const body = method === 'DELETE' ? {} : bodyOf(request);
            return write(caller, unitOfWork, (context) =>
              changeReference(
                writeRequest(context),
                method,
                table,
                path.key,
                path.navigation,
                body,
                path.ref?.relatedKey,
              ),
            );
          }
          if (!metadata.navigation(table, path.navigation) && metadata.column(table, path.navigation)) {
            return propertyRequest(
              method,
              table,
              path.key,
              path.navigation,
              caller,
              unitOfWork,
              request,
              writeRequest,
              read,
            );
          }
          return navigationRequest(
            method,
            table,
            path.key,
            path.navigation,
            caller,
            unitOfWork,
            request,
            options,
            read,
            writeRequest,
          );
        }
        case 'boundOperation':
        case 'operation':
          return invokeOperation({
            services,
            request,
            caller,
            method,
            path,
            run: (work) => write(caller, unitOfWork, work),
            readExecutor: executor,
            parseBody: () => bodyOf(request),
            findTable: tableOf,
            requireRow: (table, key) => requireRow(read(), table, key),
          });
      }
    },
  };

  async function propertyRequest(
    method: string,
    table: TableMetadata,
    key: Parameters<typeof requireRow>[2],
    property: string,
    caller: Caller,
    unitOfWork: ExecutionContext | undefined,
    request: ODataRequest,
    writeRequest: (context: ExecutionContext) => WriteRequest,
    read: () => ReturnType<typeof createReadContext>,
  ): Promise<ODataResponse> {
    const column = metadata.column(table, property);
    if (!column)
      throw querySyntax(
        `Could not find a property named '${property}' on type 'Microsoft.Dynamics.CRM.${table.logicalName}'.`,
      );
    if (method === 'DELETE')
      return write(caller, unitOfWork, (context) => clearProperty(writeRequest(context), table, key, property));
    if (method === 'PUT') {
      const body = bodyOf(request);
      const value = isJsonObject(body) ? body.value : undefined;
      if (value === undefined) throw new DomainError('invalidArgument', 'PUT of a property takes {"value": ...}.');
      return write(caller, unitOfWork, (context) =>
        upsertEntity(writeRequest(context), table, key, { [property]: value }, { ifMatch: '*' }),
      );
    }
    if (method !== 'GET') throw methodNotAllowed(method, `the property ${property}`);
    const row = await requireRow(read(), table, key);
    const [entity] = await presentRows(read(), table, [row], new Set([column.name]));
    const name = isLookup(column) ? `_${property}_value` : property;
    const context = `${request.serviceRoot}$metadata#${table.entitySetName}(${String(row[table.primaryId])})/${property}`;
    return jsonResponse(200, writeJson({ '@odata.context': context, value: entity?.[name] ?? null }));
  }

  async function navigationRequest(
    method: string,
    table: TableMetadata,
    key: Parameters<typeof requireRow>[2],
    navigationName: string,
    caller: Caller,
    unitOfWork: ExecutionContext | undefined,
    request: ODataRequest,
    options: QueryOptions,
    read: () => ReturnType<typeof createReadContext>,
    writeRequest: (context: ExecutionContext) => WriteRequest,
  ): Promise<ODataResponse> {
    const navigation = metadata.navigation(table, navigationName);
    if (!navigation) {
      throw querySyntax(
        `Could not find a property named '${navigationName}' on type 'Microsoft.Dynamics.CRM.${table.logicalName}'.`,
      );
    }
    const parent = await requireRow(read(), table, key);
    const parentId = parent[table.primaryId] as string;
    if (navigation.kind === 'single') {
      if (method !== 'GET') throw methodNotAllowed(method, `the navigation property ${navigationName}`);
      const relatedId = parent[navigation.column.name];
      if (typeof relatedId !== 'string') return emptyResponse(204);
      return retrieveEntity(read(), navigation.target, { kind: 'id', id: relatedId }, options, undefined);
    }
    if (navigation.kind === 'collection') {
      if (method === 'POST') {
        const body = bodyOf(request);
        const extra = {
          [navigation.column.name]: parentId,
          ...(navigation.column.type === 'customer' ? { [`${navigation.column.name}type`]: table.logicalName } : {}),
        };
        return write(caller, unitOfWork, (context) =>
          createEntity(writeRequest(context), navigation.target, body, extra),
        );
      }
      if (method !== 'GET') throw methodNotAllowed(method, `the navigation property ${navigationName}`);
      return retrieveCollection(read(), {
        table: navigation.target,
        options,
        path: request.path,
        query: request.query,
        where: [{ column: navigation.column.name, values: [parentId] }],
      });
    }
    if (method !== 'GET') throw methodNotAllowed(method, `the navigation property ${navigationName}`);
    const { association } = navigation;
    const { own: ownColumn, other: otherColumn } = intersectColumns(association, table.logicalName);
    const links = await read()
      .executor.selectFrom(association.intersectTable)
      .select(otherColumn)
      .where(ownColumn, '=', parentId)
      .execute();
    return retrieveCollection(read(), {
      table: navigation.target,
      options,
      path: request.path,
      query: request.query,
      where: [{ column: navigation.target.primaryId, values: links.map((link) => String(link[otherColumn])) }],
    });
  }

  return api;
}
