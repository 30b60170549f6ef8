/**
 * Loads the principal behind a user id: the user row, the roles granted, and the privileges they
 * combine to. Principals are cached briefly per process and dropped whenever users, roles or their
 * association change here, so role grants and the integration-user flag take effect at once locally
 * (and within the cache's lifetime in other processes).
 */

import { steadyNow } from '../clock/steady-clock.js';
import type { TypedExecutor } from '../storage/database/database.js';
import { findPrincipalUser, rolesOfUser } from '../storage/repositories/user-store.js';
import type { Principal } from './principal.js';
import { combinedAccess } from './role-privileges.js';

const CACHE_MILLISECONDS = 2_000;

interface CachedPrincipal {
  readonly principal: Principal;
  readonly loadedAt: number;
}

export interface PrincipalLoader {
  load(db: TypedExecutor, userId: string): Promise<Principal | undefined>;
  invalidate(): void;
}

async function loadFromStore(db: TypedExecutor, userId: string): Promise<Principal | undefined> {
  const user = await findPrincipalUser(db, userId);
  if (!user || user.isDisabled) return undefined;
  const roles = await rolesOfUser(db, userId);
  const { access, holds } = combinedAccess(roles.map((role) => role.name));
  return {
    userId: user.userId,
    businessUnitId: user.businessUnitId,
    fullName: user.fullName ?? '',
    isIntegrationUser: user.isIntegrationUser,
    salesLicense: user.salesLicense ?? 0,
    roleIds: roles.map((role) => role.roleId),
    access,
    holds,
  };
}

export function createPrincipalLoader(now: () => number = steadyNow): PrincipalLoader {
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
