/**
 * The stores every cross-cutting suite runs against, like Kysely's dialect matrix: a fresh SQLite file
 * and a fresh PostgreSQL database per use. `ORDERLINE_TEST_STORES` narrows the list (e.g. `sqlite`);
 * by default both run, and a PostgreSQL that cannot be reached fails the suite instead of skipping it.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export type StoreKind = 'sqlite' | 'postgres';

export const TEST_STORES: readonly StoreKind[] = (process.env.ORDERLINE_TEST_STORES ?? 'sqlite,postgres')
  .split(',')
  .map((name) => name.trim())
  .filter((name): name is StoreKind => name === 'sqlite' || name === 'postgres');

const SERVER_URL = process.env.ORDERLINE_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  readonly kind: StoreKind;
  /** What ORDERLINE_DB would be: a file path or a postgres:// URL. */
  readonly location: string;
  drop(): Promise<void>;
}

function databaseUrl(name: string): string {
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function createTestDatabase(kind: StoreKind): Promise<TestDatabase> {
  if (kind === 'sqlite') {
    const folder = mkdtempSync(join(tmpdir(), 'orderline-test-'));
    return {
      kind,
      location: join(folder, 'orderline.db'),
      drop: async () => rmSync(folder, { recursive: true, force: true }),
    };
  }
  const name = `orderline_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  return {
    kind,
    location: databaseUrl(name),
    async drop() {
      const client = new pg.Client({ connectionString: SERVER_URL });
      await client.connect();
      try {
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}
