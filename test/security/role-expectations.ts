/**
 * What the role matrix expects, written from PRODUCT.md ("The contract": privileges of the predefined
 * roles) and NOT from src/security/role-privileges.ts: a suite that reused the server's own table could
 * never catch a wrong cell in it.
 *
 * Each principal gets, per table group and per operation, one of:
 * - `none`: refused on every row;
 * - `own`: allowed on the principal's own rows only (ownerid for user-owned tables; for users, roles and
 *   business units: the user's own row, the roles they hold, their own business unit);
 * - `all`: allowed organization-wide.
 */

export type Operation = 'create' | 'read' | 'write' | 'delete';
export type Depth = 'none' | 'own' | 'all';
export type TableGroup =
  | 'sales'
  | 'customers'
  | 'catalog'
  | 'organization'
  | 'security'
  | 'systemViews'
  | 'personalViews';

/** The five predefined roles, plus a user who holds no role at all. */
export type PrincipalName =
  | 'System Administrator'
  | 'System Customizer'
  | 'Sales Manager'
  | 'Salesperson'
  | 'Delegate'
  | 'No role';

export const PRINCIPALS: readonly PrincipalName[] = [
  'System Administrator',
  'System Customizer',
  'Sales Manager',
  'Salesperson',
  'Delegate',
  'No role',
];

type Grants = Readonly<Record<Operation, Depth>>;

const grants = (create: Depth, read: Depth, write: Depth, del: Depth): Grants => ({ create, read, write, delete: del });
const ALL = grants('all', 'all', 'all', 'all');
const NOTHING = grants('none', 'none', 'none', 'none');
const READ_ONLY = grants('none', 'all', 'none', 'none');
const OWN = grants('own', 'own', 'own', 'own');

/**
 * The spec's table, row by row. Where its wording needs reading:
 * - "create" for a Salesperson means creating their own records (a record created for someone else is
 *   an assignment, which "write ... own" does not grant), so it is `own`, like the Customizer's;
 * - the Customizer's "own; read all" on accounts and contacts is create/write/delete own, read all;
 * - "read; write the sales settings" on the organization: every organization column Orderline serves is
 *   a sales setting, so write is `all`;
 * - nobody creates the organization (there is exactly one), and the delete column of organization is
 *   moot: organization and systemuser rows are never deleted (405, see `UNDELETABLE_TABLES`).
 *
 * Views are not in the spec's table; the two columns below are the brief of issue #13 (point 4), read
 * against Sales's own roles:
 * - system views "readable by every signed-in user, written only by System Customizers and System
 *   Administrators": read all for the four roles that work with data, everything for the Customizer and
 *   the Administrator; the Delegate role grants no table of its own (it "adds" impersonation), and a user
 *   without a role reads nothing, as for every other table;
 * - personal views are "user-owned (the user reads and writes their own)", and the roles whose depth on
 *   "sales records" is organization-wide (Sales Manager, System Administrator) reach everyone's.
 */
export const EXPECTED: Readonly<Record<PrincipalName, Readonly<Record<TableGroup, Grants>>>> = {
  'System Administrator': {
    sales: ALL,
    customers: ALL,
    catalog: ALL,
    organization: grants('none', 'all', 'all', 'none'),
    security: ALL,
    systemViews: ALL,
    personalViews: ALL,
  },
  'System Customizer': {
    sales: grants('own', 'all', 'own', 'own'),
    customers: grants('own', 'all', 'own', 'own'),
    catalog: READ_ONLY,
    organization: grants('none', 'all', 'all', 'none'),
    security: READ_ONLY,
    systemViews: ALL,
    personalViews: OWN,
  },
  'Sales Manager': {
    sales: ALL,
    customers: ALL,
    catalog: ALL,
    organization: READ_ONLY,
    security: READ_ONLY,
    systemViews: READ_ONLY,
    personalViews: ALL,
  },
  Salesperson: {
    sales: grants('own', 'all', 'own', 'own'),
    customers: grants('own', 'all', 'own', 'none'),
    catalog: READ_ONLY,
    organization: READ_ONLY,
    security: grants('none', 'own', 'none', 'none'),
    systemViews: READ_ONLY,
    personalViews: OWN,
  },
  // "adds acting on behalf of another user" and nothing else.
  Delegate: {
    sales: NOTHING,
    customers: NOTHING,
    catalog: NOTHING,
    organization: NOTHING,
    security: NOTHING,
    systemViews: NOTHING,
    personalViews: NOTHING,
  },
  'No role': {
    sales: NOTHING,
    customers: NOTHING,
    catalog: NOTHING,
    organization: NOTHING,
    security: NOTHING,
    systemViews: NOTHING,
    personalViews: NOTHING,
  },
};

/** Rows of these tables can never be deleted, by anyone: 405 whatever the privileges. */
export const UNDELETABLE_TABLES: ReadonlySet<string> = new Set(['organization', 'systemuser']);

/** The 27 tables by group (the decisions of the brief, restated here rather than read from metadata). */
export const TABLE_GROUPS: Readonly<Record<TableGroup, readonly string[]>> = {
  sales: [
    'opportunity',
    'opportunityproduct',
    'quote',
    'quotedetail',
    'salesorder',
    'salesorderdetail',
    'invoice',
    'invoicedetail',
    'quoteclose',
    'orderclose',
    'opportunityclose',
  ],
  customers: ['account', 'contact'],
  catalog: [
    'transactioncurrency',
    'uomschedule',
    'uom',
    'product',
    'pricelevel',
    'productpricelevel',
    'discounttype',
    'discount',
  ],
  organization: ['organization'],
  security: ['systemuser', 'role', 'businessunit'],
  systemViews: ['savedquery'],
  personalViews: ['userquery'],
};

export function groupOf(table: string): TableGroup {
  for (const [group, tables] of Object.entries(TABLE_GROUPS) as [TableGroup, readonly string[]][]) {
    if (tables.includes(table)) return group;
  }
  throw new Error(`${table} is in no group of the role matrix`);
}

/** Whose row a cell acts on: the principal's own, someone else's, or (organization-owned tables) just "a row". */
export type Target = 'own' | 'other' | 'any';

/** Is `operation` on a `target` row allowed at `depth`? */
export function allows(depth: Depth, target: Target): boolean {
  if (depth === 'all') return true;
  if (depth === 'none') return false;
  return target === 'own';
}

const DEPTHS: readonly Depth[] = ['none', 'own', 'all'];
const deeper = (a: Depth, b: Depth): Depth => (DEPTHS.indexOf(a) >= DEPTHS.indexOf(b) ? a : b);
const shallower = (a: Depth, b: Depth): Depth => (DEPTHS.indexOf(a) <= DEPTHS.indexOf(b) ? a : b);

function combine(
  depthOf: (a: Depth, b: Depth) => Depth,
  left: Readonly<Record<TableGroup, Grants>>,
  right: Readonly<Record<TableGroup, Grants>>,
): Readonly<Record<TableGroup, Grants>> {
  const groups = Object.keys(TABLE_GROUPS) as TableGroup[];
  return Object.fromEntries(
    groups.map((group) => {
      const [l, r] = [left[group], right[group]];
      return [
        group,
        grants(
          ...((['create', 'read', 'write', 'delete'] as const).map((o) => depthOf(l[o], r[o])) as [
            Depth,
            Depth,
            Depth,
            Depth,
          ]),
        ),
      ];
    }),
  ) as Record<TableGroup, Grants>;
}

/**
 * What a user holding Delegate and `impersonatorRole` may do while impersonating `impersonated`,
 * derived from the table above rather than restated: the impersonator holds the union of their roles,
 * and Dataverse uses the intersection of the impersonator's privileges and the impersonated user's
 * ("Impersonate another user using the Web API"), so per group and operation the shallower depth,
 * measured on the impersonated user's rows.
 */
export function impersonationExpectation(
  impersonatorRole: PrincipalName,
  impersonated: PrincipalName,
): Readonly<Record<TableGroup, Grants>> {
  const impersonator = combine(deeper, EXPECTED.Delegate, EXPECTED[impersonatorRole]);
  return combine(shallower, impersonator, EXPECTED[impersonated]);
}
