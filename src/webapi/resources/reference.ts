/** `<set>(<key>)/<navigation>/$ref`: POST or PUT associates a row, DELETE disassociates it. */
import type { ODataResponse } from '../odata-request.js';
import { readRequestBody } from '../request-body.js';
import { inWriteUnit, type RequestScope, tableOf } from '../request-scope.js';
import type { ReferencePath } from '../resource-paths.js';
import { changeReference } from '../write-handlers.js';
import { methodNotAllowed } from './refusals.js';

const REFERENCE_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'DELETE']);

export function referenceRequest(scope: RequestScope, path: ReferencePath): Promise<ODataResponse> {
  const table = tableOf(scope, path.set);
  if (!REFERENCE_METHODS.has(scope.method)) throw methodNotAllowed(scope.method, '$ref');
  const body = scope.method === 'DELETE' ? {} : readRequestBody(scope.request);
  return inWriteUnit(scope, (context) => changeReference(scope, context, table, path, body));
}
