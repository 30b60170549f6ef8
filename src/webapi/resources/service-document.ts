/** GET of the service root: the list of entity sets. */
import { serviceDocument } from '../../odata/csdl/service-document.js';
import { writeJson } from '../../odata/json/json-writer.js';
import { jsonResponse, type ODataResponse } from '../odata-request.js';
import type { RequestScope } from '../request-scope.js';
import { methodNotAllowed } from './refusals.js';

export function serviceDocumentRequest(scope: RequestScope): ODataResponse {
  if (scope.method !== 'GET') throw methodNotAllowed(scope.method, 'the service document');
  return jsonResponse(200, writeJson(serviceDocument(scope.metadata, scope.serviceRoot)));
}
