/**
 * PostgreSQL out of reach (stopped, restarting, failing over, refusing connections): the errors that
 * say so, and the refusal a client gets for them, 503 with `Retry-After` in Dataverse's error shape,
 * instead of a 500. Whether the work may have been saved matters to the client: a statement that
 * failed before COMMIT was sent rolled back with its connection, a COMMIT whose answer was lost may
 * have been applied.
 */
import { DomainError } from '../../domain/errors.js';

/** Seconds a client is asked to wait: a fast restart is over by then, a longer outage answers again. */
export const RETRY_AFTER_SECONDS = 5;

/** Socket errors of a connection that was refused, reset or cut. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * SQLSTATEs of a server going away or not taking connections: admin_shutdown, crash_shutdown,
 * cannot_connect_now (starting up or shutting down), too_many_connections; class 08 is every
 * connection exception.
 */
const SERVER_CODES = new Set(['57P01', '57P02', '57P03', '53300']);

/** What pg itself says when a connection ends under a query or a checkout times out. */
const CLIENT_MESSAGES = [
  'Connection terminated',
  'Client has encountered a connection error and is not queryable',
  'timeout exceeded when trying to connect',
];

export function isConnectionFault(error: unknown): boolean {
  if (error instanceof DatabaseUnavailable) return true;
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (SOCKET_CODES.has(code) || SERVER_CODES.has(code) || code.startsWith('08'))) {
    return true;
  }
  return CLIENT_MESSAGES.some((message) => error.message.startsWith(message));
}

/** The refusal: a DomainError (so the Web API answers 503), marked for the retries that are safe. */
export class DatabaseUnavailable extends DomainError {
  /** False when the statement that failed was the COMMIT: the work may have been saved. */
  readonly surelyNotSaved: boolean;

  constructor(surelyNotSaved: boolean, cause: unknown) {
    super(
      'serviceUnavailable',
      surelyNotSaved
        ? 'The database cannot be reached right now; nothing was saved. Try again shortly.'
        : 'The connection to the database was lost while saving: the change may or may not have been saved. Read it back before trying again.',
      { headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) } },
    );
    this.surelyNotSaved = surelyNotSaved;
    this.cause = cause;
  }
}
