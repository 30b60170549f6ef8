/**
 * FetchXML through the real `dynamics-web-api` 2.5.0 client over a real socket, once per store: its
 * `fetch` (one page, its own page attribute and paging cookie handling, the `alias.column` properties
 * it turns into nested objects) and `fetchAll` (every page through the cookies Orderline returns).
 */
import { DynamicsWebApi, type RequestError } from 'dynamics-web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startTestServer, type TestServer } from '../support/test-app.js';
import { TEST_STORES } from '../support/test-stores.js';

// biome-ignore lint/suspicious/noExplicitAny: rows are dynamic, as the client's own results (`any`) are.
type Entity = Record<string, any>;

for (const kind of TEST_STORES) {
  describe(`dynamics-web-api FetchXML on ${kind}`, () => {
    let server: TestServer;
    let dwa: DynamicsWebApi;
    const accountIds: string[] = [];

    beforeAll(async () => {
      server = await startTestServer(kind);
      dwa = new DynamicsWebApi({
        serverUrl: server.baseUrl,
        onTokenRefresh: async () => ADMIN_TOKEN,
        dataApi: { version: '9.2' },
      });
      for (let index = 0; index < 8; index += 1) {
        accountIds.push(
          await dwa.create<Record<string, unknown>, string>({
            collection: 'accounts',
            data: { name: `Compat fetch ${index}`, revenue: 100 * index + 0.5 },
          }),
        );
      }
      await dwa.create({
        collection: 'contacts',
        data: { lastname: 'Compat person', 'parentcustomerid_account@odata.bind': `/accounts(${accountIds[2]})` },
      });
    }, 60_000);
    afterAll(async () => {
      await server?.close();
    });

    it('fetch returns the rows, formatted values and linked columns as the client expects them', async () => {
      const response = await dwa.fetch<Entity>({
        collection: 'contacts',
        fetchXml: `<fetch><entity name="contact"><attribute name="lastname"/><filter><condition attribute="lastname" operator="eq" value="Compat person"/></filter><link-entity name="account" from="accountid" to="parentcustomerid" alias="acct"><attribute name="name"/><attribute name="revenue"/></link-entity></entity></fetch>`,
        includeAnnotations: '*',
      });
      expect(response.value).toHaveLength(1);
      const [row] = response.value;
      expect(row!.lastname).toBe('Compat person');
      // The client nests `acct_x002e_name` into `acct: { name }`, as it does with Dataverse's answers.
      expect(row!.acct.name).toBe('Compat fetch 2');
      expect(row!.acct.revenue).toBe(200.5);
      expect(row!.acct.revenue_Formatted).toMatch(/200[.,]50/);
    });

    it('fetch pages with the page number and cookie it reads from the answer', async () => {
      const fetchXml = `<fetch count="3" returntotalrecordcount="true"><entity name="account"><attribute name="name"/><order attribute="name"/><filter><condition attribute="name" operator="begins-with" value="Compat fetch"/></filter></entity></fetch>`;
      const first = await dwa.fetch<Entity>({
        collection: 'accounts',
        fetchXml,
        includeAnnotations: 'Microsoft.Dynamics.CRM.fetchxmlpagingcookie',
      });
      expect(first.value.map((row) => row.name)).toEqual(['Compat fetch 0', 'Compat fetch 1', 'Compat fetch 2']);
      expect(first['@Microsoft.Dynamics.CRM.totalrecordcount']).toBe(8);
      expect(first.PagingInfo?.nextPage).toBe(2);
      const second = await dwa.fetch<Entity>({
        collection: 'accounts',
        fetchXml,
        includeAnnotations: 'Microsoft.Dynamics.CRM.fetchxmlpagingcookie',
        pageNumber: first.PagingInfo!.nextPage!,
        pagingCookie: first.PagingInfo!.cookie!,
      });
      expect(second.value.map((row) => row.name)).toEqual(['Compat fetch 3', 'Compat fetch 4', 'Compat fetch 5']);
    });

    it('fetchAll collects every page, missing and repeating no row', async () => {
      const all = await dwa.fetchAll<Entity>({
        collection: 'accounts',
        fetchXml: `<fetch count="3"><entity name="account"><attribute name="accountid"/><order attribute="revenue" descending="true"/><filter><condition attribute="name" operator="like" value="Compat fetch%"/></filter></entity></fetch>`,
        includeAnnotations: 'Microsoft.Dynamics.CRM.fetchxmlpagingcookie',
      });
      expect(all.value.map((row) => row.accountid)).toEqual([...accountIds].reverse());
    });

    it('a FetchXML error reaches the client as a RequestError with the Dataverse code', async () => {
      let error: RequestError | undefined;
      try {
        await dwa.fetch({
          collection: 'accounts',
          fetchXml: `<fetch><entity name="account"><attribute name="nosuchcolumn"/></entity></fetch>`,
        });
      } catch (caught) {
        error = caught as RequestError;
      }
      expect(error?.status).toBe(400);
      expect(error?.code).toBe('0x80041103');
      expect(error?.message).toContain('nosuchcolumn');
    });
  });
}
