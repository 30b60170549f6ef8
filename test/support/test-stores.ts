/**
 * The stores every cross-cutting suite runs against, like Kysely's dialect matrix: a fresh SQLite file
 * and a fresh PostgreSQL database per use. `ORDERLINE_TEST_STORES` narrows the list (e.g. `sqlite`);
 * by default both run, and a PostgreSQL that cannot be reached fails the suite instead of skipping it.
 *
 * A database is empty, as a first start finds it, unless the suite asks for the sales schema in place
 * (`{ schema: 'migrated' }`): then it is a copy of the database this run migrated once
 * (schema-templates.ts), a file copy on SQLite and `create database … template` on PostgreSQL.
 */
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { databaseUrl, migrateInPlace, onServer, type StoreKind } from './store-settings.js';

export { type StoreKind, TEST_STORES } from './store-settings.js';

export interface TestDatabase {
  readonly kind: StoreKind;
  /** What ORDERLINE_DB would be: a file path or a postgres:// URL. */
  readonly location: string;
  drop(): Promise<void>;
}

export interface TestDatabaseOptions {
  /**
   * `empty` (the default): nothing in it, for suites about what a first start or a migration does.
   * `migrated`: the sales schema in place, as after a first start's migrations and schema sync but
   * before provisioning, for suites that need a working store and test nothing about building one.
   */
  readonly schema?: 'empty' | 'migrated';
}

export async function createTestDatabase(kind: StoreKind, options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const migrated = options.schema === 'migrated';
  const template = migrated ? inject('orderlineSchemaTemplates')?.[kind] : undefined;
  const database = kind === 'sqlite' ? createSqliteDatabase(template) : await createPostgresDatabase(template);
  // A run without this run's template (PostgreSQL was down at its start) builds the schema here.
  if (migrated && !template) await migrateInPlace(database.location);
  return database;
}

function createSqliteDatabase(template: string | undefined): TestDatabase {
  const folder = mkdtempSync(join(tmpdir(), 'orderline-test-'));
  const location = join(folder, 'orderline.db');
  if (template) copyFileSync(template, location);
  return { kind: 'sqlite', location, drop: async () => rmSync(folder, { recursive: true, force: true }) };
}

async function createPostgresDatabase(template: string | undefined): Promise<TestDatabase> {
  const name = `orderline_test_${randomBytes(6).toString('hex')}`;
  await onServer(template ? `create database ${name} template ${template}` : `create database ${name}`);
  return {
    kind: 'postgres',
    location: databaseUrl(name),
    drop: () => onServer(`drop database if exists ${name} with (force)`),
  };
}
