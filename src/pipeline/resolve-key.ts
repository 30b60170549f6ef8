/** Finds the row an `EntityKey` names: by id, or by one of the table's alternate keys. */
import type { EntityKey } from '../domain/entity-key.js';
import { invalidArgument } from '../domain/errors.js';
import type { TableMetadata } from '../domain/metadata/table-metadata.js';
import type { Row } from '../domain/record.js';
import type { RecordRepository } from '../storage/record-repository.js';
import type { Executor } from '../storage/store.js';
import type { ExecutionContext } from './execution-context.js';

/** The row a key names, read with any executor (a transaction or the shared connection). */
export async function findRowByKey(
  records: RecordRepository,
  executor: Executor,
  table: TableMetadata,
  key: EntityKey,
  options: { forUpdate?: boolean } = {},
): Promise<Row | undefined> {
  if (key.kind === 'id') return records.find(executor, table, key.id, options);
  const names = Object.keys(key.values).sort();
  const matches = table.alternateKeys.some((columns) => [...columns].sort().join(',') === names.join(','));
  if (!matches) {
    throw invalidArgument(`${names.join(', ')} is not an alternate key of ${table.logicalName}.`);
  }
  return records.findByKey(executor, table, key.values);
}

export function findByEntityKey(
  context: ExecutionContext,
  table: TableMetadata,
  key: EntityKey,
  options: { forUpdate?: boolean } = {},
): Promise<Row | undefined> {
  return findRowByKey(context.services.records, context.trx, table, key, options);
}
