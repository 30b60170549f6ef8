/**
 * Routes one Web API request to the handler of the resource its path addresses: service document,
 * `$metadata`, `$batch`, a set, a row, a property, a navigation property, `$ref`, an operation. The
 * handlers share one request scope (`request-scope.ts`); writes run in a unit of work, the request's
 * own or the change set's when inside `$batch`.
 */
import { parseResourcePath, type ResourcePath } from '../odata/uri/resource-path.js';
import type { ExecutionContext, PipelineServices } from '../pipeline/execution-context.js';
import type { Caller } from '../security/principal.js';
import { whileClientWaits } from '../storage/statement-cancellation.js';
import { refuseMisplacedApply } from './aggregate-collection.js';
import { checkBypassHeaders } from './bypass-headers.js';
import { refuseMisplacedDeltaToken } from './change-tracking/track-changes.js';
import { withEnumLiteralsAsStrings } from './metadata/enum-literals.js';
import { isMetadataPath } from './metadata/metadata-path.js';
import { metadataDefinitionsRequest } from './metadata/metadata-request.js';
import type { ODataRequest, ODataResponse } from './odata-request.js';
import { invokeOperation } from './operations/invoke-operation.js';
import { describeOperations } from './operations/operation-descriptions.js';
import type { OperationRegistry } from './operations/operation-registry.js';
import { refuseMisplacedQueryLanguages, refuseNulCharacters } from './request-guards.js';
import { type BatchHandler, openRequestScope, type RequestScope, type WebApiWiring } from './request-scope.js';
import { isReference } from './resource-paths.js';
import { batchRequest } from './resources/batch.js';
import { collectionRequest } from './resources/collection.js';
import { entityRequest } from './resources/entity.js';
import { metadataRequest } from './resources/metadata.js';
import { navigationRequest } from './resources/navigation.js';
import { referenceRequest } from './resources/reference.js';
import { serviceDocumentRequest } from './resources/service-document.js';

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

function route(scope: RequestScope, path: ResourcePath): ODataResponse | Promise<ODataResponse> {
  switch (path.kind) {
    case 'serviceDocument':
      return serviceDocumentRequest(scope);
    case 'metadata':
      return metadataRequest(scope);
    case 'batch':
      return batchRequest(scope);
    case 'collection':
      return collectionRequest(scope, path);
    case 'entity':
      return entityRequest(scope, path);
    case 'navigation':
      return isReference(path) ? referenceRequest(scope, path) : navigationRequest(scope, path);
    case 'boundOperation':
    case 'operation':
      return invokeOperation(scope, path);
  }
}

export function createWebApi(services: WebApiServices, batch: BatchHandler): WebApi {
  const isEntitySet = (name: string) => services.metadata.tableBySet(name) !== undefined;
  const api: WebApi = {
    async handle(request, caller, unitOfWork) {
      refuseNulCharacters(request);
      checkBypassHeaders(request.headers, caller);
      if (isMetadataPath(request.path)) {
        // The metadata sets have their own paths (keys, casts) and read enum literals in $filter.
        const metadataRequest = { ...request, query: withEnumLiteralsAsStrings(request.query) };
        const scope = openRequestScope(wiring, metadataRequest, caller, unitOfWork);
        refuseMisplacedQueryLanguages(request.query, false);
        return metadataDefinitionsRequest(scope);
      }
      const path = parseResourcePath(request.path, isEntitySet);
      const scope = openRequestScope(wiring, request, caller, unitOfWork);
      const readsCollection = path.kind === 'collection' && scope.method === 'GET';
      refuseMisplacedQueryLanguages(request.query, readsCollection && !path.count);
      refuseMisplacedDeltaToken(scope.options, readsCollection);
      refuseMisplacedApply(scope.options, readsCollection && !path.count);
      return whileClientWaits(request.signal, () => route(scope, path));
    },
  };
  const wiring: WebApiWiring = {
    services,
    api,
    operationDescriptions: describeOperations(services.operations),
    batch,
  };
  return api;
}
