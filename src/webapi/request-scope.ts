/**
 * Everything the handlers of one Web API request share, built once when the request arrives: the
 * request, its caller, where it reads and how it writes, its parsed `Prefer` header and query options,
 * and the services. It is also the request's read context, so reads need no object of their own.
 */
import { resourceNotFound } from '../domain/errors.js';
import type { TableMetadata } from '../domain/metadata/table-metadata.js';
import type { OperationDescription } from '../odata/csdl/operations.js';
import { parseQueryOptions, type QueryOptions } from '../odata/query/query-options.js';
import type { ExecutionContext } from '../pipeline/execution-context.js';
import { inUnitOfWork } from '../pipeline/unit-of-work.js';
import type { Caller } from '../security/principal.js';
import type { WebApi, WebApiServices } from './handle-request.js';
import type { ODataRequest, ODataResponse } from './odata-request.js';
import { parsePrefer } from './prefer.js';
import { filterCompiler, type ReadContext } from './read-context.js';

/** Answers a `$batch` request; given to `createWebApi` by the application. */
export type BatchHandler = (scope: RequestScope) => Promise<ODataResponse>;

/** What `createWebApi` builds once and every request of that Web API shares. */
export interface WebApiWiring {
  readonly services: WebApiServices;
  /** The Web API itself, through which `$batch` runs its parts. */
  readonly api: WebApi;
  /** The operations' `$metadata` declarations, derived once from the registry. */
  readonly operationDescriptions: readonly OperationDescription[];
  readonly batch: BatchHandler;
}

export interface RequestScope extends ReadContext {
  readonly wiring: WebApiWiring;
  readonly services: WebApiServices;
  readonly request: ODataRequest;
  /** The HTTP method in upper case. */
  readonly method: string;
  readonly options: QueryOptions;
  /** The change set's unit of work when this request is a part of one in `$batch`; otherwise none yet. */
  readonly unitOfWork: ExecutionContext | undefined;
}

/** Parses the `Prefer` header and the query options once, for every handler the request reaches. */
export function openRequestScope(
  wiring: WebApiWiring,
  request: ODataRequest,
  caller: Caller,
  unitOfWork: ExecutionContext | undefined,
): RequestScope {
  const { services } = wiring;
  return {
    wiring,
    services,
    metadata: services.metadata,
    request,
    method: request.method.toUpperCase(),
    caller,
    // A change set's parts read inside its transaction, so they see the rows its earlier parts wrote.
    executor: unitOfWork?.trx ?? services.store.db,
    unitOfWork,
    preferences: parsePrefer(request.headers.prefer),
    options: parseQueryOptions(request.query),
    serviceRoot: request.serviceRoot,
    compiler: filterCompiler,
  };
}

/** Runs a write in the change set's unit of work when there is one, otherwise in a unit of work of its own. */
export function inWriteUnit<T>(scope: RequestScope, work: (context: ExecutionContext) => Promise<T>): Promise<T> {
  return scope.unitOfWork ? work(scope.unitOfWork) : inUnitOfWork(scope.services, scope.caller, work);
}

/** The table of an entity set named in the URL. */
export function tableOf(scope: RequestScope, set: string): TableMetadata {
  const table = scope.metadata.tableBySet(set);
  if (!table) throw resourceNotFound(set);
  return table;
}
