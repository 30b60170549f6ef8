/**
 * Rows that many writes consult: the organization (its settings decide precision, pricing and the
 * order processing switch) and currencies (their precision and exchange rate). The organization is
 * read inside the caller's unit of work every time, so a settings change is seen at once by every
 * process; currencies are cached in-process and dropped whenever a currency is written here.
 */
import type { MetadataRegistry } from '../domain/metadata/metadata-registry.js';
import type { Row } from '../domain/record.js';
import type { RecordRepository } from '../storage/record-repository.js';
import type { Executor } from '../storage/store.js';

export interface ReferenceData {
  organization(trx: Executor): Promise<Row>;
  currency(trx: Executor, currencyId: string): Promise<Row | undefined>;
  /** Forget what the given tables' writes made stale. */
  invalidate(tables: ReadonlySet<string>): void;
}

export function createReferenceData(metadata: MetadataRegistry, records: RecordRepository): ReferenceData {
  const organizationTable = metadata.table('organization')!;
  const currencyTable = metadata.table('transactioncurrency')!;
  const currencies = new Map<string, Row>();
  return {
    async organization(trx) {
      const row = await trx.selectFrom('organization').selectAll().limit(1).executeTakeFirst();
      if (!row) throw new Error('The organization row is missing: the database was not provisioned');
      return records.decodeRow(organizationTable, row);
    },
    async currency(trx, currencyId) {
      const cached = currencies.get(currencyId);
      if (cached) return cached;
      const row = await records.find(trx, currencyTable, currencyId);
      if (row) currencies.set(currencyId, row);
      return row;
    },
    invalidate(tables) {
      if (tables.has('transactioncurrency')) currencies.clear();
    },
  };
}
