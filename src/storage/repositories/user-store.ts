/**
 * The SQL that finds users and their roles outside the record repository: authentication, the
 * principal loader, provisioning and the command line ask for a user by something other than a
 * Web API query.
 */
import type { TypedExecutor } from '../database/database.js';
import type { StoredBoolean, StoredInteger } from '../database/stored-values.js';

export interface StoredPrincipalUser {
  readonly userId: string;
  readonly businessUnitId: string;
  readonly fullName: string | null;
  readonly isIntegrationUser: boolean;
  readonly salesLicense: number | null;
  readonly isDisabled: boolean;
}

/** SQLite keeps booleans as 0/1 (read back as BigInt), PostgreSQL as booleans. */
function isTrue(value: StoredBoolean | null): boolean {
  return value === true || value === 1n || value === 1;
}

function numberOrNull(value: StoredInteger | null): number | null {
  return value === null ? null : Number(value);
}

export async function findPrincipalUser(db: TypedExecutor, userId: string): Promise<StoredPrincipalUser | undefined> {
  const user = await db
    .selectFrom('systemuser')
    .select(['systemuserid', 'businessunitid', 'fullname', 'isintegrationuser', 'ol_saleslicense', 'isdisabled'])
    .where('systemuserid', '=', userId)
    .executeTakeFirst();
  if (!user) return undefined;
  return {
    userId: String(user.systemuserid),
    businessUnitId: String(user.businessunitid),
    fullName: user.fullname,
    isIntegrationUser: isTrue(user.isintegrationuser),
    salesLicense: numberOrNull(user.ol_saleslicense),
    isDisabled: isTrue(user.isdisabled),
  };
}

export interface GrantedRole {
  readonly roleId: string;
  readonly name: string;
}

export async function rolesOfUser(db: TypedExecutor, userId: string): Promise<GrantedRole[]> {
  const roles = await db
    .selectFrom('systemuserroles')
    .innerJoin('role', 'role.roleid', 'systemuserroles.roleid')
    .select(['role.roleid as roleid', 'role.name as name'])
    .where('systemuserroles.systemuserid', '=', userId)
    .execute();
  return roles.map((role) => ({ roleId: String(role.roleid), name: String(role.name) }));
}

/** Grants a role; the association row only, as first start writes it before any pipeline runs. */
export async function grantRole(db: TypedExecutor, userId: string, roleId: string): Promise<void> {
  await db.insertInto('systemuserroles').values({ systemuserid: userId, roleid: roleId }).execute();
}

/** Whether a user with this id exists. */
export async function userExists(db: TypedExecutor, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('systemuser')
    .select('systemuserid')
    .where('systemuserid', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

/** The user with this Entra object id (`CallerObjectId`). */
export async function userIdOfObjectId(db: TypedExecutor, objectId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('systemuser')
    .select('systemuserid')
    .where('azureactivedirectoryobjectid', '=', objectId)
    .executeTakeFirst();
  return row ? String(row.systemuserid) : undefined;
}

/** The user with this domain name (`admin`, or the one `orderline token` is asked for). */
export async function userIdOfDomainName(db: TypedExecutor, domainName: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('systemuser')
    .select('systemuserid')
    .where('domainname', '=', domainName)
    .executeTakeFirst();
  return row ? String(row.systemuserid) : undefined;
}

/** The business unit of a user known to exist; throws when it does not. */
export async function businessUnitOfUser(db: TypedExecutor, userId: string): Promise<string> {
  const row = await db
    .selectFrom('systemuser')
    .select('businessunitid')
    .where('systemuserid', '=', userId)
    .executeTakeFirstOrThrow();
  return String(row.businessunitid);
}

/** The business unit of a user, if the user exists. */
export async function findBusinessUnitOfUser(db: TypedExecutor, userId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('systemuser')
    .select('businessunitid')
    .where('systemuserid', '=', userId)
    .executeTakeFirst();
  return row ? String(row.businessunitid) : undefined;
}

export async function allRoles(db: TypedExecutor): Promise<GrantedRole[]> {
  const rows = await db.selectFrom('role').select(['roleid', 'name']).execute();
  return rows.map((row) => ({ roleId: String(row.roleid), name: String(row.name) }));
}
