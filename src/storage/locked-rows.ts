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
 * Entries live per executor (the unit of work's transaction) and die with it, committed or rolled
 * back. Every write through the record repository drops the row it writes; SQL that writes a
 * metadata table by other means inside a unit of work must drop that table's rows (`forgetTable`).
 */
import type { Dialect, Row } from './column-codec.js';
import { dialectSpecifics } from './dialects/dialect-specifics.js';
import type { Executor } from './store.js';

type RowsById = Map<string, Row>;

export interface LockedRows {
  /** From now on, rows `trx` reads under lock are kept until it writes them. */
  keepFor(trx: Executor): void;
  /** Is a read with these options under lock? */
  isLockedRead(forUpdate: boolean | undefined): boolean;
  /** The kept row, as a copy the caller may change; undefined when none is kept. */
  get(trx: Executor, table: string, id: string): Row | undefined;
  /** Keeps a row just read under lock (a no-op outside a unit of work). */
  keep(trx: Executor, table: string, id: string, row: Row): void;
  forget(trx: Executor, table: string, id: string): void;
  forgetTable(trx: Executor, table: string): void;
}

export function createLockedRows(dialect: Dialect): LockedRows {
  const byExecutor = new WeakMap<Executor, Map<string, RowsById>>();
  // Every primary key is a uuid on PostgreSQL, which compares them case-insensitively, so one row may
  // be named in either case; SQLite's text keys are exact.
  const { idKey: keyOf, readsUnderWriteLock } = dialectSpecifics(dialect);
  return {
    keepFor(trx) {
      if (!byExecutor.has(trx)) byExecutor.set(trx, new Map());
    },
    isLockedRead: (forUpdate) => readsUnderWriteLock || forUpdate === true,
    get(trx, table, id) {
      const kept = byExecutor.get(trx)?.get(table)?.get(keyOf(id));
      return kept ? { ...kept } : undefined;
    },
    keep(trx, table, id, row) {
      const tables = byExecutor.get(trx);
      if (!tables) return;
      let rows = tables.get(table);
      if (!rows) {
        rows = new Map();
        tables.set(table, rows);
      }
      rows.set(keyOf(id), { ...row });
    },
    forget(trx, table, id) {
      byExecutor.get(trx)?.get(table)?.delete(keyOf(id));
    },
    forgetTable(trx, table) {
      byExecutor.get(trx)?.delete(table);
    },
  };
}
