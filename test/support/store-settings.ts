/**
 * Which stores the suites run against and where PostgreSQL is, without vitest's runtime: read by the
 * test workers (test-stores.ts) and by the run's global setup (schema-templates.ts) alike.
 */
import pg from 'pg';
import { createSalesMetadata } from '../../src/domain/metadata/sales-metadata.js';
import { openStore } from '../../src/storage/store.js';

export type StoreKind = 'sqlite' | 'postgres';

export const TEST_STORES: readonly StoreKind[] = (process.env.ORDERLINE_TEST_STORES ?? 'sqlite,postgres')
  .split(',')
  .map((name) => name.trim())
  .filter((name): name is StoreKind => name === 'sqlite' || name === 'postgres');

const SERVER_URL = process.env.ORDERLINE_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** The URL of database `name` on the test server. */
export function databaseUrl(name: string): string {
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs one statement (create or drop database) on the server's maintenance database, on a connection of its own. */
export async function onServer(statement: string): Promise<void> {
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}

/** Brings an empty database's sales schema up to date the way a first start does (before provisioning), then closes it. */
export async function migrateInPlace(location: string): Promise<void> {
  const store = await openStore(location, createSalesMetadata());
  await store.close();
}
