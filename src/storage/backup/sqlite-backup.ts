/**
 * SQLite backups through SQLite's online backup API (better-sqlite3's `backup`): a consistent copy of a
 * database that a running server keeps writing. The copy is made in one step, so it is the database as
 * one read transaction saw it; in WAL mode that read blocks no writer, and a writer never restarts it.
 */
import { existsSync, rmSync } from 'node:fs';
import SqliteDatabase from 'better-sqlite3';
import { BackupRefusal } from './backup-refusal.js';
import { fingerprintStore, type StoreFingerprint } from './store-fingerprint.js';

/** Pages per backup step: more than any Orderline database has, so the copy is one step, one snapshot. */
const ONE_STEP = 2_000_000_000;

export async function backupSqlite(source: string, target: string): Promise<StoreFingerprint> {
  if (!existsSync(source)) throw new BackupRefusal(`There is no SQLite database at ${source}.`);
  if (existsSync(target)) throw new BackupRefusal(`${target} exists already: name a new file for the backup.`);
  const database = new SqliteDatabase(source, { fileMustExist: true });
  try {
    await database.backup(target, { progress: () => ONE_STEP });
  } finally {
    database.close();
  }
  return fingerprintSqlite(target);
}

/**
 * Copies a backup into `target`, which must not exist (or `replace` it: the server must be stopped).
 * The backup is checked first, so a damaged file never replaces a database.
 */
export async function restoreSqlite(backup: string, target: string, replace: boolean): Promise<StoreFingerprint> {
  if (!existsSync(backup)) throw new BackupRefusal(`There is no backup at ${backup}.`);
  const source = new SqliteDatabase(backup, { readonly: true, fileMustExist: true });
  try {
    const integrity = source.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new BackupRefusal(`${backup} is damaged (integrity check: ${String(integrity)}).`);
    if (existsSync(target)) {
      if (!replace) throw new BackupRefusal(`${target} exists: stop the server and add --replace to overwrite it.`);
      for (const file of [target, `${target}-wal`, `${target}-shm`]) rmSync(file, { force: true });
    }
    await source.backup(target, { progress: () => ONE_STEP });
  } finally {
    source.close();
  }
  return fingerprintSqlite(target);
}

export async function fingerprintSqlite(file: string): Promise<StoreFingerprint> {
  const database = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  database.defaultSafeIntegers(true);
  try {
    // One read transaction: every figure is of the same moment even if a server writes meanwhile.
    database.exec('begin');
    try {
      return await fingerprintStore(
        'sqlite',
        async (text) => database.prepare(text).all() as Record<string, unknown>[],
      );
    } finally {
      database.exec('commit');
    }
  } finally {
    database.close();
  }
}
