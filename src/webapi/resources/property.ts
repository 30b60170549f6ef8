/**
 * One column of a row, `<set>(<key>)/<column>`: GET its value, PUT `{"value": ...}` to set it (the row
 * must exist), DELETE to clear it.
 */
import type { EntityKey } from '../../domain/entity-key.js';
import { DomainError } from '../../domain/errors.js';
import type { TableMetadata } from '../../domain/metadata/table-metadata.js';
import { isJsonObject } from '../../odata/json/json-number.js';
import type { ODataResponse } from '../odata-request.js';
import { retrieveProperty } from '../read-handlers.js';
import { readRequestBody } from '../request-body.js';
import { inWriteUnit, type RequestScope } from '../request-scope.js';
import { clearProperty, upsertEntity } from '../write-handlers.js';
import { methodNotAllowed, unknownProperty } from './refusals.js';

export function propertyRequest(
  scope: RequestScope,
  table: TableMetadata,
  key: EntityKey,
  property: string,
): Promise<ODataResponse> {
  const column = scope.metadata.column(table, property);
  if (!column) throw unknownProperty(table, property);
  const { method } = scope;
  if (method === 'DELETE') return inWriteUnit(scope, (context) => clearProperty(context, table, key, property));
  if (method === 'PUT') {
    const body = readRequestBody(scope.request);
    const value = isJsonObject(body) ? body.value : undefined;
    if (value === undefined) throw new DomainError('invalidArgument', 'PUT of a property takes {"value": ...}.');
    return inWriteUnit(scope, (context) =>
      upsertEntity(scope, context, table, key, { [property]: value }, { ifMatch: '*' }),
    );
  }
  if (method !== 'GET') throw methodNotAllowed(method, `the property ${property}`);
  return retrieveProperty(scope, table, key, column);
}
