import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_STORES, type TestDatabase } from '../../../test/support/test-stores.js';
import { createStatementTally } from '../statement-tally.js';
import { openPostgres } from './postgres.js';
import { preparingStatements } from './postgres-prepared-statements.js';

describe.skipIf(!TEST_STORES.includes('postgres'))('named prepared statements on PostgreSQL', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
  });
  afterAll(async () => {
    await database?.drop();
  });

  /** A statement text no other test sends, so this process has not seen it before. */
  const fresh = () => `select $1::int + ${Number.parseInt(randomBytes(3).toString('hex'), 16)} as value`;

  async function connected(namedAtMost?: number) {
    const client = new pg.Client({ connectionString: database.location });
    await client.connect();
    const tally = createStatementTally();
    preparingStatements(client as pg.PoolClient, tally, namedAtMost);
    // Asked without parameters, so never named itself.
    const prepared = async () =>
      (await client.query('select statement from pg_prepared_statements order by prepare_time')).rows.map(
        (row: { statement: string }) => row.statement,
      );
    return { client, tally, prepared };
  }

  it('prepares a statement on its second send, by a name PostgreSQL keeps for the connection, and counts each send', async () => {
    const { client, tally, prepared } = await connected();
    try {
      const text = fresh();
      await client.query(text, [1]);
      expect(await prepared()).toEqual([]);
      await client.query(text, [2]);
      expect(await prepared()).toEqual([text]);
      const third = await client.query(text, [3]);
      expect(third.rows).toHaveLength(1);
      expect(await prepared()).toEqual([text]);
      // Three sends of the statement and three of the question.
      expect(tally.statements).toBe(6);
    } finally {
      await client.end();
    }
  });

  it('names no more statements than its bound on one connection; the rest still run unnamed', async () => {
    const { client, prepared } = await connected(2);
    try {
      const texts = [fresh(), fresh(), fresh()];
      for (const text of texts) for (const value of [1, 2, 3]) await client.query(text, [value]);
      expect(await prepared()).toEqual(texts.slice(0, 2));
      expect((await client.query(texts[2]!, [40])).rows[0]).toBeDefined();
    } finally {
      await client.end();
    }
  });

  it('leaves transaction control and several commands in one text unnamed, and they still run', async () => {
    const { client, prepared } = await connected();
    try {
      for (let round = 0; round < 3; round++) {
        await client.query('begin', []);
        await client.query('select 1; select 2', []);
        await client.query('commit', []);
      }
      expect(await prepared()).toEqual([]);
    } finally {
      await client.end();
    }
  });

  it("a pool's statements stay prepared across checkouts, and the store counts them", async () => {
    const { db, statements } = openPostgres(database.location, 1);
    try {
      const before = statements.statements;
      const value = Number.parseInt(randomBytes(3).toString('hex'), 16);
      for (let round = 0; round < 3; round++) await sql`select ${round}::int + ${sql.lit(value)} as value`.execute(db);
      const { rows } = await sql<{ count: string }>`select count(*) as count from pg_prepared_statements
        where statement like ${`%+ ${value} as value`}`.execute(db);
      expect(Number(rows[0]!.count)).toBe(1);
      expect(statements.statements - before).toBe(4);
    } finally {
      await db.destroy();
    }
  });

  it('a prepared select * whose table gained a column fails once, then runs prepared again with the new column', async () => {
    const { client, prepared } = await connected();
    const other = new pg.Client({ connectionString: database.location });
    await other.connect();
    try {
      const table = `grown_${randomBytes(4).toString('hex')}`;
      await other.query(`create table ${table} (id int primary key, name text)`);
      await other.query(`insert into ${table} values (1, 'one')`);
      const text = `select * from ${table} where id = $1`;
      await client.query(text, [1]);
      await client.query(text, [1]);
      expect(await prepared()).toEqual([text]);
      // Another process (a newer Orderline starting) adds a column.
      await other.query(`alter table ${table} add column note text`);
      const refusal = await client.query(text, [1]).catch((error: unknown) => error);
      expect(refusal).toMatchObject({ code: '0A000' });
      const again = await client.query(text, [1]);
      expect(Object.keys(again.rows[0])).toEqual(['id', 'name', 'note']);
      expect((await prepared()).filter((statement) => statement === text)).toHaveLength(2);
    } finally {
      await other.end();
      await client.end();
    }
  });
});
