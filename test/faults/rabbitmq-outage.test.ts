/**
 * RabbitMQ fails under the AMQP connector while orders are submitted, on a node of the suite's own:
 * the node is stopped and started again (its durable queue and persistent messages survive it), the
 * broker closes every connection, and the exchange is deleted under the publisher (the broker closes
 * the channel) and comes back without its binding for a while. Publisher confirms must mean that an
 * event marked delivered is in the durable queue: after each fault, every outbox event is found there
 * by consuming it, under its own id, and the connector got there without Orderline being restarted.
 */
import amqp from 'amqplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAST_DISPATCH } from '../bridge/support.js';
import { as, setIntegration } from '../lifecycle/support.js';
import { type PrivateRabbitMq, startPrivateRabbitMq } from '../support/private-rabbitmq.js';
import { startTestServer, type TestServer } from '../support/test-app.js';
import { TEST_STORES } from '../support/test-stores.js';
import {
  expectAcknowledgedWritesKept,
  expectOnlyClearAnswers,
  outboxEvents,
  readAll,
  readiness,
  startWriters,
  tally,
  waitUntil,
} from './traffic.js';

/** From the broker taking connections again to every waiting event confirmed into the queue. */
const RECOVERY_BOUND_MS = 20_000;
const EXCHANGE = 'orderline.fault.orders';
const QUEUE = 'orderline.fault.backoffice';
const WRITERS = 2;

describe.each(TEST_STORES)('RabbitMQ failing under the AMQP connector (%s)', (kind) => {
  let broker: PrivateRabbitMq;
  let server: TestServer;
  /** Every message consumed from the durable queue so far, by messageId (repeats counted). */
  const consumed = new Map<string, number>();

  /** The back office's durable queue, bound to everything the exchange carries. */
  async function bindQueue(): Promise<void> {
    const connection = await amqp.connect(broker.url);
    const channel = await connection.createChannel();
    await channel.assertExchange(EXCHANGE, 'topic', { durable: true });
    await channel.assertQueue(QUEUE, { durable: true });
    await channel.bindQueue(QUEUE, EXCHANGE, '#');
    await connection.close();
  }

  /** Takes everything in the queue now, as the back office would after the fault. */
  async function drainQueue(): Promise<void> {
    const connection = await amqp.connect(broker.url);
    const channel = await connection.createChannel();
    for (;;) {
      const message = await channel.get(QUEUE, { noAck: true });
      if (message === false) break;
      const id = String(message.properties.messageId);
      consumed.set(id, (consumed.get(id) ?? 0) + 1);
    }
    await connection.close();
  }

  async function deliveryStatuses(): Promise<Map<string, number>> {
    const rows = await readAll(server, 'ol_deliveries?$select=ol_outboxeventid,ol_status');
    return new Map(rows.map((row) => [row.ol_outboxeventid as string, row.ol_status as number]));
  }

  /** Every outbox event delivered, and then found in the durable queue under its own id. */
  async function expectEveryEventQueued(since: number): Promise<number> {
    const allDelivered = await waitUntil(
      'every event confirmed by the broker',
      async () => [...(await deliveryStatuses()).values()].every((status) => status === 2),
      RECOVERY_BOUND_MS,
    );
    await drainQueue();
    const events = await outboxEvents(server);
    expect(events.length).toBeGreaterThan(0);
    const missing = events.filter((event) => !consumed.has(event.id));
    expect(missing, 'events marked delivered but not in the queue').toEqual([]);
    const known = new Set(events.map((event) => event.id));
    expect(
      [...consumed.keys()].filter((id) => !known.has(id)),
      'messages under unknown ids',
    ).toEqual([]);
    return allDelivered - since;
  }

  beforeAll(async () => {
    broker = await startPrivateRabbitMq();
    await bindQueue();
    server = await startTestServer(kind, { app: { dispatcher: FAST_DISPATCH } });
    await setIntegration(server, true);
    const connector = await as(server)('ol_connectors', {
      method: 'POST',
      body: {
        ol_name: 'back office queue',
        ol_kind: 2,
        ol_url: `amqp://guest@127.0.0.1:${broker.port}`,
        ol_secret: 'guest',
        ol_exchange: EXCHANGE,
        ol_timeoutms: 2_000,
        ol_retryhours: 24,
      },
    });
    expect(connector.status, connector.text).toBe(204);
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    await broker?.close();
  });

  it('a broker restart during publishing: what was confirmed survives it, the rest is published after', async () => {
    const traffic = startWriters(server, WRITERS, { pauseMs: 200 });
    await waitUntil('submits before the restart', async () => traffic.submitted.size >= 5, 30_000);
    const stopped = Date.now();
    await broker.restart();
    const back = Date.now();
    // The database is fine: the server stays ready while the broker is away.
    expect(await readiness(server)).toBe(200);
    const submittedAtRestart = traffic.submitted.size;
    await waitUntil('submits after the restart', async () => traffic.submitted.size >= submittedAtRestart + 5, 30_000);
    await traffic.stop();
    const recovery = await expectEveryEventQueued(back);
    expectOnlyClearAnswers(traffic.answers);
    await expectAcknowledgedWritesKept(server, traffic);
    const retried = (await readAll(server, 'ol_deliveries?$select=ol_attempts')).filter((row) => row.ol_attempts > 1);
    console.info(
      `RabbitMQ restart (${back - stopped} ms down): ${traffic.answers.length} requests ${JSON.stringify(tally(traffic.answers))}, ` +
        `${traffic.submitted.size} submitted, ${retried.length} deliveries retried, all queued ${recovery} ms after the broker was back`,
    );
    expect(recovery).toBeLessThan(RECOVERY_BOUND_MS);
  }, 240_000);

  it('connections closed by the broker: the connector reconnects by itself', async () => {
    const traffic = startWriters(server, WRITERS, { pauseMs: 100 });
    const before = traffic.submitted.size;
    await waitUntil('submits before the close', async () => traffic.submitted.size >= before + 3, 30_000);
    await broker.closeAllConnections();
    const closed = Date.now();
    await waitUntil('submits after the close', async () => traffic.submitted.size >= before + 10, 30_000);
    await traffic.stop();
    expectOnlyClearAnswers(traffic.answers);
    const recovery = await expectEveryEventQueued(closed);
    console.info(`RabbitMQ connections closed: all queued ${recovery} ms after`);
  }, 120_000);

  it('the exchange deleted under the publisher, then back without its binding for a while: nothing confirmed into nowhere', async () => {
    const traffic = startWriters(server, WRITERS, { pauseMs: 100 });
    await waitUntil('submits before the deletion', async () => traffic.submitted.size >= 3, 30_000);
    const admin = await amqp.connect(broker.url);
    const channel = await admin.createChannel();
    // Publishing to a missing exchange is a channel error: the broker closes the connector's channel.
    await channel.deleteExchange(EXCHANGE);
    const deleted = Date.now();
    // The connector declares the exchange again when it reconnects, but no queue is bound to it yet:
    // what it publishes meanwhile is unroutable and must not count as delivered.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await admin.close();
    await traffic.stop();
    const statuses = await deliveryStatuses();
    expect(
      [...statuses.values()].some((status) => status === 1),
      'events wait while nothing is bound',
    ).toBe(true);
    await bindQueue();
    expectOnlyClearAnswers(traffic.answers);
    const recovery = await expectEveryEventQueued(deleted);
    // The channel the broker closed took its connection with it: the connector holds one, not one per error.
    expect(await broker.connectionCount()).toBe(1);
    console.info(`RabbitMQ exchange deleted and unbound for 2 s: all queued ${recovery} ms after the deletion`);
  }, 120_000);
});
