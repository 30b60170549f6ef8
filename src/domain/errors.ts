/**
 * Expected refusals are `DomainError`s with a kind; the kind alone decides the HTTP status and the
 * Dataverse error code (one table, below). Anything else that is thrown is a bug and becomes a 500
 * without details.
 */
import { describeKey, type EntityKey } from './entity-key.js';

export type ErrorKind =
  | 'invalidArgument'
  | 'querySyntax'
  | 'unauthenticated'
  | 'privilegeDenied'
  | 'notFound'
  | 'methodNotAllowed'
  | 'concurrencyMismatch'
  | 'duplicateRecord'
  | 'invalidState'
  | 'payloadTooLarge'
  | 'headersTooLarge'
  | 'requestTimeout'
  | 'queryTimeout'
  | 'serviceUnavailable'
  | 'storageUnavailable'
  | 'unsupportedMediaType'
  | 'tooManyRequests'
  | 'notImplemented';

interface ErrorMapping {
  readonly status: number;
  /** Dataverse's code for this family of errors, as the Web API writes it. */
  readonly code: string;
}

/** The single error table: every refusal Orderline makes is one of these rows. */
export const errorTable: Readonly<Record<ErrorKind, ErrorMapping>> = {
  invalidArgument: { status: 400, code: '0x80040203' },
  querySyntax: { status: 400, code: '0x80060888' },
  unauthenticated: { status: 401, code: '0x80042f09' },
  privilegeDenied: { status: 403, code: '0x80040220' },
  notFound: { status: 404, code: '0x80040217' },
  methodNotAllowed: { status: 405, code: '0x80060888' },
  concurrencyMismatch: { status: 412, code: '0x80060882' },
  duplicateRecord: { status: 412, code: '0x80040237' },
  invalidState: { status: 400, code: '0x80040203' },
  payloadTooLarge: { status: 413, code: '0x80040203' },
  headersTooLarge: { status: 431, code: '0x80040203' },
  requestTimeout: { status: 408, code: '0x80040203' },
  // Dataverse's "SQL timeout expired" (-2147204783); 503 rather than its 500: the server could not answer in time.
  queryTimeout: { status: 503, code: '0x80044151' },
  // The database cannot be reached: Dataverse's "Generic SQL error" (-2147204784), as 503 with Retry-After.
  serviceUnavailable: { status: 503, code: '0x80044150' },
  // The database cannot take writes (disk full, file read-only, I/O error) or is locked past its wait:
  // 503 with Retry-After, since the request was sound and nothing of it was kept. Dataverse has no
  // code of its own for this; its generic "unexpected" code, with a message saying what to do.
  storageUnavailable: { status: 503, code: '0x80040216' },
  unsupportedMediaType: { status: 415, code: '0x80060888' },
  tooManyRequests: { status: 429, code: '0x80072322' },
  notImplemented: { status: 501, code: '0x80060888' },
};

export class DomainError extends Error {
  readonly kind: ErrorKind;
  /** Overrides the table's code where Dataverse uses a more specific one. */
  readonly code: string;
  readonly status: number;
  /** Extra response headers (for example `Retry-After`). */
  readonly headers: Readonly<Record<string, string>>;

  constructor(kind: ErrorKind, message: string, options: { code?: string; headers?: Record<string, string> } = {}) {
    super(message);
    this.name = 'DomainError';
    this.kind = kind;
    this.status = errorTable[kind].status;
    this.code = options.code ?? errorTable[kind].code;
    this.headers = options.headers ?? {};
  }
}

export const invalidArgument = (message: string) => new DomainError('invalidArgument', message);
export const querySyntax = (message: string) => new DomainError('querySyntax', message);
export const notFound = (message: string) => new DomainError('notFound', message);
export const privilegeDenied = (message: string) => new DomainError('privilegeDenied', message);

/**
 * A path segment that names no entity set, function or action. Dataverse answers 404 with its own code
 * `0x8006088a` (Learn, "Troubleshoot Dataverse Web API client errors": GET .../Account), not the
 * "record does not exist" code: the client misspelt a name, no row is missing.
 */
export function resourceNotFound(segment: string, detail = ''): DomainError {
  return new DomainError('notFound', `Resource not found for the segment '${segment}'.${detail}`, {
    code: '0x8006088a',
  });
}

/**
 * Dataverse's refusal for a row that is not there (or that the caller may not see): one wording and one
 * status (404, `0x80040217`) wherever a row is looked up, by id or by alternate key.
 */
export function recordDoesNotExist(logicalName: string, key: EntityKey | string): DomainError {
  return notFound(`${logicalName} With ${describeKey(key)} Does Not Exist`);
}
