/**
 * `<set>` and `<set>/$count`: GET of a page of rows (`If-None-Match` may answer 304, collection-etag.ts;
 * or of their changes since a delta token, or of a view's rows), POST of a new row.
 */
import { retrieveAggregates } from '../aggregate-collection.js';
import { countChanges, retrieveChanges, tracksChanges } from '../change-tracking/track-changes.js';
import { readConditions } from '../conditions.js';
import { runFetchXml } from '../fetch-xml-query.js';
import type { ODataResponse } from '../odata-request.js';
import { countCollection, retrieveCollection } from '../read-handlers.js';
import { readRequestBody } from '../request-body.js';
import { inWriteUnit, type RequestScope, tableOf } from '../request-scope.js';
import type { PathOf } from '../resource-paths.js';
import { retrieveByView } from '../views/run-view.js';
import { viewParameterOf } from '../views/view-resolution.js';
import { createEntity } from '../write-handlers.js';
import { methodNotAllowed } from './refusals.js';

export function collectionRequest(scope: RequestScope, path: PathOf<'collection'>): Promise<ODataResponse> {
  const table = tableOf(scope, path.set);
  const { method, options, request } = scope;
  if (path.count) {
    if (method !== 'GET') throw methodNotAllowed(method, `${path.set}/$count`);
    if (options.deltatoken !== undefined) return countChanges(scope, table, options);
    return countCollection(scope, table);
  }
  const view = method === 'GET' ? viewParameterOf(request.query) : undefined;
  if (view) return retrieveByView(scope, table, view, runFetchXml);
  if (method === 'GET' && options.fetchXml !== undefined) return runFetchXml(scope, table, options.fetchXml);
  if (method === 'GET' && options.apply) return retrieveAggregates(scope, table);
  if (method === 'GET' && tracksChanges(scope.preferences, options))
    return retrieveChanges(scope, { table, options, path: request.path, query: request.query });
  if (method === 'GET') {
    const { ifNoneMatch } = readConditions(request.headers);
    return retrieveCollection(scope, table, undefined, ifNoneMatch);
  }
  if (method === 'POST') {
    const body = readRequestBody(request);
    return inWriteUnit(scope, (context) => createEntity(scope, context, table, body));
  }
  throw methodNotAllowed(method, `the entity set ${path.set}`);
}
