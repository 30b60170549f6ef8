/**
 * Quote, order and invoice numbers come from the store's counters: consecutive from 1001 on a new
 * database, never given twice to concurrent creates, and, on PostgreSQL, continued by the sequences
 * that replaced the counter rows of databases created before them.
 */
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createSalesMetadata } from '../../src/domain/metadata/sales-metadata.js';
import { openStore, type Store } from '../../src/storage/store.js';
import { createTestDatabase, TEST_STORES, type TestDatabase } from '../support/test-stores.js';

let database: TestDatabase | undefined;
let store: Store | undefined;

afterEach(async () => {
  await store?.close();
  store = undefined;
  await database?.drop();
  database = undefined;
});

async function freshStore(kind: (typeof TEST_STORES)[number]): Promise<Store> {
  database = await createTestDatabase(kind, { schema: 'migrated' });
  store = await openStore(database.location, createSalesMetadata());
  return store;
}

describe.each(TEST_STORES)('number counters (%s)', (kind) => {
  it('start at 1001 and count up, each counter on its own', async () => {
    const numbers = await freshStore(kind);
    const next = (counter: 'quote' | 'salesorder' | 'invoice') =>
      numbers.transaction((trx) => numbers.nextNumber(trx, counter));
    expect([await next('salesorder'), await next('salesorder'), await next('quote'), await next('salesorder')]).toEqual(
      [1001n, 1002n, 1001n, 1003n],
    );
    expect(await next('invoice')).toBe(1001n);
  });

  it('never give one number to two creates running at once', async () => {
    const numbers = await freshStore(kind);
    const given = await Promise.all(
      Array.from({ length: 40 }, () =>
        numbers.transaction(async (trx) => {
          const number = await numbers.nextNumber(trx, 'salesorder');
          // The rest of a create's transaction, during which other creates go on.
          await new Promise((resolve) => setTimeout(resolve, 5));
          return number;
        }),
      ),
    );
    expect(new Set(given).size).toBe(40);
  });
});

describe.skipIf(!TEST_STORES.includes('postgres'))('number sequences on PostgreSQL', () => {
  it('continue from the counter rows of a database numbered before they existed', async () => {
    const before = await freshStore('postgres');
    // The database as the previous release left it: counter rows, no sequences, migration 0003 not run
    // (nor, then, the later ones: Kysely runs migrations in order).
    await sql`drop sequence ol_salesordernumber, ol_quotenumber, ol_invoicenumber`.execute(before.db);
    await before.db.deleteFrom('ol_migration').where('name', '>=', '0003-number-sequences').execute();
    await before.db.insertInto('ol_counter').values({ name: 'salesordernumber', value: 1500 }).execute();
    await before.close();

    store = await openStore(database!.location, createSalesMetadata());
    const after = store;
    expect(await after.transaction((trx) => after.nextNumber(trx, 'salesorder'))).toBe(1501n);
    expect(await after.transaction((trx) => after.nextNumber(trx, 'quote'))).toBe(1001n);
  });
});
