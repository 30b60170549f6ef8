/**
 * Every refusal in Dataverse's shape: `{"error":{"code":"0x...","message":"..."}}` with the status of
 * the error table. A storage failure (storage-faults.ts) is a 503. Anything else that is not a DomainError is a bug: the client gets a 500 with no detail
 * and the log gets the stack.
 */
import { DomainError } from '../domain/errors.js';
import { writeJson } from '../odata/json/json-writer.js';
import { storageRefusal } from '../storage/storage-faults.js';
import { jsonResponse, type ODataResponse } from './odata-request.js';

export function errorResponse(thrown: unknown): ODataResponse {
  // A full disk or a read-only database file is the storage's failure, not a bug: a 503 the client may retry.
  const error = thrown instanceof DomainError ? thrown : (storageRefusal(thrown) ?? thrown);
  if (error instanceof DomainError) {
    return jsonResponse(error.status, writeJson({ error: { code: error.code, message: error.message } }), {
      ...error.headers,
    });
  }
  return jsonResponse(500, writeJson({ error: { code: '0x80040216', message: 'An unexpected error occurred.' } }));
}
