/**
 * A store is a database Orderline runs on: SQLite (a file, the embedded default) or PostgreSQL (a
 * `postgres://` URL, for several processes). Opening one brings its schema up to date.
 */
import { CompiledQuery, type Kysely, Migrator, sql } from 'kysely';
import type { MetadataRegistry } from '../domain/metadata/metadata-registry.js';
import { ADVISORY_LOCK } from './advisory-locks.js';
import type { Dialect } from './column-codec.js';
import type { TypedExecutor } from './database/database.js';
import { type DialectSpecifics, dialectSpecifics } from './dialects/dialect-specifics.js';
import { openPostgres } from './dialects/postgres.js';
import { postgresTransaction } from './dialects/postgres-transaction.js';
import { openSqlite, type SqliteSynchronous } from './dialects/sqlite.js';
import { internalMigrationProvider } from './migrations/internal-migrations.js';
import { FIRST_NUMBER, NUMBER_COUNTERS, type NumberCounter } from './number-counters.js';
import { syncSchema } from './schema-sync.js';
import type { StatementTally } from './statement-tally.js';

/**
 * What a unit of work runs against: the transaction's query builder. Untyped, for the metadata-driven
 * code that names tables at run time; repositories take it as a `TypedExecutor` (database/database.ts).
 */
export type Executor = Kysely<any>;

export interface Store {
  readonly dialect: Dialect;
  /** What differs between the dialects, chosen once when the store opens. */
  readonly specifics: DialectSpecifics;
  readonly db: Kysely<any>;
  /** A human-readable description without credentials. */
  readonly description: string;
  /**
   * Statements sent so far (BEGIN and COMMIT included); on PostgreSQL each is one network round trip.
   * For the benchmark and the tests that keep a business write's statements from growing back.
   */
  readonly statements: StatementTally;
  /**
   * Runs `work` in one transaction: everything it writes commits together or not at all. On SQLite the
   * transaction takes the write lock at its start (BEGIN IMMEDIATE), so two processes on one file
   * queue instead of failing half-way. On PostgreSQL a pooled connection found dead at BEGIN (the server
   * restarted) is replaced and the transaction started again (dialects/postgres-transaction.ts).
   */
  transaction<T>(work: (trx: Executor) => Promise<T>): Promise<T>;
  /** The next row version: one counter for every table, so versions also order changes in time. */
  nextVersion(trx: Executor): Promise<string>;
  /** `count` consecutive row versions in one statement, for rows written in bulk (outbox deliveries). */
  reserveVersions(trx: Executor, count: number): Promise<string[]>;
  /**
   * The next quote, order or invoice number, never given twice. On PostgreSQL it comes from a
   * sequence, so concurrent creates do not queue on one counter row until they commit; a rolled-back
   * create leaves a gap, as Dataverse's auto-numbers may.
   */
  nextNumber(trx: Executor, counter: NumberCounter): Promise<bigint>;
  close(): Promise<void>;
}

export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

function withUtcSession(url: string): string {
  const separator = url.includes('?') ? '&' : '?';
  return `${url}${separator}options=${encodeURIComponent('-c TimeZone=UTC')}`;
}

function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+)(:[^@/]*)?@/, '//$1@');
}

async function migrate(db: Kysely<any>, specifics: DialectSpecifics, metadata: MetadataRegistry): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: internalMigrationProvider(specifics),
    migrationTableName: 'ol_migration',
    migrationLockTableName: 'ol_migration_lock',
  });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error;
  // On PostgreSQL `create table/index if not exists` is not safe against the same statement running
  // at once in another process (the loser fails on the catalog's unique index, pg_type or pg_class):
  // processes opening one database together take turns, and the later one finds everything there.
  await specifics.takingTurns(db, ADVISORY_LOCK.schemaSync, (connection) =>
    syncSchema(connection, specifics.dialect, metadata),
  );
}

/**
 * Migrations and the schema sync may take longer than a request's statement timeout on a large
 * database, and wait for another process's turn: on PostgreSQL they run on a connection of their own
 * without the timeout.
 */
async function migrateUnbounded(store: Store, location: string, metadata: MetadataRegistry): Promise<void> {
  if (store.dialect !== 'postgres') return migrate(store.db, store.specifics, metadata);
  const { db } = openPostgres(withUtcSession(location), 1);
  try {
    await migrate(db, store.specifics, metadata);
  } finally {
    await db.destroy();
  }
}

export interface StoreOptions {
  /** PostgreSQL connections in the pool. */
  readonly poolSize?: number;
  /** PostgreSQL: the longest one statement may run, in milliseconds (0: no limit). */
  readonly statementTimeoutMs?: number;
  readonly sqliteSynchronous?: SqliteSynchronous;
}

export async function openStore(location: string, metadata: MetadataRegistry, options: StoreOptions = {}) {
  const store = isPostgresUrl(location)
    ? openPostgresStore(location, options.poolSize, options.statementTimeoutMs)
    : openSqliteStore(location, options.sqliteSynchronous);
  try {
    await migrateUnbounded(store, location, metadata);
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

function openSqliteStore(file: string, synchronous?: SqliteSynchronous): Store {
  const { db, raw, stopCheckpoints, statements } = openSqlite(file, synchronous);
  // Run three times by every line written: compiled once rather than built per call.
  const nextVersionSql = (db as TypedExecutor)
    .updateTable('ol_counter')
    .set({ value: sql`value + 1` })
    .where('name', '=', 'versionnumber')
    .returning('value')
    .compile().sql;
  return {
    dialect: 'sqlite',
    specifics: dialectSpecifics('sqlite'),
    db,
    description: `sqlite:${file}`,
    statements,
    transaction: (work) =>
      db.connection().execute(async (connection) => {
        await sql`begin immediate`.execute(connection);
        try {
          const result = await work(connection);
          await sql`commit`.execute(connection);
          return result;
        } catch (error) {
          // SQLITE_FULL, SQLITE_IOERR and a few others end the transaction inside SQLite already; a
          // ROLLBACK then fails with "no transaction is active" and would hide the error that matters.
          if (raw.inTransaction) await sql`rollback`.execute(connection);
          throw error;
        }
      }),
    async nextVersion(trx) {
      const { rows } = await trx.executeQuery<{ value: unknown }>(CompiledQuery.raw(nextVersionSql, ['versionnumber']));
      if (!rows[0]) throw new Error('The version counter is missing: the database was not migrated');
      return String(rows[0].value);
    },
    async reserveVersions(trx: TypedExecutor, count) {
      if (count <= 0) return [];
      const row = await trx
        .updateTable('ol_counter')
        .set({ value: sql`value + ${count}` })
        .where('name', '=', 'versionnumber')
        .returning('value')
        .executeTakeFirstOrThrow();
      const last = BigInt(row.value as string | number | bigint);
      return Array.from({ length: count }, (_, index) => String(last - BigInt(count - 1 - index)));
    },
    async nextNumber(trx: TypedExecutor, counter) {
      // One statement: the first number of a counter, or the one after the last.
      const row = await trx
        .insertInto('ol_counter')
        .values({ name: NUMBER_COUNTERS[counter].row, value: FIRST_NUMBER })
        .onConflict((conflict) => conflict.column('name').doUpdateSet({ value: sql`ol_counter.value + 1` }))
        .returning('value')
        .executeTakeFirstOrThrow();
      return BigInt(row.value as string | number | bigint);
    },
    async close() {
      await stopCheckpoints();
      await db.destroy();
    },
  };
}

function openPostgresStore(url: string, poolSize?: number, statementTimeoutMs?: number): Store {
  const { db, statements } = openPostgres(withUtcSession(url), poolSize, statementTimeoutMs);
  return {
    dialect: 'postgres',
    specifics: dialectSpecifics('postgres'),
    db,
    description: redactUrl(url),
    statements,
    transaction: (work) => postgresTransaction(db, work),
    async nextVersion(trx) {
      const { rows } = await sql<{ value: string }>`select nextval('ol_versionnumber') as value`.execute(trx);
      return String(rows[0]!.value);
    },
    async reserveVersions(trx, count) {
      if (count <= 0) return [];
      const { rows } = await sql<{
        value: string;
      }>`select nextval('ol_versionnumber') as value from generate_series(1, ${count})`.execute(trx);
      return rows.map((row) => String(row.value)).sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
    },
    async nextNumber(trx, counter) {
      const sequence = sql.raw(`'${NUMBER_COUNTERS[counter].sequence}'`);
      const { rows } = await sql<{ value: string }>`select nextval(${sequence}) as value`.execute(trx);
      return BigInt(rows[0]!.value);
    },
    close: () => db.destroy(),
  };
}
