/**
 * Migrations for Orderline's own tables (tokens, counters). Tables described by metadata are created
 * by schema-sync.ts instead. A migration is never edited once released: add a new one.
 */
import { type Kysely, type Migration, type MigrationProvider, sql } from 'kysely';
import type { TypedExecutor } from '../database/database.js';
import type { DialectSpecifics } from '../dialects/dialect-specifics.js';
import { FIRST_NUMBER, NUMBER_COUNTERS } from '../number-counters.js';

function migrations(specifics: DialectSpecifics): Record<string, Migration> {
  const id = sql.raw(specifics.idType);
  const time = sql.raw(specifics.instantType);
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
        if (specifics.numbersFromSequences) {
          await sql`create sequence if not exists ol_versionnumber start 1001`.execute(db);
        }
      },
    },
    // Change tracking's tombstones (src/storage/change-tracking/tombstones.ts). On PostgreSQL `ol_xid` is
    // the removing transaction's id, the change watermark there (src/storage/change-watermark.ts).
    '0002-change-tracking-tombstones': {
      async up(db) {
        const { watermark } = specifics;
        let create = db.schema
          .createTable('ol_changetombstone')
          .addColumn('tombstoneid', id, (c) => c.primaryKey())
          .addColumn('tablename', 'text', (c) => c.notNull())
          .addColumn('objectid', id, (c) => c.notNull())
          .addColumn('ownerid', id)
          .addColumn('reason', 'text', (c) => c.notNull())
          .addColumn('versionnumber', sql.raw(specifics.bigintType), (c) => c.notNull())
          .addColumn('removedon', time, (c) => c.notNull());
        // The tombstone table is change-tracked by definition: PostgreSQL's ol_xid xid8, none on SQLite.
        for (const hidden of watermark.hiddenColumns({ changeTracking: true })) {
          create = create.addColumn(hidden.name, sql.raw(hidden.type), (c) => c.notNull());
        }
        await create.execute();
        await db.schema
          .createIndex('ix_ol_changetombstone_tablename_watermark')
          .on('ol_changetombstone')
          .columns(['tablename', watermark.changeColumn])
          .execute();
        await db.schema
          .createIndex('ix_ol_changetombstone_removedon')
          .on('ol_changetombstone')
          .column('removedon')
          .execute();
      },
    },
    // Quote, order and invoice numbers from sequences on PostgreSQL (src/storage/number-counters.ts),
    // each continuing from the counter row it replaces; SQLite keeps the rows.
    '0003-number-sequences': {
      async up(db: TypedExecutor) {
        if (!specifics.numbersFromSequences) return;
        for (const { row, sequence } of Object.values(NUMBER_COUNTERS)) {
          await sql`create sequence if not exists ${sql.id(sequence)} start ${sql.lit(FIRST_NUMBER)}`.execute(db);
          const counter = await db.selectFrom('ol_counter').select('value').where('name', '=', row).executeTakeFirst();
          if (counter) await sql`select setval(${sequence}, ${String(counter.value)}::bigint)`.execute(db);
        }
      },
    },
    // Quotes are keyed by (quotenumber, revisionnumber) since a revision keeps its quote's number: the
    // old unique index on quotenumber alone goes (the schema sync then creates the new key's), and
    // quotes written before revision numbers started at 0 get revision 0. A new database has no quote
    // table yet: the schema sync creates it with the new key.
    '0004-quote-revision-key': {
      async up(db: TypedExecutor) {
        const tables = await db.introspection.getTables();
        if (!tables.some((table) => table.name === 'quote')) return;
        await db.schema.dropIndex('ak_quote_quotenumber').ifExists().execute();
        await db.updateTable('quote').set({ revisionnumber: 0 }).where('revisionnumber', 'is', null).execute();
      },
    },
    // People signing in (issue #14): a password hash per user, kept out of every table the API
    // describes so no query language can reach it, and sessions stored by the SHA-256 of their id.
    '0005-passwords-and-sessions': {
      async up(db) {
        await db.schema
          .createTable('ol_userpassword')
          .ifNotExists()
          .addColumn('systemuserid', id, (c) => c.primaryKey())
          .addColumn('passwordhash', 'text', (c) => c.notNull())
          .addColumn('changedon', time, (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('ol_session')
          .ifNotExists()
          .addColumn('sessionid', id, (c) => c.primaryKey())
          .addColumn('sessionhash', 'text', (c) => c.notNull().unique())
          .addColumn('systemuserid', id, (c) => c.notNull())
          .addColumn('createdon', time, (c) => c.notNull())
          .addColumn('lastseenon', time, (c) => c.notNull())
          .addColumn('expireson', time, (c) => c.notNull())
          .addColumn('revokedon', time)
          .execute();
        await db.schema
          .createIndex('ix_ol_session_systemuserid')
          .ifNotExists()
          .on('ol_session')
          .column('systemuserid')
          .execute();
      },
    },
  };
}

export function internalMigrationProvider(specifics: DialectSpecifics): MigrationProvider {
  return { getMigrations: async () => migrations(specifics) };
}
