/**
 * Rows a unit of work has read under lock, kept until it writes them. Writing one order line reads its
 * order four times (the `@odata.bind` check, the lifecycle's parent lock, the pricing header lock, the
 * outbox): a locked row can change only through the unit of work's own writes, so the repeated reads
 * are served from here instead of the database.
 *
 * A row counts as read under lock when the transaction already holds it: on SQLite every read (a unit
 * of work starts with BEGIN IMMEDIATE, so no other writer can commit until it ends), on PostgreSQL a
 * read FOR UPDATE. Rows read without a lock on PostgreSQL are never kept: a concurrent commit may still
 * change them, and the next read must see it.
 *
 * One cache belongs to one unit of work, which creates it with its transaction and drops it when it
 * ends, committed or rolled back; the record repository consults it only for reads and writes on that
 * transaction (`RecordRepository.keepingLockedRows`). Every write through the record repository drops
 * the row it writes; SQL that writes a metadata table by other means inside a unit of work must drop
 * that table's rows (`forgetRows`).
 */
import type { Dialect, Row } from './column-codec.js';
import { dialectSpecifics } from './dialects/dialect-specifics.js';

export interface LockedRows {
  /** Is a read with these options under lock? */
  isLockedRead(forUpdate: boolean | undefined): boolean;
  /** The kept row, as a copy the caller may change; undefined when none is kept. */
  get(table: string, id: string): Row | undefined;
  /** Keeps a row just read under lock. */
  keep(table: string, id: string, row: Row): void;
  forget(table: string, id: string): void;
  forgetTable(table: string): void;
}

export function createLockedRows(dialect: Dialect): LockedRows {
  const tables = new Map<string, Map<string, Row>>();
  // Every primary key is a uuid on PostgreSQL, which compares them case-insensitively, so one row may
  // be named in either case; SQLite's text keys are exact.
  const { idKey: keyOf, readsUnderWriteLock } = dialectSpecifics(dialect);
  return {
    isLockedRead: (forUpdate) => readsUnderWriteLock || forUpdate === true,
    get(table, id) {
      const kept = tables.get(table)?.get(keyOf(id));
      return kept ? { ...kept } : undefined;
    },
    keep(table, id, row) {
      let rows = tables.get(table);
      if (!rows) {
        rows = new Map();
        tables.set(table, rows);
      }
      rows.set(keyOf(id), { ...row });
    },
    forget(table, id) {
      tables.get(table)?.delete(keyOf(id));
    },
    forgetTable(table) {
      tables.delete(table);
    },
  };
}
