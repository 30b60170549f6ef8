/**
 * Quotes are keyed by (quotenumber, revisionnumber): a revision keeps its quote's number. A database
 * written by the previous release, keyed by quotenumber alone and holding quotes without a revision
 * number, is brought to the new shape when it is opened: its quotes become revision 0, and a revision
 * under an existing number can be stored, while the same number and revision twice is still refused.
 */
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createSalesMetadata } from '../../src/domain/metadata/sales-metadata.js';
import { createRecordRepository } from '../../src/storage/record-repository.js';
import { openStore, type Store } from '../../src/storage/store.js';
import { createTestDatabase, TEST_STORES, type TestDatabase } from '../support/test-stores.js';

const metadata = createSalesMetadata();
const quotes = metadata.table('quote')!;
const id = (n: number) => `00000000-0000-4000-8000-${n.toString().padStart(12, '0')}`;

let database: TestDatabase | undefined;
let store: Store | undefined;

afterEach(async () => {
  await store?.close();
  store = undefined;
  await database?.drop();
  database = undefined;
});

describe.each(TEST_STORES)('the quote revision key (%s)', (kind) => {
  it('an old database keyed by quotenumber alone is migrated: revision 0, and revisions share a number', async () => {
    database = await createTestDatabase(kind);
    const before = await openStore(database.location, metadata);
    // The database as the previous release left it: a unique quotenumber, quotes without revision numbers.
    await before.db.schema.dropIndex('ak_quote_quotenumber_revisionnumber').execute();
    await before.db.schema.createIndex('ak_quote_quotenumber').unique().on('quote').column('quotenumber').execute();
    await before.db.deleteFrom('ol_migration').where('name', '>=', '0004-quote-revision-key').execute();
    const oldRecords = createRecordRepository(before.dialect, metadata.tables);
    await oldRecords.insert(before.db, quotes, { quoteid: id(1), name: 'Old one', quotenumber: 'QUO-01001-AAAA' });
    await oldRecords.insert(before.db, quotes, { quoteid: id(2), name: 'Old two', quotenumber: 'QUO-01002-BBBB' });
    await expect(
      oldRecords.insert(before.db, quotes, { quoteid: id(3), name: 'Blocked', quotenumber: 'QUO-01001-AAAA' }),
    ).rejects.toMatchObject({ kind: 'duplicateRecord' });
    await before.close();

    store = await openStore(database.location, metadata);
    const records = createRecordRepository(store.dialect, metadata.tables);
    const revisions = await store.db
      .selectFrom('quote')
      .select(['quotenumber', 'revisionnumber'])
      .orderBy('quotenumber')
      .execute();
    expect(revisions.map((row) => [row.quotenumber, Number(row.revisionnumber)])).toEqual([
      ['QUO-01001-AAAA', 0],
      ['QUO-01002-BBBB', 0],
    ]);
    await records.insert(store.db, quotes, {
      quoteid: id(4),
      name: 'Revision',
      quotenumber: 'QUO-01001-AAAA',
      revisionnumber: 1,
    });
    await expect(
      records.insert(store.db, quotes, {
        quoteid: id(5),
        name: 'Twice',
        quotenumber: 'QUO-01001-AAAA',
        revisionnumber: 1,
      }),
    ).rejects.toMatchObject({ kind: 'duplicateRecord' });
    const count = await sql<{ n: number }>`select count(*) as n from quote`.execute(store.db);
    expect(Number(count.rows[0]!.n)).toBe(3);
  });
});
