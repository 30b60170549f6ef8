import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { systemPrincipal } from '../provisioning/first-start.js';
import { impersonating } from './impersonation.js';
import type { Principal } from './principal.js';
import { type AccessDepth, combinedAccess, MISCELLANEOUS_PRIVILEGES, ROLE_NAMES } from './role-privileges.js';

const GROUPS = ['sales', 'customers', 'catalog', 'organization', 'security', 'views', 'personalviews'] as const;
const OPERATIONS = ['create', 'read', 'write', 'delete'] as const;
const RANK: Readonly<Record<AccessDepth, number>> = { none: 0, user: 1, organization: 2 };

function principal(
  userId: string,
  roles: readonly string[],
  salesLicense: number,
  isIntegrationUser = false,
): Principal {
  return { ...systemPrincipal(userId, 'bu'), ...combinedAccess(roles), salesLicense, isIntegrationUser, roleIds: [] };
}

const roleSets = fc.subarray([...ROLE_NAMES]);
const licenses = fc.integer({ min: 0, max: 3 });

describe('impersonating', () => {
  it('uses, per table privilege, the shallower depth of the two users', () => {
    fc.assert(
      fc.property(roleSets, roleSets, fc.constantFrom(...GROUPS), fc.constantFrom(...OPERATIONS), (a, b, g, o) => {
        const effective = impersonating(principal('b', b, 3), principal('a', a, 3));
        const expected = Math.min(RANK[combinedAccess(a).access(g, o)], RANK[combinedAccess(b).access(g, o)]);
        expect(RANK[effective.access(g, o)]).toBe(expected);
      }),
    );
  });

  it('holds a miscellaneous privilege only when both users hold it, and the lesser license', () => {
    fc.assert(
      fc.property(roleSets, roleSets, licenses, licenses, (a, b, licenseA, licenseB) => {
        const effective = impersonating(principal('b', b, licenseB), principal('a', a, licenseA));
        for (const privilege of MISCELLANEOUS_PRIVILEGES) {
          expect(effective.holds(privilege)).toBe(
            combinedAccess(a).holds(privilege) && combinedAccess(b).holds(privilege),
          );
        }
        expect(effective.salesLicense).toBe(Math.min(licenseA, licenseB));
      }),
    );
  });

  it('is the impersonated user otherwise: id, business unit, roles held, integration-user flag', () => {
    const impersonated = { ...principal('b', ['Salesperson'], 2, true), businessUnitId: 'division', roleIds: ['r1'] };
    const effective = impersonating(impersonated, principal('a', ['Delegate', 'System Administrator'], 3));
    expect(effective).toMatchObject({
      userId: 'b',
      businessUnitId: 'division',
      roleIds: ['r1'],
      isIntegrationUser: true,
    });
  });
});
