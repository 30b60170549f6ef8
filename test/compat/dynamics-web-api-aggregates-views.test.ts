/**
 * Aggregate FetchXML and views through the real `dynamics-web-api` 2.5.0 client over a real socket, once
 * per store. `fetch` and `fetchAll` send an aggregate query as the client sends any FetchXML (it adds
 * `page="1"` itself); `retrieve` with `savedQuery` / `userQuery` (the options the client has for
 * "Retrieve and execute predefined queries") runs a system view and a personal view, each compared with
 * the `$filter` query that says the same thing.
 */
import { Decimal } from 'decimal.js';
import { DynamicsWebApi } from 'dynamics-web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from '../lifecycle/support.js';
import { ADMIN_TOKEN, startTestServer, type TestServer } from '../support/test-app.js';
import { TEST_STORES } from '../support/test-stores.js';

// biome-ignore lint/suspicious/noExplicitAny: rows are dynamic, as the client's own results (`any`) are.
type Entity = Record<string, any>;

/** System view ids (src/provisioning/system-view-definitions.ts): "My Active Accounts", "Active Accounts". */
const MY_ACTIVE_ACCOUNTS = '00000000-0000-0000-00aa-000010001001';
const ACTIVE_ACCOUNTS = '00000000-0000-0000-00aa-000010001002';

const revenues = ['10.10', '20.20', '0.01', '99999999.99', '3.33', '0.30'];

const clientFor = (server: TestServer, token: string) =>
  new DynamicsWebApi({ serverUrl: server.baseUrl, onTokenRefresh: async () => token, dataApi: { version: '9.2' } });

const names = (rows: readonly Entity[]) => rows.map((row) => row.name as string);

for (const kind of TEST_STORES) {
  describe(`dynamics-web-api aggregate FetchXML and views on ${kind}`, () => {
    let server: TestServer;
    let dwa: DynamicsWebApi;
    let seller: TestUser;
    const tag = `compat-agg-${Date.now()}`;

    beforeAll(async () => {
      server = await startTestServer(kind);
      dwa = clientFor(server, ADMIN_TOKEN);
      seller = await createUser(server, { roles: ['Salesperson'] });
      const sellerApi = clientFor(server, seller.token);
      for (const [index, revenue] of revenues.entries()) {
        // Every other account is the Salesperson's own.
        const api = index % 2 === 0 ? dwa : sellerApi;
        const id = await api.create<Entity, string>({
          collection: 'accounts',
          data: { name: `${tag} ${index}`, revenue: Number(revenue), address1_city: index < 3 ? 'North' : 'South' },
        });
        if (index === 5) await dwa.update({ collection: 'accounts', key: id, data: { statecode: 1, statuscode: 2 } });
      }
    }, 60_000);
    afterAll(async () => {
      await server?.close();
    });

    const aggregateXml = `<fetch aggregate="true"><entity name="account"><attribute name="address1_city" alias="city" groupby="true"/><attribute name="revenue" alias="total" aggregate="sum"/><attribute name="accountid" alias="n" aggregate="count"/><order alias="city"/><filter><condition attribute="name" operator="begins-with" value="${tag}"/></filter></entity></fetch>`;

    /** Sums and counts per city, computed from the seeded amounts. */
    const expectedGroups = () =>
      ['North', 'South'].map((city) => {
        const amounts = revenues.filter((_revenue, index) => (index < 3 ? 'North' : 'South') === city);
        return {
          city,
          total: amounts.reduce((sum, amount) => sum.add(amount), new Decimal(0)).toFixed(2),
          n: amounts.length,
        };
      });

    const comparable = (rows: readonly Entity[]) =>
      rows.map((row) => ({ city: row.city, total: new Decimal(row.total).toFixed(2), n: row.n }));

    it('fetch answers an aggregate query with the aliases as properties, figures to the cent', async () => {
      const response = await dwa.fetch<Entity>({ collection: 'accounts', fetchXml: aggregateXml });
      expect(comparable(response.value)).toEqual(expectedGroups());
      expect(response.PagingInfo).toBeUndefined();
    });

    it('fetch with formatted values gives the client its _Formatted properties', async () => {
      const response = await dwa.fetch<Entity>({
        collection: 'accounts',
        fetchXml: aggregateXml,
        includeAnnotations: 'OData.Community.Display.V1.FormattedValue',
      });
      expect(response.value[0]!.n_Formatted).toBe('3');
      expect(response.value[0]!.total_Formatted).toMatch(/30[.,]31/);
    });

    it('fetchAll collects the one page of groups, equal to the client’s $apply', async () => {
      const all = await dwa.fetchAll<Entity>({ collection: 'accounts', fetchXml: aggregateXml });
      expect(comparable(all.value)).toEqual(expectedGroups());
      const applied = await dwa.retrieveMultiple<Entity>({
        collection: 'accounts',
        apply: `filter(startswith(name,'${tag}'))/groupby((address1_city),aggregate(revenue with sum as total,$count as n))`,
      });
      expect(comparable(applied.value.map((row) => ({ ...row, city: row.address1_city })))).toEqual(
        comparable(all.value),
      );
    });

    it('retrieve with savedQuery runs a system view, as its $filter does', async () => {
      const viewed = await dwa.retrieve<{ value: Entity[] }>({ collection: 'accounts', savedQuery: ACTIVE_ACCOUNTS });
      const filtered = await dwa.retrieveAll<Entity>({
        collection: 'accounts',
        select: ['name'],
        filter: 'statecode eq 0',
        orderBy: ['name asc', 'accountid asc'],
      });
      expect(names(viewed.value)).toEqual(names(filtered.value));
      const mine = names(viewed.value).filter((name) => name.startsWith(tag));
      // The deactivated account (index 5) is not an active one.
      expect(mine).toEqual(revenues.slice(0, 5).map((_revenue, index) => `${tag} ${index}`));
    });

    it('retrieve with savedQuery runs "My Active Accounts" for the caller, a Salesperson', async () => {
      const sellerApi = clientFor(server, seller.token);
      const viewed = await sellerApi.retrieve<{ value: Entity[] }>({
        collection: 'accounts',
        savedQuery: MY_ACTIVE_ACCOUNTS,
      });
      const filtered = await sellerApi.retrieveAll<Entity>({
        collection: 'accounts',
        select: ['name'],
        filter: `_ownerid_value eq ${seller.id} and statecode eq 0`,
        orderBy: ['name asc', 'accountid asc'],
      });
      expect(names(viewed.value)).toEqual(names(filtered.value));
      expect(names(viewed.value)).toEqual([`${tag} 1`, `${tag} 3`]);
    });

    it('retrieve with userQuery runs the caller’s personal view, as its $filter does', async () => {
      const sellerApi = clientFor(server, seller.token);
      const id = await sellerApi.create<Entity, string>({
        collection: 'userqueries',
        data: {
          name: 'Big accounts',
          returnedtypecode: 'account',
          querytype: 0,
          fetchxml: `<fetch><entity name="account"><attribute name="name"/><attribute name="revenue"/><order attribute="revenue" descending="true"/><filter><condition attribute="name" operator="begins-with" value="${tag}"/><condition attribute="revenue" operator="ge" value="3.33"/></filter></entity></fetch>`,
        },
      });
      const viewed = await sellerApi.retrieve<{ value: Entity[] }>({ collection: 'accounts', userQuery: id });
      const filtered = await sellerApi.retrieveMultiple<Entity>({
        collection: 'accounts',
        select: ['name', 'revenue'],
        filter: `startswith(name,'${tag}') and revenue ge 3.33`,
        orderBy: ['revenue desc'],
      });
      expect(names(viewed.value)).toEqual(names(filtered.value));
      expect(viewed.value.map((row) => row.revenue)).toEqual(filtered.value.map((row) => row.revenue));
      expect(names(viewed.value)).toEqual([`${tag} 3`, `${tag} 1`, `${tag} 0`, `${tag} 4`]);
    });
  });
}
