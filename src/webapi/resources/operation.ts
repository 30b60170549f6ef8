/**
 * Actions and functions, unbound (`WhoAmI()`) or bound to a row (`<set>(<key>)/Microsoft.Dynamics.CRM.<name>`).
 * The one place the router calls the operation invoker: it builds the invoker's `OperationCall` from
 * the request scope, so a change to the invoker's interface is answered here alone.
 */

import type { ODataResponse } from '../odata-request.js';
import { invokeOperation } from '../operations/invoke-operation.js';
import { requireRow } from '../read-handlers.js';
import { readRequestBody } from '../request-body.js';
import { inWriteUnit, type RequestScope, tableOf } from '../request-scope.js';
import type { OperationPath } from '../resource-paths.js';

export function operationRequest(scope: RequestScope, path: OperationPath): Promise<ODataResponse> {
  return invokeOperation({
    services: scope.services,
    request: scope.request,
    caller: scope.caller,
    method: scope.method,
    path,
    run: (work) => inWriteUnit(scope, work),
    readExecutor: scope.executor,
    parseBody: () => readRequestBody(scope.request),
    findTable: (set) => tableOf(scope, set),
    requireRow: (table, key) => requireRow(scope, table, key),
  });
}
