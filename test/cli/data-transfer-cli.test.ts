/**
 * `orderline seed --demo`, `orderline import` and `orderline export` as an operator runs them: a child
 * process on ORDERLINE_DB, with exit codes, a summary on stdout and problems on stderr.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCsvTable } from '../../src/data-transfer/csv-table.js';
import { createTestDatabase, TEST_STORES, type TestDatabase } from '../support/test-stores.js';
import { runOrderline } from './run-orderline.js';

/** Rows of a table, read straight from the database the child process wrote. */
async function countRows(database: TestDatabase, table: string, where = ''): Promise<number> {
  const query = `select count(*) as rows from ${table} ${where}`;
  if (database.kind === 'sqlite') {
    const db = new Database(database.location, { readonly: true });
    try {
      return Number((db.prepare(query).get() as { rows: number }).rows);
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: database.location });
  await client.connect();
  try {
    return Number((await client.query(query)).rows[0].rows);
  } finally {
    await client.end();
  }
}

for (const kind of TEST_STORES) {
  describe(`the orderline data commands on ${kind}`, () => {
    let database: TestDatabase;
    let folder: string;
    const orderline = (...args: string[]) => runOrderline(database.location, args, folder);

    beforeAll(async () => {
      database = await createTestDatabase(kind, { schema: 'migrated' });
      folder = mkdtempSync(join(tmpdir(), 'orderline-cli-'));
    });
    afterAll(async () => {
      await database?.drop();
      rmSync(folder, { recursive: true, force: true });
    });

    it('seed --demo adds the demo company once, and says so when it is already there', async () => {
      const first = await orderline('seed', '--demo');
      expect(first.stderr).toBe('');
      expect(first).toMatchObject({ code: 0 });
      expect(first.stdout).toMatch(/^Demo added to .*: 20 products on 2 price lists, 10 customers, 4 salespeople/);
      expect(first.stdout).toContain('3 Submitted');
      // Said plainly: the demo turned the integration on, and no back office is connected to it.
      expect(first.stdout).toContain('The demo turned the order processing integration ON');
      expect(first.stdout).toMatch(/on but no back office is connected: submitted orders are locked/);
      const orders = await countRows(database, 'salesorder');

      const again = await orderline('seed', '--demo');
      expect(again).toMatchObject({ code: 0 });
      expect(again.stdout).toMatch(/^Nothing added to .*: the demo is already there/);
      expect(await countRows(database, 'salesorder')).toBe(orders);
    }, 120_000);

    it('import refuses a file with a bad row: exit 1, the line on stderr, nothing imported', async () => {
      writeFileSync(
        join(folder, 'bad.csv'),
        'productnumber,name,price\nNEW-1,Fine,1\nNEW-2,Comma,"12,5"\nNEW-3,Fine,3\n',
      );
      const result = await orderline('import', 'products', 'bad.csv');
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe('Nothing imported: bad.csv has 1 problem.\nline 3: price "12,5" is not a number\n');
      expect(await countRows(database, 'product', `where productnumber like 'NEW-%'`)).toBe(0);
    }, 60_000);

    it('import checks with --dry-run, then imports and publishes, with a summary line and no bar off a terminal', async () => {
      writeFileSync(
        join(folder, 'good.csv'),
        'productnumber,name,price,defaultuomid\nNEW-1,Desk lamp,19.5,Each\nNEW-2,Setup,80,Hour\n',
      );
      const dryRun = await orderline('import', 'products', 'good.csv', '--dry-run');
      expect(dryRun).toEqual({
        code: 0,
        stdout: 'good.csv: all 2 rows are valid (2 new, 0 updates); nothing was written (--dry-run).\n',
        stderr: '',
      });
      expect(await countRows(database, 'product', `where productnumber like 'NEW-%'`)).toBe(0);

      const imported = await orderline('import', 'products', 'good.csv', '--publish');
      expect(imported.stderr).toBe('');
      expect(imported.code).toBe(0);
      expect(imported.stdout).toMatch(
        /^Imported 2 products from good\.csv: 2 created, 0 updated, 2 published in [\d.]+ s \([\d,]+ rows\/s\)\.\n$/,
      );
      expect(await countRows(database, 'product', `where productnumber like 'NEW-%' and statecode = 0`)).toBe(2);
    }, 60_000);

    it('export writes CSV to stdout or to a file, and import reads it back', async () => {
      const products = await orderline('export', 'products');
      expect(products.code).toBe(0);
      const table = readCsvTable(products.stdout);
      expect(table.header.slice(0, 3)).toEqual(['productnumber', 'name', 'description']);
      expect(table.rows.map((row) => row.cells[0])).toContain('NEW-2');

      const toFile = await orderline('export', 'pricelistitems', '--out', 'items.csv');
      expect(toFile).toEqual({ code: 0, stdout: 'Exported 41 pricelistitems to items.csv.\n', stderr: '' });
      const back = await orderline('import', 'pricelistitems', 'items.csv');
      expect(back.stdout).toMatch(/^Imported 41 pricelistitems from items\.csv: 0 created, 41 updated in /);

      const orders = await orderline('export', 'orders', '--out', 'orders.csv');
      expect(orders.code).toBe(0);
      const exported = readCsvTable(readFileSync(join(folder, 'orders.csv'), 'utf8'));
      expect(exported.header).toContain('totalamount');
      expect(exported.rows).toHaveLength(await countRows(database, 'salesorder'));
    }, 120_000);

    it('refuses a kind it does not know', async () => {
      const result = await orderline('export', 'invoices');
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(
        'Cannot export "invoices": choose one of products, pricelists, pricelistitems, orders.\n',
      );
    }, 60_000);
  });
}
