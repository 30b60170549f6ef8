/**
 * The SQL that reads the organization row outside the record repository: whether the database holds
 * one (first start, the readiness probe), and its version and columns (the reference data).
 */
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

/** The organization row's version (every write of it gives it a new one); undefined when never provisioned. */
export async function organizationVersion(db: TypedExecutor): Promise<string | undefined> {
  const row = await db.selectFrom('organization').select('versionnumber').limit(1).executeTakeFirst();
  return row ? String(row.versionnumber) : undefined;
}

/** The organization row, every column as stored; undefined when never provisioned. */
export async function storedOrganization(db: TypedExecutor): Promise<Record<string, unknown> | undefined> {
  return db.selectFrom('organization').selectAll().limit(1).executeTakeFirst();
}
