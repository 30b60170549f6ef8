/**
 * vitest's global setup: once per run, the sales schema is built in one SQLite file and one PostgreSQL
 * database, the templates that `createTestDatabase(kind, { schema: 'migrated' })` copies. Migrating a
 * PostgreSQL database costs most of a second and an SQLite file a tenth of one; a copy costs a fraction
 * of that, and hundreds of suites ask for one.
 *
 * The templates belong to this run (a random name, removed at its end), so runs of other checkouts on
 * the same server never share one, and a changed schema is always the one tested. A copy is still
 * opened the normal way, migrations and schema sync included, so a template is never trusted blindly.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { databaseUrl, migrateInPlace, onServer, type StoreKind, TEST_STORES } from './store-settings.js';

export type SchemaTemplates = Partial<Record<StoreKind, string>>;

declare module 'vitest' {
  export interface ProvidedContext {
    /** The SQLite template's path and the PostgreSQL template's database name, for the stores of this run. */
    orderlineSchemaTemplates: SchemaTemplates;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const templates: SchemaTemplates = {};
  const folder = mkdtempSync(join(tmpdir(), 'orderline-template-'));
  let postgresTemplate: string | undefined;
  if (TEST_STORES.includes('sqlite')) {
    const file = join(folder, 'orderline.db');
    await migrateInPlace(file);
    // Closing the last connection checkpoints the WAL into the file: the file alone is the database.
    if (existsSync(`${file}-wal`)) throw new Error(`The SQLite template ${file} kept a WAL after closing.`);
    templates.sqlite = file;
  }
  if (TEST_STORES.includes('postgres')) {
    const name = `orderline_template_${randomBytes(6).toString('hex')}`;
    try {
      await onServer(`create database ${name}`);
      postgresTemplate = name;
      // Migrated on a pool that is closed before any copy: PostgreSQL copies a template nobody is connected to.
      await migrateInPlace(databaseUrl(name));
      templates.postgres = name;
    } catch (error) {
      // Suites then migrate their own databases, and fail there if PostgreSQL cannot be reached.
      console.warn(`No PostgreSQL schema template for this run: ${(error as Error).message}`);
    }
  }
  project.provide('orderlineSchemaTemplates', templates);
  return async () => {
    rmSync(folder, { recursive: true, force: true });
    if (postgresTemplate) await onServer(`drop database if exists ${postgresTemplate} with (force)`);
  };
}
