import {
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type RawBuilder,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  sql,
} from 'kysely';
import { describe, expect, it } from 'vitest';
import { createRowStatements } from './row-statements.js';

/** Any table, any column: the statements under test name tables the schema does not have. */
type AnyTables = Record<string, Record<string, unknown>>;

/** A Kysely whose driver only records what it is asked to run. */
function recordingKysely(dialect: 'sqlite' | 'postgres') {
  const executed: CompiledQuery[] = [];
  const connection: DatabaseConnection = {
    async executeQuery(query) {
      executed.push(query);
      return { rows: [] };
    },
    async *streamQuery() {},
  };
  const driver: Driver = {
    async init() {},
    async acquireConnection() {
      return connection;
    },
    async beginTransaction() {},
    async commitTransaction() {},
    async rollbackTransaction() {},
    async releaseConnection() {},
    async destroy() {},
  };
  const postgres = dialect === 'postgres';
  const kyselyDialect: Dialect = {
    createAdapter: () => (postgres ? new PostgresAdapter() : new SqliteAdapter()),
    createDriver: () => driver,
    createIntrospector: (db) => (postgres ? new PostgresIntrospector(db) : new SqliteIntrospector(db)),
    createQueryCompiler: () => (postgres ? new PostgresQueryCompiler() : new SqliteQueryCompiler()),
  };
  return { db: new Kysely<AnyTables>({ dialect: kyselyDialect }), executed };
}

const noStamp: Readonly<Record<string, RawBuilder<unknown>>> = {};
const xidStamp = { ol_xid: sql`pg_current_xact_id()` };

/** Rows of one shape with different values, including nulls, bigints and a left-out column. */
const rows: Array<Record<string, unknown>> = [
  { lineid: 'a', quantity: 20000n, name: 'Widget', note: null, skipped: undefined },
  { lineid: 'b', quantity: 5n, name: 'Gadget', note: 'n', skipped: undefined },
  { lineid: 'c', quantity: null, name: "O'Brien", note: null, skipped: undefined },
];

describe.each(['sqlite', 'postgres'] as const)('row statements on %s', (dialect) => {
  const stamps = dialect === 'postgres' ? [noStamp, xidStamp] : [noStamp];

  it.each(stamps.map((stamp) => [Object.keys(stamp).join() || 'no stamp', stamp] as const))(
    'insert what the builder inserts, every time a shape recurs (%s)',
    async (_name, stamp) => {
      const { db, executed } = recordingKysely(dialect);
      const statements = createRowStatements();
      for (const row of rows) {
        await statements.insert(db, 'line', row, stamp);
        const expected = db
          .insertInto('line')
          .values({ ...row, ...stamp })
          .compile();
        expect(executed.at(-1)?.sql).toBe(expected.sql);
        expect(executed.at(-1)?.parameters).toEqual(expected.parameters);
      }
    },
  );

  it.each(stamps.map((stamp) => [Object.keys(stamp).join() || 'no stamp', stamp] as const))(
    'update what the builder updates, every time a shape recurs (%s)',
    async (_name, stamp) => {
      const { db, executed } = recordingKysely(dialect);
      const statements = createRowStatements();
      for (const row of rows) {
        const { lineid, ...changes } = row;
        await statements.update(db, 'line', 'lineid', String(lineid), changes, stamp);
        const expected = db
          .updateTable('line')
          .set({ ...changes, ...stamp })
          .where('lineid', '=', lineid)
          .compile();
        expect(executed.at(-1)?.sql).toBe(expected.sql);
        expect(executed.at(-1)?.parameters).toEqual(expected.parameters);
      }
    },
  );

  it('selects a row by id, with and without a lock, as the builder does', async () => {
    const { db, executed } = recordingKysely(dialect);
    const statements = createRowStatements();
    for (const [id, forUpdate] of [
      ['a', false],
      ['b', true],
      ['c', false],
      ['d', true],
    ] as const) {
      await statements.select(db, 'line', 'lineid', id, forUpdate);
      const query = db.selectFrom('line').selectAll().where('lineid', '=', id);
      const expected = (forUpdate ? query.forUpdate() : query).compile();
      expect(executed.at(-1)?.sql).toBe(expected.sql);
      expect(executed.at(-1)?.parameters).toEqual(expected.parameters);
    }
  });

  it('keeps shapes of different tables and column sets apart', async () => {
    const { db, executed } = recordingKysely(dialect);
    const statements = createRowStatements();
    await statements.insert(db, 'line', { a: 1, b: 2 }, noStamp);
    await statements.insert(db, 'line', { b: 2, a: 1 }, noStamp);
    await statements.insert(db, 'order', { a: 1, b: 2 }, noStamp);
    await statements.insert(db, 'line', { a: 1, b: undefined }, noStamp);
    expect(executed.map((query) => query.sql)).toEqual([
      db.insertInto('line').values({ a: 1, b: 2 }).compile().sql,
      db.insertInto('line').values({ b: 2, a: 1 }).compile().sql,
      db.insertInto('order').values({ a: 1, b: 2 }).compile().sql,
      db.insertInto('line').values({ a: 1 }).compile().sql,
    ]);
    expect(executed[1]?.parameters).toEqual([2, 1]);
  });
});
