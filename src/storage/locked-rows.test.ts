import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSalesMetadata } from '../domain/metadata/sales-metadata.js';
import type { Row } from './column-codec.js';
import { createLockedRows } from './locked-rows.js';
import { createRecordRepository, type RecordRepository } from './record-repository.js';
import { type Executor, openStore, type Store } from './store.js';

describe('locked rows', () => {
  it('are handed out as copies, each cache keeping its own', () => {
    const rows = createLockedRows('sqlite');
    rows.keep('account', 'a', { name: 'Kept' });
    const first = rows.get('account', 'a')!;
    first.name = 'Changed by a caller';
    expect(rows.get('account', 'a')).toEqual({ name: 'Kept' });
    expect(createLockedRows('sqlite').get('account', 'a')).toBeUndefined();
  });

  it('are dropped one by one, or a whole table at a time', () => {
    const rows = createLockedRows('sqlite');
    rows.keep('account', 'a', { name: 'A' });
    rows.keep('account', 'b', { name: 'B' });
    rows.keep('contact', 'c', { fullname: 'C' });
    rows.forget('account', 'a');
    expect(rows.get('account', 'a')).toBeUndefined();
    expect(rows.get('account', 'b')).toEqual({ name: 'B' });
    rows.forgetTable('account');
    expect(rows.get('account', 'b')).toBeUndefined();
    expect(rows.get('contact', 'c')).toEqual({ fullname: 'C' });
  });

  it('count every read of a SQLite unit of work as locked, only FOR UPDATE on PostgreSQL', () => {
    expect(createLockedRows('sqlite').isLockedRead(undefined)).toBe(true);
    expect(createLockedRows('postgres').isLockedRead(undefined)).toBe(false);
    expect(createLockedRows('postgres').isLockedRead(true)).toBe(true);
  });

  it('name a row by its uuid in either case on PostgreSQL, exactly on SQLite', () => {
    const id = 'ab12cd34-0000-4000-8000-00000000000a';
    for (const [dialect, found] of [
      ['postgres', true],
      ['sqlite', false],
    ] as const) {
      const rows = createLockedRows(dialect);
      rows.keep('account', id, { name: 'A' });
      expect(rows.get('account', id.toUpperCase()) !== undefined).toBe(found);
      rows.forget('account', id.toUpperCase());
      expect(rows.get('account', id) === undefined).toBe(found);
    }
  });
});

describe('the record repository in a unit of work that keeps locked rows (SQLite)', () => {
  const metadata = createSalesMetadata();
  const accounts = metadata.table('account')!;
  let folder: string;
  let store: Store;
  let records: RecordRepository;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'orderline-locked-rows-'));
    store = await openStore(join(folder, 'store.db'), metadata);
    records = createRecordRepository(store.dialect, metadata.tables);
  });

  afterAll(async () => {
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  });

  /** Changes the row behind the repository's back, as SQL of another module would. */
  const renameAround = (trx: Executor, id: string, name: string) =>
    trx.updateTable('account').set({ name }).where('accountid', '=', id).execute();

  async function newAccount(trx: Executor): Promise<string> {
    const id = randomUUID();
    await records.insert(trx, accounts, { accountid: id, name: 'First', statecode: 0, statuscode: 1 } as Row);
    return id;
  }

  /** The repository as a unit of work on `trx` sees it, keeping its own locked rows. */
  const keeping = (trx: Executor) => records.keepingLockedRows(trx, records.newLockedRows());

  it('reads a row once, and again after writing it through the repository', async () => {
    await store.transaction(async (trx) => {
      const records = keeping(trx);
      const id = await newAccount(trx);
      expect((await records.find(trx, accounts, id))?.name).toBe('First');
      await renameAround(trx, id, 'Behind its back');
      expect((await records.find(trx, accounts, id))?.name).toBe('First');

      await records.update(trx, accounts, id, { name: 'Second' });
      expect((await records.find(trx, accounts, id))?.name).toBe('Second');

      await renameAround(trx, id, 'Third');
      records.forgetRows(trx, accounts);
      expect((await records.find(trx, accounts, id))?.name).toBe('Third');

      await records.delete(trx, accounts, id);
      expect(await records.find(trx, accounts, id)).toBeUndefined();
    });
  });

  it('reads every time where no unit of work asked to keep rows', async () => {
    await store.transaction(async (trx) => {
      const id = await newAccount(trx);
      expect((await records.find(trx, accounts, id))?.name).toBe('First');
      await renameAround(trx, id, 'Changed');
      expect((await records.find(trx, accounts, id))?.name).toBe('Changed');
    });
  });

  it("reads every time on an executor other than the unit of work's", async () => {
    await store.transaction(async (trx) => {
      const id = await newAccount(trx);
      const other = records.keepingLockedRows(store.db, records.newLockedRows());
      expect((await other.find(trx, accounts, id))?.name).toBe('First');
      await renameAround(trx, id, 'Changed');
      expect((await other.find(trx, accounts, id))?.name).toBe('Changed');
    });
  });

  it('hands each reader its own copy of a kept row', async () => {
    await store.transaction(async (trx) => {
      const records = keeping(trx);
      const id = await newAccount(trx);
      const first = (await records.find(trx, accounts, id))!;
      first.name = 'Changed in memory only';
      expect((await records.find(trx, accounts, id))?.name).toBe('First');
    });
  });
});
