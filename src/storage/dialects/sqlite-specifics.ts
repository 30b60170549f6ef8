/**
 * SQLite: one file, one writer at a time (BEGIN IMMEDIATE), so there is nothing to lock or skip and
 * every read of a write transaction is already under the lock.
 */
import { sql } from 'kysely';
import { sqliteWatermark } from '../change-watermark.js';
import type { DialectSpecifics } from './dialect-specifics.js';
import { sqliteColumns } from './sqlite-columns.js';

export const sqliteSpecifics: DialectSpecifics = {
  dialect: 'sqlite',
  idType: 'text',
  instantType: 'text',
  bigintType: 'integer',
  columns: sqliteColumns,
  watermark: sqliteWatermark,
  numbersFromSequences: false,
  skipLocked: () => sql``,
  readsUnderWriteLock: true,
  selectsForUpdate: false,
  idKey: (id) => id,
  compareTextIgnoringCase: (ref, operator, value) => sql`${ref} ${sql.raw(operator)} ${sql.val(value)} collate nocase`,
  likeIgnoringCase: (ref, pattern) => sql`${ref} like ${pattern}`,
  takeTurnsInTransaction: async () => {},
  takingTurns: (db, _lock, work) => work(db),
  sharedByProcesses: false,
};
