/** POST of `$batch`, handed to the batch handler the application wired in; never nested in another. */
import { DomainError } from '../../domain/errors.js';
import type { ODataResponse } from '../odata-request.js';
import type { RequestScope } from '../request-scope.js';
import { methodNotAllowed } from './refusals.js';

export function batchRequest(scope: RequestScope): Promise<ODataResponse> {
  if (scope.method !== 'POST') throw methodNotAllowed(scope.method, '$batch');
  if (scope.unitOfWork) throw new DomainError('invalidArgument', 'A $batch cannot contain another $batch.');
  return scope.wiring.batch(scope);
}
