/** The SQL that asks whether the database holds an organization: first start, and the readiness probe. */
import type { TypedExecutor } from '../database/database.js';

/** The organization's id, or undefined on a database never provisioned. */
export async function findOrganizationId(db: TypedExecutor): Promise<string | undefined> {
  const row = await db.selectFrom('organization').select('organizationid').limit(1).executeTakeFirst();
  return row ? String(row.organizationid) : undefined;
}

/** The organization's id; throws on a database never provisioned. */
export async function requireOrganizationId(db: TypedExecutor): Promise<string> {
  const row = await db.selectFrom('organization').select('organizationid').executeTakeFirstOrThrow();
  return String(row.organizationid);
}

/** The organization's base currency; throws on a database never provisioned. */
export async function baseCurrencyId(db: TypedExecutor): Promise<string> {
  const row = await db.selectFrom('organization').select('basecurrencyid').executeTakeFirstOrThrow();
  return String(row.basecurrencyid);
}

export interface OrganizationIdentity {
  readonly organizationId: string;
  readonly name: string | null;
}

/** The organization's id and name, as connectors tell a back office; undefined on a database never provisioned. */
export async function organizationIdentity(db: TypedExecutor): Promise<OrganizationIdentity | undefined> {
  const row = await db.selectFrom('organization').select(['organizationid', 'name']).executeTakeFirst();
  return row ? { organizationId: String(row.organizationid), name: row.name } : undefined;
}
