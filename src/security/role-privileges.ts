/**
 * The privilege table of the predefined roles (PRODUCT.md, "The contract": privileges of the predefined
 * roles). A role grants, for each privilege group of tables and each operation, an access depth:
 * `none`, `user` (rows the user owns; for users and roles, the user's own row) or `organization`.
 * Beyond tables, a role grants miscellaneous privileges (acting on behalf of another user, ...). A user
 * holds the union of the roles granted. Every decision of who may do what reads one of the two, never a
 * role's name: that is what lets impersonation intersect them (./impersonation.ts).
 */
import type { PrivilegeGroup } from '../domain/metadata/table-metadata.js';

export type Operation = 'create' | 'read' | 'write' | 'delete';
export type AccessDepth = 'none' | 'user' | 'organization';

export const ROLE_NAMES = [
  'System Administrator',
  'System Customizer',
  'Sales Manager',
  'Salesperson',
  'Delegate',
] as const;
export type RoleName = (typeof ROLE_NAMES)[number];

/**
 * Privileges that belong to no table. `prvActOnBehalfOfAnotherUser` is Dataverse's (the Delegate role);
 * so are `prvBypassCustomPlugins` and `prvBypassCustomBusinessLogic`, which the bypass headers need and
 * only the System Administrator role holds by default (Learn, "Bypass custom Dataverse logic");
 * the `ol_` ones are Orderline's names for what Sales reserves to some roles: issuing and revoking other
 * users' access tokens (System Administrator), and turning the order processing integration on or off
 * (System Customizer, System Administrator; a license is needed too, see src/sales/integration-switch.ts).
 */
export const MISCELLANEOUS_PRIVILEGES = [
  'prvActOnBehalfOfAnotherUser',
  'prvBypassCustomPlugins',
  'prvBypassCustomBusinessLogic',
  'ol_prvManageAccessTokensOfOthers',
  'ol_prvSwitchOrderIntegration',
] as const;
export type MiscellaneousPrivilege = (typeof MISCELLANEOUS_PRIVILEGES)[number];

type Grant = Readonly<Record<Operation, AccessDepth>>;

const ALL: Grant = { create: 'organization', read: 'organization', write: 'organization', delete: 'organization' };
const NONE: Grant = { create: 'none', read: 'none', write: 'none', delete: 'none' };
const READ_ALL: Grant = { ...NONE, read: 'organization' };
/** "all on own records; read organization-wide" */
const OWN_READ_ALL: Grant = { create: 'user', read: 'organization', write: 'user', delete: 'user' };
const OWN: Grant = { create: 'user', read: 'user', write: 'user', delete: 'user' };

/*
 * Views are not in PRODUCT.md's privilege table; their two groups follow Sales:
 * - `views` (system views, savedquery): every role that works with sales data reads them (Sales's roles
 *   all hold prvReadQuery organization-wide); customizing them is the System Customizer's and the System
 *   Administrator's work (prvCreateQuery/prvWriteQuery/prvDeleteQuery). The Delegate role alone grants
 *   no table, as everywhere else.
 * - `personalviews` (userquery): a user's own saved views, private to them; the roles that reach every
 *   user's sales records (Sales Manager, System Administrator) reach every user's views too.
 */

export interface RoleDefinition {
  readonly privileges: Readonly<Record<PrivilegeGroup, Grant>>;
  readonly miscellaneous: readonly MiscellaneousPrivilege[];
}

export const rolePrivileges: Readonly<Record<RoleName, RoleDefinition>> = {
  'System Administrator': {
    privileges: {
      sales: ALL,
      customers: ALL,
      catalog: ALL,
      organization: { ...NONE, read: 'organization', write: 'organization' },
      security: ALL,
      views: ALL,
      personalviews: ALL,
    },
    miscellaneous: [
      'prvActOnBehalfOfAnotherUser',
      'prvBypassCustomPlugins',
      'prvBypassCustomBusinessLogic',
      'ol_prvManageAccessTokensOfOthers',
      'ol_prvSwitchOrderIntegration',
    ],
  },
  'System Customizer': {
    privileges: {
      sales: OWN_READ_ALL,
      customers: OWN_READ_ALL,
      catalog: READ_ALL,
      // "read; write the sales settings": every column of Orderline's organization table is a sales setting.
      organization: { ...NONE, read: 'organization', write: 'organization' },
      security: READ_ALL,
      views: ALL,
      personalviews: OWN,
    },
    miscellaneous: ['ol_prvSwitchOrderIntegration'],
  },
  'Sales Manager': {
    privileges: {
      sales: ALL,
      customers: ALL,
      catalog: ALL,
      organization: READ_ALL,
      security: READ_ALL,
      views: READ_ALL,
      personalviews: ALL,
    },
    miscellaneous: [],
  },
  Salesperson: {
    privileges: {
      sales: { create: 'user', read: 'organization', write: 'user', delete: 'user' },
      customers: { create: 'user', read: 'organization', write: 'user', delete: 'none' },
      catalog: READ_ALL,
      organization: READ_ALL,
      security: { ...NONE, read: 'user' },
      views: READ_ALL,
      personalviews: OWN,
    },
    miscellaneous: [],
  },
  Delegate: {
    privileges: {
      sales: NONE,
      customers: NONE,
      catalog: NONE,
      organization: NONE,
      security: NONE,
      views: NONE,
      personalviews: NONE,
    },
    miscellaneous: ['prvActOnBehalfOfAnotherUser'],
  },
};

const DEPTH_RANK: Readonly<Record<AccessDepth, number>> = { none: 0, user: 1, organization: 2 };

export function deeperOf(a: AccessDepth, b: AccessDepth): AccessDepth {
  return DEPTH_RANK[a] >= DEPTH_RANK[b] ? a : b;
}

export function shallowerOf(a: AccessDepth, b: AccessDepth): AccessDepth {
  return DEPTH_RANK[a] <= DEPTH_RANK[b] ? a : b;
}

export function isRoleName(name: string): name is RoleName {
  return (ROLE_NAMES as readonly string[]).includes(name);
}

/** The union of the roles a user holds: the deepest access any of them grants. */
export interface Privileges {
  access(group: PrivilegeGroup, operation: Operation): AccessDepth;
  holds(privilege: MiscellaneousPrivilege): boolean;
}

export function combinedAccess(roles: readonly string[]): Privileges {
  const definitions = roles.filter(isRoleName).map((role) => rolePrivileges[role]);
  return {
    access(group, operation) {
      return definitions.reduce<AccessDepth>(
        (depth, role) => deeperOf(depth, role.privileges[group][operation]),
        'none',
      );
    },
    holds: (privilege) => definitions.some((role) => role.miscellaneous.includes(privilege)),
  };
}
