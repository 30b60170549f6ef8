/**
 * Copies of one row, many at once, straight through SQL: the way a test reaches Dataverse's row limits
 * (5,000 for counts, 50,000 for aggregates) in a second instead of tens of thousands of HTTP calls.
 * The copies differ from the original by their id and by `name` (`<prefix><n>`); everything else,
 * owner included, is the original's.
 */
import { sql } from 'kysely';
import type { TestServer } from './test-app.js';

/** A random version-4 GUID in SQL, as each dialect can write one. */
const NEW_ID = {
  sqlite: sql`lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-a' || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))`,
  postgres: sql`gen_random_uuid()`,
} as const;

export async function copyRow(
  server: TestServer,
  table: { readonly logicalName: string; readonly primaryId: string },
  id: string,
  copies: number,
  namePrefix: string,
): Promise<void> {
  const { db, dialect } = server.app.store;
  const { rows } = await sql<
    Record<string, unknown>
  >`select * from ${sql.table(table.logicalName)} where ${sql.ref(table.primaryId)} = ${id}`.execute(db);
  const columns = Object.keys(rows[0]!);
  const values = columns.map((column) => {
    if (column === table.primaryId) return NEW_ID[dialect];
    if (column === 'name') return sql`cast(${namePrefix} as text) || cast(n.i as text)`;
    return sql.ref(`t.${column}`);
  });
  await sql`with recursive n(i) as (select 1 union all select i + 1 from n where i < ${sql.lit(copies)})
    insert into ${sql.table(table.logicalName)} (${sql.join(columns.map((column) => sql.ref(column)))})
    select ${sql.join(values)} from n, ${sql.table(table.logicalName)} as t where t.${sql.ref(table.primaryId)} = ${id}`.execute(
    db,
  );
}
