import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSalesMetadata } from '../domain/metadata/sales-metadata.js';
import { openStore } from './store.js';

describe('the indexes the schema gets', () => {
  let folder: string;
  let db: Database.Database;
  let indexNames: (table: string) => string[];

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'orderline-schema-'));
    const file = join(folder, 'store.db');
    await (await openStore(file, createSalesMetadata())).close();
    db = new Database(file, { readonly: true });
    indexNames = (table) => (db.pragma(`index_list(${table})`) as { name: string }[]).map((index) => index.name).sort();
  });
  afterAll(() => {
    db.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('indexes the lookups a parent reads its children by, restrict relationships included', () => {
    // opportunity_sales_orders and quote_orders are Delete: Restrict, so the delete of an opportunity or a
    // quote looks its orders up by these columns, as `$expand` of the orders does.
    expect(indexNames('salesorder')).toEqual(
      expect.arrayContaining(['ix_salesorder_opportunityid', 'ix_salesorder_quoteid', 'ix_salesorder_ownerid']),
    );
  });
});
