/**
 * An order priced through the Web API on every store: catalog, write-in, volume-discounted and
 * price-list-rounded lines, with the exact line and header figures after each change; each pricing
 * method; both manual discount methods; `_base` columns at a non-1 rate; RecalculatePrice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-app.js';
import { TEST_STORES } from '../support/test-stores.js';
import {
  action,
  addOrderLine,
  type Catalog,
  catalogLine,
  createCatalog,
  createOrder,
  expectLine,
  expectOrderTotals,
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
  describe(`order pricing through the Web API on ${kind}`, () => {
    let server: TestServer;
    let catalog: Catalog;

    beforeAll(async () => {
      server = await startTestServer(kind);
      catalog = await createCatalog(server.api);
    });
    afterAll(async () => {
      await server?.close();
    });

    it('prices each line and moves the header after every change', async () => {
      const api = server.api;
      const id = await createOrder(api, catalog);
      await expectOrderTotals(api, id, { totallineitemamount: 0, totalamount: 0 });

      // Catalog line: (100 × 11) − 10 = 1,090 (line item discount).
      const l1 = await addOrderLine(api, id, catalogLine(catalog, 'amount', 11, { manualdiscountamount: 10 }));
      const line1 = await expectLine(api, l1, {
        priceperunit: 100,
        baseamount: 1100,
        extendedamount: 1090,
        pricingerrorcode: 0,
      });
      expect(line1.productname).toBe('Product amount');
      expect(line1.ol_pricingtrace).toMatch(/price list item .*Currency Amount 100/);
      await expectOrderTotals(api, id, {
        totallineitemamount: 1090,
        totallineitemdiscountamount: 10,
        totaldiscountamount: 0,
        totalamountlessfreight: 1090,
        totaltax: 0,
        totalamount: 1090,
      });

      // Write-in line: the user's price at the pricing precision (19.995 -> 20), 3 × 20 + 5 tax.
      const l2 = await addOrderLine(api, id, writeIn(19.995, 3, { tax: 5 }));
      const line2 = await expectLine(api, l2, { priceperunit: 20, baseamount: 60, extendedamount: 65 });
      expect(line2.productname).toBe('Write-in service');
      expect(line2.ol_pricingtrace).toMatch(/write-in/);
      await expectOrderTotals(api, id, { totallineitemamount: 1150, totaltax: 5, totalamount: 1155 });

      // Volume-discounted line at the lower bound of the 10-19 tier: (50 − 5) × 10.
      const l3 = await addOrderLine(api, id, catalogLine(catalog, 'tiered', 10));
      const line3 = await expectLine(api, l3, {
        priceperunit: 50,
        volumediscountamount: 5,
        baseamount: 450,
        extendedamount: 450,
      });
      expect(line3.ol_pricingtrace).toMatch(/volume discount 10% for 10-19 units/);
      await expectOrderTotals(api, id, { totallineitemamount: 1600, totalamount: 1605 });

      // Price-list-rounded line: 110% of 123.45 = 135.795, up to a multiple of 5 = 140.
      const l4 = await addOrderLine(api, id, catalogLine(catalog, 'rounded', 2));
      await expectLine(api, l4, { priceperunit: 140, baseamount: 280, extendedamount: 280 });
      await expectOrderTotals(api, id, { totallineitemamount: 1880, totalamount: 1885 });

      // Quantity at the tiers' bounds: 19 (10%), 20 (20%), 9 (no tier).
      await patch(api, `salesorderdetails(${l3})`, { quantity: 19 });
      await expectLine(api, l3, { volumediscountamount: 5, baseamount: 855, extendedamount: 855 });
      await expectOrderTotals(api, id, { totallineitemamount: 2285, totalamount: 2290 });
      await patch(api, `salesorderdetails(${l3})`, { quantity: 20 });
      await expectLine(api, l3, { volumediscountamount: 10, baseamount: 800 });
      await expectOrderTotals(api, id, { totallineitemamount: 2230, totalamount: 2235 });
      await patch(api, `salesorderdetails(${l3})`, { quantity: 9 });
      await expectLine(api, l3, { volumediscountamount: 0, baseamount: 450 });
      await expectOrderTotals(api, id, { totallineitemamount: 1880, totalamount: 1885 });

      // Delete the write-in line.
      expectStatus(await api(`salesorderdetails(${l2})`, { method: 'DELETE' }));
      await expectOrderTotals(api, id, { totallineitemamount: 1820, totaltax: 0, totalamount: 1820 });

      // Header discount 10%: 182 off.
      await patch(api, `salesorders(${id})`, { discountpercentage: 10 });
      await expectOrderTotals(api, id, { totaldiscountamount: 182, totalamountlessfreight: 1638, totalamount: 1638 });
      // Discount amount on top.
      await patch(api, `salesorders(${id})`, { discountamount: 3 });
      await expectOrderTotals(api, id, { totaldiscountamount: 185, totalamountlessfreight: 1635, totalamount: 1635 });
      // Freight.
      await patch(api, `salesorders(${id})`, { freightamount: 15 });
      await expectOrderTotals(api, id, { totalamountlessfreight: 1635, totalamount: 1650 });
      // Tax on a line: detail amount unchanged, tax and total move.
      await patch(api, `salesorderdetails(${l1})`, { tax: 7.5 });
      await expectLine(api, l1, { baseamount: 1100, extendedamount: 1097.5 });
      await expectOrderTotals(api, id, {
        totallineitemamount: 1820,
        totallineitemdiscountamount: 10,
        totaldiscountamount: 185,
        totalamountlessfreight: 1635,
        totaltax: 7.5,
        totalamount: 1657.5,
      });

      // A catalog price change shows only after RecalculatePrice.
      await patch(api, `productpricelevels(${catalog.items.amount})`, { amount: 110 });
      await expectLine(api, l1, { priceperunit: 100 });
      await action(api, 'RecalculatePrice', { entityLogicalName: 'salesorder', entityId: id });
      await expectLine(api, l1, { priceperunit: 110, baseamount: 1210, extendedamount: 1207.5 });
      // Detail 1,930; 10% = 193; discount 196; pre-freight 1,734; + 15 + 7.5.
      await expectOrderTotals(api, id, { totallineitemamount: 1930, totaldiscountamount: 196, totalamount: 1756.5 });
      await patch(api, `productpricelevels(${catalog.items.amount})`, { amount: 100 });
    });

    it('prices each of the six pricing methods', async () => {
      const id = await createOrder(server.api, catalog);
      const expected: Record<string, number> = {
        amount: 100,
        percentOfList: 225,
        markupCurrent: 100,
        marginCurrent: 100,
        markupStandard: 90,
        marginStandard: 100,
      };
      for (const [key, price] of Object.entries(expected)) {
        const line = await addOrderLine(server.api, id, catalogLine(catalog, key, 1));
        const row = await expectLine(server.api, line, {
          priceperunit: price,
          extendedamount: price,
          pricingerrorcode: 0,
        });
        expect(row.ol_pricingtrace).toMatch(/price list item/);
      }
      await expectOrderTotals(server.api, id, { totallineitemamount: 715, totalamount: 715 });
    });

    it('applies the manual discount per line or per unit as the organization says', async () => {
      const examples = [
        { quantity: 11, lineItem: 1090, perUnit: 990 },
        { quantity: 200, lineItem: 19990, perUnit: 18000 },
      ];
      for (const method of [0, 1] as const) {
        await setOrganization(server.api, { discountcalculationmethod: method });
        try {
          const id = await createOrder(server.api, catalog);
          let total = 0;
          for (const example of examples) {
            const line = await addOrderLine(
              server.api,
              id,
              catalogLine(catalog, 'amount', example.quantity, { manualdiscountamount: 10 }),
            );
            const extended = method === 0 ? example.lineItem : example.perUnit;
            total += extended;
            await expectLine(server.api, line, { baseamount: 100 * example.quantity, extendedamount: extended });
          }
          await expectOrderTotals(server.api, id, { totallineitemamount: total, totalamount: total });
        } finally {
          await setOrganization(server.api, { discountcalculationmethod: 0 });
        }
      }
    });

    it('computes the _base columns through the order currency rate', async () => {
      const currencyId = await post(server.api, 'transactioncurrencies', {
        currencyname: `Euro ${Date.now()}`,
        isocurrencycode: 'EUR',
        currencysymbol: '€',
        currencyprecision: 2,
        exchangerate: 0.9,
      });
      const id = await createOrder(server.api, undefined, {
        'transactioncurrencyid@odata.bind': `/transactioncurrencies(${currencyId})`,
        freightamount: 9,
      });
      const line = await addOrderLine(server.api, id, writeIn(100, 1, { tax: 1 }));
      const row = await orderLine(server.api, line);
      expect(row._transactioncurrencyid_value).toBe(currencyId);
      expect(row.exchangerate).toBe(0.9);
      expect([row.priceperunit_base, row.baseamount_base, row.tax_base, row.extendedamount_base]).toEqual([
        111.1111, 111.1111, 1.1111, 112.2222,
      ]);
      const header = await order(server.api, id);
      expect(header.totalamount).toBe(110);
      expect([
        header.totallineitemamount_base,
        header.freightamount_base,
        header.totaltax_base,
        header.totalamount_base,
      ]).toEqual([111.1111, 10, 1.1111, 122.2222]);
    });

    it('keeps locked prices, lets the volume discount follow the quantity, and refuses write-in lines', async () => {
      const api = server.api;
      const id = await createOrder(api, catalog);
      const fixedLine = await addOrderLine(api, id, catalogLine(catalog, 'amount', 2));
      const tieredLine = await addOrderLine(api, id, catalogLine(catalog, 'tiered', 10));
      await action(api, 'LockSalesOrderPricing', { SalesOrderId: id });
      expect((await order(api, id)).ispricelocked).toBe(true);
      expect((await orderLine(api, fixedLine)).salesorderispricelocked).toBe(true);

      await patch(api, `productpricelevels(${catalog.items.amount})`, { amount: 120 });
      try {
        await patch(api, `salesorderdetails(${fixedLine})`, { quantity: 3 });
        const kept = await expectLine(api, fixedLine, { priceperunit: 100, baseamount: 300 });
        expect(kept.ol_pricingtrace).toMatch(/price locked/);
        await patch(api, `salesorderdetails(${tieredLine})`, { quantity: 20 });
        await expectLine(api, tieredLine, { priceperunit: 50, volumediscountamount: 10, baseamount: 800 });
        await expectOrderTotals(api, id, { totallineitemamount: 1100, totalamount: 1100 });

        const refused = await api('salesorderdetails', {
          method: 'POST',
          body: { ...writeIn(5, 1), 'salesorderid@odata.bind': `/salesorders(${id})` },
        });
        expect(refused.status, refused.text).toBe(400);
        expect(refused.json.error.message).toMatch(/locked/);
        await expectOrderTotals(api, id, { totallineitemamount: 1100 });

        // RecalculatePrice on a locked order keeps the agreed prices.
        await action(api, 'RecalculatePrice', { entityLogicalName: 'salesorder', entityId: id });
        await expectLine(api, fixedLine, { priceperunit: 100 });

        // "Use Current Pricing": unlocking re-prices every line from the catalog.
        await action(api, 'UnlockSalesOrderPricing', { SalesOrderId: id });
        await expectLine(api, fixedLine, { priceperunit: 120, baseamount: 360 });
        expect((await orderLine(api, fixedLine)).salesorderispricelocked).toBe(false);
        await expectOrderTotals(api, id, { totallineitemamount: 1160, totalamount: 1160 });
      } finally {
        await patch(api, `productpricelevels(${catalog.items.amount})`, { amount: 100 });
      }
    });

    it('locks and unlocks invoice pricing', async () => {
      const api = server.api;
      const id = await post(api, 'invoices', {
        name: 'Invoice',
        'pricelevelid@odata.bind': `/pricelevels(${catalog.priceListId})`,
      });
      await post(api, 'invoicedetails', {
        ...catalogLine(catalog, 'amount', 1),
        'invoiceid@odata.bind': `/invoices(${id})`,
      });
      await action(api, 'LockInvoicePricing', { InvoiceId: id });
      expect((await read(api, `invoices(${id})`)).ispricelocked).toBe(true);
      const refused = await api('invoicedetails', {
        method: 'POST',
        body: { ...writeIn(5, 1), 'invoiceid@odata.bind': `/invoices(${id})` },
      });
      expect(refused.status, refused.text).toBe(400);
      await action(api, 'UnlockInvoicePricing', { InvoiceId: id });
      expect((await read(api, `invoices(${id})`)).totalamount).toBe(100);
    });

    it('re-prices the lines when the price list changes, and refuses a RecalculatePrice it cannot do', async () => {
      const api = server.api;
      const id = await createOrder(api, undefined);
      const line = await addOrderLine(api, id, catalogLine(catalog, 'amount', 2));
      // No price list on the order while price lists are mandatory: pricing error, price 0.
      const unpriced = await orderLine(api, line);
      expect(unpriced.pricingerrorcode).not.toBe(0);
      expect((await order(api, id)).pricingerrorcode).toBe(1);
      await patch(api, `salesorders(${id})`, { 'pricelevelid@odata.bind': `/pricelevels(${catalog.priceListId})` });
      await expectLine(api, line, { priceperunit: 100, extendedamount: 200, pricingerrorcode: 0 });
      const header = await expectOrderTotals(api, id, { totalamount: 200 });
      expect(header.pricingerrorcode).toBe(0);

      const wrongTable = await api('RecalculatePrice', {
        method: 'POST',
        body: { entityLogicalName: 'account', entityId: id },
      });
      expect(wrongTable.status).toBe(400);
      const missing = await api('RecalculatePrice', {
        method: 'POST',
        body: { entityLogicalName: 'salesorder', entityId: '00000000-0000-4000-8000-000000000001' },
      });
      expect(missing.status).toBe(404);
    });

    it('keeps an opportunity estimated revenue equal to its total when system calculated', async () => {
      const api = server.api;
      const id = await post(api, 'opportunities', {
        name: 'Deal',
        isrevenuesystemcalculated: true,
        'pricelevelid@odata.bind': `/pricelevels(${catalog.priceListId})`,
      });
      await post(api, 'opportunityproducts', {
        ...catalogLine(catalog, 'amount', 3),
        'opportunityid@odata.bind': `/opportunities(${id})`,
      });
      await patch(api, `opportunities(${id})`, { freightamount: 20 });
      const row = await read(api, `opportunities(${id})`);
      expect([row.totalamount, row.estimatedvalue]).toEqual([320, 320]);
    });
  });
}
