/**
 * Product lines show their record's state in a read-only column (`opportunitystatecode`,
 * `quotestatecode`, `salesorderstatecode`, `invoicestatecode`): set when a line is created, moved with
 * the record by every state change, whether a SetState or a Sales message made it, with a new ETag so
 * clients and change tracking see the lines changed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-app.js';
import { TEST_STORES } from '../support/test-stores.js';
import {
  type Api,
  as,
  expectOk,
  expectRefused,
  newOpportunity,
  newQuote,
  orderIn,
  post,
  read,
  writeInLine,
} from './support.js';

/** The state copy and ETag of every line of a record. */
async function lineStates(api: Api, set: string, parent: string, id: string, column: string) {
  const lines = await read(api, `${set}?$filter=_${parent}_value eq ${id}&$select=${column}`);
  return lines.value.map((line: any) => ({ state: line[column], etag: line['@odata.etag'] as string }));
}

describe.each(TEST_STORES)('the state of a record on its lines (%s)', (kind) => {
  let server: TestServer;
  let api: Api;

  beforeAll(async () => {
    server = await startTestServer(kind);
    api = as(server);
  });

  afterAll(async () => {
    await server?.close();
  });

  it('follows a quote from Draft to Active to Won', async () => {
    const quoteId = await newQuote(api, 2);
    const states = () => lineStates(api, 'quotedetails', 'quoteid', quoteId, 'quotestatecode');
    const draft = await states();
    expect(draft.map((line: any) => line.state)).toEqual([0, 0]);

    expectOk(await api(`quotes(${quoteId})`, { method: 'PATCH', body: { statecode: 1, statuscode: 2 } }));
    const active = await states();
    expect(active.map((line: any) => line.state)).toEqual([1, 1]);
    expect(active.map((line: any) => line.etag)).not.toContain(draft[0].etag);

    expectOk(
      await api('WinQuote', {
        method: 'POST',
        body: { QuoteClose: { subject: 'Won', 'quoteid@odata.bind': `/quotes(${quoteId})` }, Status: 4 },
      }),
    );
    expect((await states()).map((line: any) => line.state)).toEqual([2, 2]);
  });

  it('follows an order through Submit, and an opportunity won', async () => {
    const orderId = await orderIn(server, api, 'Submitted', 2);
    const orderLines = await lineStates(api, 'salesorderdetails', 'salesorderid', orderId, 'salesorderstatecode');
    expect(orderLines.map((line: any) => line.state)).toEqual([1, 1]);

    const opportunityId = await newOpportunity(api, 1);
    expectOk(
      await api('WinOpportunity', {
        method: 'POST',
        body: {
          OpportunityClose: { subject: 'Won', 'opportunityid@odata.bind': `/opportunities(${opportunityId})` },
          Status: -1,
        },
      }),
    );
    const won = await lineStates(api, 'opportunityproducts', 'opportunityid', opportunityId, 'opportunitystatecode');
    expect(won.map((line: any) => line.state)).toEqual([1]);
  });

  it('is taken by a new line from its record, and cannot be written by a client', async () => {
    const invoiceId = await post(api, 'invoices', { name: 'Invoice' });
    const lineId = await post(api, 'invoicedetails', {
      ...writeInLine('Service'),
      'invoiceid@odata.bind': `/invoices(${invoiceId})`,
    });
    expect((await read(api, `invoicedetails(${lineId})?$select=invoicestatecode`)).invoicestatecode).toBe(0);
    expectRefused(await api(`invoicedetails(${lineId})`, { method: 'PATCH', body: { invoicestatecode: 2 } }), 400);

    expectOk(await api(`invoices(${invoiceId})`, { method: 'PATCH', body: { statecode: 2, statuscode: 100001 } }));
    expect((await read(api, `invoicedetails(${lineId})?$select=invoicestatecode`)).invoicestatecode).toBe(2);
  });
});
