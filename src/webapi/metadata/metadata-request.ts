/**
 * GET on the metadata sets (Learn: "Query table definitions using the Web API"): `EntityDefinitions`
 * and `GlobalOptionSetDefinitions`, their keys, navigation properties and casts, with `$select`,
 * `$filter` and `$expand`. Every signed-in caller may read them, whatever their roles, as in Dataverse;
 * no one may write them: Orderline's tables are fixed by its code, so any other method is refused.
 */
import { querySyntax } from '../../domain/errors.js';
import type { Writable } from '../../odata/json/json-writer.js';
import { writeJson } from '../../odata/json/json-writer.js';
import { jsonResponse, type ODataResponse } from '../odata-request.js';
import type { RequestScope } from '../request-scope.js';
import { methodNotAllowed } from '../resources/refusals.js';
import { metadataDefinitions } from './entity-definitions.js';
import { resolveMetadataPath } from './metadata-path.js';
import {
  checkProjection,
  filterNodes,
  project,
  refuseUnsupportedMetadataOptions,
  selectSuffix,
} from './metadata-query.js';

export function metadataDefinitionsRequest(scope: RequestScope): ODataResponse {
  const { request } = scope;
  const path = request.path.replace(/^\/+/, '');
  if (scope.method !== 'GET') {
    throw methodNotAllowed(scope.method, `${path.split(/[/(]/)[0]}: table definitions are read-only in Orderline`);
  }
  refuseUnsupportedMetadataOptions(scope.options);
  const resolved = resolveMetadataPath(path, metadataDefinitions(scope.metadata));
  const projection = checkProjection(scope.options, resolved.type);
  const context = `${request.serviceRoot}$metadata#${resolved.context}${selectSuffix(projection)}`;
  let body: Writable;
  if (resolved.kind === 'single' && projection.filter) {
    throw querySyntax('The query parameter $filter is not supported on a single definition');
  }
  if (resolved.kind === 'collection') {
    body = {
      '@odata.context': context,
      value: filterNodes(resolved.nodes, projection).map((definition) => project(definition, projection)),
    };
  } else {
    body = { '@odata.context': `${context}/$entity`, ...project(resolved.node, projection) };
  }
  return jsonResponse(200, writeJson(body));
}
