/**
 * The data service as a client sees it over HTTP, on every store: the conventions of reference
 * section 7 (create, upsert, conditions, SetState, paging, refusals) and the metadata rules.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-app.js';
import { TEST_STORES } from '../support/test-stores.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

for (const kind of TEST_STORES) {
  describe(`Web API on ${kind}`, () => {
    let server: TestServer;
    let accountId: string;

    beforeAll(async () => {
      server = await startTestServer(kind);
      const created = await server.api('accounts', {
        method: 'POST',
        body: { name: 'Fabrikam', accountnumber: 'FAB-1' },
      });
      accountId = /\(([^)]+)\)$/.exec(created.headers.get('odata-entityid')!)![1]!;
    });
    afterAll(async () => {
      await server?.close();
    });

    const expectError = (response: { status: number; json: any }, status: number) => {
      expect(response.status).toBe(status);
      expect(response.json.error.code).toMatch(/^0x[0-9a-f]+$/i);
      expect(response.json.error.message.length).toBeGreaterThan(0);
    };

    it('serves the service document and $metadata', async () => {
      const document = await server.api('');
      expect(document.status).toBe(200);
      expect(document.json.value.map((set: { name: string }) => set.name)).toContain('salesorders');
      const metadata = await server.api('$metadata');
      expect(metadata.status).toBe(200);
      expect(metadata.headers.get('content-type')).toContain('xml');
      expect(metadata.text).toContain('EntitySet Name="salesorders"');
    });

    it('declares in $metadata every action the instance serves, bound ones with their entity', async () => {
      const metadata = await server.api('$metadata');
      expect(metadata.text).toContain('<ActionImport Name="WinQuote"');
      expect(metadata.text).toContain('<ActionImport Name="RecalculatePrice"');
      expect(metadata.text).toMatch(
        /<Action Name="ol_SubmitSalesOrder" IsBound="true"><Parameter Name="entity" Type="mscrm.salesorder"/,
      );
      expect(metadata.text).toContain('<ComplexType Name="ColumnSet">');
    });

    it('answers on v9.0 and v9.1 too, and 404 on other versions', async () => {
      for (const version of ['v9.0', 'v9.1']) {
        const response = await fetch(`${server.baseUrl}api/data/${version}/WhoAmI`, {
          headers: { authorization: 'Bearer test-admin-token-0123456789abcdef' },
        });
        expect(response.status).toBe(200);
      }
      const other = await fetch(`${server.baseUrl}api/data/v8.2/WhoAmI`, {
        headers: { authorization: 'Bearer test-admin-token-0123456789abcdef' },
      });
      expect(other.status).toBe(404);
    });

    it('answers a name it does not serve as Dataverse does: 404 0x8006088a "Resource not found for the segment"', async () => {
      for (const [path, segment] of [
        ['Account', 'Account'],
        ['NoSuchFunction()', 'NoSuchFunction'],
        ['Microsoft.Dynamics.CRM.NoSuchAction', 'NoSuchAction'],
      ]) {
        const response = await server.api(path!);
        expect(response.status, path).toBe(404);
        expect(response.json.error).toEqual({
          code: '0x8006088a',
          message: `Resource not found for the segment '${segment}'.`,
        });
      }
    });

    it('refuses a request without a valid bearer token with 401', async () => {
      expectError(await server.api('accounts', { token: null }), 401);
      expectError(await server.api('accounts', { token: 'not-a-token' }), 401);
    });

    it('creates a row with the id the client chose, and refuses the same id twice with 412', async () => {
      const id = '0d7f3b9e-1c2a-4b5d-8e6f-123456789abc';
      expect((await server.api('accounts', { method: 'POST', body: { accountid: id, name: 'Chosen' } })).status).toBe(
        204,
      );
      expectError(await server.api('accounts', { method: 'POST', body: { accountid: id, name: 'Again' } }), 412);
    });

    it('writes dates in UTC without milliseconds and stamps who created a row', async () => {
      const row = await server.api(`accounts(${accountId})`);
      expect(row.json.createdon).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      expect(row.json._createdby_value).toMatch(GUID);
      expect(row.json['@odata.etag']).toMatch(/^W\/"\d+"$/);
    });

    it('upserts: PATCH of a missing id creates it, If-Match: * refuses with 404, If-None-Match: * on an existing row with 412', async () => {
      const id = '7e1d2c3b-4a59-4687-9a1b-2c3d4e5f6a7b';
      expectError(
        await server.api(`accounts(${id})`, { method: 'PATCH', headers: { 'if-match': '*' }, body: { name: 'No' } }),
        404,
      );
      expect((await server.api(`accounts(${id})`, { method: 'PATCH', body: { name: 'Upserted' } })).status).toBe(204);
      expect((await server.api(`accounts(${id})`)).json.name).toBe('Upserted');
      expectError(
        await server.api(`accounts(${id})`, {
          method: 'PATCH',
          headers: { 'if-none-match': '*' },
          body: { name: 'No' },
        }),
        412,
      );
      expect((await server.api(`accounts(${id})`)).json.name).toBe('Upserted');
    });

    it('refuses an upsert whose body contradicts the key in the URL, changing nothing', async () => {
      expectError(
        await server.api(`accounts(accountnumber='FAB-1')`, { method: 'PATCH', body: { accountnumber: 'OTHER' } }),
        400,
      );
      expectError(
        await server.api(`accounts(${accountId})`, {
          method: 'PATCH',
          body: { accountid: '11111111-1111-1111-1111-111111111111' },
        }),
        400,
      );
      expect((await server.api(`accounts(accountnumber='FAB-1')?$select=accountnumber`)).json.accountnumber).toBe(
        'FAB-1',
      );
      expect(
        (await server.api(`accounts(accountnumber='FAB-1')`, { method: 'PATCH', body: { accountnumber: 'FAB-1' } }))
          .status,
      ).toBe(204);
    });

    it('answers 304 to a retrieve whose If-None-Match is the current version', async () => {
      const row = await server.api(`accounts(${accountId})`);
      const again = await server.api(`accounts(${accountId})`, {
        headers: { 'if-none-match': row.json['@odata.etag'] },
      });
      expect(again.status).toBe(304);
      const nullHeader = await server.api(`accounts(${accountId})`, { headers: { 'if-none-match': 'null' } });
      expect(nullHeader.status).toBe(200);
    });

    it('retrieves by alternate key', async () => {
      const row = await server.api(`accounts(accountnumber='FAB-1')?$select=name`);
      expect(row.status).toBe(200);
      expect(row.json.name).toBe('Fabrikam');
      expectError(await server.api(`accounts(name='Fabrikam')`), 400);
    });

    it('keeps money exact and rounds it to the currency precision, half away from zero', async () => {
      const order = await server.api('salesorders', {
        method: 'POST',
        headers: { prefer: 'return=representation' },
        body: { name: 'Exact', discountamount: 999999999999.995, freightamount: 0.005 },
      });
      expect(order.status, order.text).toBe(201);
      expect(order.text).toContain('"discountamount":1000000000000');
      expect(order.json.freightamount).toBe(0.01);
      expect(order.json.freightamount_base).toBe(0.01);
      expect(order.json.exchangerate).toBe(1);
    });

    it('moves a row between states by PATCHing statecode and statuscode, and refuses a status of another state', async () => {
      const created = await server.api('accounts', {
        method: 'POST',
        headers: { prefer: 'return=representation' },
        body: { name: 'Stateful' },
      });
      const id = created.json.accountid;
      expect(created.json.statecode).toBe(0);
      expect(created.json.statuscode).toBe(1);
      expect(
        (await server.api(`accounts(${id})`, { method: 'PATCH', body: { statecode: 1, statuscode: 2 } })).status,
      ).toBe(204);
      const before = await server.api(`accounts(${id})`);
      const refused = await server.api(`accounts(${id})`, { method: 'PATCH', body: { statecode: 0, statuscode: 2 } });
      expectError(refused, 400);
      const after = await server.api(`accounts(${id})`);
      expect(after.json.statecode).toBe(1);
      expect(after.json).toEqual(before.json);
    });

    it('refuses unknown properties, values of the wrong type, overlong text and system columns, changing nothing', async () => {
      const before = await server.api(`accounts(${accountId})`);
      for (const body of [
        { nosuchcolumn: 1 },
        { name: 42 },
        { name: 'x'.repeat(161) },
        { createdon: '2020-01-01T00:00:00Z' },
        { creditlimit: '12' },
      ]) {
        expectError(await server.api(`accounts(${accountId})`, { method: 'PATCH', body }), 400);
      }
      const after = await server.api(`accounts(${accountId})`);
      expect(after.json).toEqual(before.json);
    });

    it('refuses totals on create but lets them be written on update (they are "valid for update only")', async () => {
      expectError(await server.api('salesorders', { method: 'POST', body: { name: 'T', totalamount: 5 } }), 400);
    });

    it('counts with /$count and with $count=true', async () => {
      const count = await server.api('accounts/$count');
      expect(count.status).toBe(200);
      expect(Number(count.text)).toBeGreaterThanOrEqual(1);
      const listed = await server.api('accounts?$count=true&$select=name');
      expect(listed.json['@odata.count']).toBe(listed.json.value.length);
    });

    it('pages with odata.maxpagesize and an absolute nextLink that returns every row once', async () => {
      for (let index = 0; index < 7; index += 1) {
        await server.api('contacts', { method: 'POST', body: { firstname: 'Page', lastname: `Contact ${index}` } });
      }
      const seen: string[] = [];
      let url: string | undefined =
        `${server.serviceRoot}contacts?$select=fullname&$filter=firstname eq 'Page'&$orderby=lastname desc`;
      let pages = 0;
      while (url) {
        const response = await server.api(url.slice(server.serviceRoot.length), {
          headers: { prefer: 'odata.maxpagesize=3' },
        });
        expect(response.status).toBe(200);
        expect(response.headers.get('preference-applied')).toContain('odata.maxpagesize=3');
        seen.push(...response.json.value.map((row: { fullname: string }) => row.fullname));
        url = response.json['@odata.nextLink'];
        if (url) expect(url.startsWith(server.serviceRoot)).toBe(true);
        pages += 1;
      }
      expect(pages).toBe(3);
      expect(seen).toEqual([...seen].sort().reverse());
      expect(new Set(seen).size).toBe(7);
    });

    it('counts a row created this very second as within LastXDays and LastXHours', async () => {
      const created = await server.api('accounts', {
        method: 'POST',
        headers: { prefer: 'return=representation' },
        body: { name: 'Just now' },
      });
      const id = created.json.accountid;
      const matches = async (query: string) =>
        (await server.api(`accounts?$select=name&$filter=accountid eq ${id} and Microsoft.Dynamics.CRM.${query}`)).json
          .value.length;
      expect(await matches("LastXDays(PropertyName='createdon',PropertyValue=1)")).toBe(1);
      expect(await matches("LastXHours(PropertyName='createdon',PropertyValue=1)")).toBe(1);
      expect(await matches("OnOrAfter(PropertyName='createdon',PropertyValue='2999-01-01')")).toBe(0);
    });

    it('sorts nulls first ascending and last descending, as Dataverse does, on every store', async () => {
      for (const [name, telephone] of [
        ['Sort A', '2'],
        ['Sort B', null],
        ['Sort C', '1'],
      ] as const) {
        await server.api('accounts', { method: 'POST', body: { name, telephone1: telephone } });
      }
      const names = async (direction: string) =>
        (
          await server.api(`accounts?$select=name&$filter=startswith(name,'Sort ')&$orderby=telephone1 ${direction}`)
        ).json.value.map((row: { name: string }) => row.name);
      expect(await names('asc')).toEqual(['Sort B', 'Sort C', 'Sort A']);
      expect(await names('desc')).toEqual(['Sort A', 'Sort C', 'Sort B']);
    });

    it('refuses $skip, $search and $format as Dataverse does', async () => {
      for (const option of ['$skip=1', '$search=x', '$format=json'])
        expectError(await server.api(`accounts?${option}`), 400);
    });

    it('answers formatted values and lookup annotations when asked', async () => {
      const order = await server.api('salesorders', {
        method: 'POST',
        headers: { prefer: 'return=representation,odata.include-annotations="*"' },
        body: { name: 'Formatted', freightamount: 1234.5, 'customerid_account@odata.bind': `/accounts(${accountId})` },
      });
      expect(order.json['statuscode@OData.Community.Display.V1.FormattedValue']).toBe('New');
      expect(order.json['freightamount@OData.Community.Display.V1.FormattedValue']).toBe('$1,234.50');
      expect(order.json['_customerid_value@OData.Community.Display.V1.FormattedValue']).toBe('Fabrikam');
      expect(order.json['_customerid_value@Microsoft.Dynamics.CRM.lookuplogicalname']).toBe('account');
      expect(order.json['_customerid_value@Microsoft.Dynamics.CRM.associatednavigationproperty']).toBe(
        'customerid_account',
      );
      const plain = await server.api(`salesorders(${order.json.salesorderid})`);
      expect(plain.json['statuscode@OData.Community.Display.V1.FormattedValue']).toBeUndefined();
    });

    it('clears lookups on delete where the relationship removes the link, and refuses deletes it restricts', async () => {
      const quote = await server.api('quotes', {
        method: 'POST',
        headers: { prefer: 'return=representation' },
        body: { name: 'Q' },
      });
      const order = await server.api('salesorders', {
        method: 'POST',
        headers: { prefer: 'return=representation' },
        body: { name: 'From quote', 'quoteid@odata.bind': `/quotes(${quote.json.quoteid})` },
      });
      expect(order.json._quoteid_value).toBe(quote.json.quoteid);
      // quote_orders is Delete: Restrict in Dataverse; order_invoices removes the link.
      expectError(await server.api(`quotes(${quote.json.quoteid})`, { method: 'DELETE' }), 400);
      const invoice = await server.api('invoices', {
        method: 'POST',
        headers: { prefer: 'return=representation' },
        body: { name: 'Of the order', 'salesorderid@odata.bind': `/salesorders(${order.json.salesorderid})` },
      });
      expect((await server.api(`salesorders(${order.json.salesorderid})`, { method: 'DELETE' })).status).toBe(204);
      expect((await server.api(`invoices(${invoice.json.invoiceid})`)).json._salesorderid_value).toBeNull();
      expect((await server.api(`quotes(${quote.json.quoteid})`, { method: 'DELETE' })).status).toBe(204);

      const currency = (await server.api("transactioncurrencies?$filter=isocurrencycode eq 'USD'")).json.value[0];
      expectError(
        await server.api(`transactioncurrencies(${currency.transactioncurrencyid})`, { method: 'DELETE' }),
        400,
      );
      expect((await server.api(`transactioncurrencies(${currency.transactioncurrencyid})`)).status).toBe(200);
    });

    it('creates the base unit of a new unit group, and keeps products in Draft off lines until published', async () => {
      const group = await server.api('uomschedules', {
        method: 'POST',
        headers: { prefer: 'return=representation' },
        body: { name: 'Each', baseuomname: 'Primary Unit' },
      });
      expect(group.status, group.text).toBe(201);
      const units = await server.api(`uoms?$filter=_uomscheduleid_value eq ${group.json.uomscheduleid}`);
      expect(units.json.value).toHaveLength(1);
      expect(units.json.value[0].name).toBe('Primary Unit');
      expect(units.json.value[0].isschedulebaseuom).toBe(true);

      const product = await server.api('products', {
        method: 'POST',
        headers: { prefer: 'return=representation' },
        body: {
          name: 'Gadget',
          productnumber: 'G-1',
          'defaultuomscheduleid@odata.bind': `/uomschedules(${group.json.uomscheduleid})`,
          'defaultuomid@odata.bind': `/uoms(${units.json.value[0].uomid})`,
        },
      });
      expect(product.json.statecode).toBe(2);
      const order = await server.api('salesorders', {
        method: 'POST',
        headers: { prefer: 'return=representation' },
        body: { name: 'Lines' },
      });
      const line = {
        'salesorderid@odata.bind': `/salesorders(${order.json.salesorderid})`,
        'productid@odata.bind': `/products(${product.json.productid})`,
        quantity: 1,
      };
      expectError(await server.api('salesorderdetails', { method: 'POST', body: line }), 400);
      await server.api(`products(${product.json.productid})`, {
        method: 'PATCH',
        body: { statecode: 0, statuscode: 1 },
      });
      const accepted = await server.api('salesorderdetails', { method: 'POST', body: line });
      expect(accepted.status, accepted.text).toBe(204);
    });

    it('names a price list item by the product number of its product, which clients cannot set', async () => {
      const group = await server.api('uomschedules', {
        method: 'POST',
        headers: { prefer: 'return=representation' },
        body: { name: 'Boxes', baseuomname: 'Box' },
      });
      const unitId = (await server.api(`uoms?$filter=_uomscheduleid_value eq ${group.json.uomscheduleid}`)).json
        .value[0].uomid;
      const product = async (productnumber: string) =>
        (
          await server.api('products', {
            method: 'POST',
            headers: { prefer: 'return=representation' },
            body: {
              name: `Product ${productnumber}`,
              productnumber,
              'defaultuomscheduleid@odata.bind': `/uomschedules(${group.json.uomscheduleid})`,
              'defaultuomid@odata.bind': `/uoms(${unitId})`,
            },
          })
        ).json.productid as string;
      const [first, second] = [await product('PLI-1'), await product('PLI-2')];
      const currency = (await server.api("transactioncurrencies?$filter=isocurrencycode eq 'USD'")).json.value[0];
      const priceList = await server.api('pricelevels', {
        method: 'POST',
        headers: { prefer: 'return=representation' },
        body: {
          name: 'Item names',
          'transactioncurrencyid@odata.bind': `/transactioncurrencies(${currency.transactioncurrencyid})`,
        },
      });
      const item = await server.api('productpricelevels', {
        method: 'POST',
        headers: { prefer: 'return=representation' },
        body: {
          'pricelevelid@odata.bind': `/pricelevels(${priceList.json.pricelevelid})`,
          'productid@odata.bind': `/products(${first})`,
          'uomid@odata.bind': `/uoms(${unitId})`,
          pricingmethodcode: 1,
          amount: 5,
        },
      });
      expect(item.status, item.text).toBe(201);
      expect(item.json.productnumber).toBe('PLI-1');

      const itemPath = `productpricelevels(${item.json.productpricelevelid})`;
      const moved = await server.api(itemPath, {
        method: 'PATCH',
        body: { 'productid@odata.bind': `/products(${second})` },
      });
      expect(moved.status, moved.text).toBe(204);
      expect((await server.api(`${itemPath}?$select=productnumber`)).json.productnumber).toBe('PLI-2');
      expectError(await server.api(itemPath, { method: 'PATCH', body: { productnumber: 'MINE' } }), 400);
    });

    it('reads and clears single properties, and follows navigation properties', async () => {
      const name = await server.api(`accounts(${accountId})/name`);
      expect(name.json.value).toBe('Fabrikam');
      await server.api(`accounts(${accountId})`, { method: 'PATCH', body: { telephone1: '555' } });
      expect((await server.api(`accounts(${accountId})/telephone1`, { method: 'DELETE' })).status).toBe(204);
      expect((await server.api(`accounts(${accountId})/telephone1`)).json.value).toBeNull();

      const order = await server.api('salesorders', {
        method: 'POST',
        headers: { prefer: 'return=representation' },
        body: { name: 'Nav', 'customerid_account@odata.bind': `/accounts(${accountId})` },
      });
      const customer = await server.api(`salesorders(${order.json.salesorderid})/customerid_account?$select=name`);
      expect(customer.json.name).toBe('Fabrikam');
      const created = await server.api(`salesorders(${order.json.salesorderid})/order_details`, {
        method: 'POST',
        body: { isproductoverridden: true, productdescription: 'Write-in', quantity: 2, priceperunit: 3 },
      });
      expect(created.status, created.text).toBe(204);
      const lines = await server.api(`salesorders(${order.json.salesorderid})/order_details?$select=quantity`);
      expect(lines.json.value).toHaveLength(1);
    });
  });
}
