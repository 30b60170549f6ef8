/**
 * PostgreSQL restarted (`pg_ctl restart -m fast`, as a failover or an upgrade does) and stopped for
 * 20 seconds under writers and the dispatcher, on a server of the suite's own. Whatever the timing:
 * every write answered 2xx is there afterwards, every failed request was answered 503 with
 * `Retry-After` (or a 4xx) in the Dataverse error shape and none hung, every outbox event reaches the
 * back office under its one id, `/ready` and `/metrics` say the database is gone while it is and back
 * when it is, and the server recovers on its own within the bound stated below.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Receiver, startReceiver } from '../bridge/receiver.js';
import { addWebhook, FAST_DISPATCH, newSecret } from '../bridge/support.js';
import { as, setIntegration } from '../lifecycle/support.js';
import { type PrivatePostgres, startPrivatePostgres } from '../support/private-postgres.js';
import { startTestServer, type TestServer } from '../support/test-app.js';
import {
  expectAcknowledgedWritesKept,
  expectOnlyClearAnswers,
  metric,
  outboxEvents,
  readiness,
  startWriters,
  type Traffic,
  tally,
  waitUntil,
} from './traffic.js';

/** From the database answering again to the server answering writes and /ready again. */
const RECOVERY_BOUND_MS = 10_000;
const OUTAGE_MS = 20_000;
const WRITERS = 4;

describe('PostgreSQL restarted and stopped under load', () => {
  let postgres: PrivatePostgres;
  let server: TestServer;
  let receiver: Receiver;

  beforeAll(async () => {
    postgres = await startPrivatePostgres();
    const admin = new pg.Client({ connectionString: postgres.url() });
    await admin.connect();
    await admin.query('create database orderline');
    await admin.end();
    server = await startTestServer('postgres', {
      database: { kind: 'postgres', location: postgres.url('orderline'), drop: async () => {} },
      app: { dispatcher: FAST_DISPATCH },
    });
    await setIntegration(server, true);
    receiver = await startReceiver(newSecret());
    await addWebhook(as(server), receiver.url, { name: 'back office' });
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    await receiver?.close();
    await postgres?.close();
  });

  /** Nothing lost, nothing duplicated under a new id, nothing unclear: the checks after every fault. */
  async function expectNothingLost(traffic: Traffic): Promise<number> {
    expectOnlyClearAnswers(traffic.answers);
    await expectAcknowledgedWritesKept(server, traffic);
    const events = await outboxEvents(server);
    const submittedEvents = events.filter((event) => event.type === 'salesorder.submitted');
    for (const orderId of traffic.submitted) {
      expect(
        submittedEvents.filter((event) => event.orderId === orderId),
        `order ${orderId}'s submit event`,
      ).toHaveLength(1);
    }
    await receiver.waitFor((current) => {
      const delivered = new Set(current.accepted().map((request) => request.id));
      return events.every((event) => delivered.has(event.id));
    }, 30_000);
    // A delivery repeated after the fault carries the event's own id: no event arrives under two ids.
    const known = new Set(events.map((event) => event.id));
    for (const request of receiver.requests) expect(known.has(request.id), `unknown event id ${request.id}`).toBe(true);
    const idsByOrder = new Map<string, Set<string>>();
    for (const request of receiver.accepted()) {
      if (request.json?.type !== 'salesorder.submitted') continue;
      const ids = idsByOrder.get(request.json.orderId) ?? new Set<string>();
      ids.add(request.id);
      idsByOrder.set(request.json.orderId, ids);
    }
    for (const [orderId, ids] of idsByOrder) expect(ids.size, `order ${orderId} submitted once`).toBe(1);
    // Sent again under the same id (allowed: receivers dedupe), for the report.
    return receiver.requests.length - new Set(receiver.requests.map((request) => request.id)).size;
  }

  it('a fast restart during writes and deliveries loses nothing and answers every request clearly', async () => {
    const traffic = startWriters(server, WRITERS);
    await waitUntil('writes before the restart', async () => traffic.submitted.size >= 5, 30_000);
    const restarted = Date.now();
    await postgres.restart();
    const back = Date.now();
    const firstWrite = await waitUntil(
      'a write after the restart',
      async () => traffic.firstSuccessAfter(back) !== undefined,
      RECOVERY_BOUND_MS,
    );
    await waitUntil('more writes after the restart', async () => traffic.submitted.size >= 20, 30_000);
    await traffic.stop();
    const repeated = await expectNothingLost(traffic);
    console.info(
      `PostgreSQL fast restart (${back - restarted} ms): ${traffic.answers.length} requests, ${JSON.stringify(tally(traffic.answers))}, ` +
        `${traffic.orders.size} orders and ${traffic.lines.size} lines acknowledged, ${traffic.submitted.size} submitted; ` +
        `first write ${Math.max(0, firstWrite - back)} ms after the server was back; ${repeated} webhook requests repeated an id so far`,
    );
    expect(await readiness(server)).toBe(200);
  }, 120_000);

  it('stopped for 20 seconds: 503 with Retry-After meanwhile, /ready and /metrics tell, and it recovers', async () => {
    const traffic = startWriters(server, WRITERS);
    await waitUntil('writes before the outage', async () => traffic.submitted.size >= 5, 30_000);
    const answeredBefore = traffic.answers.length;
    const stopped = Date.now();
    await postgres.stop();
    const notReady = await waitUntil('/ready saying not ready', async () => (await readiness(server)) === 503, 10_000);
    const during = await metric(server, 'orderline_database_up');
    expect(during).toEqual({ status: 200, value: 0 });
    const remaining = OUTAGE_MS - (Date.now() - stopped);
    if (remaining > 0) await new Promise((resolve) => setTimeout(resolve, remaining));
    const refusedDuring = traffic.answers.slice(answeredBefore).filter((answer) => answer.status === 503);
    expect(refusedDuring.length, 'writes during the outage are refused with 503').toBeGreaterThan(0);
    expect(await readiness(server)).toBe(503);

    await postgres.start();
    const started = Date.now();
    const ready = await waitUntil(
      '/ready after the restart',
      async () => (await readiness(server)) === 200,
      RECOVERY_BOUND_MS,
    );
    const firstWrite = await waitUntil(
      'a write after the outage',
      async () => traffic.firstSuccessAfter(started) !== undefined,
      RECOVERY_BOUND_MS,
    );
    expect(await metric(server, 'orderline_database_up')).toEqual({ status: 200, value: 1 });
    await waitUntil('more writes after the outage', async () => traffic.submitted.size >= 20, 30_000);
    await traffic.stop();
    const repeated = await expectNothingLost(traffic);
    console.info(
      `PostgreSQL stopped ${started - stopped} ms: ${traffic.answers.length} requests, ${JSON.stringify(tally(traffic.answers))}, ` +
        `${traffic.orders.size} orders and ${traffic.lines.size} lines acknowledged, ${traffic.submitted.size} submitted; ` +
        `/ready 503 after ${notReady - stopped} ms, ready ${ready - started} ms and first write ${firstWrite - started} ms after the server was back; ` +
        `${repeated} webhook requests repeated an id so far`,
    );
  }, 180_000);
});
