import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../lifecycle/support.js';
import type { TestServer } from '../support/test-app.js';
import { TEST_STORES } from '../support/test-stores.js';
import { type Receiver, startReceiver } from './receiver.js';
import { addWebhook, newSecret, startBridgeServer, submittedOrder } from './support.js';

describe.each(TEST_STORES)('submitted orders reach a webhook (%s)', (kind) => {
  let server: TestServer;
  let admin: Api;
  let receiver: Receiver;
  const secret = newSecret();

  beforeAll(async () => {
    ({ server, admin } = await startBridgeServer(kind));
    receiver = await startReceiver(secret);
    await addWebhook(admin, receiver.url, { secret });
  });
  afterAll(async () => {
    await server.close();
    await receiver.close();
  });

  it('POSTs the order document, signed per Standard Webhooks, with the event id as webhook-id', async () => {
    const orderId = await submittedOrder(admin, 3);
    await receiver.waitFor((r) => r.accepted().some((request) => request.json?.orderId === orderId));
    const request = receiver.accepted().find((candidate) => candidate.json?.orderId === orderId)!;
    expect(request.verified).toBe(true);
    expect(request.json.type).toBe('salesorder.submitted');
    expect(request.id).toBe(request.json.id);
    expect(request.json.data.salesorder.salesorderid).toBe(orderId);
    expect(request.json.data.salesorder.statecode).toBe(1);
    expect(request.json.data.salesorderdetails).toHaveLength(3);
    expect(request.json.data.transactioncurrency.isocurrencycode).toBe('USD');
    expect(request.body).toMatch(/"totalamount":\d/);
  });

  it('records the hand-over and the delivery on the order timeline', async () => {
    const orderId = await submittedOrder(admin, 1);
    await receiver.waitFor((r) => r.accepted().some((request) => request.json?.orderId === orderId));
    await expect
      .poll(async () => {
        const response = await admin(
          `ol_timelineentries?$filter=_ol_salesorderid_value eq ${orderId}&$orderby=ol_sequence asc&$select=ol_kind,ol_httpstatus,ol_summary`,
        );
        return response.json.value.map((entry: any) => entry.ol_kind);
      })
      .toEqual([1, 4]);
  });

  it('sends nothing again when a Submitted order is submitted again', async () => {
    const orderId = await submittedOrder(admin, 1);
    await receiver.waitFor((r) => r.accepted().some((request) => request.json?.orderId === orderId));
    const again = await admin(`salesorders(${orderId})/Microsoft.Dynamics.CRM.ol_SubmitSalesOrder`, {
      method: 'POST',
      body: {},
    });
    expect(again.status).toBeLessThan(300);
    const events = await admin(`ol_outboxevents?$filter=ol_orderid eq ${orderId}&$select=ol_eventtype`);
    expect(events.json.value.map((event: any) => event.ol_eventtype)).toEqual(['salesorder.submitted']);
  });
});
