/**
 * Failures of the storage under Orderline, not of the request: SQLite's disk full, read-only file,
 * I/O error and lock wait past busy_timeout. Each becomes a 503 `storageUnavailable` refusal with
 * `Retry-After` instead of a 500, because the request was sound, its unit of work was rolled back (a
 * failed statement ends the transaction before anything is committed), and the same request succeeds
 * once the operator has freed space or the lock holder has finished.
 */
import { DomainError } from '../domain/errors.js';

/** Seconds a client is told to wait: enough for an operator's fix or a checkpoint, short enough to notice recovery. */
export const STORAGE_RETRY_AFTER_SECONDS = 30;

/** better-sqlite3's extended result codes start with the primary one (`SQLITE_IOERR_WRITE`, `SQLITE_READONLY_DBMOVED`). */
const SQLITE_FAULTS: ReadonlyArray<readonly [prefix: string, message: string]> = [
  ['SQLITE_FULL', 'The database has no space left to store this change; nothing of it was kept.'],
  ['SQLITE_READONLY', 'The database is read-only at the moment; nothing of this change was kept.'],
  ['SQLITE_IOERR', 'The database could not be written (an I/O error); nothing of this change was kept.'],
  ['SQLITE_BUSY', 'The database stayed locked by another writer; nothing of this change was kept.'],
  ['SQLITE_CANTOPEN', 'The database file cannot be opened at the moment; nothing of this change was kept.'],
];

/** The refusal for a storage failure, or undefined when `error` is something else. */
export function storageRefusal(error: unknown): DomainError | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return undefined;
  const fault = SQLITE_FAULTS.find(([prefix]) => code === prefix || code.startsWith(`${prefix}_`));
  if (!fault) return undefined;
  return new DomainError('storageUnavailable', `${fault[1]} Try again later.`, {
    headers: { 'Retry-After': String(STORAGE_RETRY_AFTER_SECONDS) },
  });
}
