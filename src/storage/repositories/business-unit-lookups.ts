/** Business units found by their place in the hierarchy, outside the record repository. */
import type { TypedExecutor } from '../database/database.js';

/** The root business unit: the one without a parent (provisioning creates exactly one). */
export async function rootBusinessUnitId(db: TypedExecutor): Promise<string | undefined> {
  const row = await db
    .selectFrom('businessunit')
    .select('businessunitid')
    .where('parentbusinessunitid', 'is', null)
    .executeTakeFirst();
  return row ? String(row.businessunitid) : undefined;
}
