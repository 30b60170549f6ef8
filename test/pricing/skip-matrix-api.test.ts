/**
 * Cells of the skip matrix (reference 1.5) through the Web API: with the order processing integration
 * on, an integration user's writes to orders and invoices are left as written, a submitted order is not
 * recalculated, and opportunities and quotes always compute. The engine's own suite covers every cell
 * as data (src/pricing/skip-matrix.test.ts); these show that the write path consults it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-app.js';
import { TEST_STORES } from '../support/test-stores.js';
import {
  type Api,
  action,
  addOrderLine,
  type Catalog,
  catalogLine,
  createCatalog,
  createOrder,
  createUser,
  expectStatus,
  order,
  orderLine,
  patch,
  post,
  read,
  setOrganization,
  writeIn,
} from './support.js';

for (const kind of TEST_STORES) {
  describe(`skip matrix through the Web API on ${kind}`, () => {
    let server: TestServer;
    let catalog: Catalog;
    let integration: Api;

    beforeAll(async () => {
      server = await startTestServer(kind);
      catalog = await createCatalog(server.api);
      integration = (await createUser(server, { roles: ['Salesperson'], integration: true })).api;
    });
    afterAll(async () => {
      await server?.close();
    });

    const withIntegration = async (work: () => Promise<void>) => {
      await setOrganization(server.api, { issopintegrationenabled: true });
      try {
        await work();
      } finally {
        await setOrganization(server.api, { issopintegrationenabled: false });
      }
    };

    it('SOP off: an integration user’s order lines are priced', async () => {
      const id = await post(integration, 'salesorders', { name: 'IU order', freightamount: 10 });
      const line = await addOrderLine(integration, id, writeIn(10, 2));
      expect((await orderLine(integration, line)).extendedamount).toBe(20);
      expect((await order(integration, id)).totalamount).toBe(30);
    });

    it('SOP on: salesorder create, salesorderdetail create/update/delete and invoice update skip for an integration user', async () => {
      await withIntegration(async () => {
        // salesorder Create (IU): totals left as written.
        const id = await post(integration, 'salesorders', { name: 'IU order', freightamount: 10 });
        expect((await order(integration, id)).totalamount).toBeNull();
        // salesorderdetail Create (SUB or IU): the line keeps what was written, the header does not move.
        const line = await addOrderLine(integration, id, writeIn(10, 2));
        const written = await orderLine(integration, line);
        expect([written.extendedamount, written.baseamount, written.ol_pricingtrace]).toEqual([null, null, null]);
        // salesorderdetail Update and Delete (IU).
        await patch(integration, `salesorderdetails(${line})`, { quantity: 5 });
        expect((await orderLine(integration, line)).extendedamount).toBeNull();
        expectStatus(await integration(`salesorderdetails(${line})`, { method: 'DELETE' }));
        expect((await order(integration, id)).totalamount).toBeNull();

        // invoice Update (IU): freight written, totals not recomputed.
        const invoice = await post(server.api, 'invoices', { name: 'Invoice' });
        const before = await read(server.api, `invoices(${invoice})`);
        expect(before.totalamount).toBe(0);
        const ownInvoice = await post(integration, 'invoices', { name: 'IU invoice' });
        await patch(integration, `invoices(${ownInvoice})`, { freightamount: 12 });
        expect((await read(integration, `invoices(${ownInvoice})`)).totalamount).toBeNull();
      });
    });

    it('SOP on: a user who is not an integration user is priced; quotes and opportunities always compute', async () => {
      await withIntegration(async () => {
        const id = await createOrder(server.api, catalog, { freightamount: 10 });
        const line = await addOrderLine(server.api, id, catalogLine(catalog, 'amount', 2));
        expect((await orderLine(server.api, line)).extendedamount).toBe(200);
        expect((await order(server.api, id)).totalamount).toBe(210);

        const quote = await post(integration, 'quotes', { name: 'IU quote' });
        await post(integration, 'quotedetails', { ...writeIn(7, 3), 'quoteid@odata.bind': `/quotes(${quote})` });
        expect((await read(integration, `quotes(${quote})`)).totalamount).toBe(21);
        const opportunity = await post(integration, 'opportunities', { name: 'IU deal' });
        await post(integration, 'opportunityproducts', {
          ...writeIn(4, 5),
          'opportunityid@odata.bind': `/opportunities(${opportunity})`,
        });
        expect((await read(integration, `opportunities(${opportunity})`)).totalamount).toBe(20);
      });
    });

    it('SOP on: a submitted order is not recalculated', async () => {
      await withIntegration(async () => {
        const id = await createOrder(server.api, catalog);
        const line = await addOrderLine(server.api, id, catalogLine(catalog, 'amount', 1));
        await patch(server.api, `salesorders(${id})`, { statecode: 1, statuscode: 3 });
        await patch(server.api, `productpricelevels(${catalog.items.amount})`, { amount: 130 });
        try {
          await action(server.api, 'RecalculatePrice', { entityLogicalName: 'salesorder', entityId: id });
          expect((await orderLine(server.api, line)).priceperunit).toBe(100);
          expect((await order(server.api, id)).totalamount).toBe(100);
        } finally {
          await patch(server.api, `productpricelevels(${catalog.items.amount})`, { amount: 100 });
        }
      });
    });
  });
}
