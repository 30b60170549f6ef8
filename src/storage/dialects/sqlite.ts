import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { type CountingTally, createStatementTally } from '../statement-tally.js';
import { BACKSTOP_PAGES, checkpointInBackground } from './sqlite-checkpointer.js';

/**
 * `normal`: in WAL mode a commit survives any crash of the process (kill -9 included) and costs no
 * fsync; only an operating-system crash or power loss can drop the last commits. `full`: every
 * commit is fsynced before it is acknowledged, durable through power loss, several times slower.
 */
export type SqliteSynchronous = 'normal' | 'full';

/** Prepared statements kept per connection; Orderline's SQL comes from a small set of shapes. */
const STATEMENT_CACHE_SIZE = 1000;

/**
 * better-sqlite3's `prepare`, with statements prepared once: Kysely asks for a fresh statement for
 * every query, and preparing costs more than running a small insert.
 */
function statementCache(raw: SqliteDatabase.Database, tally: CountingTally) {
  const statements = new Map<string, SqliteDatabase.Statement>();
  return {
    prepare(text: string): SqliteDatabase.Statement {
      // Kysely prepares once for every statement it runs: the one place to count them.
      tally.count(text);
      const cached = statements.get(text);
      if (cached) {
        // Refresh its place: the map keeps insertion order, so the first entry is the least recent.
        statements.delete(text);
        statements.set(text, cached);
        return cached;
      }
      const statement = raw.prepare(text);
      statements.set(text, statement);
      if (statements.size > STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value!);
      return statement;
    },
  };
}

export interface OpenedSqlite {
  readonly db: Kysely<any>;
  readonly raw: SqliteDatabase.Database;
  /** Statements run through `db`, BEGIN and COMMIT included. */
  readonly statements: CountingTally;
  /** Stops the background checkpointer (destroying `db` does too); resolves once its connection is closed. */
  stopCheckpoints(): Promise<void>;
}

/**
 * The embedded store: one SQLite file in WAL mode, checkpointed in the background
 * (sqlite-checkpointer.ts). Integers come back as BigInt so money scaled by 10^4 never passes through
 * a binary float.
 *
 * No statement timeout here, unlike PostgreSQL: better-sqlite3 12 runs a statement synchronously and
 * offers neither a progress handler nor an interrupt, and no pragma bounds time. What bounds a
 * statement's cost is its shape, checked before any SQL is built: at most 15 related tables per query
 * (odata/query/query-limits.ts), a `$filter` of at most 32 KB nested at most so deep, literals within
 * the column's range (query/column-conditions.ts), and a page size. Within those the planner's work is
 * small, and a statement cannot outlive its request: it finishes before the event loop turns.
 */
export function openSqlite(file: string, synchronous: SqliteSynchronous = 'normal'): OpenedSqlite {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const raw = new SqliteDatabase(file);
  const journal = raw.pragma('journal_mode = WAL', { simple: true });
  const mode = synchronous === 'full' ? 'FULL' : 'NORMAL';
  raw.pragma(`synchronous = ${mode}`);
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
  raw.defaultSafeIntegers(true);
  // An in-memory database keeps no WAL, so there is nothing to checkpoint.
  const checkpoints = journal === 'wal' ? checkpointInBackground(file, mode) : undefined;
  if (checkpoints) raw.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
  const tally = createStatementTally();
  const statements = statementCache(raw, tally);
  const database = {
    prepare: statements.prepare,
    close() {
      void checkpoints?.stop();
      raw.close();
    },
  };
  const db = new Kysely<any>({
    dialect: new SqliteDialect({ database: database as unknown as SqliteDatabase.Database }),
  });
  return { db, raw, statements: tally, stopCheckpoints: () => checkpoints?.stop() ?? Promise.resolve() };
}
