/**
 * The reference back office receiving Orderline's signed webhooks (issue #5, "the back office loop"):
 * it takes a submitted order to Invoiced with no human step, a replay of everything it wrote changes
 * nothing, and it acts only on verified, first-time events that are not the echo of its own writes.
 */
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackOffice } from '../../src/backoffice/reference-back-office.js';
import { addWebhook, type BridgeFixture, newSecret, startBridgeServer } from '../bridge/support.js';
import { newOrder, read } from '../lifecycle/support.js';
import { TEST_STORES } from '../support/test-stores.js';
import {
  type HandledEvents,
  orderAsStored,
  recordHandledEvents,
  startTestBackOffice,
  submittedOrderWithTerms,
  TIMELINE,
  timelineKinds,
} from './support.js';

describe.each(TEST_STORES)('the reference back office over webhooks (%s)', (kind) => {
  let fixture: BridgeFixture;
  let backOffice: BackOffice;
  let events: HandledEvents;
  const secret = newSecret();

  const postToBackOffice = (body: string, headers: Record<string, string>) =>
    fetch(backOffice.webhookUrl!, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });

  const signed = (id: string, body: string, key = secret) => ({
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(Date.now() / 1000)),
    'webhook-signature': new Webhook(key).sign(id, new Date(), body),
  });

  beforeAll(async () => {
    fixture = await startBridgeServer(kind);
    const recorder = recordHandledEvents();
    events = recorder;
    backOffice = await startTestBackOffice(fixture, recorder, { webhook: { port: 0, secret } });
    await addWebhook(fixture.admin, backOffice.webhookUrl!, { secret });
  });
  afterAll(async () => {
    await backOffice?.close();
    await fixture?.server.close();
  });

  it('takes a submitted order to Invoiced with no human step', async () => {
    const { admin } = fixture;
    const orderId = await submittedOrderWithTerms(admin, 3);
    await events.playedThrough(orderId);

    const { order, lines, invoices, invoiceLines } = await orderAsStored(admin, orderId);
    expect(order).toMatchObject({ statecode: 4, statuscode: 100003, ol_processingstatus: 7 });
    expect(order.ol_backofficeordernumber).toMatch(/^ERP-\d{6}$/);
    expect(order.ol_acknowledgedon).toEqual(expect.any(String));
    // The back office computed the total itself, from the lines, header discount and freight.
    expect(order.totalamount).toBe(59.24);
    expect(order.ol_backofficetotalamount).toBe(order.totalamount);
    for (const line of lines) expect(line.quantityshipped).toBe(line.quantity);

    expect(invoices).toHaveLength(1);
    const [invoice] = invoices;
    expect(invoice).toMatchObject({ statecode: 0, statuscode: 4, _ownerid_value: order._ownerid_value });
    expect(invoice.invoicenumber).toBe(order.ol_backofficeordernumber.replace('ERP-', 'ERP-INV-'));
    expect(invoiceLines).toHaveLength(lines.length);
    for (const column of ['totallineitemamount', 'totaldiscountamount', 'freightamount', 'totaltax', 'totalamount']) {
      expect(invoice[column], column).toBe(order[column]);
    }
    for (const line of lines) {
      const copy = invoiceLines.find((candidate) => candidate._salesorderdetailid_value === line.salesorderdetailid);
      expect(copy, 'an invoice line per order line').toMatchObject({
        quantity: line.quantity,
        priceperunit: line.priceperunit,
        extendedamount: line.extendedamount,
        quantityshipped: line.quantity,
      });
    }

    expect(await timelineKinds(admin, orderId)).toEqual(
      expect.arrayContaining([
        TIMELINE.submitted,
        TIMELINE.delivered,
        TIMELINE.acknowledged,
        TIMELINE.inboundUpdate,
        TIMELINE.invoiceReceived,
      ]),
    );
  });

  it('leaves alone the echo of its own writes, so nothing loops', async () => {
    const { admin } = fixture;
    const orderId = await submittedOrderWithTerms(admin, 1);
    await events.playedThrough(orderId);
    // Every change the back office made is an event Orderline sends back to it.
    const sent = await read(admin, `ol_outboxevents?$filter=ol_orderid eq ${orderId}&$select=ol_eventtype`);
    await expect
      .poll(() => new Set(events.of(orderId).map((handled) => handled.event.id)).size)
      .toBe(sent.value.length);

    const [first, ...rest] = events.of(orderId);
    expect(first).toMatchObject({ outcome: 'taken on', event: { type: 'salesorder.submitted' } });
    expect(rest.length).toBeGreaterThan(0);
    for (const echo of rest)
      expect(echo).toMatchObject({ outcome: 'echo', event: { origin: { userId: backOffice.userId } } });
  });

  it('replaying every inbound write it made changes nothing', async () => {
    const { admin } = fixture;
    const orderId = await submittedOrderWithTerms(admin, 2);
    await events.playedThrough(orderId);
    const before = await orderAsStored(admin, orderId);
    const ignoredBefore = (await timelineKinds(admin, orderId)).filter((kind) => kind === TIMELINE.inboundIgnored);
    expect(ignoredBefore).toEqual([]);

    const replayed = await backOffice.replayAll();

    expect(replayed.length).toBeGreaterThan(0);
    // Updates are ignored (204, repeated or stale revision); creates are create-only (412, already there).
    for (const { write, response } of replayed) {
      expect([204, 412], `${write.path}: ${response.text}`).toContain(response.status);
    }
    expect(await orderAsStored(admin, orderId)).toEqual(before);
    const ignored = (await timelineKinds(admin, orderId)).filter((kind) => kind === TIMELINE.inboundIgnored);
    expect(ignored.length).toBeGreaterThan(0);
  });

  it('refuses a request whose signature does not verify, and does nothing', async () => {
    const { admin } = fixture;
    const orderId = await newOrder(admin, 1);
    const forged = JSON.stringify({
      id: 'forged-event-1',
      type: 'salesorder.submitted',
      timestamp: new Date().toISOString(),
      sequence: '1',
      orderId,
      origin: { userId: 'someone', integrationUser: false, backOfficeRevision: null },
      data: { salesorder: { salesorderid: orderId }, salesorderdetails: [] },
    });
    const writesBefore = backOffice.replayLog.length;

    const wrongKey = await postToBackOffice(forged, signed('forged-event-1', forged, newSecret()));
    const unsigned = await postToBackOffice(forged, { 'webhook-id': 'forged-event-1' });

    expect(wrongKey.status).toBe(401);
    expect(unsigned.status).toBe(401);
    expect(events.of(orderId)).toEqual([]);
    expect(backOffice.replayLog.length).toBe(writesBefore);
    expect((await read(admin, `salesorders(${orderId})`)).ol_backofficeordernumber).toBeNull();
  });

  it('processes a redelivered event once', async () => {
    const { admin } = fixture;
    const orderId = await submittedOrderWithTerms(admin, 1);
    await events.playedThrough(orderId);
    const [submitted] = (
      await read(admin, `ol_outboxevents?$filter=ol_orderid eq ${orderId} and ol_eventtype eq 'salesorder.submitted'`)
    ).value;
    const after = await orderAsStored(admin, orderId);
    const writesBefore = backOffice.replayLog.length;

    const again = await Promise.all(
      [1, 2].map(() =>
        postToBackOffice(submitted.ol_document, signed(submitted.ol_outboxeventid, submitted.ol_document)),
      ),
    );

    expect(again.map((response) => response.status)).toEqual([204, 204]);
    const deliveries = events.of(orderId).filter((handled) => handled.event.type === 'salesorder.submitted');
    expect(deliveries.map((handled) => handled.outcome)).toEqual(['taken on', 'duplicate', 'duplicate']);
    expect(backOffice.replayLog.length).toBe(writesBefore);
    expect(await orderAsStored(admin, orderId)).toEqual(after);
  });
});
