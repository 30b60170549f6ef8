/**
 * PRODUCT.md "Service levels", bridge: from Submit to a local webhook receiving the order, p99 under
 * 100 ms at 200 submits/s; a backlog of 100,000 outbox events drains at no less than 2,000 events/s.
 * Both on the embedded default (a SQLite file), the dispatcher in the server process, the receiver an
 * HTTP server on 127.0.0.1 in this same process (answering 204 at once).
 *
 * Latency: orders with one line are created first; then Submit PATCHes are fired open-loop at 200 per
 * second for BENCH_SECONDS (default 10), and each order's latency is the time from sending its Submit
 * to the receiver holding its event. Baseline: the round trip of a bare signed POST to the same
 * receiver, measured the same way.
 *
 * Drain: BENCH_BACKLOG (default 100,000) pending events, five per order, written straight into the
 * outbox tables while the dispatcher is stopped; then the dispatcher starts and the figure is events
 * delivered (and recorded, with their timeline entries) per second until none is left. Baseline: the
 * same receiver's throughput for bare POSTs from this process with the same concurrency.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Agent, request } from 'undici';
import { type App, createApp } from '../src/app.js';
import { configWith } from '../src/config/app-config.js';
import { DELIVERY_STATUS } from '../src/domain/metadata/tables/ol-delivery.js';
import { createLogger } from '../src/observability/logger.js';
import type { BenchFigure, BenchSuite } from './bench-result.js';
import { UNTHROTTLED } from './unthrottled.js';

const ADMIN_TOKEN = 'bench-admin-token-0123456789abcdef';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const RATE = 200;
const BACKLOG = Number(process.env.BENCH_BACKLOG ?? 100_000);
const EVENTS_PER_ORDER = 5;
const DRAIN_BATCH = 500;

function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? Number.NaN;
}

interface BenchReceiver {
  readonly url: string;
  readonly received: Map<string, number>;
  count: number;
  close(): Promise<void>;
}

async function startReceiver(): Promise<BenchReceiver> {
  const received = new Map<string, number>();
  const state = { count: 0 };
  const server = createServer((incoming, response) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      state.count += 1;
      const body = Buffer.concat(chunks).toString('utf8');
      const match = /"orderId":"([^"]+)"/.exec(body);
      if (match && !received.has(match[1]!)) received.set(match[1]!, performance.now());
      response.writeHead(204).end();
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    get count() {
      return state.count;
    },
    set count(value: number) {
      state.count = value;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

type Call = (method: string, path: string, body?: unknown) => Promise<{ status: number; id?: string; json?: any }>;

function client(root: string, agent: Agent): Call {
  return async (method, path, body) => {
    const response = await request(`${root}${path}`, {
      method: method as 'GET',
      dispatcher: agent,
      headers: {
        authorization: `Bearer ${ADMIN_TOKEN}`,
        accept: 'application/json',
        'content-type': 'application/json',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.body.text();
    if (response.statusCode >= 400) throw new Error(`${method} ${path}: ${response.statusCode} ${text}`);
    const entityId = response.headers['odata-entityid'];
    return {
      status: response.statusCode,
      id: typeof entityId === 'string' ? /\(([^)]+)\)$/.exec(entityId)?.[1] : undefined,
      json: text ? JSON.parse(text) : undefined,
    };
  };
}

async function startApp(
  folder: string,
  name: string,
  dispatcher: 'on' | 'off',
): Promise<{ app: App; call: Call; agent: Agent }> {
  const app = await createApp(
    configWith({
      database: join(folder, name),
      adminToken: ADMIN_TOKEN,
      logLevel: 'silent',
      dispatcher,
      ...UNTHROTTLED,
    }),
    { logger: createLogger('silent'), dispatcher: { batchSize: DRAIN_BATCH, workers: 2, pollMs: 50 } },
  );
  await app.server.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.server.address() as AddressInfo;
  const agent = new Agent({ connections: 64 });
  return { app, agent, call: client(`http://127.0.0.1:${port}/api/data/v9.2/`, agent) };
}

async function enableIntegration(call: Call, receiverUrl: string): Promise<void> {
  const organization = (await call('GET', 'organizations?$select=organizationid')).json.value[0];
  await call('PATCH', `organizations(${organization.organizationid})`, { issopintegrationenabled: true });
  await call('POST', 'ol_connectors', { ol_name: 'bench', ol_kind: 1, ol_url: receiverUrl, ol_timeoutms: 10_000 });
}

/** Round trip of a bare POST of a realistic body to the receiver: the floor under any delivery. */
async function barePostLatency(url: string, body: string, count: number): Promise<number[]> {
  const agent = new Agent({ connections: 8 });
  const latencies: number[] = [];
  try {
    for (let index = 0; index < count; index++) {
      const started = performance.now();
      const response = await request(url, {
        method: 'POST',
        body,
        dispatcher: agent,
        headers: { 'content-type': 'application/json' },
      });
      await response.body.dump();
      latencies.push(performance.now() - started);
    }
  } finally {
    await agent.close();
  }
  return latencies;
}

async function submitLatency(folder: string): Promise<BenchFigure[]> {
  const receiver = await startReceiver();
  const { app, call, agent } = await startApp(folder, 'latency.db', 'on');
  try {
    await enableIntegration(call, receiver.url);
    const total = RATE * SECONDS;
    const orders: string[] = [];
    for (let index = 0; index < total + 50; index++) {
      const id = (await call('POST', 'salesorders', { name: `Latency ${index}` })).id!;
      await call('POST', 'salesorderdetails', {
        'salesorderid@odata.bind': `/salesorders(${id})`,
        isproductoverridden: true,
        productdescription: 'Widget',
        quantity: 2,
        priceperunit: 10,
      });
      orders.push(id);
    }
    const submit = (id: string) => call('PATCH', `salesorders(${id})`, { statecode: 1, statuscode: 3 });
    // Warm-up: JIT and connections.
    for (const id of orders.splice(0, 50)) await submit(id);
    const sentAt = new Map<string, number>();
    const started = performance.now();
    const pending: Promise<unknown>[] = [];
    for (let index = 0; index < orders.length; index++) {
      const due = started + (index * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const id = orders[index]!;
      sentAt.set(id, performance.now());
      pending.push(submit(id));
    }
    await Promise.all(pending);
    const achievedRate = orders.length / ((performance.now() - started) / 1000);
    const deadline = performance.now() + 60_000;
    while (orders.some((id) => !receiver.received.has(id)) && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const latencies = orders.map((id) => (receiver.received.get(id) ?? Number.POSITIVE_INFINITY) - sentAt.get(id)!);
    const sample = (await app.store.db.selectFrom('ol_outboxevent').select('ol_document').limit(1).executeTakeFirst())
      ?.ol_document as string;
    const bare = await barePostLatency(receiver.url, sample, 500);
    const bareP50 = percentile(bare, 0.5);
    const bareP99 = percentile(bare, 0.99);
    return [
      { name: 'bare POST of an order document to the receiver, p50', value: bareP50, unit: 'ms', better: 'lower' },
      { name: 'bare POST of an order document to the receiver, p99', value: bareP99, unit: 'ms', better: 'lower' },
      { name: 'Submit rate held (open loop)', value: achievedRate, unit: 'submits/s', better: 'higher', target: '200' },
      {
        name: 'Submit to webhook receipt, p50',
        value: percentile(latencies, 0.5),
        unit: 'ms',
        better: 'lower',
        baseline: { name: 'bare POST p50', value: bareP50 },
      },
      {
        name: 'Submit to webhook receipt, p99',
        value: percentile(latencies, 0.99),
        unit: 'ms',
        better: 'lower',
        baseline: { name: 'bare POST p99', value: bareP99 },
        target: '< 100 ms at 200 submits/s',
      },
    ];
  } finally {
    await app.close();
    await agent.close();
    await receiver.close();
  }
}

/** Writes the backlog straight into the outbox: orders, events and one pending delivery each. */
async function writeBacklog(app: App, connectorId: string, document: string): Promise<void> {
  const { store, records, metadata } = app.services;
  const admin = await store.db
    .selectFrom('systemuser')
    .select(['systemuserid', 'businessunitid'])
    .where('domainname', '=', 'admin')
    .executeTakeFirstOrThrow();
  const orders = metadata.table('salesorder')!;
  const events = metadata.table('ol_outboxevent')!;
  const deliveries = metadata.table('ol_delivery')!;
  const now = app.services.clock.now();
  const at = Date.now();
  const orderCount = Math.ceil(BACKLOG / EVENTS_PER_ORDER);
  const chunk = 1_000;
  let written = 0;
  for (let first = 0; first < orderCount; first += chunk) {
    await store.transaction(async (trx) => {
      const orderRows = [];
      const eventRows = [];
      const deliveryRows = [];
      for (let index = first; index < Math.min(orderCount, first + chunk); index++) {
        const orderId = randomUUID();
        const stamps = {
          createdon: now,
          modifiedon: now,
          createdby: String(admin.systemuserid),
          modifiedby: String(admin.systemuserid),
        };
        orderRows.push(
          records.encodeRow(orders, {
            salesorderid: orderId,
            ...stamps,
            versionnumber: String(index + 1),
            ownerid: String(admin.systemuserid),
            owningbusinessunit: String(admin.businessunitid),
            name: `Backlog ${index}`,
            ordernumber: `BACKLOG-${index}`,
            statecode: 1,
            statuscode: 3,
            ol_submittedon: now,
          }),
        );
        for (let event = 0; event < EVENTS_PER_ORDER && written < BACKLOG; event++, written++) {
          const eventId = randomUUID();
          const sequence = String(1_000_000 + written);
          const body = document
            .replace(/"id":"[^"]+"/, `"id":"${eventId}"`)
            .replace(/"orderId":"[^"]+"/, `"orderId":"${orderId}"`);
          eventRows.push(
            records.encodeRow(events, {
              ol_outboxeventid: eventId,
              ...stamps,
              versionnumber: sequence,
              ol_sequence: sequence,
              ol_eventtype: 'salesorder.updated',
              ol_orderid: orderId,
              ol_recordtype: 'salesorder',
              ol_recordid: orderId,
              ol_document: body,
              ol_deliveries: 1,
            }),
          );
          deliveryRows.push(
            records.encodeRow(deliveries, {
              ol_deliveryid: randomUUID(),
              ...stamps,
              versionnumber: sequence,
              ol_outboxeventid: eventId,
              ol_connectorid: connectorId,
              ol_orderid: orderId,
              ol_sequence: sequence,
              ol_eventtype: 'salesorder.updated',
              ol_status: DELIVERY_STATUS.pending,
              ol_attempts: 0,
              ol_createdat: String(at),
              ol_nextattemptat: String(at),
            }),
          );
        }
      }
      await trx.insertInto('salesorder').values(orderRows).execute();
      for (let offset = 0; offset < eventRows.length; offset += 200) {
        await trx
          .insertInto('ol_outboxevent')
          .values(eventRows.slice(offset, offset + 200))
          .execute();
        await trx
          .insertInto('ol_delivery')
          .values(deliveryRows.slice(offset, offset + 200))
          .execute();
      }
    });
  }
}

async function bareThroughput(url: string, body: string, count: number): Promise<number> {
  const agent = new Agent({ connections: 128 });
  try {
    const started = performance.now();
    let next = 0;
    const worker = async () => {
      while (next < count) {
        next += 1;
        const response = await request(url, {
          method: 'POST',
          body,
          dispatcher: agent,
          headers: { 'content-type': 'application/json' },
        });
        await response.body.dump();
      }
    };
    await Promise.all(Array.from({ length: DRAIN_BATCH }, worker));
    return count / ((performance.now() - started) / 1000);
  } finally {
    await agent.close();
  }
}

async function drainRate(folder: string): Promise<BenchFigure[]> {
  const receiver = await startReceiver();
  const { app, call, agent } = await startApp(folder, 'drain.db', 'off');
  try {
    await enableIntegration(call, receiver.url);
    const connectorId = String(
      (await app.store.db.selectFrom('ol_connector').select('ol_connectorid').executeTakeFirstOrThrow()).ol_connectorid,
    );
    // One real event gives the document every backlog event carries.
    const order = (await call('POST', 'salesorders', { name: 'Template' })).id!;
    for (let line = 0; line < 3; line++) {
      await call('POST', 'salesorderdetails', {
        'salesorderid@odata.bind': `/salesorders(${order})`,
        isproductoverridden: true,
        productdescription: `Widget ${line}`,
        quantity: 2,
        priceperunit: 10,
      });
    }
    await call('PATCH', `salesorders(${order})`, { statecode: 1, statuscode: 3 });
    const document = String(
      (await app.store.db.selectFrom('ol_outboxevent').select('ol_document').executeTakeFirstOrThrow()).ol_document,
    );
    await app.store.db.deleteFrom('ol_delivery').execute();
    const writeStarted = performance.now();
    await writeBacklog(app, connectorId, document);
    const writeSeconds = (performance.now() - writeStarted) / 1000;
    const bare = await bareThroughput(receiver.url, document, 20_000);
    receiver.count = 0;
    const started = performance.now();
    app.dispatcher.start();
    const pendingCount = async () =>
      Number(
        (
          await app.store.db
            .selectFrom('ol_delivery')
            .select((eb) => eb.fn.countAll().as('count'))
            .where('ol_status', '=', DELIVERY_STATUS.pending)
            .executeTakeFirstOrThrow()
        ).count,
      );
    while ((await pendingCount()) > 0) await new Promise((resolve) => setTimeout(resolve, 200));
    const seconds = (performance.now() - started) / 1000;
    await app.dispatcher.stop();
    return [
      {
        name: `write a ${BACKLOG.toLocaleString('en-US')}-event backlog into the outbox`,
        value: writeSeconds,
        unit: 's',
        better: 'lower',
      },
      { name: 'bare POSTs to the receiver, 500 in flight', value: bare, unit: 'req/s', better: 'higher' },
      {
        name: `drain the backlog (${EVENTS_PER_ORDER} events per order, in order per order)`,
        value: BACKLOG / seconds,
        unit: 'events/s',
        better: 'higher',
        baseline: { name: 'bare POSTs', value: bare },
        target: '>= 2,000 events/s',
      },
      { name: 'backlog drained in', value: seconds, unit: 's', better: 'lower' },
    ];
  } finally {
    await app.close();
    await agent.close();
    await receiver.close();
  }
}

export const bridgeBench: BenchSuite = {
  title: 'Back-office bridge (embedded SQLite, webhook receiver on loopback)',
  async run(): Promise<readonly BenchFigure[]> {
    const folder = mkdtempSync(join(tmpdir(), 'orderline-bridge-'));
    try {
      return [...(await submitLatency(folder)), ...(await drainRate(folder))];
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  },
};
