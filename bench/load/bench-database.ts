/**
 * The load suite's own PostgreSQL database: created fresh on BENCH_PG_URL so every run starts from the
 * same empty state, counted after the load for the integrity check, and dropped (`with (force)`, as
 * the servers may still hold connections) at the end.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const PG_SERVER_URL =
  process.env.BENCH_PG_URL ?? process.env.ORDERLINE_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface Database {
  readonly name: string;
  readonly url: string;
  count(table: 'salesorder' | 'salesorderdetail'): Promise<number>;
  drop(): Promise<void>;
}

export async function createDatabase(): Promise<Database> {
  const name = `orderline_bench_${randomBytes(6).toString('hex')}`;
  const onServer = async <T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  await onServer(PG_SERVER_URL, (client) => client.query(`create database ${name}`));
  const url = new URL(PG_SERVER_URL);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    count: (table) =>
      onServer(url.toString(), async (client) =>
        Number((await client.query(`select count(*) from ${table}`)).rows[0].count),
      ),
    drop: () =>
      onServer(PG_SERVER_URL, (client) => client.query(`drop database if exists ${name} with (force)`)).then(
        () => undefined,
      ),
  };
}
