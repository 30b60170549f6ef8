/**
 * The primary names of rows of a table named at run time (`name` of an account), for the formatted
 * values of the lookups that point at them. Untyped inside storage, like the record repository.
 */
import type { TableMetadata } from '../domain/metadata/table-metadata.js';
import type { Executor } from './store.js';

/** Each found row's primary name by its id, in one query; an unset name is the empty text. */
export async function primaryNames(
  trx: Executor,
  table: TableMetadata,
  ids: readonly string[],
): Promise<Map<string, string>> {
  const found = await trx
    .selectFrom(table.logicalName)
    .select([table.primaryId, table.primaryName])
    .where(table.primaryId, 'in', ids)
    .execute();
  return new Map(found.map((row) => [String(row[table.primaryId]), String(row[table.primaryName] ?? '')]));
}
