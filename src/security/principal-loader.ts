/**
 * Loads the principal behind a user id: the user row, the roles granted, and the privileges they
 * combine to. Principals are cached briefly per process and dropped whenever users, roles or their
 * association change here, so role grants and the integration-user flag take effect at once locally
 * (and within the cache's lifetime in other processes).
 */
import type { Kysely } from 'kysely';
import type { Principal } from './principal.js';
import { combinedAccess } from './role-privileges.js';

const CACHE_MILLISECONDS = 2_000;

interface CachedPrincipal {
  readonly principal: Principal;
  readonly loadedAt: number;
}

export interface PrincipalLoader {
  load(db: Kysely<any>, userId: string): Promise<Principal | undefined>;
  invalidate(): void;
}

async function loadFromStore(db: Kysely<any>, userId: string): Promise<Principal | undefined> {
  const user = await db
    .selectFrom('systemuser')
    .select(['systemuserid', 'businessunitid', 'fullname', 'isintegrationuser', 'ol_saleslicense', 'isdisabled'])
    .where('systemuserid', '=', userId)
    .executeTakeFirst();
  if (!user || user.isdisabled === true || user.isdisabled === 1n || user.isdisabled === 1) return undefined;
  const roles = await db
    .selectFrom('systemuserroles')
    .innerJoin('role', 'role.roleid', 'systemuserroles.roleid')
    .select(['role.roleid as roleid', 'role.name as name'])
    .where('systemuserroles.systemuserid', '=', userId)
    .execute();
  const roleNames = roles.map((role) => String(role.name));
  const access = combinedAccess(roleNames);
  return {
    userId: String(user.systemuserid),
    businessUnitId: String(user.businessunitid),
    fullName: String(user.fullname ?? ''),
    isIntegrationUser: user.isintegrationuser === true || user.isintegrationuser === 1n || user.isintegrationuser === 1,
    salesLicense: Number(user.ol_saleslicense ?? 0),
    roleIds: roles.map((role) => String(role.roleid)),
    roleNames,
    access: access.access,
    canActOnBehalfOfOthers: access.actOnBehalfOfAnotherUser,
  };
}

export function createPrincipalLoader(now: () => number = Date.now): PrincipalLoader {
  const cache = new Map<string, CachedPrincipal>();
  return {
    async load(db, userId) {
      const cached = cache.get(userId);
      if (cached && now() - cached.loadedAt < CACHE_MILLISECONDS) return cached.principal;
      const principal = await loadFromStore(db, userId);
      if (principal) cache.set(userId, { principal, loadedAt: now() });
      else cache.delete(userId);
      return principal;
    },
    invalidate: () => cache.clear(),
  };
}
