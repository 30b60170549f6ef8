/**
 * The people and rows the role matrix acts on, built over HTTP as the administrator, the way a script
 * would: one user per predefined role (and one with no role), a token for each, an "other" user who owns
 * the rows that are not the principal's, and per table a way to make a minimal valid row, to find the
 * principal's own row and someone else's, and a harmless column to change.
 */
import { expect } from 'vitest';
import type { ApiResponse, TestServer } from '../support/test-app.js';
import { PRINCIPALS, type PrincipalName, type Target } from './role-expectations.js';

type Body = Record<string, unknown>;

export interface MatrixUser {
  readonly name: PrincipalName;
  readonly id: string;
  readonly token: string;
  /** The predefined role granted, absent for the user without a role. */
  readonly roleId?: string;
}

export interface MatrixSetup {
  readonly rootBusinessUnitId: string;
  readonly organizationId: string;
  readonly baseCurrencyId: string;
  readonly roleIds: ReadonlyMap<string, string>;
  readonly users: Readonly<Record<PrincipalName, MatrixUser>>;
  /** Owns "another user's" rows; holds no role. */
  readonly otherUserId: string;
}

/** How a table's rows relate to a principal in the matrix. */
export type TableKind =
  /** ownerid says whose row it is. */
  | 'owned'
  /** A line or close activity: it takes the owner of its parent. */
  | 'child'
  /** Organization-owned: no row is anyone's own. */
  | 'shared'
  /** systemuser / role / businessunit: own row, roles held, own business unit. */
  | 'security';

export interface TableSpec {
  readonly table: string;
  readonly set: string;
  readonly primaryId: string;
  readonly kind: TableKind;
  readonly parent?: { readonly table: string; readonly column: string };
  /** The table's own columns of a minimal valid row (no owner, no parent). */
  readonly body: (fixtures: MatrixFixtures, n: number) => Promise<Body> | Body;
  /** A harmless change, given the row as it is. */
  readonly patch: (n: number, current: Body) => Body;
}

const described = (column: string) => (n: number) => ({ [column]: `changed by the role matrix #${n}` });
const headerBody = (label: string) => (_: MatrixFixtures, n: number) => ({ name: `${label} ${n}` });
const lineBody = () => ({
  isproductoverridden: true,
  productdescription: 'Write-in widget',
  quantity: 2,
  priceperunit: 5,
});
const closeBody = (_: MatrixFixtures, n: number) => ({ subject: `Closed #${n}` });

function spec(
  table: string,
  set: string,
  kind: TableKind,
  rest: Omit<TableSpec, 'table' | 'set' | 'kind' | 'primaryId'> & { primaryId?: string },
): TableSpec {
  return { table, set, kind, primaryId: rest.primaryId ?? `${table}id`, ...rest };
}

/** A minimal valid view (system or personal): a FetchXML query over accounts. */
const viewBody = (label: string) => (_: MatrixFixtures, n: number) => ({
  name: `${label} ${n}`,
  returnedtypecode: 'account',
  fetchxml: '<fetch><entity name="account"><attribute name="name" /></entity></fetch>',
  layoutxml:
    '<grid name="resultset" object="1" jump="name" select="1" icon="1" preview="1"><row name="result" id="accountid"><cell name="name" width="300" /></row></grid>',
  querytype: 0,
});

/** Every table of the matrix: how to make a row and what to change in it. */
export const TABLE_SPECS: Readonly<Record<string, TableSpec>> = Object.fromEntries(
  [
    spec('opportunity', 'opportunities', 'owned', { body: headerBody('Opportunity'), patch: described('description') }),
    spec('quote', 'quotes', 'owned', { body: headerBody('Quote'), patch: described('description') }),
    spec('salesorder', 'salesorders', 'owned', { body: headerBody('Order'), patch: described('description') }),
    spec('invoice', 'invoices', 'owned', { body: headerBody('Invoice'), patch: described('description') }),
    spec('opportunityproduct', 'opportunityproducts', 'child', {
      parent: { table: 'opportunity', column: 'opportunityid' },
      body: lineBody,
      patch: described('description'),
    }),
    spec('quotedetail', 'quotedetails', 'child', {
      parent: { table: 'quote', column: 'quoteid' },
      body: lineBody,
      patch: described('description'),
    }),
    spec('salesorderdetail', 'salesorderdetails', 'child', {
      parent: { table: 'salesorder', column: 'salesorderid' },
      body: lineBody,
      patch: described('description'),
    }),
    spec('invoicedetail', 'invoicedetails', 'child', {
      parent: { table: 'invoice', column: 'invoiceid' },
      body: lineBody,
      patch: described('description'),
    }),
    spec('quoteclose', 'quotecloses', 'child', {
      primaryId: 'activityid',
      parent: { table: 'quote', column: 'quoteid' },
      body: closeBody,
      patch: described('description'),
    }),
    spec('orderclose', 'ordercloses', 'child', {
      primaryId: 'activityid',
      parent: { table: 'salesorder', column: 'salesorderid' },
      body: closeBody,
      patch: described('description'),
    }),
    spec('opportunityclose', 'opportunitycloses', 'child', {
      primaryId: 'activityid',
      parent: { table: 'opportunity', column: 'opportunityid' },
      body: closeBody,
      patch: described('description'),
    }),
    spec('account', 'accounts', 'owned', { body: headerBody('Account'), patch: described('description') }),
    spec('contact', 'contacts', 'owned', {
      body: (_, n) => ({ firstname: 'Matrix', lastname: `Contact ${n}` }),
      patch: described('jobtitle'),
    }),
    spec('transactioncurrency', 'transactioncurrencies', 'shared', {
      body: (_, n) => ({
        // A 5-letter code per row: the code is an alternate key.
        isocurrencycode: `Z${n.toString(36).toUpperCase().padStart(4, '0')}`,
        currencyname: `Matrix currency ${n}`,
        currencysymbol: '¤',
        currencyprecision: 2,
        exchangerate: 2,
      }),
      patch: described('currencyname'),
    }),
    spec('uomschedule', 'uomschedules', 'shared', {
      body: (_, n) => ({ name: `Unit group ${n}`, baseuomname: `Base unit ${n}` }),
      patch: described('description'),
    }),
    spec('uom', 'uoms', 'shared', {
      body: async (fixtures, n) => ({
        name: `Dozen ${n}`,
        quantity: 12,
        'uomscheduleid@odata.bind': `/uomschedules(${await fixtures.shared('uomschedule')})`,
      }),
      patch: described('name'),
    }),
    spec('product', 'products', 'shared', {
      body: (_, n) => ({ name: `Product ${n}`, productnumber: `MATRIX-${n}` }),
      patch: described('description'),
    }),
    spec('pricelevel', 'pricelevels', 'shared', {
      body: (fixtures, n) => ({
        name: `Price list ${n}`,
        'transactioncurrencyid@odata.bind': `/transactioncurrencies(${fixtures.setup.baseCurrencyId})`,
      }),
      patch: described('description'),
    }),
    spec('productpricelevel', 'productpricelevels', 'shared', {
      // A product of its own per item, so no two items ever collide on price list + product + unit.
      body: async (fixtures) => ({
        'pricelevelid@odata.bind': `/pricelevels(${await fixtures.shared('pricelevel')})`,
        'productid@odata.bind': `/products(${await fixtures.fresh('product')})`,
        'uomid@odata.bind': `/uoms(${await fixtures.shared('uom')})`,
        pricingmethodcode: 1,
        amount: 10,
      }),
      patch: (n) => ({ amount: 100 + n }),
    }),
    spec('discounttype', 'discounttypes', 'shared', {
      body: (_, n) => ({ name: `Discount list ${n}`, isamounttype: false }),
      patch: described('description'),
    }),
    spec('discount', 'discounts', 'shared', {
      body: async (fixtures, n) => ({
        'discounttypeid@odata.bind': `/discounttypes(${await fixtures.shared('discounttype')})`,
        name: `Tier ${n}`,
        lowquantity: 1,
        highquantity: 10,
        percentage: 5,
      }),
      patch: described('name'),
    }),
    spec('organization', 'organizations', 'shared', {
      body: (_, n) => ({ name: `Second organization ${n}` }),
      patch: (n) => ({ maximumdynamicpropertiesallowed: 100 + n }),
    }),
    spec('systemuser', 'systemusers', 'security', {
      body: (fixtures, n) => ({
        domainname: `matrix-user-${n}@orderline.test`,
        firstname: 'Matrix',
        lastname: `User ${n}`,
        'businessunitid@odata.bind': `/businessunits(${fixtures.setup.rootBusinessUnitId})`,
      }),
      patch: (n) => ({ internalemailaddress: `matrix-${n}@orderline.test` }),
    }),
    spec('role', 'roles', 'security', {
      body: (fixtures, n) => ({
        name: `Matrix custom role ${n}`,
        'businessunitid@odata.bind': `/businessunits(${fixtures.setup.rootBusinessUnitId})`,
      }),
      patch: (n) => ({ name: `Matrix custom role renamed #${n}` }),
    }),
    spec('businessunit', 'businessunits', 'security', {
      body: (fixtures, n) => ({
        name: `Matrix division ${n}`,
        'parentbusinessunitid@odata.bind': `/businessunits(${fixtures.setup.rootBusinessUnitId})`,
      }),
      patch: described('description'),
    }),
    spec('savedquery', 'savedqueries', 'shared', { body: viewBody('Matrix view'), patch: described('description') }),
    spec('userquery', 'userqueries', 'owned', { body: viewBody('Matrix saved view'), patch: described('description') }),
  ].map((table) => [table.table, table]),
);

export function specOf(table: string): TableSpec {
  const found = TABLE_SPECS[table];
  if (!found) throw new Error(`no fixture spec for ${table}`);
  return found;
}

/** The id at the end of an `OData-EntityId` header. */
export function idOf(response: ApiResponse): string {
  const entityId = response.headers.get('odata-entityid') ?? '';
  const match = /\(([0-9a-f-]{36})\)$/i.exec(entityId);
  if (!match) throw new Error(`no OData-EntityId in a ${response.status} answer: ${response.text}`);
  return match[1]!.toLowerCase();
}

/** A refusal in Dataverse's shape: `{"error":{"code":"0x...","message":"..."}}`. */
export function expectDataverseError(response: ApiResponse, status: number): void {
  expect(response.status, response.text).toBe(status);
  expect(response.json, response.text).toMatchObject({
    error: { code: expect.stringMatching(/^0x[0-9a-f]{8}$/i), message: expect.any(String) },
  });
  expect(response.json.error.message.length).toBeGreaterThan(0);
}

export class MatrixFixtures {
  private counter = 0;
  private readonly memo = new Map<string, Promise<string>>();

  constructor(
    readonly server: TestServer,
    readonly setup: MatrixSetup,
  ) {}

  /** A number unique within this store, for names, codes and changed values. */
  next(): number {
    this.counter += 1;
    return this.counter;
  }

  /** POSTs as the administrator and answers the new row's id. */
  async adminCreate(set: string, body: Body): Promise<string> {
    const response = await this.server.api(set, { method: 'POST', body });
    expect(response.status, `creating a fixture in ${set}: ${response.text}`).toBe(204);
    return idOf(response);
  }

  /** A row as the administrator reads it. */
  async adminRead(table: string, id: string): Promise<ApiResponse> {
    return this.server.api(`${specOf(table).set}(${id})`);
  }

  /**
   * The body of a minimal valid row. For user-owned tables `owner` is whose row it is: a header binds it
   * as ownerid when `bindOwner`, a line or close activity goes under a parent of that owner.
   */
  async body(table: string, owner?: string, bindOwner = true): Promise<Body> {
    const tableSpec = specOf(table);
    const body: Body = { ...(await tableSpec.body(this, this.next())) };
    if (tableSpec.kind === 'owned' && owner && bindOwner) body['ownerid@odata.bind'] = `/systemusers(${owner})`;
    if (tableSpec.kind === 'child') {
      const parent = tableSpec.parent!;
      const parentId = await this.shared(parent.table, owner ?? this.setup.otherUserId);
      body[`${parent.column}@odata.bind`] = `/${specOf(parent.table).set}(${parentId})`;
    }
    return body;
  }

  /** A new row made by the administrator (owned by `owner` where ownership applies). */
  async fresh(table: string, owner?: string): Promise<string> {
    if (table === 'organization') return this.setup.organizationId;
    return this.adminCreate(specOf(table).set, await this.body(table, owner));
  }

  /** One row per table and owner, made once and reused by every cell that only reads or changes it. */
  shared(table: string, owner?: string): Promise<string> {
    const key = `${table}:${owner ?? ''}`;
    let row = this.memo.get(key);
    if (!row) {
      row = this.fresh(table, owner);
      this.memo.set(key, row);
    }
    return row;
  }

  /** A custom role (it grants nothing) that `user` holds, so "a role they hold" can be renamed or deleted. */
  async heldRole(user: MatrixUser, reuse: boolean): Promise<string> {
    const make = async () => {
      const roleId = await this.fresh('role');
      const granted = await this.server.api(`systemusers(${user.id})/systemuserroles_association/$ref`, {
        method: 'POST',
        body: { '@odata.id': `${this.server.serviceRoot}roles(${roleId})` },
      });
      expect(granted.status, granted.text).toBe(204);
      return roleId;
    };
    if (!reuse) return make();
    const key = `held-role:${user.id}`;
    let row = this.memo.get(key);
    if (!row) {
      row = make();
      this.memo.set(key, row);
    }
    return row;
  }

  /**
   * The row a cell acts on. `purpose` says whether the cell reads it, changes it (both on a shared row)
   * or consumes it (delete takes a new row).
   */
  async rowFor(
    table: string,
    target: Target,
    user: MatrixUser,
    purpose: 'read' | 'change' | 'consume',
  ): Promise<string> {
    const tableSpec = specOf(table);
    const make = (owner?: string) => (purpose === 'consume' ? this.fresh(table, owner) : this.shared(table, owner));
    switch (tableSpec.kind) {
      case 'owned':
      case 'child':
        return make(target === 'own' ? user.id : this.setup.otherUserId);
      case 'shared':
        return make();
    }
    // Users, roles and business units.
    switch (table) {
      case 'systemuser':
        // Never consumed: systemuser rows cannot be deleted, so "own" is the principal's own row.
        if (target === 'own') return user.id;
        return purpose === 'consume' ? this.fresh(table) : this.setup.otherUserId;
      case 'role':
        if (target === 'other') return make();
        // Reading a role held is reading the predefined role granted; changing or deleting one is done on
        // a custom role held, so the principal's privileges never move under the suite.
        if (purpose === 'read' && user.roleId) return user.roleId;
        return this.heldRole(user, purpose !== 'consume');
      case 'businessunit':
        return target === 'own' ? this.setup.rootBusinessUnitId : make();
    }
    throw new Error(`no row rule for ${table}`);
  }
}

/** A role's or the predefined roles' ids by name, from the service. */
async function readRoles(server: TestServer): Promise<Map<string, string>> {
  const roles = await server.api('roles?$select=roleid,name');
  expect(roles.status, roles.text).toBe(200);
  return new Map((roles.json.value as { roleid: string; name: string }[]).map((role) => [role.name, role.roleid]));
}

async function createUser(server: TestServer, businessUnitId: string, label: string): Promise<string> {
  const slug = label.toLowerCase().replace(/[^a-z]+/g, '-');
  const response = await server.api('systemusers', {
    method: 'POST',
    body: {
      domainname: `${slug}@orderline.test`,
      firstname: 'Matrix',
      lastname: label,
      'businessunitid@odata.bind': `/businessunits(${businessUnitId})`,
    },
  });
  expect(response.status, response.text).toBe(204);
  return idOf(response);
}

export async function grantRole(server: TestServer, userId: string, roleId: string): Promise<void> {
  const response = await server.api(`systemusers(${userId})/systemuserroles_association/$ref`, {
    method: 'POST',
    body: { '@odata.id': `${server.serviceRoot}roles(${roleId})` },
  });
  expect(response.status, response.text).toBe(204);
}

export async function tokenFor(server: TestServer, userId: string): Promise<string> {
  const response = await server.api('ol_CreateAccessToken', { method: 'POST', body: { SystemUserId: userId } });
  expect(response.status, response.text).toBe(200);
  return response.json.AccessToken as string;
}

/** A user holding exactly `roles` (by name), with a token. */
export async function createPrincipal(
  server: TestServer,
  businessUnitId: string,
  roleIds: ReadonlyMap<string, string>,
  label: string,
  roles: readonly string[],
): Promise<{ id: string; token: string }> {
  const id = await createUser(server, businessUnitId, label);
  for (const role of roles) await grantRole(server, id, roleIds.get(role)!);
  return { id, token: await tokenFor(server, id) };
}

/** Everything the matrix needs before its first cell, made as the bootstrap administrator. */
export async function setUpMatrix(server: TestServer): Promise<MatrixSetup> {
  const whoAmI = await server.api('WhoAmI');
  expect(whoAmI.status, whoAmI.text).toBe(200);
  const rootBusinessUnitId = whoAmI.json.BusinessUnitId as string;
  const organization = await server.api('organizations?$select=organizationid,_basecurrencyid_value');
  expect(organization.status, organization.text).toBe(200);
  const [org] = organization.json.value as { organizationid: string; _basecurrencyid_value: string }[];
  const roleIds = await readRoles(server);
  const users = {} as Record<PrincipalName, MatrixUser>;
  for (const name of PRINCIPALS) {
    const roles = name === 'No role' ? [] : [name];
    const { id, token } = await createPrincipal(server, rootBusinessUnitId, roleIds, name, roles);
    const roleId = roleIds.get(name);
    users[name] = { name, id, token, ...(roleId ? { roleId } : {}) };
  }
  const otherUserId = await createUser(server, rootBusinessUnitId, 'Other Owner');
  return {
    rootBusinessUnitId,
    organizationId: org!.organizationid,
    baseCurrencyId: org!._basecurrencyid_value,
    roleIds,
    users,
    otherUserId,
  };
}
