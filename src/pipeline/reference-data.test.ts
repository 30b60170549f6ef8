import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSalesMetadata } from '../domain/metadata/sales-metadata.js';
import { createRecordRepository, type RecordRepository } from '../storage/record-repository.js';
import { openStore, type Store } from '../storage/store.js';
import { createReferenceData } from './reference-data.js';

describe('the organization settings of reference data', () => {
  const metadata = createSalesMetadata();
  const organizations = metadata.table('organization')!;
  const organizationId = randomUUID();
  let folder: string;
  let store: Store;
  let records: RecordRepository;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'orderline-reference-data-'));
    store = await openStore(join(folder, 'store.db'), metadata);
    records = createRecordRepository(store.dialect, metadata.tables);
    await store.transaction(async (trx) =>
      records.insert(trx, organizations, {
        organizationid: organizationId,
        name: 'Orderline',
        pricingdecimalprecision: 2,
        versionnumber: await store.nextVersion(trx),
      }),
    );
  });

  afterAll(async () => {
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('decodes the row once while its version stays, and shares it read-only', async () => {
    const referenceData = createReferenceData(metadata, records, store.db);
    const first = await store.transaction((trx) => referenceData.organization(trx));
    const again = await store.transaction((trx) => referenceData.organization(trx));
    expect(again).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
  });

  it('reads a change made by another process in the next unit of work, as its version moved', async () => {
    const referenceData = createReferenceData(metadata, records, store.db);
    const before = await store.transaction((trx) => referenceData.organization(trx));
    expect(before.pricingdecimalprecision).toBe(2);
    // Another process: its commit reaches this one through the database only, never through invalidate().
    await store.transaction(async (trx) =>
      records.update(trx, organizations, organizationId, {
        pricingdecimalprecision: 3,
        versionnumber: await store.nextVersion(trx),
      }),
    );
    const after = await store.transaction((trx) => referenceData.organization(trx));
    expect(after.pricingdecimalprecision).toBe(3);
    expect(await referenceData.organization(store.db)).toBe(after);
  });
});
