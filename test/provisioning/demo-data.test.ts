/** `orderline serve --demo`: a priced demo order on a new database, and nothing added twice. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../src/provisioning/demo-data.js';
import { startTestServer, type TestServer } from '../support/test-app.js';
import { TEST_STORES } from '../support/test-stores.js';

for (const kind of TEST_STORES) {
  describe(`demo data on ${kind}`, () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer(kind);
    });
    afterAll(async () => {
      await server?.close();
    });

    it('adds a catalog, a customer and an order priced by the system, once', async () => {
      const { services, provisioning } = server.app;
      expect(await seedDemoData(services, provisioning.adminUserId)).toBe(true);
      expect(await seedDemoData(services, provisioning.adminUserId)).toBe(false);
      const orders = await server.api(
        'salesorders?$select=name,totallineitemamount,freightamount,totalamount&$expand=order_details($select=quantity,priceperunit,volumediscountamount,extendedamount)',
      );
      expect(orders.json.value).toHaveLength(1);
      const [order] = orders.json.value;
      // 2 x 649 + 12 x (289.50 - 14.48) + 12 x (89.99 - 4.50): 5% volume discount from 10 units.
      expect(order.totallineitemamount).toBe(5624.12);
      expect(order.freightamount).toBe(45);
      expect(order.totalamount).toBe(5669.12);
      expect((await server.api('products/$count')).text).toBe('3');
    });
  });
}
