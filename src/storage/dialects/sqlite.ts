import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';

/**
 * The embedded store: one SQLite file in WAL mode. `synchronous = FULL` makes every commit durable
 * before the client hears of it (PRODUCT.md: every accepted write is durable). Integers come back as
 * BigInt so money scaled by 10^4 never passes through a binary float.
 */
export function openSqlite(file: string): { db: Kysely<any>; raw: SqliteDatabase.Database } {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const raw = new SqliteDatabase(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
  raw.defaultSafeIntegers(true);
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database: raw }) });
  return { db, raw };
}
