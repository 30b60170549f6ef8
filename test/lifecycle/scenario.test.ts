/**
 * The sales lifecycle end to end, through the Web API (issue #4, "Done means"): opportunity -> quote ->
 * activate -> won -> order -> submitted -> written back by the integration user -> fulfilled with the
 * order processing integration on; and the same with it off, ending in an invoice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-app.js';
import { TEST_STORES } from '../support/test-stores.js';
import {
  as,
  createUser,
  expectOk,
  expectRefused,
  post,
  read,
  setIntegration,
  type TestUser,
  writeInLine,
} from './support.js';

for (const kind of TEST_STORES) {
  describe(`sales lifecycle scenario on ${kind}`, () => {
    let server: TestServer;
    let seller: TestUser;
    let backOffice: TestUser;
    let accountId: string;

    beforeAll(async () => {
      server = await startTestServer(kind);
      seller = await createUser(server, { roles: ['Salesperson'], license: 2, name: 'seller' });
      backOffice = await createUser(server, {
        roles: ['Sales Manager'],
        license: 3,
        integration: true,
        name: 'backoffice',
      });
      accountId = await post(as(server), 'accounts', { name: 'Contoso' });
    });
    afterAll(async () => {
      await server?.close();
    });

    /** Opportunity with two products -> quote -> activated -> won -> order; returns the order. */
    async function sellUpToOrder(): Promise<{ opportunityId: string; quoteId: string; order: any }> {
      const api = as(server, seller);
      const opportunityId = await post(api, 'opportunities', {
        name: 'Fleet renewal',
        'customerid_account@odata.bind': `/accounts(${accountId})`,
      });
      await post(api, 'opportunityproducts', {
        ...writeInLine('Truck', 3, 1000),
        'opportunityid@odata.bind': `/opportunities(${opportunityId})`,
      });
      await post(api, 'opportunityproducts', {
        ...writeInLine('Service plan', 1, 250),
        'opportunityid@odata.bind': `/opportunities(${opportunityId})`,
      });

      const quote = await api('GenerateQuoteFromOpportunity', {
        method: 'POST',
        body: { OpportunityId: opportunityId, ColumnSet: { AllColumns: true } },
      });
      expectOk(quote, 200);
      expect(quote.json['@odata.context']).toMatch(/\$metadata#quotes\/\$entity$/);
      expect(quote.json.statecode).toBe(0);
      expect(quote.json._opportunityid_value).toBe(opportunityId);
      expect(quote.json._customerid_value).toBe(accountId);
      expect(quote.json.quotenumber).toMatch(/^QUO-\d{5}-/);
      const quoteId = quote.json.quoteid;
      const quoteLines = await read(
        api,
        `quotedetails?$filter=_quoteid_value eq ${quoteId}&$orderby=productdescription`,
      );
      expect(quoteLines.value.map((line: any) => [line.productdescription, line.quantity])).toEqual([
        ['Service plan', 1],
        ['Truck', 3],
      ]);

      expectOk(await api(`quotes(${quoteId})`, { method: 'PATCH', body: { statecode: 1, statuscode: 2 } }));
      expectOk(
        await api('WinQuote', {
          method: 'POST',
          body: {
            QuoteClose: {
              '@odata.type': 'Microsoft.Dynamics.CRM.quoteclose',
              subject: 'Won',
              'quoteid@odata.bind': `/quotes(${quoteId})`,
            },
            Status: -1,
          },
        }),
      );
      const won = await read(api, `quotes(${quoteId})?$select=statecode,statuscode,closedon`);
      expect([won.statecode, won.statuscode]).toEqual([2, 4]);
      expect(won.closedon).toMatch(/^\d{4}-\d{2}-\d{2}$/);

      const order = await api('ConvertQuoteToSalesOrder', {
        method: 'POST',
        body: { QuoteId: quoteId, ColumnSet: { AllColumns: true } },
      });
      expectOk(order, 200);
      expect(order.json.statecode).toBe(0);
      expect(order.json._quoteid_value).toBe(quoteId);
      expect(order.json._opportunityid_value).toBe(opportunityId);
      const orderLines = await read(api, `salesorderdetails?$filter=_salesorderid_value eq ${order.json.salesorderid}`);
      expect(orderLines.value).toHaveLength(2);
      const quoteLineIds = quoteLines.value.map((line: any) => line.quotedetailid).sort();
      expect(orderLines.value.map((line: any) => line._quotedetailid_value).sort()).toEqual(quoteLineIds);
      return { opportunityId, quoteId, order: order.json };
    }

    it('walks opportunity -> quote -> won -> order -> submitted -> written back by the integration user -> fulfilled, with the integration on', async () => {
      await setIntegration(server, true);
      const { order } = await sellUpToOrder();
      const orderId = order.salesorderid;
      const api = as(server, seller);

      // Create Invoice is not available while the integration is on.
      expectRefused(
        await api('ConvertSalesOrderToInvoice', { method: 'POST', body: { SalesOrderId: orderId } }),
        400,
        /integration is on/,
      );

      expectOk(
        await api(`salesorders(${orderId})/Microsoft.Dynamics.CRM.ol_SubmitSalesOrder`, { method: 'POST', body: {} }),
      );
      const submitted = await read(api, `salesorders(${orderId})`);
      expect([submitted.statecode, submitted.statuscode]).toEqual([1, 3]);
      expect(submitted.submitdate).toBe(new Date().toISOString().slice(0, 10));

      // The seller can no longer change it; the back office writes status, quantities and totals back.
      expectRefused(
        await api(`salesorders(${orderId})`, { method: 'PATCH', body: { description: 'late change' } }),
        400,
        /locked/,
      );
      const office = as(server, backOffice);
      expectOk(
        await office(`salesorders(${orderId})`, {
          method: 'PATCH',
          body: { submitstatus: 2, submitstatusdescription: 'Confirmed' },
        }),
      );
      const line = (
        await read(
          office,
          `salesorderdetails?$filter=_salesorderid_value eq ${orderId}&$orderby=productdescription desc`,
        )
      ).value[0];
      expectOk(
        await office(`salesorderdetails(${line.salesorderdetailid})`, {
          method: 'PATCH',
          body: { quantityshipped: 3 },
        }),
      );
      expectOk(
        await office('FulfillSalesOrder', {
          method: 'POST',
          body: {
            OrderClose: { subject: 'Shipped', 'salesorderid@odata.bind': `/salesorders(${orderId})` },
            Status: 100001,
          },
        }),
      );
      const fulfilled = await read(api, `salesorders(${orderId})`);
      expect([fulfilled.statecode, fulfilled.statuscode]).toEqual([3, 100001]);
      expect(fulfilled.submitstatus).toBe(2);
      expect(fulfilled.datefulfilled).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const closes = await read(api, `ordercloses?$filter=_salesorderid_value eq ${orderId}`);
      expect(closes.value).toHaveLength(1);
      expect(closes.value[0].subject).toBe('Shipped');
      expect(closes.value[0].statecode).toBe(1);
    });

    it('walks opportunity -> quote -> won -> order -> invoice, with the integration off', async () => {
      await setIntegration(server, false);
      const { order, opportunityId } = await sellUpToOrder();
      const orderId = order.salesorderid;
      const api = as(server, seller);

      // Submit Order is not available while the integration is off.
      expectRefused(
        await api(`salesorders(${orderId})`, { method: 'PATCH', body: { statecode: 1, statuscode: 3 } }),
        400,
        /integration is off/,
      );
      expectOk(await api(`salesorders(${orderId})`, { method: 'PATCH', body: { description: 'still editable' } }));

      const invoice = await api('ConvertSalesOrderToInvoice', {
        method: 'POST',
        body: { SalesOrderId: orderId, ColumnSet: { Columns: ['name', 'invoicenumber'] } },
      });
      expectOk(invoice, 200);
      expect(invoice.json['@odata.context']).toMatch(/\$metadata#invoices\/\$entity$/);
      expect(invoice.json.invoicenumber).toMatch(/^INV-\d{5}-/);
      expect(invoice.json.statecode).toBeUndefined();
      const invoiceRow = await read(api, `invoices(${invoice.json.invoiceid})`);
      expect(invoiceRow._salesorderid_value).toBe(orderId);
      expect(invoiceRow._opportunityid_value).toBe(opportunityId);
      expect([invoiceRow.statecode, invoiceRow.statuscode]).toEqual([0, 1]);
      const orderLines = await read(api, `salesorderdetails?$filter=_salesorderid_value eq ${orderId}`);
      const invoiceLines = await read(api, `invoicedetails?$filter=_invoiceid_value eq ${invoice.json.invoiceid}`);
      expect(invoiceLines.value.map((line: any) => line._salesorderdetailid_value).sort()).toEqual(
        orderLines.value.map((line: any) => line.salesorderdetailid).sort(),
      );
      const invoiced = await read(api, `salesorders(${orderId})`);
      expect([invoiced.statecode, invoiced.statuscode]).toEqual([4, 100003]);
      expectOk(
        await api(`invoices(${invoice.json.invoiceid})`, {
          method: 'PATCH',
          body: { statecode: 2, statuscode: 100001 },
        }),
      );
    });
  });
}
