import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-app.js';
import { TEST_STORES } from '../support/test-stores.js';

for (const kind of TEST_STORES) {
  describe(`smoke on ${kind}`, () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer(kind);
    });
    afterAll(async () => {
      await server?.close();
    });

    it('creates an order with a line and reads it back with expand', async () => {
      const account = await server.api('accounts', { method: 'POST', body: { name: 'Contoso' } });
      expect(account.status).toBe(204);
      const accountUrl = account.headers.get('odata-entityid')!;
      const order = await server.api('salesorders', {
        method: 'POST',
        headers: { prefer: 'return=representation' },
        body: { name: 'First order', 'customerid_account@odata.bind': accountUrl, freightamount: 10.125 },
      });
      expect(order.status, order.text).toBe(201);
      expect(order.json.ordernumber).toMatch(/^ORD-01001-[A-Z0-9]{4}$/);
      expect(order.json.freightamount).toBe(10.13);
      const id = order.json.salesorderid;
      const line = await server.api('salesorderdetails', {
        method: 'POST',
        body: {
          'salesorderid@odata.bind': `/salesorders(${id})`,
          isproductoverridden: true,
          productdescription: 'Widget',
          quantity: 3,
          priceperunit: 12.5,
        },
      });
      expect(line.status, line.text).toBe(204);
      const read = await server.api(
        `salesorders(${id})?$select=name,freightamount&$expand=order_details($select=quantity,priceperunit),customerid_account($select=name)`,
        {
          headers: { prefer: 'odata.include-annotations="*"' },
        },
      );
      expect(read.status, read.text).toBe(200);
      expect(read.json.order_details).toHaveLength(1);
      expect(read.json.order_details[0].quantity).toBe(3);
      expect(read.json.customerid_account.name).toBe('Contoso');
      const filtered = await server.api(
        `salesorders?$filter=customerid_account/name eq 'contoso' and freightamount gt 10.12&$count=true`,
      );
      expect(filtered.status, filtered.text).toBe(200);
      expect(filtered.json['@odata.count']).toBe(1);
      const any = await server.api(`salesorders?$filter=order_details/any(d:d/quantity ge 3)`);
      expect(any.json.value, any.text).toHaveLength(1);
      const stale = await server.api(`salesorders(${id})`, {
        method: 'PATCH',
        headers: { 'if-match': 'W/"1"' },
        body: { name: 'x' },
      });
      expect(stale.status).toBe(412);
      const removed = await server.api(`salesorders(${id})`, { method: 'DELETE' });
      expect(removed.status).toBe(204);
      const lines = await server.api('salesorderdetails');
      expect(lines.json.value).toHaveLength(0);
    });
  });
}
