/**
 * SQLite: one file, one writer at a time (BEGIN IMMEDIATE), so there is nothing to lock or skip and
 * every read of a write transaction is already under the lock.
 */
import { type RawBuilder, sql } from 'kysely';
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
  datePart: (ref, part) => {
    // Dates are stored as ISO text in UTC (`…Z`), which strftime reads as UTC.
    const number = (format: string, of: RawBuilder<unknown> = ref) =>
      sql`cast(strftime(${sql.lit(format)}, ${of}) as integer)`;
    switch (part) {
      case 'day':
        return number('%d');
      case 'month':
        return number('%m');
      case 'year':
        return number('%Y');
      case 'quarter':
        return sql`((${number('%m')} + 2) / 3)`;
      case 'week':
        return sql`((${number('%j')} - 1 + ${number('%w', sql`strftime('%Y-01-01', ${ref})`)}) / 7 + 1)`;
    }
  },
  takeTurnsInTransaction: async () => {},
  takingTurns: (db, _lock, work) => work(db),
  sharedByProcesses: false,
};
