import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PrivilegeGroup } from '../domain/metadata/table-metadata.js';
import {
  type AccessDepth,
  combinedAccess,
  deeperOf,
  isRoleName,
  type Operation,
  ROLE_NAMES,
  rolePrivileges,
} from './role-privileges.js';

const GROUPS: readonly PrivilegeGroup[] = [
  'sales',
  'customers',
  'catalog',
  'organization',
  'security',
  'views',
  'personalviews',
];
const OPERATIONS: readonly Operation[] = ['create', 'read', 'write', 'delete'];
const RANK: Record<AccessDepth, number> = { none: 0, user: 1, organization: 2 };

describe('deeperOf', () => {
  it.each<[AccessDepth, AccessDepth, AccessDepth]>([
    ['none', 'none', 'none'],
    ['none', 'user', 'user'],
    ['user', 'none', 'user'],
    ['user', 'organization', 'organization'],
    ['organization', 'none', 'organization'],
  ])('of %s and %s is %s', (a, b, deeper) => {
    expect(deeperOf(a, b)).toBe(deeper);
  });
});

describe('isRoleName', () => {
  it.each(ROLE_NAMES)('knows the predefined role %s', (name) => {
    expect(isRoleName(name)).toBe(true);
  });

  it.each(['system administrator', 'Administrator', '', 'Salesperson ', 'toString', '__proto__'])(
    'does not know %j',
    (name) => {
      expect(isRoleName(name)).toBe(false);
    },
  );
});

describe('combinedAccess', () => {
  it('grants nothing without roles', () => {
    const access = combinedAccess([]);
    for (const group of GROUPS)
      for (const operation of OPERATIONS) expect(access.access(group, operation)).toBe('none');
    expect(access.holds('prvActOnBehalfOfAnotherUser')).toBe(false);
  });

  it.each(ROLE_NAMES)('of the single role %s is that role', (role) => {
    const access = combinedAccess([role]);
    for (const group of GROUPS) {
      for (const operation of OPERATIONS) {
        expect(access.access(group, operation)).toBe(rolePrivileges[role].privileges[group][operation]);
      }
    }
  });

  it('is the union of the roles held: Salesperson + System Customizer writes own sales and reads the catalog', () => {
    const access = combinedAccess(['Salesperson', 'System Customizer']);
    expect(access.access('customers', 'delete')).toBe('user'); // only the Customizer grants it
    expect(access.access('security', 'read')).toBe('organization'); // Customizer: read; Salesperson: self
    expect(access.access('organization', 'write')).toBe('organization');
    expect(access.access('catalog', 'write')).toBe('none');
  });

  it('takes the deepest depth any role grants, for every combination of roles', () => {
    fc.assert(
      fc.property(
        fc.subarray([...ROLE_NAMES]),
        fc.constantFrom(...GROUPS),
        fc.constantFrom(...OPERATIONS),
        (roles, group, operation) => {
          const depths = roles.map((role) => rolePrivileges[role].privileges[group][operation]);
          const deepest = Math.max(0, ...depths.map((depth) => RANK[depth]));
          expect(RANK[combinedAccess(roles).access(group, operation)]).toBe(deepest);
        },
      ),
    );
  });

  it('does not depend on the order or repetition of roles', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...ROLE_NAMES)),
        fc.constantFrom(...GROUPS),
        fc.constantFrom(...OPERATIONS),
        (roles, group, operation) => {
          const forward = combinedAccess(roles);
          const backward = combinedAccess([...roles].reverse());
          const unique = combinedAccess([...new Set(roles)]);
          expect(forward.access(group, operation)).toBe(backward.access(group, operation));
          expect(forward.access(group, operation)).toBe(unique.access(group, operation));
          expect(forward.holds('prvActOnBehalfOfAnotherUser')).toBe(unique.holds('prvActOnBehalfOfAnotherUser'));
        },
      ),
    );
  });

  it('ignores unknown role names: they grant nothing and take nothing away', () => {
    const unknown = combinedAccess(['Superuser', 'system administrator', '', 'constructor']);
    for (const group of GROUPS)
      for (const operation of OPERATIONS) expect(unknown.access(group, operation)).toBe('none');
    expect(unknown.holds('prvActOnBehalfOfAnotherUser')).toBe(false);
    expect(combinedAccess(['Salesperson', 'Superuser']).access('sales', 'write')).toBe('user');
  });

  it.each<[string[], boolean]>([
    [['System Administrator'], true],
    [['Delegate'], true],
    [['Salesperson', 'Delegate'], true],
    [['System Customizer'], false],
    [['Sales Manager'], false],
    [['Salesperson'], false],
    [['Sales Manager', 'System Customizer', 'Salesperson'], false],
    [['Delegate '], false],
  ])('only System Administrator and Delegate may act on behalf of others: %j -> %s', (roles, allowed) => {
    expect(combinedAccess(roles).holds('prvActOnBehalfOfAnotherUser')).toBe(allowed);
  });

  it('Delegate alone grants no access to any table', () => {
    const access = combinedAccess(['Delegate']);
    for (const group of GROUPS)
      for (const operation of OPERATIONS) expect(access.access(group, operation)).toBe('none');
  });
});
