/**
 * `<set>(<key>)`: GET of one row (`If-None-Match` may answer 304), PATCH as update or upsert, DELETE.
 * `<set>(<key>)/<column>/$value` is the row's property.
 */
import { readConditions } from '../conditions.js';
import type { ODataResponse } from '../odata-request.js';
import { retrieveEntity } from '../read-handlers.js';
import { readRequestBody } from '../request-body.js';
import { inWriteUnit, type RequestScope, tableOf } from '../request-scope.js';
import type { PathOf } from '../resource-paths.js';
import { deleteEntity, upsertEntity } from '../write-handlers.js';
import { propertyRequest } from './property.js';
import { methodNotAllowed } from './refusals.js';

export function entityRequest(scope: RequestScope, path: PathOf<'entity'>): Promise<ODataResponse> {
  const table = tableOf(scope, path.set);
  if (path.property) return propertyRequest(scope, table, path.key, path.property);
  const { method } = scope;
  const conditions = readConditions(scope.request.headers);
  if (method === 'GET') return retrieveEntity(scope, table, path.key, conditions.ifNoneMatch);
  if (method === 'PATCH') {
    const body = readRequestBody(scope.request);
    return inWriteUnit(scope, (context) => upsertEntity(scope, context, table, path.key, body, conditions));
  }
  if (method === 'DELETE') return inWriteUnit(scope, (context) => deleteEntity(context, table, path.key, conditions));
  throw methodNotAllowed(method, `an entity of ${path.set}`);
}
