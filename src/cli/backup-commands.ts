/**
 * `orderline backup <file>`, `orderline restore <file>` and `orderline verify <file>` on ORDERLINE_DB.
 * SQLite: the online backup API, safe while the server writes. PostgreSQL: pg_dump / pg_restore in
 * their custom format. Each backup gets a manifest (src/storage/backup/backup-manifest.ts); a restore is checked
 * against it before the command reports success, and `verify` checks any store against it later.
 */
import type { Command } from 'commander';
import { loadConfig } from '../config/app-config.js';
import { readManifest, writeManifest } from '../storage/backup/backup-manifest.js';
import { BackupRefusal } from '../storage/backup/backup-refusal.js';
import { backupPostgres, fingerprintPostgres, restorePostgres } from '../storage/backup/postgres-backup.js';
import { backupSqlite, fingerprintSqlite, restoreSqlite } from '../storage/backup/sqlite-backup.js';
import {
  compareFingerprints,
  describeFingerprint,
  type StoreFingerprint,
} from '../storage/backup/store-fingerprint.js';
import { isPostgresUrl } from '../storage/store.js';

const databaseOf = () => loadConfig(process.env).database;

function expectMatch(file: string, fingerprint: StoreFingerprint, what: string): void {
  const manifest = readManifest(file);
  const differences = compareFingerprints(manifest.fingerprint, fingerprint);
  if (differences.length > 0) {
    throw new BackupRefusal(
      `${what} does not match the backup taken at ${manifest.takenAt}:\n  ${differences.join('\n  ')}`,
    );
  }
  process.stdout.write(
    `${what} matches the backup taken at ${manifest.takenAt}: ${describeFingerprint(fingerprint)}\n`,
  );
}

export function addBackupCommands(program: Command): void {
  program
    .command('backup')
    .description('copy ORDERLINE_DB to <file> while the server runs (SQLite: online backup; PostgreSQL: pg_dump)')
    .argument('<file>', 'the backup to write (must not exist); <file>.manifest.json is written beside it')
    .action(async (file: string) => {
      const database = databaseOf();
      const takenAt = new Date();
      const fingerprint = isPostgresUrl(database)
        ? await backupPostgres(database, file)
        : await backupSqlite(database, file);
      writeManifest(file, fingerprint, takenAt);
      process.stdout.write(`Backed up to ${file}: ${describeFingerprint(fingerprint)}\n`);
    });

  program
    .command('restore')
    .description('restore <file> into ORDERLINE_DB (a new SQLite file, or an empty PostgreSQL database), then check it')
    .argument('<file>', 'a backup written by orderline backup')
    .option('--replace', 'SQLite: overwrite an existing database file (stop the server first)')
    .action(async (file: string, options: { replace?: boolean }) => {
      const database = databaseOf();
      readManifest(file); // Refuse before touching the target when the manifest is missing.
      const fingerprint = isPostgresUrl(database)
        ? await restorePostgres(file, database)
        : await restoreSqlite(file, database, options.replace ?? false);
      expectMatch(file, fingerprint, 'The restored database');
    });

  program
    .command('verify')
    .description("compare ORDERLINE_DB with a backup's manifest: orders, totals, outbox, change tracking")
    .argument('<file>', 'a backup written by orderline backup')
    .action(async (file: string) => {
      const database = databaseOf();
      readManifest(file);
      const fingerprint = isPostgresUrl(database)
        ? await fingerprintPostgres(database)
        : await fingerprintSqlite(database);
      expectMatch(file, fingerprint, isPostgresUrl(database) ? 'The database' : database);
    });
}
