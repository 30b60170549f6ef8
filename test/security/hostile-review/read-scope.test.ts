/**
 * The holes a hostile review of the running server found (issue #19), one regression test each, named
 * after the hole; each failed before its fix. This file: queries that reach a table beyond the one they
 * list (hole 6), and the class of it: every table a query touches keeps to the caller's read scope, so a
 * related row the caller may not read behaves as if it were not there, through a navigation path, a
 * lambda, a nested lambda, a path of two hops, `$expand` and `$orderby`; the same query by a user who
 * may read that row still finds it.
 *
 * The cast: two salespeople, the prober and the victim (a Salesperson reads only their own user row,
 * roles and business unit), and a Sales Manager, who reads every user. The victim has a secret e-mail
 * address; the victim owns an account with a contact, and an order with a line.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Api,
  as,
  createUser,
  expectOk,
  expectRefused,
  post,
  read,
  type TestUser,
} from '../../lifecycle/support.js';
import { startTestServer, type TestServer } from '../../support/test-app.js';
import { TEST_STORES } from '../../support/test-stores.js';

describe.each(TEST_STORES)('hostile review: read scope on every table a query touches (%s)', (kind) => {
  let server: TestServer;
  let victim: TestUser;
  let prober: Api;
  let manager: Api;
  let prefix: string;
  let orderId: string;
  let accountId: string;

  beforeAll(async () => {
    server = await startTestServer(kind);
    const admin = as(server);
    victim = await createUser(server, { roles: ['Salesperson'] });
    prober = as(server, await createUser(server, { roles: ['Salesperson'] }));
    manager = as(server, await createUser(server, { roles: ['Sales Manager'] }));
    prefix = `secret-${randomUUID().slice(0, 8)}`;
    expectOk(
      await admin(`systemusers(${victim.id})`, {
        method: 'PATCH',
        body: { internalemailaddress: `${prefix}@hidden.test` },
      }),
    );
    const asVictim = as(server, victim);
    accountId = await post(asVictim, 'accounts', { name: `Account of ${prefix}` });
    await post(asVictim, 'contacts', {
      lastname: 'Victim contact',
      'parentcustomerid_account@odata.bind': `/accounts(${accountId})`,
    });
    orderId = await post(asVictim, 'salesorders', { name: `Order of ${prefix}` });
    await post(asVictim, 'salesorderdetails', {
      isproductoverridden: true,
      productdescription: 'Line',
      quantity: 1,
      priceperunit: 1,
      'salesorderid@odata.bind': `/salesorders(${orderId})`,
    });
  });
  afterAll(async () => {
    await server?.close();
  });

  /** The ids `path` lists for `api` (which must answer 200). */
  async function ids(api: Api, path: string, key: string): Promise<string[]> {
    return (await read(api, path)).value.map((row: Record<string, unknown>) => row[key]);
  }

  const orders = (api: Api, filter: string) =>
    ids(api, `salesorders?$select=salesorderid&$filter=${encodeURIComponent(filter)}`, 'salesorderid');

  it('hole 6: a $filter through ownerid does not reveal the e-mail of a user whose row the caller may not read', async () => {
    expectRefused(await prober(`systemusers(${victim.id})`), 403);
    const guess = (text: string) =>
      `_ownerid_value eq ${victim.id} and startswith(ownerid/internalemailaddress,'${text}')`;
    // The right guess and a wrong one answer alike: nothing.
    expect(await orders(prober, guess(prefix))).toEqual([]);
    expect(await orders(prober, guess('wrong'))).toEqual([]);
    expect(await orders(prober, `_ownerid_value eq ${victim.id} and ownerid/isintegrationuser eq false`)).toEqual([]);
    expect(
      await orders(
        prober,
        `_ownerid_value eq ${victim.id} and Microsoft.Dynamics.CRM.In(PropertyName='ownerid/internalemailaddress',PropertyValues=['${prefix}@hidden.test'])`,
      ),
    ).toEqual([]);
    // The order itself stays readable, and a user who may read users finds it through the same path.
    expect(await orders(prober, `_ownerid_value eq ${victim.id}`)).toEqual([orderId]);
    expect(await orders(manager, guess(prefix))).toEqual([orderId]);
  });

  it('a condition on an unreadable related row is false, and so its negation is true: it tells nothing', async () => {
    const negated = `_ownerid_value eq ${victim.id} and not startswith(ownerid/internalemailaddress,'${prefix}')`;
    expect(await orders(prober, negated)).toEqual([orderId]);
    expect(await orders(manager, negated)).toEqual([]);
  });

  it('a path of two hops (line → order → owner) keeps to the read scope of each table it crosses', async () => {
    const filter = encodeURIComponent(`startswith(salesorderid/ownerid/internalemailaddress,'${prefix}')`);
    const path = `salesorderdetails?$select=salesorderdetailid&$filter=${filter}`;
    expect(await ids(prober, path, 'salesorderdetailid')).toEqual([]);
    expect(await ids(manager, path, 'salesorderdetailid')).toHaveLength(1);
  });

  it('a navigation path inside a lambda keeps to the read scope of the table it reaches', async () => {
    const filter = encodeURIComponent(
      `contact_customer_accounts/any(c:startswith(c/ownerid/internalemailaddress,'${prefix}'))`,
    );
    const path = `accounts?$select=accountid&$filter=${filter}`;
    expect(await ids(prober, path, 'accountid')).toEqual([]);
    expect(await ids(manager, path, 'accountid')).toEqual([accountId]);
  });

  it('any() over a one-to-many relationship does not match a related row the caller may not read', async () => {
    const filter = encodeURIComponent(
      `business_unit_system_users/any(u:startswith(u/internalemailaddress,'${prefix}'))`,
    );
    const path = `businessunits?$select=businessunitid&$filter=${filter}`;
    expect(await ids(prober, path, 'businessunitid')).toEqual([]);
    expect(await ids(manager, path, 'businessunitid')).toHaveLength(1);
  });

  it('all() does not wait on related rows the caller may not read: they are not there for it', async () => {
    const self = (await read(prober, 'WhoAmI')).UserId;
    const filter = encodeURIComponent(`business_unit_system_users/all(u:u/systemuserid eq ${self})`);
    const path = `businessunits?$select=businessunitid&$filter=${filter}`;
    // The prober's business unit holds other users too, but the prober sees only their own row.
    expect(await ids(prober, path, 'businessunitid')).toHaveLength(1);
    expect(await ids(manager, path, 'businessunitid')).toEqual([]);
  });

  it('any() over a many-to-many relationship does not reveal who else holds a role', async () => {
    const filter = encodeURIComponent(
      `systemuserroles_association/any(u:startswith(u/internalemailaddress,'${prefix}'))`,
    );
    const path = `roles?$select=name&$filter=${filter}`;
    expect(await ids(prober, path, 'name')).toEqual([]);
    expect(await ids(manager, path, 'name')).toEqual(['Salesperson']);
  });

  it('a nested lambda keeps to the read scope of the innermost table', async () => {
    const filter = encodeURIComponent(
      `business_unit_roles/any(r:r/systemuserroles_association/any(u:startswith(u/internalemailaddress,'${prefix}')))`,
    );
    const path = `businessunits?$select=businessunitid&$filter=${filter}`;
    expect(await ids(prober, path, 'businessunitid')).toEqual([]);
    expect(await ids(manager, path, 'businessunitid')).toHaveLength(1);
  });

  it('$count counts with the same scope as the rows it counts', async () => {
    const filter = encodeURIComponent(`startswith(ownerid/internalemailaddress,'${prefix}')`);
    const prober$count = await prober(`salesorders/$count?$filter=${filter}`);
    expect(prober$count.text).toBe('0');
    const manager$count = await manager(`salesorders/$count?$filter=${filter}`);
    expect(manager$count.text).toBe('1');
  });

  it('$expand of a row the caller may not read answers null, as it did before the one read scope', async () => {
    const path = `salesorders(${orderId})?$select=name&$expand=ownerid($select=internalemailaddress)`;
    expect((await read(prober, path)).ownerid).toBeNull();
    expect((await read(manager, path)).ownerid.internalemailaddress).toBe(`${prefix}@hidden.test`);
  });

  it('$orderby on a column of a related table is refused, so it cannot sort by an unreadable row either', async () => {
    expectRefused(await prober('salesorders?$orderby=ownerid/internalemailaddress'), 400);
  });
});
