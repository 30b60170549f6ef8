/**
 * A back office that is down for a while (connection refused, 500s, timeouts, 429 with Retry-After)
 * gets every event once it is back, in order per order; what cannot be delivered within the retry
 * period is dead-lettered, shown, and replayable; a 410 stops the connector without losing anything.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { replayDeliveries } from '../../src/bridge/admin/outbox-admin.js';
import type { Api } from '../lifecycle/support.js';
import type { TestServer } from '../support/test-app.js';
import { TEST_STORES } from '../support/test-stores.js';
import { type ReceivedRequest, type Receiver, startReceiver } from './receiver.js';
import { addWebhook, newSecret, startBridgeServer, submittedOrder } from './support.js';

/** Events of one order, in the order the receiver accepted them. */
function acceptedSequences(receiver: Receiver, orderId: string): bigint[] {
  return receiver
    .accepted()
    .filter((request) => request.json?.orderId === orderId)
    .map((request) => BigInt(request.json.sequence));
}

async function changeSubmittedOrder(backOffice: Api, orderId: string, revision: number): Promise<void> {
  const response = await backOffice(`salesorders(${orderId})`, {
    method: 'PATCH',
    body: { ol_processingstatus: 2, ol_backofficerevision: revision },
  });
  expect(response.status, response.text).toBe(204);
}

async function deliveries(admin: Api, orderId: string) {
  const response = await admin(
    `ol_deliveries?$filter=ol_orderid eq ${orderId}&$orderby=ol_sequence asc&$select=ol_status,ol_attempts,ol_lasterror,ol_laststatus`,
  );
  return response.json.value as any[];
}

describe.each(TEST_STORES)('delivery through outages (%s)', (kind) => {
  let server: TestServer;
  let admin: Api;
  let backOffice: Api;
  const receivers: Receiver[] = [];

  beforeAll(async () => {
    ({ server, admin, backOffice } = await startBridgeServer(kind));
  });
  afterEach(async () => {
    // One receiver per test: connectors of earlier tests are removed so they do not slow later ones.
    const connectors = await admin('ol_connectors?$select=ol_connectorid');
    for (const connector of connectors.json.value) {
      await admin(`ol_connectors(${connector.ol_connectorid})`, { method: 'DELETE' });
    }
    for (const receiver of receivers.splice(0)) await receiver.close();
  });
  afterAll(async () => {
    await server.close();
  });

  async function receiver(answer?: (request: ReceivedRequest) => ReturnType<Parameters<Receiver['answerWith']>[0]>) {
    const secret = newSecret();
    const started = await startReceiver(secret);
    if (answer) started.answerWith(answer);
    receivers.push(started);
    return { receiver: started, secret };
  }

  it('delivers everything, in order per order, once a receiver that refused connections comes back', async () => {
    const { receiver: first, secret } = await receiver();
    const port = Number(new URL(first.url).port);
    await first.close();
    receivers.splice(receivers.indexOf(first), 1);
    await addWebhook(admin, first.url, { secret });
    const orderId = await submittedOrder(admin);
    await changeSubmittedOrder(backOffice, orderId, 1);
    await expect.poll(async () => (await deliveries(admin, orderId))[0]?.ol_attempts ?? 0).toBeGreaterThanOrEqual(2);
    const refused = await deliveries(admin, orderId);
    expect(refused[0].ol_lasterror).toMatch(/ECONNREFUSED/);
    // The second event waits behind the first: the order's queue is blocked, not reordered.
    expect(refused[1].ol_attempts).toBe(0);

    const back = await startReceiver(secret, port);
    receivers.push(back);
    await back.waitFor(() => acceptedSequences(back, orderId).length === 2);
    const sequences = acceptedSequences(back, orderId);
    expect(sequences[0]! < sequences[1]!).toBe(true);
    expect(back.accepted().every((request) => request.verified)).toBe(true);
  });

  it('retries through 500s and timeouts, then delivers in order', async () => {
    let failuresLeft = 4;
    const { receiver: flaky, secret } = await receiver(() => {
      if (failuresLeft <= 0) return { status: 200 };
      failuresLeft -= 1;
      return failuresLeft % 2 === 0 ? 'hang' : { status: 500, body: 'database is down' };
    });
    const connectorId = await addWebhook(admin, flaky.url, { secret, timeoutMs: 300 });
    expect(connectorId).toBeTruthy();
    const orderId = await submittedOrder(admin);
    await changeSubmittedOrder(backOffice, orderId, 1);
    await flaky.waitFor(() => acceptedSequences(flaky, orderId).length === 2);
    const sequences = acceptedSequences(flaky, orderId);
    expect(sequences[0]! < sequences[1]!).toBe(true);
    const timeline = await admin(
      `ol_timelineentries?$filter=_ol_salesorderid_value eq ${orderId} and ol_kind eq 3&$select=ol_summary,ol_httpstatus`,
    );
    const summaries = timeline.json.value.map((entry: any) => entry.ol_summary).join('\n');
    expect(summaries).toMatch(/HTTP 500: database is down/);
    expect(summaries).toMatch(/no answer within 300 ms/);
  });

  it('waits as long as a 429 Retry-After asks before trying again', async () => {
    let first = true;
    const { receiver: busy, secret } = await receiver(() => {
      if (!first) return { status: 204 };
      first = false;
      return { status: 429, headers: { 'retry-after': '1' } };
    });
    await addWebhook(admin, busy.url, { secret });
    const orderId = await submittedOrder(admin);
    await busy.waitFor(() => acceptedSequences(busy, orderId).length === 1);
    const [refusedAt, acceptedAt] = busy.requests
      .filter((request) => request.json?.orderId === orderId)
      .map((r) => r.at);
    expect(acceptedAt! - refusedAt!).toBeGreaterThanOrEqual(950);
  });

  it('dead-letters what the retry period could not deliver, and an operator replay delivers it', async () => {
    let accepting = false;
    const { receiver: down, secret } = await receiver(() => (accepting ? { status: 200 } : { status: 503 }));
    await addWebhook(admin, down.url, { secret, retryHours: 0 });
    const orderId = await submittedOrder(admin);
    await expect.poll(async () => (await deliveries(admin, orderId))[0]?.ol_status).toBe(3);
    const timeline = await admin(`ol_timelineentries?$filter=_ol_salesorderid_value eq ${orderId} and ol_kind eq 5`);
    expect(timeline.json.value).toHaveLength(1);

    accepting = true;
    const replayed = await replayDeliveries(
      server.app.services,
      { deadLettered: true },
      server.app.services.clock.now(),
    );
    expect(replayed).toBe(1);
    server.app.dispatcher.wake();
    await down.waitFor(() => acceptedSequences(down, orderId).length === 1);
    await expect.poll(async () => (await deliveries(admin, orderId))[0]?.ol_status).toBe(2);
  });

  it('stops a connector whose receiver answers 410 Gone, and resumes when it is activated again', async () => {
    let gone = true;
    const { receiver: retired, secret } = await receiver(() => (gone ? { status: 410 } : { status: 204 }));
    const connectorId = await addWebhook(admin, retired.url, { secret });
    const orderId = await submittedOrder(admin);
    await expect
      .poll(
        async () => (await admin(`ol_connectors(${connectorId})?$select=statecode,ol_disabledreason`)).json.statecode,
      )
      .toBe(1);
    const connector = (await admin(`ol_connectors(${connectorId})?$select=ol_disabledreason,ol_secret`)).json;
    expect(connector.ol_disabledreason).toMatch(/410 Gone/);
    expect(connector.ol_secret).toBeNull();
    expect((await deliveries(admin, orderId))[0].ol_status).toBe(1);

    gone = false;
    const reactivated = await admin(`ol_connectors(${connectorId})`, {
      method: 'PATCH',
      body: { statecode: 0, statuscode: 1, ol_disabledreason: null },
    });
    expect(reactivated.status, reactivated.text).toBe(204);
    await retired.waitFor(() => acceptedSequences(retired, orderId).length === 1);
  });

  it('refuses connectors that could never deliver, and never shows a secret', async () => {
    const bad = await admin('ol_connectors', {
      method: 'POST',
      body: { ol_name: 'bad', ol_kind: 1, ol_url: 'ftp://example.test/', ol_secret: 'whsec_abc' },
    });
    expect(bad.status).toBe(400);
    const badSecret = await admin('ol_connectors', {
      method: 'POST',
      body: { ol_name: 'bad2', ol_kind: 1, ol_url: 'http://127.0.0.1:9/', ol_secret: 'not-a-secret' },
    });
    expect(badSecret.status).toBe(400);
    expect(badSecret.json.error.message).toMatch(/whsec_/);
    const filtered = await admin(`ol_connectors?$filter=ol_secret eq 'x'`);
    expect(filtered.status).toBe(400);
  });
});
