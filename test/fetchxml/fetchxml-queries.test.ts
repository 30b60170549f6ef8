/**
 * `GET <set>?fetchXml=` against a real server on loopback, once per store. Every result is checked
 * against an independent computation: the equivalent `$filter` query, or figures computed here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-app.js';
import { TEST_STORES } from '../support/test-stores.js';

const FORMATTED = 'OData.Community.Display.V1.FormattedValue';

function fetchPath(set: string, fetchXml: string): string {
  return `${set}?fetchXml=${encodeURIComponent(fetchXml)}`;
}

const ids = (rows: { accountid?: string; contactid?: string }[]) =>
  rows.map((row) => row.accountid ?? row.contactid).sort();

for (const kind of TEST_STORES) {
  describe(`FetchXML queries on ${kind}`, () => {
    let server: TestServer;
    const accounts: { id: string; name: string; revenue: number | null; city: string | null }[] = [];
    const contacts: { id: string; lastname: string; accountId: string | null }[] = [];

    beforeAll(async () => {
      server = await startTestServer(kind);
      const cities = ['Lyon', 'Paris', null, 'Oslo'];
      for (let index = 0; index < 12; index += 1) {
        const name = `Fetch ${String.fromCharCode(65 + index)}${index % 3 === 0 ? ' Corp' : ''}`;
        const revenue = index % 4 === 3 ? null : index * 1000 + 0.25;
        const city = cities[index % 4]!;
        const response = await server.api('accounts', {
          method: 'POST',
          body: { name, revenue, address1_city: city },
          headers: { prefer: 'return=representation' },
        });
        expect(response.status).toBe(201);
        accounts.push({ id: response.json.accountid, name, revenue, city });
      }
      for (let index = 0; index < 6; index += 1) {
        const account = index < 5 ? accounts[index]! : undefined;
        const lastname = `Person ${index}`;
        const response = await server.api('contacts', {
          method: 'POST',
          body: {
            lastname,
            ...(account ? { 'parentcustomerid_account@odata.bind': `/accounts(${account.id})` } : {}),
          },
          headers: { prefer: 'return=representation' },
        });
        expect(response.status).toBe(201);
        contacts.push({ id: response.json.contactid, lastname, accountId: account?.id ?? null });
      }
    }, 60_000);
    afterAll(async () => {
      await server?.close();
    });

    async function fetchRows(set: string, fetchXml: string, headers: Record<string, string> = {}) {
      const response = await server.api(fetchPath(set, fetchXml), { headers });
      expect(response.status, response.text).toBe(200);
      return response.json;
    }

    async function filterRows(query: string) {
      const response = await server.api(`accounts?$select=accountid&${query}`);
      expect(response.status, response.text).toBe(200);
      return response.json.value;
    }

    const equivalents: [string, string][] = [
      [`<condition attribute='name' operator='eq' value='Fetch B' />`, `$filter=name eq 'Fetch B'`],
      [`<condition attribute='name' operator='ne' value='Fetch B' />`, `$filter=name ne 'Fetch B'`],
      [`<condition attribute='revenue' operator='gt' value='3000.25' />`, `$filter=revenue gt 3000.25`],
      [`<condition attribute='revenue' operator='le' value='3000.25' />`, `$filter=revenue le 3000.25`],
      [`<condition attribute='name' operator='like' value='%Corp' />`, `$filter=endswith(name,'Corp')`],
      [`<condition attribute='name' operator='not-like' value='%Corp' />`, `$filter=not endswith(name,'Corp')`],
      [`<condition attribute='name' operator='begins-with' value='Fetch A' />`, `$filter=startswith(name,'Fetch A')`],
      [`<condition attribute='name' operator='ends-with' value='corp' />`, `$filter=endswith(name,'corp')`],
      [
        `<condition attribute='address1_city' operator='in'><value>Lyon</value><value>Oslo</value></condition>`,
        `$filter=Microsoft.Dynamics.CRM.In(PropertyName='address1_city',PropertyValues=['Lyon','Oslo'])`,
      ],
      [
        `<condition attribute='address1_city' operator='not-in'><value>Lyon</value></condition>`,
        `$filter=Microsoft.Dynamics.CRM.NotIn(PropertyName='address1_city',PropertyValues=['Lyon'])`,
      ],
      [
        `<condition attribute='revenue' operator='between'><value>1000</value><value>5000.25</value></condition>`,
        `$filter=revenue ge 1000 and revenue le 5000.25`,
      ],
      [`<condition attribute='revenue' operator='null' />`, `$filter=revenue eq null`],
      [`<condition attribute='revenue' operator='not-null' />`, `$filter=revenue ne null`],
      [
        `<condition attribute='createdon' operator='today' />`,
        `$filter=Microsoft.Dynamics.CRM.Today(PropertyName='createdon')`,
      ],
      [
        `<condition attribute='createdon' operator='this-month' />`,
        `$filter=Microsoft.Dynamics.CRM.ThisMonth(PropertyName='createdon')`,
      ],
      [
        `<condition attribute='createdon' operator='last-year' />`,
        `$filter=Microsoft.Dynamics.CRM.LastYear(PropertyName='createdon')`,
      ],
      [
        `<condition attribute='createdon' operator='last-x-months' value='2' />`,
        `$filter=Microsoft.Dynamics.CRM.LastXMonths(PropertyName='createdon',PropertyValue=2)`,
      ],
      [
        `<condition attribute='createdon' operator='olderthan-x-days' value='1' />`,
        `$filter=Microsoft.Dynamics.CRM.OlderThanXDays(PropertyName='createdon',PropertyValue=1)`,
      ],
      [
        `<condition attribute='ownerid' operator='eq-userid' />`,
        `$filter=Microsoft.Dynamics.CRM.EqualUserId(PropertyName='_ownerid_value')`,
      ],
      [
        `<condition attribute='ownerid' operator='ne-userid' />`,
        `$filter=Microsoft.Dynamics.CRM.NotEqualUserId(PropertyName='_ownerid_value')`,
      ],
      [
        `<condition attribute='owningbusinessunit' operator='eq-businessid' />`,
        `$filter=Microsoft.Dynamics.CRM.EqualBusinessId(PropertyName='_owningbusinessunit_value')`,
      ],
      [
        `<filter type='or'><condition attribute='address1_city' operator='eq' value='Paris' /><filter><condition attribute='name' operator='like' value='%Corp%' /><condition attribute='revenue' operator='ge' value='6000' /></filter></filter>`,
        `$filter=address1_city eq 'Paris' or (contains(name,'Corp') and revenue ge 6000)`,
      ],
    ];

    it.each(equivalents)('%s finds the rows of %s', async (condition, filter) => {
      const inner = condition.startsWith('<filter') ? condition : `<filter>${condition}</filter>`;
      const fetched = await fetchRows(
        'accounts',
        `<fetch><entity name='account'><attribute name='name' />${inner}</entity></fetch>`,
      );
      const expected = await filterRows(
        `${filter.split('=')[0]}=${encodeURIComponent(filter.slice(filter.indexOf('=') + 1))}`,
      );
      expect(ids(fetched.value)).toEqual(ids(expected));
    });

    it('returns the selected columns, the primary key always, and no null values', async () => {
      const body = await fetchRows(
        'accounts',
        `<fetch><entity name='account'><attribute name='name' /><attribute name='revenue' /><filter><condition attribute='name' operator='begins-with' value='Fetch D' /></filter></entity></fetch>`,
      );
      expect(body.value).toHaveLength(1);
      const row = body.value[0];
      expect(row.accountid).toBe(accounts[3]!.id);
      expect(row.name).toBe('Fetch D Corp');
      expect('revenue' in row).toBe(false);
      expect('address1_city' in row).toBe(false);
    });

    it('orders by a column, descending, and keeps money exact', async () => {
      const body = await fetchRows(
        'accounts',
        `<fetch><entity name='account'><attribute name='revenue' /><order attribute='revenue' descending='true' /><filter><condition attribute='name' operator='begins-with' value='Fetch' /></filter></entity></fetch>`,
      );
      const expected = accounts
        .filter((account) => account.revenue !== null)
        .sort((a, b) => b.revenue! - a.revenue!)
        .map((account) => account.id);
      const withRevenue = body.value.filter((row: { revenue?: number }) => row.revenue !== undefined);
      expect(withRevenue.map((row: { accountid: string }) => row.accountid)).toEqual(expected);
      expect(body.value.at(-1).revenue).toBeUndefined();
      expect(withRevenue[0].revenue).toBe(Math.max(...accounts.map((account) => account.revenue ?? 0)));
      expect(withRevenue[0].revenue % 1).toBe(0.25);
    });

    it('joins a many-to-one link-entity and returns its columns as alias_x002e_column', async () => {
      const body = await fetchRows(
        'contacts',
        `<fetch><entity name='contact'><attribute name='lastname' /><order attribute='lastname' />
          <link-entity name='account' from='accountid' to='parentcustomerid' link-type='inner' alias='a'>
            <attribute name='name' /><attribute name='revenue' />
          </link-entity></entity></fetch>`,
        { prefer: 'odata.include-annotations="*"' },
      );
      const expected = contacts.filter((contact) => contact.accountId !== null);
      expect(body.value.map((row: { contactid: string }) => row.contactid)).toEqual(expected.map((c) => c.id));
      const first = body.value[0];
      const account = accounts.find((candidate) => candidate.id === expected[0]!.accountId)!;
      expect(first.a_x002e_name).toBe(account.name);
      expect(first['a_x002e_name@OData.Community.Display.V1.AttributeName']).toBe('name');
      expect(first[`a_x002e_revenue@${FORMATTED}`]).toBeTypeOf('string');
    });

    it('keeps rows without a linked row in an outer join and applies the link filter in the join', async () => {
      const body = await fetchRows(
        'contacts',
        `<fetch><entity name='contact'><attribute name='lastname' /><order attribute='lastname' />
          <link-entity name='account' from='accountid' to='parentcustomerid' link-type='outer' alias='a'>
            <attribute name='name' />
            <filter><condition attribute='name' operator='eq' value='Fetch B' /></filter>
          </link-entity>
          <filter><condition attribute='lastname' operator='begins-with' value='Person' /></filter></entity></fetch>`,
      );
      expect(body.value).toHaveLength(contacts.length);
      const named = body.value.filter((row: Record<string, unknown>) => row.a_x002e_name !== undefined);
      expect(named.map((row: { contactid: string }) => row.contactid)).toEqual([contacts[1]!.id]);
    });

    it('filters the entity on a linked column with entityname', async () => {
      const body = await fetchRows(
        'contacts',
        `<fetch><entity name='contact'><attribute name='lastname' />
          <link-entity name='account' from='accountid' to='parentcustomerid' link-type='outer' alias='a' />
          <filter type='or'><condition entityname='a' attribute='address1_city' operator='eq' value='Lyon' /><condition attribute='parentcustomerid' operator='null' /></filter></entity></fetch>`,
      );
      const lyon = new Set(accounts.filter((account) => account.city === 'Lyon').map((account) => account.id));
      const expected = contacts.filter((contact) => contact.accountId === null || lyon.has(contact.accountId));
      expect(ids(body.value)).toEqual(expected.map((contact) => contact.id).sort());
    });

    it('orders by a link-entity column after the entity order, and names a link without alias <table>1', async () => {
      const body = await fetchRows(
        'contacts',
        `<fetch><entity name='contact'><attribute name='lastname' />
          <link-entity name='account' from='accountid' to='parentcustomerid'>
            <attribute name='address1_city' /><order attribute='name' descending='true' />
          </link-entity></entity></fetch>`,
      );
      const byAccount = contacts
        .filter((contact) => contact.accountId !== null)
        .map((contact) => ({ contact, account: accounts.find((account) => account.id === contact.accountId)! }))
        .sort((a, b) => (a.account.name < b.account.name ? 1 : -1));
      expect(body.value.map((row: { contactid: string }) => row.contactid)).toEqual(
        byAccount.map((pair) => pair.contact.id),
      );
      expect(body.value.map((row: Record<string, string>) => row.account1_x002e_address1_city ?? null)).toEqual(
        byAccount.map((pair) => pair.account.city),
      );
    });

    it('compares two columns of a row with valueof', async () => {
      const body = await fetchRows(
        'accounts',
        `<fetch><entity name='account'><attribute name='name' /><filter><condition attribute='createdon' operator='eq' valueof='modifiedon' /></filter></entity></fetch>`,
      );
      const expected = await filterRows(`$filter=${encodeURIComponent('createdon eq modifiedon')}`);
      expect(ids(body.value)).toEqual(ids(expected));
      expect(body.value.length).toBeGreaterThan(0);
    });

    it('joins one-to-many: a row per related row', async () => {
      const body = await fetchRows(
        'accounts',
        `<fetch><entity name='account'><attribute name='name' />
          <link-entity name='contact' from='parentcustomerid' to='accountid' alias='c'><attribute name='lastname' /></link-entity>
          </entity></fetch>`,
      );
      expect(body.value).toHaveLength(5);
      expect(body.value.map((row: Record<string, string>) => row.c_x002e_lastname).sort()).toEqual(
        contacts
          .filter((contact) => contact.accountId)
          .map((contact) => contact.lastname)
          .sort(),
      );
    });

    it('pages across page boundaries with count, page and the paging cookie, missing and repeating no row', async () => {
      const fetchXml = (page: number, cookie?: string) =>
        `<fetch count='5' page='${page}'${cookie ? ` paging-cookie='${cookie.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')}'` : ''} returntotalrecordcount='true'><entity name='account'><attribute name='name' /><order attribute='address1_city' /><filter><condition attribute='name' operator='begins-with' value='Fetch' /></filter></entity></fetch>`;
      const seen: string[] = [];
      let page = 1;
      let cookie: string | undefined;
      for (;;) {
        const body = await fetchRows('accounts', fetchXml(page, cookie), {
          prefer: 'odata.include-annotations="Microsoft.Dynamics.CRM.fetchxmlpagingcookie"',
        });
        expect(body['@Microsoft.Dynamics.CRM.totalrecordcount']).toBe(12);
        expect(body['@Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded']).toBe(false);
        seen.push(...body.value.map((row: { accountid: string }) => row.accountid));
        if (!body['@Microsoft.Dynamics.CRM.morerecords']) {
          expect(body['@Microsoft.Dynamics.CRM.fetchxmlpagingcookie']).toBeUndefined();
          break;
        }
        const outer: string = body['@Microsoft.Dynamics.CRM.fetchxmlpagingcookie'];
        const match = /pagenumber="(\d+)" pagingcookie="([^"]*)"/.exec(outer)!;
        expect(Number(match[1])).toBe(page + 1);
        cookie = decodeURIComponent(decodeURIComponent(match[2]!));
        expect(cookie).toMatch(
          /^<cookie page="\d+"><accountid last="\{[0-9A-F-]{36}\}" first="\{[0-9A-F-]{36}\}" \/><\/cookie>$/,
        );
        page += 1;
      }
      expect(page).toBe(3);
      // The page number alone finds the same rows as the page number with the cookie.
      const second = await fetchRows('accounts', fetchXml(2));
      expect(second.value.map((row: { accountid: string }) => row.accountid)).toEqual(seen.slice(5, 10));
      expect(seen).toHaveLength(12);
      expect([...seen].sort()).toEqual(accounts.map((account) => account.id).sort());
    });

    it('limits rows with top, and uses odata.maxpagesize as the page size when count is absent', async () => {
      const top = await fetchRows(
        'accounts',
        `<fetch top='4'><entity name='account'><attribute name='name' /></entity></fetch>`,
      );
      expect(top.value).toHaveLength(4);
      expect(top['@Microsoft.Dynamics.CRM.morerecords']).toBeUndefined();
      const response = await server.api(
        fetchPath('accounts', `<fetch><entity name='account'><attribute name='name' /></entity></fetch>`),
        { headers: { prefer: 'odata.maxpagesize=7' } },
      );
      expect(response.json.value).toHaveLength(7);
      // The paging annotations are for a client that asks for them.
      expect(response.json['@Microsoft.Dynamics.CRM.morerecords']).toBeUndefined();
      expect(response.headers.get('preference-applied')).toContain('odata.maxpagesize=7');
    });

    it('returns distinct values', async () => {
      const body = await fetchRows(
        'accounts',
        `<fetch distinct='true'><entity name='account'><attribute name='address1_city' /><order attribute='address1_city' /></entity></fetch>`,
      );
      expect(body.value.map((row: Record<string, string>) => row.address1_city ?? null)).toEqual([
        null,
        'Lyon',
        'Oslo',
        'Paris',
      ]);
      expect(body.value[1].accountid).toBeUndefined();
    });

    it('answers inside a $batch part as it does alone', async () => {
      const fetchXml = `<fetch><entity name='account'><attribute name='name' /><filter><condition attribute='name' operator='eq' value='Fetch C' /></filter></entity></fetch>`;
      const boundary = 'batch_fetch';
      const body = [
        `--${boundary}`,
        'Content-Type: application/http',
        'Content-Transfer-Encoding: binary',
        '',
        `GET ${server.serviceRoot}${fetchPath('accounts', fetchXml)} HTTP/1.1`,
        'Accept: application/json',
        '',
        `--${boundary}--`,
        '',
      ].join('\r\n');
      const response = await server.api('$batch', {
        method: 'POST',
        body,
        headers: { 'content-type': `multipart/mixed; boundary=${boundary}` },
      });
      expect(response.status).toBe(200);
      expect(response.text).toContain('"name":"Fetch C"');
      expect(response.text).toContain(accounts[2]!.id);
    });
  });
}
