/**
 * The back office answers through the Web API as an integration user: its order number is the
 * acknowledgement, its processing status moves the order, its invoices arrive Billed and mark the
 * order Invoiced, and a stale or repeated revision changes nothing (and says so on the timeline).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, as, createUser } from '../lifecycle/support.js';
import type { TestServer } from '../support/test-app.js';
import { TEST_STORES } from '../support/test-stores.js';
import { type Receiver, startReceiver } from './receiver.js';
import { addWebhook, newSecret, startBridgeServer, submittedOrder } from './support.js';

async function order(api: Api, id: string) {
  const response = await api(`salesorders(${id})`);
  expect(response.status, response.text).toBe(200);
  return response.json;
}

async function timelineKinds(api: Api, orderId: string): Promise<number[]> {
  const response = await api(
    `ol_timelineentries?$filter=_ol_salesorderid_value eq ${orderId}&$orderby=ol_sequence asc&$select=ol_kind`,
  );
  return response.json.value.map((entry: any) => entry.ol_kind);
}

describe.each(TEST_STORES)('inbound writes from the back office (%s)', (kind) => {
  let server: TestServer;
  let admin: Api;
  let backOffice: Api;
  let receiver: Receiver;

  beforeAll(async () => {
    ({ server, admin, backOffice } = await startBridgeServer(kind));
    const secret = newSecret();
    receiver = await startReceiver(secret);
    await addWebhook(admin, receiver.url, { secret });
  });
  afterAll(async () => {
    await server.close();
    await receiver.close();
  });

  it('takes its first order number as the acknowledgement, stamped and on the timeline', async () => {
    const id = await submittedOrder(admin);
    const before = await order(admin, id);
    expect(before.ol_submittedon).toMatch(/Z$/);
    expect(before.ol_acknowledgedon).toBeNull();
    const ack = await backOffice(`salesorders(${id})`, {
      method: 'PATCH',
      body: {
        ol_backofficeordernumber: 'ERP-1',
        ol_backofficetotalamount: before.totalamount,
        ol_backofficerevision: 1,
      },
    });
    expect(ack.status, ack.text).toBe(204);
    const after = await order(admin, id);
    expect(after.ol_backofficeordernumber).toBe('ERP-1');
    expect(after.ol_acknowledgedon).toMatch(/Z$/);
    expect(await timelineKinds(admin, id)).toContain(6);
  });

  it.each([
    [2, 'Confirmed', 1, 3],
    [3, 'Picked', 1, 3],
    [4, 'Partially Delivered', 3, 100002],
    [5, 'Delivered', 3, 100001],
    [7, 'Invoiced', 4, 100003],
    [8, 'Cancelled', 2, 4],
  ])(
    'processing status %i (%s) moves the order to state %i, status %i',
    async (status, _label, statecode, statuscode) => {
      const id = await submittedOrder(admin);
      const response = await backOffice(`salesorders(${id})`, {
        method: 'PATCH',
        body: { ol_processingstatus: status, ol_backofficerevision: 1 },
      });
      expect(response.status, response.text).toBe(204);
      const after = await order(admin, id);
      expect([after.statecode, after.statuscode, after.ol_processingstatus]).toEqual([statecode, statuscode, status]);
    },
  );

  it('delivers a partially delivered order, then the rest', async () => {
    const id = await submittedOrder(admin);
    for (const [status, revision] of [
      [4, 1],
      [5, 2],
    ] as const) {
      const response = await backOffice(`salesorders(${id})`, {
        method: 'PATCH',
        body: { ol_processingstatus: status, ol_backofficerevision: revision },
      });
      expect(response.status, response.text).toBe(204);
    }
    expect((await order(admin, id)).statuscode).toBe(100001);
  });

  it('ignores a stale or repeated revision: the order keeps its version, the timeline says why', async () => {
    const id = await submittedOrder(admin);
    const write = (revision: number, status: number) =>
      backOffice(`salesorders(${id})`, {
        method: 'PATCH',
        body: { ol_processingstatus: status, ol_backofficerevision: revision },
      });
    expect((await write(5, 3)).status).toBe(204);
    const current = await order(admin, id);
    const eventsBefore = (await admin(`ol_outboxevents?$filter=ol_orderid eq ${id}&$select=ol_sequence`)).json.value
      .length;

    expect((await write(3, 2)).status).toBe(204);
    expect((await write(5, 3)).status).toBe(204);

    const after = await order(admin, id);
    expect(after['@odata.etag']).toBe(current['@odata.etag']);
    expect(after.ol_processingstatus).toBe(3);
    const eventsAfter = (await admin(`ol_outboxevents?$filter=ol_orderid eq ${id}&$select=ol_sequence`)).json.value
      .length;
    expect(eventsAfter).toBe(eventsBefore);
    const ignored = await admin(
      `ol_timelineentries?$filter=_ol_salesorderid_value eq ${id} and ol_kind eq 8&$orderby=ol_sequence asc&$select=ol_summary`,
    );
    expect(ignored.json.value.map((entry: any) => entry.ol_summary)).toEqual([
      expect.stringMatching(/stale back-office revision 3 \(the salesorder is at revision 5\)/),
      expect.stringMatching(/repeated back-office revision 5/),
    ]);
    const metrics = await fetch(`${server.baseUrl}metrics`).then((response) => response.text());
    expect(metrics).toMatch(/orderline_inbound_ignored_total\{table="salesorder"\} [1-9]/);
  });

  it('ignores a stale line revision even on an order the back office has since moved on', async () => {
    const id = await submittedOrder(admin);
    const line = (await admin(`salesorderdetails?$filter=_salesorderid_value eq ${id}&$select=salesorderdetailid`)).json
      .value[0].salesorderdetailid;
    const ship = (revision: number, quantity: number) =>
      backOffice(`salesorderdetails(${line})`, {
        method: 'PATCH',
        body: { quantityshipped: quantity, ol_backofficerevision: revision },
      });
    expect((await ship(2, 2)).status).toBe(204);
    expect((await ship(1, 1)).status).toBe(204);
    const after = (await admin(`salesorderdetails(${line})?$select=quantityshipped`)).json;
    expect(after.quantityshipped).toBe(2);
  });

  it('takes an invoice from the back office as Billed, owned by the order owner, and marks the order Invoiced', async () => {
    const id = await submittedOrder(admin);
    const header = await order(admin, id);
    const created = await backOffice('invoices', {
      method: 'POST',
      body: {
        name: 'ERP invoice',
        invoicenumber: `INV-ERP-${id.slice(0, 8)}`,
        'salesorderid@odata.bind': `/salesorders(${id})`,
        ...(header._pricelevelid_value
          ? { 'pricelevelid@odata.bind': `/pricelevels(${header._pricelevelid_value})` }
          : {}),
        'transactioncurrencyid@odata.bind': `/transactioncurrencies(${header._transactioncurrencyid_value})`,
        ol_backofficerevision: 1,
      },
    });
    expect(created.status, created.text).toBe(204);
    const invoiceId = /\(([^)]+)\)$/.exec(created.headers.get('odata-entityid')!)![1]!;
    const invoice = (await admin(`invoices(${invoiceId})?$select=statuscode,_ownerid_value`)).json;
    expect(invoice.statuscode).toBe(4);
    expect(invoice._ownerid_value).toBe(header._ownerid_value);
    const after = await order(admin, id);
    expect([after.statecode, after.statuscode, after.ol_processingstatus]).toEqual([4, 100003, 7]);
    await receiver.waitFor((r) =>
      r.accepted().some((request) => request.json?.type === 'invoice.created' && request.json.orderId === id),
    );
    expect(await timelineKinds(admin, id)).toContain(9);

    // Its later writes to the invoice are inbound updates on the order's timeline, like writes to the order.
    const before = (await timelineKinds(admin, id)).filter((kind) => kind === 7).length;
    const paid = await backOffice(`invoices(${invoiceId})`, {
      method: 'PATCH',
      body: { description: 'Paid by transfer', ol_backofficerevision: 2 },
    });
    expect(paid.status, paid.text).toBe(204);
    expect((await timelineKinds(admin, id)).filter((kind) => kind === 7)).toHaveLength(before + 1);
  });

  it('lists unacknowledged orders and differing totals in the reconciliation report', async () => {
    const unacknowledged = await submittedOrder(admin);
    const differing = await submittedOrder(admin);
    const ack = await backOffice(`salesorders(${differing})`, {
      method: 'PATCH',
      body: { ol_backofficeordernumber: 'ERP-DIFF', ol_backofficetotalamount: 1.23, ol_backofficerevision: 1 },
    });
    expect(ack.status, ack.text).toBe(204);
    const report = await admin('ol_ReconciliationReport(UnacknowledgedMinutes=0)');
    expect(report.status, report.text).toBe(200);
    expect(report.json.Unacknowledged.map((row: any) => row.salesorderid)).toContain(unacknowledged);
    expect(report.json.Unacknowledged.map((row: any) => row.salesorderid)).not.toContain(differing);
    const mismatch = report.json.TotalsDiffer.find((row: any) => row.salesorderid === differing);
    expect(mismatch).toMatchObject({ ol_backofficeordernumber: 'ERP-DIFF', ol_backofficetotalamount: 1.23 });
    expect((await admin('ol_ReconciliationReport(UnacknowledgedMinutes=0)')).status).toBe(200);
    expect((await admin('ol_ReconciliationReport(UnacknowledgedMinutes=-1)')).status).toBe(400);
  });

  // Hostile review, hole 8: the report shows every user's orders, so it needs organization-wide read
  // access to the outbox; a Salesperson's own-rows read of the security group is not enough.
  it('refuses the reconciliation report to a Salesperson and gives it to a Sales Manager', async () => {
    const salesperson = as(server, await createUser(server, { roles: ['Salesperson'], name: 'report-sp' }));
    const refused = await salesperson('ol_ReconciliationReport(UnacknowledgedMinutes=0)');
    expect(refused.status, refused.text).toBe(403);
    const manager = as(server, await createUser(server, { roles: ['Sales Manager'], name: 'report-sm' }));
    const report = await manager('ol_ReconciliationReport(UnacknowledgedMinutes=0)');
    expect(report.status, report.text).toBe(200);
  });
});
