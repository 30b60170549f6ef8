/**
 * Rows that many writes consult: the organization (its settings decide precision, pricing and the
 * order processing switch) and currencies (their precision and exchange rate). The organization is
 * looked up once per unit of work (remembered for that transaction only), so a settings change is
 * seen by the next unit of work of every process; currencies are cached in-process and dropped
 * whenever a currency is written here.
 *
 * Looking the organization up reads only its row version: the whole row (dozens of columns) is read
 * and decoded again only when the version differs from the one this process last decoded. Every write
 * of a row gives it a new version, whichever process makes it, so an unchanged version is an
 * unchanged row.
 */
import type { MetadataRegistry } from '../domain/metadata/metadata-registry.js';
import type { Row } from '../domain/record.js';
import type { RecordRepository } from '../storage/record-repository.js';
import { organizationVersion, storedOrganization } from '../storage/repositories/organization-store.js';
import type { Executor } from '../storage/store.js';

export interface ReferenceData {
  organization(trx: Executor): Promise<Row>;
  /** Forget the organization remembered for this unit of work (it was just written). */
  forgetOrganization(trx: Executor): void;
  currency(trx: Executor, currencyId: string): Promise<Row | undefined>;
  /** Forget what the given tables' writes made stale. */
  invalidate(tables: ReadonlySet<string>): void;
}

/** `shared` is the executor used outside transactions: reads through it are never remembered. */
export function createReferenceData(
  metadata: MetadataRegistry,
  records: RecordRepository,
  shared?: Executor,
): ReferenceData {
  const organizationTable = metadata.table('organization')!;
  const currencyTable = metadata.table('transactioncurrency')!;
  const currencies = new Map<string, Row>();
  // Keyed by the transaction's executor: it dies with the unit of work, and so does the entry.
  const organizations = new WeakMap<Executor, Promise<Row>>();
  // Shared by every unit of work that finds the same version, hence frozen.
  let decoded: { readonly version: string; readonly row: Readonly<Row> } | undefined;
  const missing = () => new Error('The organization row is missing: the database was not provisioned');
  const readOrganization = async (trx: Executor): Promise<Row> => {
    const version = await organizationVersion(trx);
    if (version === undefined) throw missing();
    if (decoded && decoded.version === version) return decoded.row;
    const stored = await storedOrganization(trx);
    if (!stored) throw missing();
    const row = Object.freeze(records.decodeRow(organizationTable, stored));
    // Keyed by the version of the row read, which a concurrent commit may have moved past `version`.
    decoded = { version: String(row.versionnumber), row };
    return row;
  };
  return {
    organization(trx) {
      if (trx === shared) return readOrganization(trx);
      let row = organizations.get(trx);
      if (!row) {
        row = readOrganization(trx);
        organizations.set(trx, row);
        row.catch(() => organizations.delete(trx));
      }
      return row;
    },
    forgetOrganization(trx) {
      organizations.delete(trx);
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
