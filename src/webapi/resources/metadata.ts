/** GET of `$metadata`: the CSDL of the tables and of the operations this instance serves. */
import { metadataDocument } from '../../odata/csdl/metadata-document.js';
import type { ODataResponse } from '../odata-request.js';
import type { RequestScope } from '../request-scope.js';
import { methodNotAllowed } from './refusals.js';

export function metadataRequest(scope: RequestScope): ODataResponse {
  if (scope.method !== 'GET') throw methodNotAllowed(scope.method, '$metadata');
  return {
    status: 200,
    headers: { 'content-type': 'application/xml', 'odata-version': '4.0' },
    body: metadataDocument(scope.metadata, { operations: scope.wiring.operationDescriptions }),
  };
}
