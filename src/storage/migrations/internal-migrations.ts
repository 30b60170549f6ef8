/**
 * Migrations for Orderline's own tables (tokens, counters). Tables described by metadata are created
 * by schema-sync.ts instead. A migration is never edited once released: add a new one.
 */
import { type Kysely, type Migration, type MigrationProvider, sql } from 'kysely';
import type { Dialect } from '../column-codec.js';

function migrations(dialect: Dialect): Record<string, Migration> {
  const id = sql.raw(dialect === 'sqlite' ? 'text' : 'uuid');
  const time = sql.raw(dialect === 'sqlite' ? 'text' : 'timestamptz');
  return {
    '0001-access-tokens-and-counters': {
      async up(db: Kysely<any>) {
        await db.schema
          .createTable('ol_accesstoken')
          .addColumn('tokenid', id, (c) => c.primaryKey())
          .addColumn('systemuserid', id, (c) => c.notNull())
          .addColumn('tokenhash', 'text', (c) => c.notNull().unique())
          .addColumn('description', 'text')
          .addColumn('createdon', time, (c) => c.notNull())
          .addColumn('expireson', time, (c) => c.notNull())
          .addColumn('revokedon', time)
          .execute();
        await db.schema
          .createIndex('ix_ol_accesstoken_systemuserid')
          .on('ol_accesstoken')
          .column('systemuserid')
          .execute();
        await db.schema
          .createTable('ol_counter')
          .addColumn('name', 'text', (c) => c.primaryKey())
          .addColumn('value', 'bigint', (c) => c.notNull())
          .execute();
        await db.insertInto('ol_counter').values({ name: 'versionnumber', value: 1000 }).execute();
        if (dialect === 'postgres') await sql`create sequence if not exists ol_versionnumber start 1001`.execute(db);
      },
    },
  };
}

export function internalMigrationProvider(dialect: Dialect): MigrationProvider {
  return { getMigrations: async () => migrations(dialect) };
}
