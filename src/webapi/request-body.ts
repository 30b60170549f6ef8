/** The JSON body of a Web API request, read losslessly; an empty body is an empty object. */
import { DomainError } from '../domain/errors.js';
import type { JsonValue } from '../odata/json/json-number.js';
import { readJson } from '../odata/json/json-reader.js';
import type { ODataRequest } from './odata-request.js';

export function readRequestBody(request: ODataRequest): JsonValue {
  const text = request.body.trim();
  if (text === '') return {};
  const contentType = request.headers['content-type'] ?? 'application/json';
  if (!/^application\/json\b/i.test(contentType)) {
    throw new DomainError(
      'unsupportedMediaType',
      `Content-Type ${contentType} is not supported: send application/json.`,
    );
  }
  return readJson(text);
}
