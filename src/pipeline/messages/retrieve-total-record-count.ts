/**
 * RetrieveTotalRecordCount (Learn: "RetrieveTotalRecordCount Function", "Count rows using OData"): how
 * many rows each named table holds. Dataverse answers from a snapshot taken within the past 24 hours,
 * of the whole table. Orderline counts at the moment of the call, and only the rows the caller may read:
 * every query keeps to the caller's read scope (docs/security.md), and a count of rows one may not see
 * is still a fact about them. A table the caller may not read at all is refused (403) as its listing is.
 */
import { notFound } from '../../domain/errors.js';
import type { TableMetadata } from '../../domain/metadata/table-metadata.js';
import { readScope, requireReadAccess } from '../../security/authorization.js';
import { createFilterCompiler } from '../../storage/query/filter-to-sql.js';
import { countRows } from '../../storage/query/select-rows.js';
import type { Query } from './message.js';

export interface RecordCount {
  readonly logicalName: string;
  readonly count: number;
}

export const retrieveTotalRecordCount: Query<{ readonly entityNames: readonly string[] }, RecordCount[]> = async (
  context,
  { entityNames },
) => {
  const { services, caller } = context;
  const tables: TableMetadata[] = entityNames.map((name) => {
    const table = services.metadata.table(name);
    if (!table) {
      throw notFound(
        `The entity with a name = '${name}' with namemapping = 'Logical' was not found in the MetadataCache.`,
      );
    }
    requireReadAccess(caller, table);
    return table;
  });
  const compiler = createFilterCompiler(
    services.metadata,
    services.store.dialect,
    { userId: caller.user.userId, businessUnitId: caller.user.businessUnitId, now: services.clock.now() },
    (table) => readScope(caller, table),
  );
  const counts: RecordCount[] = [];
  for (const table of tables) {
    counts.push({ logicalName: table.logicalName, count: await countRows(context.trx, compiler, { table }) });
  }
  return counts;
};
