/**
 * `<set>(<key>)/<navigation>`: GET of the related row (single-valued) or rows (collection-valued, 1:N
 * or N:N), POST of a new child into a 1:N collection. A column name in that place is the property.
 */
import { intersectColumns } from '../../domain/metadata/metadata-registry.js';
import { linkedIds } from '../../storage/association-links.js';
import { emptyResponse, type ODataResponse } from '../odata-request.js';
import { requireRow, retrieveCollection, retrieveEntity } from '../read-handlers.js';
import { readRequestBody } from '../request-body.js';
import { inWriteUnit, type RequestScope, tableOf } from '../request-scope.js';
import type { PathOf } from '../resource-paths.js';
import { createEntity } from '../write-handlers.js';
import { propertyRequest } from './property.js';
import { methodNotAllowed, unknownProperty } from './refusals.js';

export async function navigationRequest(scope: RequestScope, path: PathOf<'navigation'>): Promise<ODataResponse> {
  const table = tableOf(scope, path.set);
  const { metadata, method } = scope;
  const navigationName = path.navigation;
  const navigation = metadata.navigation(table, navigationName);
  if (!navigation && metadata.column(table, navigationName)) {
    return propertyRequest(scope, table, path.key, navigationName);
  }
  if (!navigation) throw unknownProperty(table, navigationName);
  const parent = await requireRow(scope, table, path.key);
  const parentId = parent[table.primaryId] as string;
  if (navigation.kind === 'single') {
    if (method !== 'GET') throw methodNotAllowed(method, `the navigation property ${navigationName}`);
    const relatedId = parent[navigation.column.name];
    if (typeof relatedId !== 'string') return emptyResponse(204);
    return retrieveEntity(scope, navigation.target, { kind: 'id', id: relatedId }, undefined);
  }
  if (navigation.kind === 'collection') {
    if (method === 'POST') {
      const body = readRequestBody(scope.request);
      const extra = {
        [navigation.column.name]: parentId,
        ...(navigation.column.type === 'customer' ? { [`${navigation.column.name}type`]: table.logicalName } : {}),
      };
      return inWriteUnit(scope, (context) => createEntity(scope, context, navigation.target, body, extra));
    }
    if (method !== 'GET') throw methodNotAllowed(method, `the navigation property ${navigationName}`);
    return retrieveCollection(scope, navigation.target, [{ column: navigation.column.name, values: [parentId] }]);
  }
  if (method !== 'GET') throw methodNotAllowed(method, `the navigation property ${navigationName}`);
  const { association } = navigation;
  const ids = await linkedIds(scope.executor, association, intersectColumns(association, table.logicalName), parentId);
  return retrieveCollection(scope, navigation.target, [{ column: navigation.target.primaryId, values: ids }]);
}
