/**
 * Compatibility with the real `dynamics-web-api` 2.5.0 client (ecosystem.md §A-DWA): every call goes
 * through the client's own URL building, headers, body processing, response parsing and `$batch`
 * conversion, over a real socket to a server on loopback, once per store.
 */
import { DynamicsWebApi, type RequestError } from 'dynamics-web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startTestServer, type TestServer } from '../support/test-app.js';
import { TEST_STORES } from '../support/test-stores.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const FORMATTED = 'OData.Community.Display.V1.FormattedValue';

/** A row as the client returns it: columns, annotations mapped to `_Formatted` and friends. */
// biome-ignore lint/suspicious/noExplicitAny: rows are dynamic, as the client's own `retrieve` result (`any`) is.
type Entity = Record<string, any>;

interface WhoAmI {
  readonly UserId: string;
  readonly BusinessUnitId: string;
  readonly OrganizationId: string;
}

function clientFor(server: TestServer, token: string): DynamicsWebApi {
  return new DynamicsWebApi({
    serverUrl: server.baseUrl,
    onTokenRefresh: async () => token,
    dataApi: { version: '9.2' },
  });
}

/** The rejection of a call, so a test can look at the client's RequestError. */
async function rejectionOf(call: Promise<unknown>): Promise<RequestError> {
  try {
    await call;
  } catch (error) {
    return error as RequestError;
  }
  throw new Error('the call was expected to fail');
}

for (const kind of TEST_STORES) {
  describe(`dynamics-web-api 2.5.0 on ${kind}`, () => {
    let server: TestServer;
    let dwa: DynamicsWebApi;

    beforeAll(async () => {
      server = await startTestServer(kind);
      dwa = clientFor(server, ADMIN_TOKEN);
    });
    afterAll(async () => {
      await server?.close();
    });

    async function createAccount(name: string, data: Record<string, unknown> = {}): Promise<string> {
      return dwa.create<Record<string, unknown>, string>({ collection: 'accounts', data: { name, ...data } });
    }

    async function createOrder(name: string, accountId: string, data: Record<string, unknown> = {}): Promise<string> {
      return dwa.create<Record<string, unknown>, string>({
        collection: 'salesorders',
        data: { name, 'customerid_account@odata.bind': `accounts(${accountId})`, ...data },
      });
    }

    async function createLine(orderId: string, description: string, quantity: number): Promise<string> {
      return dwa.create<Record<string, unknown>, string>({
        collection: 'salesorderdetails',
        data: {
          'salesorderid@odata.bind': `salesorders(${orderId})`,
          isproductoverridden: true,
          productdescription: description,
          quantity,
          priceperunit: 10,
        },
      });
    }

    async function exists(collection: string, key: string): Promise<boolean> {
      const error = await dwa.retrieve({ collection, key, select: ['createdon'] }).then(
        () => undefined,
        (failure: RequestError) => failure,
      );
      if (error && error.status !== 404) throw error;
      return error === undefined;
    }

    it('create returns the id of the new row from OData-EntityId', async () => {
      const id = await createAccount('Create Returns Id');
      expect(id).toMatch(GUID);
      expect(await exists('accounts', id)).toBe(true);
    });

    it('create with returnRepresentation returns the created row', async () => {
      const created = await dwa.create<Record<string, unknown>, Entity>({
        collection: 'accounts',
        data: { name: 'Représentation Ltd', creditlimit: 99.5 },
        returnRepresentation: true,
        select: ['name', 'creditlimit', 'createdon'],
      });
      expect(created.accountid).toMatch(GUID);
      expect(created.name).toBe('Représentation Ltd');
      expect(created.creditlimit).toBe(99.5);
      expect(created.createdon).toBeInstanceOf(Date);
      expect(created['@odata.etag']).toMatch(/^W\/"\d+"$/);
    });

    it('retrieve with select gives dates as Date objects and money as exact numbers', async () => {
      const id = await createAccount('Retrieve Select', { creditlimit: 1234.567, revenue: 12345678901.23 });
      const account = await dwa.retrieve({
        collection: 'accounts',
        key: id,
        select: ['name', 'creditlimit', 'revenue', 'createdon'],
      });
      expect(account.accountid).toBe(id);
      expect(account.name).toBe('Retrieve Select');
      expect(account.creditlimit).toBe(1234.57);
      expect(account.revenue).toBe(12345678901.23);
      expect(account.createdon).toBeInstanceOf(Date);
      expect(Math.abs(Date.now() - (account.createdon as Date).getTime())).toBeLessThan(120_000);
      expect(account.telephone1).toBeUndefined();
      expect(account.oDataContext).toContain('$metadata#accounts');
    });

    it('retrieve with FormattedValue annotations gives <prop>_Formatted values', async () => {
      const accountId = await createAccount('Formatted Inc', { creditlimit: 1234.5 });
      const account = await dwa.retrieve({
        collection: 'accounts',
        key: accountId,
        select: ['creditlimit', 'statecode', 'createdon'],
        includeAnnotations: FORMATTED,
      });
      expect(account.creditlimit_Formatted).toBe('$1,234.50');
      expect(account.statecode_Formatted).toBe('Active');
      expect(typeof account.createdon_Formatted).toBe('string');
      const orderId = await createOrder('Formatted order', accountId);
      const order = await dwa.retrieve({
        collection: 'salesorders',
        key: orderId,
        select: ['_customerid_value'],
        includeAnnotations: FORMATTED,
      });
      expect(order._customerid_value).toBe(accountId);
      expect(order._customerid_value_Formatted).toBe('Formatted Inc');
    });

    it('retrieve with all annotations gives lookup _LogicalName and _NavigationProperty', async () => {
      const accountId = await createAccount('Lookup Annotations');
      const orderId = await createOrder('Annotated order', accountId);
      const order = await dwa.retrieve({
        collection: 'salesorders',
        key: orderId,
        select: ['_customerid_value', 'name'],
        includeAnnotations: '*',
      });
      expect(order._customerid_value_LogicalName).toBe('account');
      expect(order._customerid_value_NavigationProperty).toBe('customerid_account');
      expect(order._customerid_value_Formatted).toBe('Lookup Annotations');
    });

    it('retrieve with a list of annotations gives both the formatted values and the lookup logical names', async () => {
      const accountId = await createAccount('Annotation List', { creditlimit: 7 });
      const orderId = await createOrder('Annotation list order', accountId);
      const order = await dwa.retrieve({
        collection: 'salesorders',
        key: orderId,
        select: ['_customerid_value', 'statecode'],
        includeAnnotations: `${FORMATTED},Microsoft.Dynamics.CRM.lookuplogicalname`,
      });
      expect(order.statecode_Formatted).toBe('Active');
      expect(order._customerid_value_Formatted).toBe('Annotation List');
      expect(order._customerid_value_LogicalName).toBe('account');
    });

    describe('retrieveMultiple', () => {
      let customerId: string;
      let otherId: string;
      const orderIds: string[] = [];

      beforeAll(async () => {
        customerId = await createAccount('Multiple Customer');
        otherId = await createAccount('Multiple Other');
        for (const [name, freight] of [
          ['RM Alpha widget', 5],
          ['RM Beta widget', 15],
          ['RM Gamma gadget', 25],
        ] as const) {
          orderIds.push(await createOrder(name, customerId, { freightamount: freight }));
        }
        await createOrder('RM Delta widget', otherId, { freightamount: 35 });
        await createLine(orderIds[0]!, 'one', 1);
        await createLine(orderIds[0]!, 'two', 2);
        await createLine(orderIds[0]!, 'three', 3);
      });

      it('filters with contains', async () => {
        const result = await dwa.retrieveMultiple({
          collection: 'salesorders',
          select: ['name'],
          filter: "contains(name,'widget') and startswith(name,'RM ')",
        });
        expect(result.value.map((row) => row.name).sort()).toEqual([
          'RM Alpha widget',
          'RM Beta widget',
          'RM Delta widget',
        ]);
      });

      it('filters on a lookup value _customerid_value eq <guid>', async () => {
        const result = await dwa.retrieveMultiple({
          collection: 'salesorders',
          select: ['name'],
          filter: `_customerid_value eq ${otherId}`,
        });
        expect(result.value.map((row) => row.name)).toEqual(['RM Delta widget']);
      });

      it('filters with Microsoft.Dynamics.CRM.In', async () => {
        const result = await dwa.retrieveMultiple({
          collection: 'salesorders',
          select: ['name'],
          filter: `Microsoft.Dynamics.CRM.In(PropertyName='name',PropertyValues=['RM Alpha widget','RM Gamma gadget','missing'])`,
        });
        expect(result.value.map((row) => row.name).sort()).toEqual(['RM Alpha widget', 'RM Gamma gadget']);
      });

      it('orders by a column descending and limits with top', async () => {
        const result = await dwa.retrieveMultiple({
          collection: 'salesorders',
          select: ['name', 'freightamount'],
          filter: "startswith(name,'RM ')",
          orderBy: ['freightamount desc'],
          top: 2,
        });
        expect(result.value.map((row) => row.name)).toEqual(['RM Delta widget', 'RM Gamma gadget']);
        expect(result.value.map((row) => row.freightamount)).toEqual([35, 25]);
      });

      it('counts with count: true into oDataCount', async () => {
        const result = await dwa.retrieveMultiple({
          collection: 'salesorders',
          select: ['name'],
          filter: `_customerid_value eq ${customerId}`,
          count: true,
        });
        expect(result.oDataCount).toBe(3);
        expect(result.value).toHaveLength(3);
        expect(await dwa.count({ collection: 'salesorders', filter: `_customerid_value eq ${customerId}` })).toBe(3);
      });

      it('expands the single-valued customerid_account', async () => {
        const result = await dwa.retrieveMultiple({
          collection: 'salesorders',
          select: ['name'],
          filter: `salesorderid eq ${orderIds[1]}`,
          expand: [{ property: 'customerid_account', select: ['name'] }],
        });
        expect(result.value).toHaveLength(1);
        expect(result.value[0].customerid_account.name).toBe('Multiple Customer');
        expect(result.value[0].customerid_account.accountid).toBe(customerId);
      });

      it('expands the collection order_details with nested select, filter and orderBy', async () => {
        const result = await dwa.retrieveMultiple({
          collection: 'salesorders',
          select: ['name'],
          filter: `salesorderid eq ${orderIds[0]}`,
          expand: [
            {
              property: 'order_details',
              select: ['quantity', 'productdescription'],
              filter: 'quantity gt 1',
              orderBy: ['quantity desc'],
            },
          ],
        });
        const lines = result.value[0].order_details as {
          quantity: number;
          productdescription: string;
          priceperunit?: number;
        }[];
        expect(lines.map((line) => [line.productdescription, line.quantity])).toEqual([
          ['three', 3],
          ['two', 2],
        ]);
        expect(lines[0]!.priceperunit).toBeUndefined();
      });
    });

    it('retrieveAll follows nextLink across pages and returns every row once', async () => {
      const accountId = await createAccount('Paging Customer');
      const created = new Set<string>();
      for (let index = 0; index < 25; index += 1) created.add(await createOrder(`Page order ${index}`, accountId));
      const firstPage = await dwa.retrieveMultiple({
        collection: 'salesorders',
        select: ['name'],
        filter: `_customerid_value eq ${accountId}`,
        maxPageSize: 10,
      });
      expect(firstPage.value).toHaveLength(10);
      expect(firstPage.oDataNextLink).toMatch(new RegExp(`^${server.serviceRoot.replace(/[.]/g, '\\.')}`));
      const all = await dwa.retrieveAll({
        collection: 'salesorders',
        select: ['name'],
        filter: `_customerid_value eq ${accountId}`,
        maxPageSize: 10,
      });
      const ids = all.value.map((row) => row.salesorderid as string);
      expect(ids).toHaveLength(25);
      expect(new Set(ids)).toEqual(created);
      const pages = await pagesOf(`_customerid_value eq ${accountId}`);
      expect(pages).toBe(3);
    });

    /** Walks the pages the way retrieveAll does, counting them. */
    async function pagesOf(filter: string): Promise<number> {
      let pages = 0;
      let nextLink: string | undefined;
      do {
        const page = await dwa.retrieveMultiple(
          { collection: 'salesorders', select: ['name'], filter, maxPageSize: 10 },
          nextLink,
        );
        pages += 1;
        nextLink = page.oDataNextLink;
      } while (nextLink);
      return pages;
    }

    it('update with a stale ETag returns false (412)', async () => {
      const id = await createAccount('Stale Update');
      const before = await dwa.retrieve({ collection: 'accounts', key: id, select: ['name'] });
      expect(
        await dwa.update({
          collection: 'accounts',
          key: id,
          data: { name: 'First write' },
          ifmatch: before['@odata.etag'],
        }),
      ).toBe(true);
      expect(
        await dwa.update({
          collection: 'accounts',
          key: id,
          data: { name: 'Lost write' },
          ifmatch: before['@odata.etag'],
        }),
      ).toBe(false);
      const after = await dwa.retrieve({ collection: 'accounts', key: id, select: ['name'] });
      expect(after.name).toBe('First write');
    });

    it('update with the default If-Match * on a missing row rejects with 404 and creates nothing', async () => {
      const missing = '6c5a8f0e-1d2b-4c3a-9e8f-0a1b2c3d4e5f';
      const error = await rejectionOf(dwa.update({ collection: 'accounts', key: missing, data: { name: 'Ghost' } }));
      expect(error.status).toBe(404);
      expect(error.code).toMatch(/^0x/);
      expect(await exists('accounts', missing)).toBe(false);
    });

    it('update success returns true and changes the row', async () => {
      const id = await createAccount('Update Me');
      expect(
        await dwa.update({ collection: 'accounts', key: id, data: { name: 'Updated', creditlimit: 10.005 } }),
      ).toBe(true);
      const after = await dwa.retrieve({ collection: 'accounts', key: id, select: ['name', 'creditlimit'] });
      expect(after.name).toBe('Updated');
      expect(after.creditlimit).toBe(10.01);
    });

    it('upsert creates a missing row and updates an existing one', async () => {
      const id = '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0';
      await dwa.upsert({ collection: 'accounts', key: id, data: { name: 'Upserted' } });
      const created = await dwa.retrieve({ collection: 'accounts', key: id, select: ['name'] });
      expect(created.name).toBe('Upserted');
      await dwa.upsert({ collection: 'accounts', key: id, data: { name: 'Upserted again' } });
      const updated = await dwa.retrieve({ collection: 'accounts', key: id, select: ['name'] });
      expect(updated.name).toBe('Upserted again');
    });

    it("upsert with ifnonematch '*' on an existing row returns null and leaves it unchanged", async () => {
      const id = await createAccount('Keep Me');
      expect(
        await dwa.upsert({ collection: 'accounts', key: id, data: { name: 'Overwritten' }, ifnonematch: '*' }),
      ).toBeNull();
      const after = await dwa.retrieve({ collection: 'accounts', key: id, select: ['name'] });
      expect(after.name).toBe('Keep Me');
    });

    it('deleteRecord removes the row', async () => {
      const id = await createAccount('Delete Me');
      expect(await dwa.deleteRecord({ collection: 'accounts', key: id })).toBe(true);
      expect(await exists('accounts', id)).toBe(false);
    });

    it('deleteRecord with a stale ETag returns false and keeps the row', async () => {
      const id = await createAccount('Delete Stale');
      const before = await dwa.retrieve({ collection: 'accounts', key: id, select: ['name'] });
      await dwa.update({ collection: 'accounts', key: id, data: { name: 'Delete Stale 2' } });
      expect(await dwa.deleteRecord({ collection: 'accounts', key: id, ifmatch: before['@odata.etag'] })).toBe(false);
      expect(await exists('accounts', id)).toBe(true);
    });

    it('associate grants a role to a new user through systemuserroles_association, and disassociate removes it', async () => {
      const me = await dwa.callFunction<WhoAmI>('WhoAmI');
      const userId = await dwa.create<Record<string, unknown>, string>({
        collection: 'systemusers',
        data: {
          domainname: 'assoc.user@orderline.test',
          firstname: 'Asso',
          lastname: 'Ciate',
          'businessunitid@odata.bind': `businessunits(${me.BusinessUnitId})`,
        },
      });
      const roles = await dwa.retrieveMultiple({
        collection: 'roles',
        select: ['name'],
        filter: "name eq 'Salesperson'",
      });
      expect(roles.value).toHaveLength(1);
      const roleId = roles.value[0].roleid as string;
      await dwa.associate({
        collection: 'systemusers',
        primaryKey: userId,
        relationshipName: 'systemuserroles_association',
        relatedCollection: 'roles',
        relatedKey: roleId,
      });
      const granted = await dwa.retrieveMultiple({
        collection: `systemusers(${userId})/systemuserroles_association`,
        select: ['name'],
      });
      expect(granted.value.map((row) => row.name)).toEqual(['Salesperson']);
      await dwa.disassociate({
        collection: 'systemusers',
        primaryKey: userId,
        relationshipName: 'systemuserroles_association',
        relatedKey: roleId,
      });
      const after = await dwa.retrieveMultiple({
        collection: `systemusers(${userId})/systemuserroles_association`,
        select: ['name'],
      });
      expect(after.value).toEqual([]);
    });

    it('callFunction WhoAmI answers the effective user', async () => {
      const me = await dwa.callFunction<WhoAmI>('WhoAmI');
      expect(me.UserId).toMatch(GUID);
      expect(me.BusinessUnitId).toMatch(GUID);
      expect(me.OrganizationId).toMatch(GUID);
    });

    it('callAction ol_CreateAccessToken issues a token a second client can use as that user', async () => {
      const me = await dwa.callFunction<WhoAmI>('WhoAmI');
      const userId = await dwa.create<Record<string, unknown>, string>({
        collection: 'systemusers',
        data: {
          domainname: 'token.user@orderline.test',
          firstname: 'Token',
          lastname: 'User',
          'businessunitid@odata.bind': `businessunits(${me.BusinessUnitId})`,
        },
      });
      const roles = await dwa.retrieveMultiple({
        collection: 'roles',
        select: ['name'],
        filter: "name eq 'Salesperson'",
      });
      await dwa.associate({
        collection: 'systemusers',
        primaryKey: userId,
        relationshipName: 'systemuserroles_association',
        relatedCollection: 'roles',
        relatedKey: roles.value[0].roleid,
      });
      const issued = await dwa.callAction<{ AccessToken: string; ExpiresOn: Date | string }>({
        actionName: 'ol_CreateAccessToken',
        action: { SystemUserId: userId, ExpiresInDays: 30 },
      });
      expect(typeof issued.AccessToken).toBe('string');
      expect(issued.AccessToken.length).toBeGreaterThan(16);
      const expiresOn = issued.ExpiresOn instanceof Date ? issued.ExpiresOn : new Date(issued.ExpiresOn);
      const days = (expiresOn.getTime() - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(29);
      expect(days).toBeLessThan(31);
      const asUser = clientFor(server, issued.AccessToken);
      const them = await asUser.callFunction<WhoAmI>('WhoAmI');
      expect(them.UserId).toBe(userId);
      expect(them.UserId).not.toBe(me.UserId);
    });

    it('executeBatch runs a change set whose line binds to the order by $1', async () => {
      const accountId = await createAccount('Batch Customer');
      dwa.startBatch();
      void dwa.create({
        collection: 'salesorders',
        contentId: '1',
        data: { name: 'Batch order', 'customerid_account@odata.bind': `accounts(${accountId})` },
      });
      void dwa.create({
        collection: 'salesorderdetails',
        data: {
          'salesorderid@odata.bind': '$1',
          isproductoverridden: true,
          productdescription: 'Batched line',
          quantity: 2,
          priceperunit: 7.5,
        },
      });
      const results = await dwa.executeBatch();
      expect(results).toHaveLength(2);
      const [orderId, lineId] = results as [string, string];
      expect(orderId).toMatch(GUID);
      expect(lineId).toMatch(GUID);
      const order = await dwa.retrieve({
        collection: 'salesorders',
        key: orderId,
        select: ['name', '_customerid_value'],
        expand: [{ property: 'order_details', select: ['productdescription', 'quantity'] }],
      });
      expect(order.name).toBe('Batch order');
      expect(order._customerid_value).toBe(accountId);
      expect(order.order_details).toHaveLength(1);
      expect(order.order_details[0].salesorderdetailid).toBe(lineId);
      expect(order.order_details[0].quantity).toBe(2);
    });

    it('executeBatch rolls back a change set whose second operation fails', async () => {
      dwa.startBatch();
      void dwa.create({ collection: 'accounts', data: { name: 'Rolled Back Account' } });
      void dwa.create({ collection: 'accounts', data: { name: 'Invalid', notacolumn: 1 } });
      // The server answers 200 with the failing part alone; DWA turns that part into an Error in the
      // result array. An outer 4xx would make DWA reject with the same array, so accept both.
      const outcome: unknown = await dwa.executeBatch().catch((failure: unknown) => failure);
      const parts = (Array.isArray(outcome) ? outcome : [outcome]) as RequestError[];
      expect(parts).toHaveLength(1);
      expect(parts[0]).toBeInstanceOf(Error);
      expect(parts[0]!.status).toBe(400);
      // Inside a batch, DWA copies the whole error body onto the Error, so the code sits under `error`.
      expect((parts[0] as RequestError & { error?: { code?: string } }).error?.code).toMatch(/^0x/);
      const left = await dwa.retrieveMultiple({
        collection: 'accounts',
        select: ['name'],
        filter: "name eq 'Rolled Back Account'",
      });
      expect(left.value).toEqual([]);
    });

    it('a GET over 2000 characters is sent as a $batch and answers like the plain GET', async () => {
      const names = Array.from(
        { length: 60 },
        (_, index) => `Long URL account number ${String(index).padStart(3, '0')}`,
      );
      const ids: string[] = [];
      for (const name of names.slice(0, 5)) ids.push(await createAccount(name));
      const filter = names.map((name) => `name eq '${name}'`).join(' or ');
      expect(filter.length).toBeGreaterThan(2000);
      const result = await dwa.retrieveMultiple({
        collection: 'accounts',
        select: ['name'],
        filter,
        orderBy: ['name'],
      });
      expect(result.value.map((row) => row.name)).toEqual(names.slice(0, 5));
      expect(result.value.map((row) => row.accountid)).toEqual(ids);
      const inList = await dwa.retrieveMultiple({
        collection: 'accounts',
        select: ['name'],
        filter: `Microsoft.Dynamics.CRM.In(PropertyName='name',PropertyValues=[${names.map((name) => `'${name}'`).join(',')}])`,
      });
      expect(inList.value.map((row) => row.name).sort()).toEqual(names.slice(0, 5));
    });

    it('retrieve with ifnonematch of the current ETag returns undefined (304), and a stale one returns the row', async () => {
      const id = await createAccount('Cached');
      const first = await dwa.retrieve({ collection: 'accounts', key: id, select: ['name'] });
      expect(
        await dwa.retrieve({ collection: 'accounts', key: id, select: ['name'], ifnonematch: first['@odata.etag'] }),
      ).toBeUndefined();
      await dwa.update({ collection: 'accounts', key: id, data: { name: 'Cached 2' } });
      const fresh = await dwa.retrieve({
        collection: 'accounts',
        key: id,
        select: ['name'],
        ifnonematch: first['@odata.etag'],
      });
      expect(fresh.name).toBe('Cached 2');
      expect(fresh['@odata.etag']).not.toBe(first['@odata.etag']);
    });

    it('retrieve by alternate key ordernumber and by a GUID in braces', async () => {
      const accountId = await createAccount('Alternate Key Customer');
      const created = await dwa.create<Record<string, unknown>, Entity>({
        collection: 'salesorders',
        data: { name: 'Alternate key order', 'customerid_account@odata.bind': `accounts(${accountId})` },
        returnRepresentation: true,
        select: ['ordernumber'],
      });
      const byNumber = await dwa.retrieve({
        collection: 'salesorders',
        key: `ordernumber='${created.ordernumber}'`,
        select: ['name'],
      });
      expect(byNumber.salesorderid).toBe(created.salesorderid);
      const byBraces = await dwa.retrieve({
        collection: 'salesorders',
        key: `{${String(created.salesorderid).toUpperCase()}}`,
        select: ['name'],
      });
      expect(byBraces.name).toBe('Alternate key order');
    });

    it('retrieve of a single-valued navigationProperty returns the related row', async () => {
      const accountId = await createAccount('Navigation Customer');
      const orderId = await createOrder('Navigation order', accountId);
      const customer = await dwa.retrieve({
        collection: 'salesorders',
        key: orderId,
        navigationProperty: 'customerid_account',
        select: ['name'],
      });
      expect(customer.accountid).toBe(accountId);
      expect(customer.name).toBe('Navigation Customer');
    });

    it('count without a filter reads $count as a number, and countAll counts every page', async () => {
      const total = await dwa.count({ collection: 'roles' });
      expect(typeof total).toBe('number');
      expect(total).toBeGreaterThanOrEqual(5);
      const all = await dwa.countAll({ collection: 'roles', select: ['name'] });
      expect(all).toBe(total);
    });

    it('update with returnRepresentation returns the updated row', async () => {
      const id = await createAccount('Represent Update');
      const updated = await dwa.update({
        collection: 'accounts',
        key: id,
        data: { name: 'Represented', revenue: 0.1 + 0.2 },
        returnRepresentation: true,
        select: ['name', 'revenue'],
      });
      expect(updated.name).toBe('Represented');
      expect(updated.revenue).toBe(0.3);
    });

    it("upsert with ifmatch '*' on a missing row returns null and creates nothing", async () => {
      const missing = '7d6c5b4a-3f2e-4d1c-8b0a-9f8e7d6c5b4a';
      expect(
        await dwa.upsert({ collection: 'accounts', key: missing, data: { name: 'Nope' }, ifmatch: '*' }),
      ).toBeNull();
      expect(await exists('accounts', missing)).toBe(false);
    });

    it('updateSingleProperty sets one column and deleteRecord with property clears it', async () => {
      const id = await createAccount('Single Property', { telephone1: '555-0100' });
      await dwa.updateSingleProperty({ collection: 'accounts', key: id, fieldValuePair: { telephone1: '555-0199' } });
      expect((await dwa.retrieve({ collection: 'accounts', key: id, select: ['telephone1'] })).telephone1).toBe(
        '555-0199',
      );
      await dwa.deleteRecord({ collection: 'accounts', key: id, property: 'telephone1' });
      expect((await dwa.retrieve({ collection: 'accounts', key: id, select: ['telephone1'] })).telephone1).toBeNull();
    });

    it('associateSingleValued sets a lookup through $ref and disassociateSingleValued clears it', async () => {
      const accountId = await createAccount('Single Valued');
      const contactId = await dwa.create<Record<string, unknown>, string>({
        collection: 'contacts',
        data: { firstname: 'Primary', lastname: 'Contact' },
      });
      await dwa.associateSingleValued({
        collection: 'accounts',
        primaryKey: accountId,
        navigationProperty: 'primarycontactid',
        relatedCollection: 'contacts',
        relatedKey: contactId,
      });
      const linked = await dwa.retrieve({
        collection: 'accounts',
        key: accountId,
        select: ['_primarycontactid_value'],
      });
      expect(linked._primarycontactid_value).toBe(contactId);
      await dwa.disassociateSingleValued({
        collection: 'accounts',
        primaryKey: accountId,
        navigationProperty: 'primarycontactid',
      });
      const unlinked = await dwa.retrieve({
        collection: 'accounts',
        key: accountId,
        select: ['_primarycontactid_value'],
      });
      expect(unlinked._primarycontactid_value).toBeNull();
    });

    it('impersonate sends MSCRMCallerID: WhoAmI answers the impersonated user and writes record the real caller', async () => {
      const me = await dwa.callFunction<WhoAmI>('WhoAmI');
      const userId = await dwa.create<Record<string, unknown>, string>({
        collection: 'systemusers',
        data: { domainname: 'impersonated@orderline.test', firstname: 'Imper', lastname: 'Sonated' },
      });
      const roles = await dwa.retrieveMultiple({
        collection: 'roles',
        select: ['name'],
        filter: "name eq 'Salesperson'",
      });
      await dwa.associate({
        collection: 'systemusers',
        primaryKey: userId,
        relationshipName: 'systemuserroles_association',
        relatedCollection: 'roles',
        relatedKey: roles.value[0].roleid,
      });
      const them = await dwa.callFunction<WhoAmI>({ name: 'WhoAmI', impersonate: userId });
      expect(them.UserId).toBe(userId);
      const accountId = await dwa.create<Record<string, unknown>, string>({
        collection: 'accounts',
        data: { name: 'On Behalf' },
        impersonate: userId,
      });
      const account = await dwa.retrieve({
        collection: 'accounts',
        key: accountId,
        select: ['_createdby_value', '_createdonbehalfby_value', '_ownerid_value'],
      });
      expect(account._createdby_value).toBe(userId);
      expect(account._ownerid_value).toBe(userId);
      expect(account._createdonbehalfby_value).toBe(me.UserId);
    });

    it('tolerates the optional headers the client can send', async () => {
      const id = await dwa.create<Record<string, unknown>, string>({
        collection: 'accounts',
        data: { name: 'Headers Inc' },
        duplicateDetection: true,
        bypassCustomPluginExecution: true,
        noCache: true,
        tag: 'compat-test',
      });
      expect(id).toMatch(GUID);
      expect(
        await dwa.update({
          collection: 'accounts',
          key: id,
          data: { name: 'Headers 2' },
          mergeLabels: true,
          noCache: true,
        }),
      ).toBe(true);
      const read = await dwa.retrieve({
        collection: 'accounts',
        key: id,
        select: ['name'],
        noCache: true,
        ifnonematch: 'null',
      });
      expect(read.name).toBe('Headers 2');
    });

    it('executeBatch mixes GETs, updates, deletes and $n references in URLs and @odata.id', async () => {
      const keepId = await createAccount('Batch Keep');
      const dropId = await createAccount('Batch Drop');
      const me = await dwa.callFunction<WhoAmI>('WhoAmI');
      const userId = await dwa.create<Record<string, unknown>, string>({
        collection: 'systemusers',
        data: {
          domainname: 'batch.user@orderline.test',
          firstname: 'Batch',
          lastname: 'User',
          'businessunitid@odata.bind': `businessunits(${me.BusinessUnitId})`,
        },
      });
      const roles = await dwa.retrieveMultiple({
        collection: 'roles',
        select: ['name'],
        filter: "name eq 'Sales Manager'",
      });
      const roleId = roles.value[0].roleid as string;

      dwa.startBatch();
      void dwa.retrieveMultiple({ collection: 'accounts', select: ['name'], filter: `accountid eq ${keepId}` });
      void dwa.update({ collection: 'accounts', key: keepId, data: { name: 'Batch Kept' } });
      void dwa.deleteRecord({ collection: 'accounts', key: dropId });
      void dwa.create({ collection: 'accounts', contentId: '1', data: { name: 'Batch Parent' } });
      void dwa.update({ contentId: '$1', data: { telephone1: '555-0142' } });
      void dwa.create({
        collection: 'contacts',
        contentId: '2',
        data: { lastname: 'Batch Contact', 'parentcustomerid_account@odata.bind': '$1' },
      });
      void dwa.associateSingleValued({
        collection: 'accounts',
        primaryKey: keepId,
        navigationProperty: 'primarycontactid',
        relatedKey: '$2',
      });
      void dwa.associate({
        collection: 'systemusers',
        primaryKey: userId,
        relationshipName: 'systemuserroles_association',
        relatedCollection: 'roles',
        relatedKey: roleId,
      });
      void dwa.retrieve({ collection: 'accounts', key: keepId, select: ['name'] });
      const results = await dwa.executeBatch();

      expect(results).toHaveLength(9);
      expect(results[0].value.map((row: { name: string }) => row.name)).toEqual(['Batch Keep']);
      expect(results[1]).toBe(true);
      expect(results[2]).toBe(true);
      const parentId = results[3] as string;
      expect(parentId).toMatch(GUID);
      expect(results[4]).toBe(true);
      const contactId = results[5] as string;
      expect(contactId).toMatch(GUID);
      expect(results[8].name).toBe('Batch Kept');

      expect(await exists('accounts', dropId)).toBe(false);
      const parent = await dwa.retrieve({ collection: 'accounts', key: parentId, select: ['name', 'telephone1'] });
      expect(parent.telephone1).toBe('555-0142');
      const contact = await dwa.retrieve({
        collection: 'contacts',
        key: contactId,
        select: ['_parentcustomerid_value'],
      });
      expect(contact._parentcustomerid_value).toBe(parentId);
      const kept = await dwa.retrieve({ collection: 'accounts', key: keepId, select: ['_primarycontactid_value'] });
      expect(kept._primarycontactid_value).toBe(contactId);
      const granted = await dwa.retrieveMultiple({
        collection: `systemusers(${userId})/systemuserroles_association`,
        select: ['name'],
      });
      expect(granted.value.map((row) => row.name)).toEqual(['Sales Manager']);
    });

    it('executeBatch with continueOnError runs the operations after a failing one', async () => {
      dwa.startBatch();
      void dwa.create({ collection: 'accounts', data: { name: 'Continue 1' }, inChangeSet: false });
      void dwa.create({ collection: 'accounts', data: { name: 'Continue 2', notacolumn: true }, inChangeSet: false });
      void dwa.create({ collection: 'accounts', data: { name: 'Continue 3' }, inChangeSet: false });
      const results = await dwa.executeBatch({ continueOnError: true });
      expect(results).toHaveLength(3);
      expect(results[0]).toMatch(GUID);
      expect(results[1]).toBeInstanceOf(Error);
      expect(results[1].status).toBe(400);
      expect(results[2]).toMatch(GUID);
    });

    it('retrieve of a missing row rejects with 404 and code 0x80040217', async () => {
      const error = await rejectionOf(
        dwa.retrieve({ collection: 'accounts', key: '11111111-2222-4333-8444-555555555555' }),
      );
      expect(error.status).toBe(404);
      expect(error.code).toBe('0x80040217');
    });

    it('a user created without businessunitid@odata.bind joins the root business unit', async () => {
      const me = await dwa.callFunction<WhoAmI>('WhoAmI');
      const created = await dwa.create<Record<string, unknown>, Entity>({
        collection: 'systemusers',
        data: { domainname: 'no.unit@orderline.test', firstname: 'No', lastname: 'Unit' },
        returnRepresentation: true,
        select: ['_businessunitid_value', 'fullname'],
      });
      expect(created._businessunitid_value).toBe(me.BusinessUnitId);
      expect(created.fullname).toBe('No Unit');
    });

    it('useEntityNames maps logical names to entity sets through EntityDefinitions', async () => {
      const named = new DynamicsWebApi({
        serverUrl: server.baseUrl,
        onTokenRefresh: async () => ADMIN_TOKEN,
        dataApi: { version: '9.2' },
        useEntityNames: true,
      });
      const id = await named.create<Record<string, unknown>, string>({
        collection: 'account',
        data: { name: 'By logical name' },
      });
      const row = await named.retrieve({ collection: 'account', key: id, select: ['name'] });
      expect(row.name).toBe('By logical name');
    });

    it('a bad $filter rejects with an Error carrying status 400 and a 0x code', async () => {
      const error = await rejectionOf(dwa.retrieveMultiple({ collection: 'accounts', filter: 'name eq eq' }));
      expect(error).toBeInstanceOf(Error);
      expect(error.status).toBe(400);
      expect(error.code).toMatch(/^0x[0-9a-fA-F]{8}$/);
      expect(error.message.length).toBeGreaterThan(0);
    });
  });
}
