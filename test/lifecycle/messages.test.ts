/**
 * The sales messages as a client calls them (reference 6): unbound actions with Dataverse's parameter
 * names, entity-typed close parameters, ColumnSet, entity results with their @odata.context, the close
 * activities they leave, what they copy, and the bound actions ol_SubmitSalesOrder and
 * PublishProductHierarchy.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-app.js';
import { TEST_STORES } from '../support/test-stores.js';
import {
  as,
  createUser,
  expectOk,
  expectRefused,
  invoiceIn,
  newOpportunity,
  newOrder,
  orderIn,
  post,
  quoteIn,
  read,
  setIntegration,
  snapshot,
  type TestUser,
  writeInLine,
} from './support.js';

for (const kind of TEST_STORES) {
  describe(`sales messages on ${kind}`, () => {
    let server: TestServer;
    let accountId: string;
    let seller: TestUser;

    beforeAll(async () => {
      server = await startTestServer(kind);
      accountId = await post(as(server), 'accounts', { name: 'Northwind' });
      seller = await createUser(server, { roles: ['Salesperson'], license: 2 });
    });
    afterAll(async () => {
      await server?.close();
    });

    async function richOpportunity(): Promise<string> {
      const api = as(server);
      const id = await post(api, 'opportunities', {
        name: 'Rich',
        description: 'Two products',
        'customerid_account@odata.bind': `/accounts(${accountId})`,
        discountpercentage: 5,
        freightamount: 20,
      });
      await post(api, 'opportunityproducts', {
        ...writeInLine('Widget', 4, 12.5),
        manualdiscountamount: 3,
        tax: 1.25,
        description: 'first',
        'opportunityid@odata.bind': `/opportunities(${id})`,
      });
      await post(api, 'opportunityproducts', {
        ...writeInLine('Gadget', 1, 99),
        'opportunityid@odata.bind': `/opportunities(${id})`,
      });
      return id;
    }

    describe('generating from an opportunity', () => {
      it.each([
        ['GenerateQuoteFromOpportunity', 'quotes', 'quotedetails', 'quoteid'],
        ['GenerateSalesOrderFromOpportunity', 'salesorders', 'salesorderdetails', 'salesorderid'],
        ['GenerateInvoiceFromOpportunity', 'invoices', 'invoicedetails', 'invoiceid'],
      ])('%s returns the new record and copies the header and the products', async (message, set, lineSet, parent) => {
        const api = as(server);
        const opportunityId = await richOpportunity();
        const response = await api(message, {
          method: 'POST',
          body: { OpportunityId: opportunityId, ColumnSet: { AllColumns: true } },
        });
        expectOk(response, 200);
        expect(response.json['@odata.context']).toBe(`${server.serviceRoot}$metadata#${set}/$entity`);
        const record = response.json;
        expect(record._opportunityid_value).toBe(opportunityId);
        expect(record._customerid_value).toBe(accountId);
        expect(record.name).toBe('Rich');
        expect(record.description).toBe('Two products');
        expect(record.discountpercentage).toBe(5);
        expect(record.freightamount).toBe(20);
        const lines = (
          await read(api, `${lineSet}?$filter=_${parent}_value eq ${record[parent]}&$orderby=productdescription desc`)
        ).value;
        expect(
          lines.map((line: any) => [
            line.productdescription,
            line.quantity,
            line.priceperunit,
            line.isproductoverridden,
          ]),
        ).toEqual([
          ['Widget', 4, 12.5, true],
          ['Gadget', 1, 99, true],
        ]);
        expect(lines[0].manualdiscountamount).toBe(3);
        expect(lines[0].tax).toBe(1.25);
        expect(lines[0].description).toBe('first');
        expect(lines[0].iscopied).toBe(true);
      });

      it('returns only the columns a ColumnSet names, and refuses an unknown one creating nothing', async () => {
        const api = as(server);
        const opportunityId = await newOpportunity(api, 1);
        const response = await api('GenerateQuoteFromOpportunity', {
          method: 'POST',
          body: {
            OpportunityId: opportunityId,
            ColumnSet: {
              '@odata.type': 'Microsoft.Dynamics.CRM.ColumnSet',
              AllColumns: false,
              Columns: ['name', 'quotenumber'],
            },
          },
        });
        expectOk(response, 200);
        expect(Object.keys(response.json).sort()).toEqual([
          '@odata.context',
          '@odata.etag',
          'name',
          'quoteid',
          'quotenumber',
        ]);
        const before = (await read(api, `quotes?$filter=_opportunityid_value eq ${opportunityId}`)).value.length;
        expectRefused(
          await api('GenerateQuoteFromOpportunity', {
            method: 'POST',
            body: { OpportunityId: opportunityId, ColumnSet: { Columns: ['nosuch'] } },
          }),
          400,
        );
        expect((await read(api, `quotes?$filter=_opportunityid_value eq ${opportunityId}`)).value).toHaveLength(before);
      });

      it('refuses a missing OpportunityId, an unknown parameter, and an opportunity that does not exist', async () => {
        const api = as(server);
        expectRefused(await api('GenerateQuoteFromOpportunity', { method: 'POST', body: {} }), 400, /OpportunityId/);
        expectRefused(
          await api('GenerateQuoteFromOpportunity', { method: 'POST', body: { OpportunityId: 'nope' } }),
          400,
        );
        expectRefused(
          await api('GenerateQuoteFromOpportunity', {
            method: 'POST',
            body: { OpportunityId: '00000000-0000-0000-0000-000000000001', Other: 1 },
          }),
          400,
        );
        expectRefused(
          await api('GenerateQuoteFromOpportunity', {
            method: 'POST',
            body: { OpportunityId: '00000000-0000-0000-0000-000000000001' },
          }),
          404,
        );
      });
    });

    describe('getting products from an opportunity', () => {
      it('GetQuoteProductsFromOpportunity adds the products to a Draft quote', async () => {
        const api = as(server);
        const opportunityId = await richOpportunity();
        const quoteId = await quoteIn(api, 'Draft', 1);
        expectOk(
          await api('GetQuoteProductsFromOpportunity', {
            method: 'POST',
            body: { OpportunityId: opportunityId, QuoteId: quoteId },
          }),
        );
        expect((await read(api, `quotedetails?$filter=_quoteid_value eq ${quoteId}`)).value).toHaveLength(3);
      });

      it('GetQuoteProductsFromOpportunity is refused for an Active quote, adding nothing', async () => {
        const api = as(server);
        const opportunityId = await richOpportunity();
        const quoteId = await quoteIn(api, 'Active', 1);
        const before = await snapshot(api, 'quotes', quoteId, { set: 'quotedetails', parent: 'quoteid' });
        expectRefused(
          await api('GetQuoteProductsFromOpportunity', {
            method: 'POST',
            body: { OpportunityId: opportunityId, QuoteId: quoteId },
          }),
          400,
          /only draft quotes/,
        );
        expect(await snapshot(api, 'quotes', quoteId, { set: 'quotedetails', parent: 'quoteid' })).toEqual(before);
      });

      it('GetSalesOrderProductsFromOpportunity adds the products to an Active order', async () => {
        const api = as(server);
        const opportunityId = await richOpportunity();
        const orderId = await newOrder(api, 0);
        expectOk(
          await api('GetSalesOrderProductsFromOpportunity', {
            method: 'POST',
            body: { OpportunityId: opportunityId, SalesOrderId: orderId },
          }),
        );
        expect((await read(api, `salesorderdetails?$filter=_salesorderid_value eq ${orderId}`)).value).toHaveLength(2);
      });

      it('GetInvoiceProductsFromOpportunity is refused for a Paid invoice, and adds to an Active one', async () => {
        const api = as(server);
        const opportunityId = await richOpportunity();
        const paid = await invoiceIn(api, 'Paid', 0);
        expectRefused(
          await api('GetInvoiceProductsFromOpportunity', {
            method: 'POST',
            body: { OpportunityId: opportunityId, InvoiceId: paid },
          }),
          400,
        );
        expect((await read(api, `invoicedetails?$filter=_invoiceid_value eq ${paid}`)).value).toHaveLength(0);
        const active = await invoiceIn(api, 'Active', 0);
        expectOk(
          await api('GetInvoiceProductsFromOpportunity', {
            method: 'POST',
            body: { OpportunityId: opportunityId, InvoiceId: active },
          }),
        );
        expect((await read(api, `invoicedetails?$filter=_invoiceid_value eq ${active}`)).value).toHaveLength(2);
      });
    });

    describe('closing an opportunity', () => {
      it('WinOpportunity records the opportunity close with its actual revenue and close date', async () => {
        const api = as(server);
        const opportunityId = await newOpportunity(api, 0);
        expectOk(
          await api('WinOpportunity', {
            method: 'POST',
            body: {
              OpportunityClose: {
                '@odata.type': 'Microsoft.Dynamics.CRM.opportunityclose',
                subject: 'Signed',
                actualrevenue: 5000.5,
                actualend: '2024-03-01T10:00:00Z',
                'opportunityid@odata.bind': `/opportunities(${opportunityId})`,
              },
              Status: 3,
            },
          }),
        );
        const won = await read(api, `opportunities(${opportunityId})`);
        expect([won.statecode, won.statuscode, won.actualvalue, won.actualclosedate]).toEqual([
          1,
          3,
          5000.5,
          '2024-03-01',
        ]);
        const closes = (await read(api, `opportunitycloses?$filter=_opportunityid_value eq ${opportunityId}`)).value;
        expect(closes).toHaveLength(1);
        expect([closes[0].subject, closes[0].actualrevenue, closes[0].statecode, closes[0].statuscode]).toEqual([
          'Signed',
          5000.5,
          1,
          2,
        ]);
      });

      it('LoseOpportunity records the close and stamps today as the close date', async () => {
        const api = as(server);
        const opportunityId = await newOpportunity(api, 0);
        expectOk(
          await api('LoseOpportunity', {
            method: 'POST',
            body: {
              OpportunityClose: {
                subject: 'Too expensive',
                'opportunityid@odata.bind': `/opportunities(${opportunityId})`,
              },
              Status: 4,
            },
          }),
        );
        const lost = await read(api, `opportunities(${opportunityId})`);
        expect([lost.statecode, lost.statuscode, lost.actualclosedate]).toEqual([
          2,
          4,
          new Date().toISOString().slice(0, 10),
        ]);
        expect(
          (await read(api, `opportunitycloses?$filter=_opportunityid_value eq ${opportunityId}`)).value[0].subject,
        ).toBe('Too expensive');
      });

      it('refuses an OpportunityClose that does not name its opportunity, or is of another type', async () => {
        const api = as(server);
        const opportunityId = await newOpportunity(api, 0);
        expectRefused(
          await api('WinOpportunity', { method: 'POST', body: { OpportunityClose: { subject: 'x' }, Status: 3 } }),
          400,
          /opportunityid@odata.bind/,
        );
        expectRefused(
          await api('WinOpportunity', {
            method: 'POST',
            body: {
              OpportunityClose: {
                '@odata.type': 'Microsoft.Dynamics.CRM.quoteclose',
                'opportunityid@odata.bind': `/opportunities(${opportunityId})`,
              },
              Status: 3,
            },
          }),
          400,
        );
        expectRefused(await api('WinOpportunity', { method: 'POST', body: { OpportunityClose: 'x', Status: 3 } }), 400);
        expect((await read(api, `opportunities(${opportunityId})`)).statecode).toBe(0);
      });
    });

    describe('quotes', () => {
      it('WinQuote accepts the quote as a nested entity and records the quote close', async () => {
        const api = as(server);
        const quoteId = await quoteIn(api, 'Active');
        expectOk(
          await api('WinQuote', {
            method: 'POST',
            body: {
              QuoteClose: { subject: 'Accepted', description: 'Customer signed', quoteid: { quoteid: quoteId } },
              Status: { Value: 4 },
            },
          }),
        );
        expect((await read(api, `quotes(${quoteId})`)).statecode).toBe(2);
        const closes = (await read(api, `quotecloses?$filter=_quoteid_value eq ${quoteId}`)).value;
        expect(closes.map((close: any) => [close.subject, close.description, close.statecode])).toEqual([
          ['Accepted', 'Customer signed', 1],
        ]);
      });

      it('CloseQuote records the quote close', async () => {
        const api = as(server);
        const quoteId = await quoteIn(api, 'Active');
        expectOk(
          await api('CloseQuote', {
            method: 'POST',
            body: { QuoteClose: { subject: 'Lost it', 'quoteid@odata.bind': `/quotes(${quoteId})` }, Status: 5 },
          }),
        );
        expect((await read(api, `quotecloses?$filter=_quoteid_value eq ${quoteId}`)).value[0].subject).toBe('Lost it');
      });

      it('ReviseQuote closes the quote as Revised and returns a new Draft with the same quote number, the next revision number and the same lines', async () => {
        const api = as(server);
        const opportunityId = await newOpportunity(api, 0);
        const quoteId = await post(api, 'quotes', {
          name: 'To revise',
          'opportunityid@odata.bind': `/opportunities(${opportunityId})`,
        });
        await post(api, 'quotedetails', { ...writeInLine('Line', 3, 7), 'quoteid@odata.bind': `/quotes(${quoteId})` });
        expectOk(await api(`quotes(${quoteId})`, { method: 'PATCH', body: { statecode: 1, statuscode: 2 } }));
        const revised = await api('ReviseQuote', {
          method: 'POST',
          body: { QuoteId: quoteId, ColumnSet: { AllColumns: true } },
        });
        expectOk(revised, 200);
        expect([revised.json.statecode, revised.json.revisionnumber, revised.json.name]).toEqual([0, 1, 'To revise']);
        expect(revised.json._opportunityid_value).toBe(opportunityId);
        expect(revised.json.quoteid).not.toBe(quoteId);
        const original = await read(api, `quotes(${quoteId})`);
        expect([original.statecode, original.statuscode, original.revisionnumber]).toEqual([3, 7, 0]);
        expect(revised.json.quotenumber).toBe(original.quotenumber);
        // (quotenumber, revisionnumber) is the quote's alternate key: each revision is addressable by it.
        const byKey = await read(api, `quotes(quotenumber='${original.quotenumber}',revisionnumber=1)`);
        expect(byKey.quoteid).toBe(revised.json.quoteid);
        const lines = (await read(api, `quotedetails?$filter=_quoteid_value eq ${revised.json.quoteid}`)).value;
        expect(lines.map((line: any) => [line.productdescription, line.quantity])).toEqual([['Line', 3]]);
        expectOk(
          await api(`quotes(${revised.json.quoteid})`, { method: 'PATCH', body: { statecode: 1, statuscode: 2 } }),
        );
        const again = await api('ReviseQuote', { method: 'POST', body: { QuoteId: revised.json.quoteid } });
        expect(again.json.revisionnumber).toBe(2);
      });

      it('ConvertQuoteToSalesOrder wins an Active quote with the quote close parameters and links the order lines to the quote lines', async () => {
        const api = as(server);
        const quoteId = await quoteIn(api, 'Active', 2);
        const order = await api('ConvertQuoteToSalesOrder', {
          method: 'POST',
          body: {
            QuoteId: quoteId,
            ColumnSet: { AllColumns: true },
            QuoteCloseDate: '2024-05-06T07:08:09Z',
            QuoteCloseStatus: -1,
            QuoteCloseSubject: 'Converted',
            QuoteCloseDescription: 'Order placed',
          },
        });
        expectOk(order, 200);
        expect(order.json['@odata.context']).toBe(`${server.serviceRoot}$metadata#salesorders/$entity`);
        expect(order.json.ordernumber).toMatch(/^ORD-/);
        const quote = await read(api, `quotes(${quoteId})`);
        expect([quote.statecode, quote.statuscode]).toEqual([2, 4]);
        const [close] = (await read(api, `quotecloses?$filter=_quoteid_value eq ${quoteId}`)).value;
        expect([close.subject, close.description, close.actualend]).toEqual([
          'Converted',
          'Order placed',
          '2024-05-06T07:08:09Z',
        ]);
        const quoteLines = (await read(api, `quotedetails?$filter=_quoteid_value eq ${quoteId}`)).value;
        const orderLines = (
          await read(api, `salesorderdetails?$filter=_salesorderid_value eq ${order.json.salesorderid}`)
        ).value;
        expect(orderLines.map((line: any) => line._quotedetailid_value).sort()).toEqual(
          quoteLines.map((line: any) => line.quotedetailid).sort(),
        );
      });

      it('a message needs the caller to be allowed to write the record: a salesperson cannot win a quote of someone else', async () => {
        const api = as(server);
        const quoteId = await quoteIn(api, 'Active');
        const before = await read(api, `quotes(${quoteId})`);
        const refused = await as(server, seller)('WinQuote', {
          method: 'POST',
          body: { QuoteClose: { subject: 'Mine', 'quoteid@odata.bind': `/quotes(${quoteId})` }, Status: 4 },
        });
        expectRefused(refused, 403);
        expect(await read(api, `quotes(${quoteId})`)).toEqual(before);
        expect((await read(api, `quotecloses?$filter=_quoteid_value eq ${quoteId}`)).value).toHaveLength(0);
      });
    });

    describe('orders', () => {
      it('FulfillSalesOrder and CancelSalesOrder record the order close', async () => {
        const api = as(server);
        for (const [message, state] of [
          ['FulfillSalesOrder', 3],
          ['CancelSalesOrder', 2],
        ] as const) {
          const orderId = await newOrder(api, 1);
          expectOk(
            await api(message, {
              method: 'POST',
              body: {
                OrderClose: { subject: message, 'salesorderid@odata.bind': `/salesorders(${orderId})` },
                Status: -1,
              },
            }),
          );
          expect((await read(api, `salesorders(${orderId})`)).statecode).toBe(state);
          expect(
            (await read(api, `ordercloses?$filter=_salesorderid_value eq ${orderId}`)).value.map(
              (close: any) => close.subject,
            ),
          ).toEqual([message]);
        }
      });

      it('ConvertSalesOrderToInvoice refused while the integration is on creates no invoice', async () => {
        const api = as(server);
        const orderId = await orderIn(server, api, 'Active');
        await setIntegration(server, true);
        try {
          expectRefused(
            await api('ConvertSalesOrderToInvoice', { method: 'POST', body: { SalesOrderId: orderId } }),
            400,
            /integration is on/,
          );
          expect((await read(api, `invoices?$filter=_salesorderid_value eq ${orderId}`)).value).toHaveLength(0);
        } finally {
          await setIntegration(server, false);
        }
      });

      it('ol_SubmitSalesOrder is bound to an order: 404 for a missing order, 405 to a GET', async () => {
        const api = as(server);
        await setIntegration(server, true);
        try {
          expectRefused(
            await api('salesorders(00000000-0000-0000-0000-000000000001)/Microsoft.Dynamics.CRM.ol_SubmitSalesOrder', {
              method: 'POST',
              body: {},
            }),
            404,
          );
          const orderId = await newOrder(api, 0);
          expectRefused(await api(`salesorders(${orderId})/Microsoft.Dynamics.CRM.ol_SubmitSalesOrder`), 405);
          expectRefused(await api('ol_SubmitSalesOrder', { method: 'POST', body: {} }), 404);
        } finally {
          await setIntegration(server, false);
        }
      });
    });

    describe('products', () => {
      it('PublishProductHierarchy makes a Draft product and the Draft products of its family Active, once', async () => {
        const api = as(server);
        const family = await post(api, 'products', { name: 'Family', productnumber: `F-${kind}`, productstructure: 2 });
        const child = await post(api, 'products', {
          name: 'Child',
          productnumber: `C-${kind}`,
          'parentproductid@odata.bind': `/products(${family})`,
        });
        expect((await read(api, `products(${child})`)).statecode).toBe(2);
        expectOk(
          await api(`products(${family})/Microsoft.Dynamics.CRM.PublishProductHierarchy`, { method: 'POST', body: {} }),
        );
        for (const id of [family, child]) {
          const product = await read(api, `products(${id})`);
          expect([product.statecode, product.statuscode]).toEqual([0, 1]);
        }
        const before = await read(api, `products(${family})`);
        expectOk(
          await api(`products(${family})/Microsoft.Dynamics.CRM.PublishProductHierarchy`, { method: 'POST', body: {} }),
        );
        expect(await read(api, `products(${family})`)).toEqual(before);
      });

      it('PublishProductHierarchy refuses a Retired product', async () => {
        const api = as(server);
        const product = await post(api, 'products', { name: 'Old', productnumber: `R-${kind}` });
        expectOk(await api(`products(${product})`, { method: 'PATCH', body: { statecode: 1, statuscode: 2 } }));
        expectRefused(
          await api(`products(${product})/Microsoft.Dynamics.CRM.PublishProductHierarchy`, {
            method: 'POST',
            body: {},
          }),
          400,
          /Retired/,
        );
      });
    });
  });
}
