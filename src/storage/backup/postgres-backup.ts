/**
 * PostgreSQL backups with PostgreSQL's own tools: `pg_dump --format=custom` and `pg_restore`. The dump
 * runs on a snapshot exported from a transaction of ours (`pg_export_snapshot`, `pg_dump --snapshot`),
 * and the fingerprint is taken in that same transaction, so it describes exactly what the dump holds
 * even while a server keeps writing.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { BackupRefusal } from './backup-refusal.js';
import { fingerprintStore, type StoreFingerprint } from './store-fingerprint.js';

const run = promisify(execFile);

/** `pg_dump` or `pg_restore`: from PATH, else the newest /usr/lib/postgresql/<version>/bin (Debian's layout). */
export function postgresTool(name: 'pg_dump' | 'pg_restore'): string | undefined {
  for (const folder of (process.env.PATH ?? '').split(':')) {
    if (folder && existsSync(join(folder, name))) return join(folder, name);
  }
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((version) => /^\d+$/.test(version))
    .sort((a, b) => Number(b) - Number(a));
  for (const version of versions) {
    const tool = join(root, version, 'bin', name);
    if (existsSync(tool)) return tool;
  }
  return undefined;
}

function requireTool(name: 'pg_dump' | 'pg_restore', command: string): string {
  const tool = postgresTool(name);
  if (!tool) {
    throw new BackupRefusal(
      `${name} was not found on PATH nor in /usr/lib/postgresql/*/bin. Install PostgreSQL's client tools, or run:\n  ${command}`,
    );
  }
  return tool;
}

export async function backupPostgres(url: string, target: string): Promise<StoreFingerprint> {
  if (existsSync(target)) throw new BackupRefusal(`${target} exists already: name a new file for the backup.`);
  const dump = requireTool('pg_dump', `pg_dump --format=custom --no-owner --file=${target} '${url}'`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('begin isolation level repeatable read read only');
    const { rows } = await client.query<{ snapshot: string }>('select pg_export_snapshot() as snapshot');
    const fingerprint = await fingerprintPostgresOn(client);
    await run(dump, ['--format=custom', '--no-owner', `--snapshot=${rows[0]!.snapshot}`, `--file=${target}`, url]);
    await client.query('commit');
    return fingerprint;
  } finally {
    await client.end();
  }
}

/** Restores a dump into `url`, an empty database (create it first: `createdb`, or `create database`). */
export async function restorePostgres(backup: string, url: string): Promise<StoreFingerprint> {
  if (!existsSync(backup)) throw new BackupRefusal(`There is no backup at ${backup}.`);
  const restore = requireTool(
    'pg_restore',
    `pg_restore --no-owner --exit-on-error --single-transaction --dbname='${url}' ${backup}`,
  );
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      `select count(*) as n from information_schema.tables where table_schema = 'public'`,
    );
    if (Number(rows[0]!.n) > 0) {
      throw new BackupRefusal('The target database has tables already: restore into a new, empty database.');
    }
  } finally {
    await client.end();
  }
  await run(restore, ['--no-owner', '--exit-on-error', '--single-transaction', `--dbname=${url}`, backup]);
  return fingerprintPostgres(url);
}

export async function fingerprintPostgres(url: string): Promise<StoreFingerprint> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('begin isolation level repeatable read read only');
    const fingerprint = await fingerprintPostgresOn(client);
    await client.query('commit');
    return fingerprint;
  } finally {
    await client.end();
  }
}

function fingerprintPostgresOn(client: pg.Client): Promise<StoreFingerprint> {
  return fingerprintStore('postgres', async (text) => (await client.query(text)).rows);
}
