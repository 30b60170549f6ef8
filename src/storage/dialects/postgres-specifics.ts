/**
 * PostgreSQL: several processes and concurrent transactions on one database, so claims skip locked
 * rows, start-up work takes turns on advisory locks, and usage is pooled in the database.
 */
import { type RawBuilder, sql } from 'kysely';
import { postgresWatermark } from '../change-watermark.js';
import type { DialectSpecifics } from './dialect-specifics.js';
import { postgresColumns } from './postgres-columns.js';

export const postgresSpecifics: DialectSpecifics = {
  dialect: 'postgres',
  idType: 'uuid',
  instantType: 'timestamptz',
  bigintType: 'bigint',
  columns: postgresColumns,
  watermark: postgresWatermark,
  numbersFromSequences: true,
  skipLocked: (ofAlias) => (ofAlias ? sql`for update of ${sql.raw(ofAlias)} skip locked` : sql`for update skip locked`),
  readsUnderWriteLock: false,
  selectsForUpdate: true,
  idKey: (id) => id.toLowerCase(),
  compareTextIgnoringCase: (ref, operator, value) => sql`lower(${ref}) ${sql.raw(operator)} lower(${sql.val(value)})`,
  likeIgnoringCase: (ref, pattern) => sql`${ref} ilike ${pattern}`,
  datePart: (ref, part, dateOnly) => {
    // A timestamptz is read in UTC whatever the session's time zone; a date has no time zone.
    const value = dateOnly ? ref : sql`(${ref} at time zone 'UTC')`;
    const field = (name: string, of: RawBuilder<unknown> = value) =>
      sql`cast(extract(${sql.raw(name)} from ${of}) as integer)`;
    switch (part) {
      case 'day':
        return field('day');
      case 'month':
        return field('month');
      case 'year':
        return field('year');
      case 'quarter':
        return field('quarter');
      case 'week':
        return sql`((${field('doy')} - 1 + ${field('dow', sql`date_trunc('year', ${value})`)}) / 7 + 1)`;
    }
  },
  async takeTurnsInTransaction(trx, lock) {
    // Start-up work (provisioning, the default connector) waits here for another process's turn,
    // which may be longer than a request's statement timeout.
    await sql`set local statement_timeout = 0`.execute(trx);
    await sql`select pg_advisory_xact_lock(${lock})`.execute(trx);
  },
  takingTurns: (db, lock, work) =>
    db.connection().execute(async (connection) => {
      await sql`select pg_advisory_lock(${lock})`.execute(connection);
      try {
        await work(connection);
      } finally {
        await sql`select pg_advisory_unlock(${lock})`.execute(connection);
      }
    }),
  sharedByProcesses: true,
};
