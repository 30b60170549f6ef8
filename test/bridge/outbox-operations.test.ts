/**
 * What an operator does with the outbox: list what waits or died, replay it, purge what was delivered
 * long ago; through the library and through `orderline outbox` on a real database, on both stores.
 * Metrics report depth, attempts and failures.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listDeliveries, purgeDeliveries, replayDeliveries } from '../../src/bridge/admin/outbox-admin.js';
import { orderlineCommand } from '../cli/orderline-command.js';
import type { Api } from '../lifecycle/support.js';
import type { TestServer } from '../support/test-app.js';
import { createTestDatabase, TEST_STORES, type TestDatabase } from '../support/test-stores.js';
import { type Receiver, startReceiver } from './receiver.js';
import { addWebhook, newSecret, startBridgeServer, submittedOrder } from './support.js';

const run = promisify(execFile);

describe.each(TEST_STORES)('operating the outbox (%s)', (kind) => {
  let server: TestServer;
  let admin: Api;
  let receiver: Receiver;
  let accepting = false;

  beforeAll(async () => {
    ({ server, admin } = await startBridgeServer(kind));
    const secret = newSecret();
    receiver = await startReceiver(secret);
    receiver.answerWith(() => (accepting ? { status: 204 } : { status: 503, body: 'maintenance' }));
    await addWebhook(admin, receiver.url, { secret, retryHours: 0 });
  });
  afterAll(async () => {
    await server.close();
    await receiver.close();
  });

  it('lists dead letters with their error, replays them by event id, and purges what was delivered', async () => {
    const services = server.app.services;
    const orderId = await submittedOrder(admin);
    await expect.poll(async () => (await listDeliveries(services, { orderId }))[0]?.status).toBe('dead-lettered');
    const [dead] = await listDeliveries(services, { status: 'dead-lettered', orderId });
    expect(dead).toMatchObject({ eventType: 'salesorder.submitted', attempts: 1, lastStatus: 503 });
    expect(dead!.lastError).toMatch(/HTTP 503: maintenance/);

    const metrics = await fetch(`${server.baseUrl}metrics`).then((response) => response.text());
    expect(metrics).toMatch(/orderline_outbox_dead_lettered [1-9]/);
    expect(metrics).toMatch(
      /orderline_outbox_delivery_attempts_total\{connector="[^"]+",outcome="dead-lettered"\} [1-9]/,
    );
    expect(metrics).toMatch(
      /orderline_http_request_duration_seconds_count\{method="PATCH",resource="salesorders",status="204"\} [1-9]/,
    );

    accepting = true;
    expect(await replayDeliveries(services, { ids: [dead!.eventId] }, services.clock.now())).toBe(1);
    server.app.dispatcher.wake();
    await expect.poll(async () => (await listDeliveries(services, { orderId }))[0]?.status).toBe('delivered');
    expect(receiver.accepted().filter((request) => request.json?.orderId === orderId)).toHaveLength(1);
    const replayed = await admin(`ol_timelineentries?$filter=_ol_salesorderid_value eq ${orderId} and ol_kind eq 10`);
    expect(replayed.json.value).toHaveLength(1);

    // Pending deliveries are never purged; delivered ones older than the cut-off are, with their events.
    const purged = await purgeDeliveries(services, { olderThanMs: Date.now() + 1_000 });
    expect(purged.deliveries).toBeGreaterThanOrEqual(1);
    expect(await listDeliveries(services, { orderId })).toEqual([]);
    const events = await admin(`ol_outboxevents?$filter=ol_orderid eq ${orderId}`);
    expect(events.json.value).toEqual([]);
  });

  it('is refused to clients: the outbox, deliveries and timeline are written by the server only', async () => {
    for (const set of ['ol_outboxevents', 'ol_deliveries', 'ol_timelineentries']) {
      const response = await admin(set, { method: 'POST', body: {} });
      expect(response.status, set).toBe(405);
    }
  });
});

describe.each(TEST_STORES)('orderline outbox on the command line (%s)', (kind) => {
  let database: TestDatabase;
  let eventId: string;

  beforeAll(async () => {
    database = await createTestDatabase(kind, { schema: 'migrated' });
    // A server run that leaves a dead letter behind, then stops.
    const { createApp } = await import('../../src/app.js');
    const { configWith } = await import('../../src/config/app-config.js');
    const { createLogger } = await import('../../src/observability/logger.js');
    const { FAST_DISPATCH } = await import('./support.js');
    const app = await createApp(
      configWith({ database: database.location, adminToken: 'cli-admin-token-0123456789', logLevel: 'silent' }),
      { logger: createLogger('silent'), dispatcher: FAST_DISPATCH },
    );
    await app.server.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.server.address() as { port: number };
    const api: Api = async (path, init = {}) => {
      const response = await fetch(`http://127.0.0.1:${port}/api/data/v9.2/${path}`, {
        method: init.method ?? 'GET',
        headers: { authorization: 'Bearer cli-admin-token-0123456789', 'content-type': 'application/json' },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
      const text = await response.text();
      return { status: response.status, headers: response.headers, text, json: text ? JSON.parse(text) : undefined };
    };
    const organization = (await api('organizations?$select=organizationid')).json.value[0].organizationid;
    await api(`organizations(${organization})`, { method: 'PATCH', body: { issopintegrationenabled: true } });
    await addWebhook(api, 'http://127.0.0.1:9/unreachable', { retryHours: 0 });
    await submittedOrder(api);
    const deadline = Date.now() + 10_000;
    while ((await api('ol_deliveries?$select=ol_status')).json.value[0]?.ol_status !== 3) {
      if (Date.now() > deadline) throw new Error('the delivery was not dead-lettered within 10 s');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    eventId = (await api('ol_outboxevents?$select=ol_outboxeventid')).json.value[0].ol_outboxeventid;
    await app.close();
  });
  afterAll(async () => {
    await database.drop();
  });

  const orderline = (...args: string[]) =>
    run(process.execPath, [orderlineCommand(), ...args], {
      env: { ...process.env, ORDERLINE_DB: database.location, ORDERLINE_LOG_LEVEL: 'warn' },
    });

  // Seven runs of the command, each starting Node and opening the database (~2.5 s on an idle machine).
  it('lists, replays and purges', { timeout: 120_000 }, async () => {
    const listed = await orderline('outbox', 'list', '--status', 'dead-lettered', '--json');
    const rows = listed.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ eventId, status: 'dead-lettered', eventType: 'salesorder.submitted' });
    expect(rows[0].lastError).toMatch(/ECONNREFUSED/);

    const table = await orderline('outbox', 'list');
    expect(table.stdout).toMatch(/^DELIVERY\s+EVENT\s+TYPE/);
    expect(table.stdout).toContain('dead-lettered');

    const replayed = await orderline('outbox', 'replay', eventId);
    expect(replayed.stdout).toBe('1 deliveries queued again.\n');
    const pending = await orderline('outbox', 'list', '--status', 'pending', '--json');
    expect(pending.stdout.trim().split('\n')).toHaveLength(1);

    const purged = await orderline('outbox', 'purge', '--older-than-days', '0');
    expect(purged.stdout).toMatch(/^Purged 0 deliveries/);

    await expect(orderline('outbox', 'replay')).rejects.toThrow(/--dead-lettered/);
    await expect(orderline('outbox', 'list', '--status', 'lost')).rejects.toThrow(/--status must be one of/);
  });
});
