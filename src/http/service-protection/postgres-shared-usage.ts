/**
 * Service protection usage pooled in the database (src/storage/repositories/service-limit-usage.ts),
 * for several processes serving the same users on one PostgreSQL.
 */
import { addUsage, createUsageTable, pruneUsage, readUsage } from '../../storage/repositories/service-limit-usage.js';
import type { Store } from '../../storage/store.js';
import type { SharedUsage } from './shared-usage.js';

export async function postgresSharedUsage(db: Store['db']): Promise<SharedUsage> {
  await createUsageTable(db);
  return {
    add: (deltas) => addUsage(db, deltas),
    read: (userIds, fromStart) => readUsage(db, userIds, fromStart),
    prune: (beforeStart) => pruneUsage(db, beforeStart),
  };
}
