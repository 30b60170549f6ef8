/**
 * HTTP service level (PRODUCT.md, "Service levels to reach"): creating order lines through the Web API
 * on the embedded SQLite store reaches at least 25% of the throughput of a bare Fastify server
 * answering a JSON echo, with p99 latency under 50 ms at 32 concurrent clients. A bare Fastify route
 * doing one durable SQLite insert per request is the practical ceiling (about 40% of the echo).
 *
 * Everything runs in this one process, one load after the other, on 127.0.0.1:
 *   1. baseline: bare Fastify 5, POST /echo answers the JSON body it received;
 *   2. baseline: bare Fastify 5, POST /lines does one prepared better-sqlite3 INSERT into a fresh file
 *      opened by Orderline's own `openSqlite` (WAL and the store's default synchronous mode: the same pragmas as the store);
 *   3. Orderline (createApp on a fresh SQLite file): POST salesorderdetails into one sales order;
 *   4. Orderline: GET salesorderdetails(<id>) and GET salesorderdetails?$top=50.
 *
 * The load generator is autocannon, run in one worker thread of this process so it does not share the
 * servers' event loop. Each load runs BENCH_WARMUP_SECONDS (default 2) unmeasured, then BENCH_SECONDS
 * (default 10) measured, at 32 connections without pipelining. Latency percentiles come from
 * autocannon's histogram, which records whole milliseconds.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { type App, createApp } from '../src/app.js';
import { configWith } from '../src/config/app-config.js';
import { createLogger } from '../src/observability/logger.js';
import { openSqlite } from '../src/storage/dialects/sqlite.js';
import type { BenchFigure, BenchSuite } from './bench-result.js';
import { UNTHROTTLED } from './unthrottled.js';

const CONNECTIONS = 32;
const ADMIN_TOKEN = 'bench-admin-token-0123456789abcdef';
const SERVICE_PATH = '/api/data/v9.2/';

// ---------------------------------------------------------------------------------------------------
// autocannon 8 ships no type declarations; this is the part of its programmatic API used here.

interface LoadOptions {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  connections: number;
  duration: number;
  workers?: number;
}

interface LoadResult {
  /** Seconds, rounded to 10 ms. */
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodeStats: Record<string, { count: number }>;
  latency: { p50: number; p99: number; mean: number; max: number };
  requests: { total: number; average: number };
}

type Autocannon = (options: LoadOptions) => Promise<LoadResult>;

const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

// ---------------------------------------------------------------------------------------------------

function secondsFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`${name} must be a positive number of seconds, got "${raw}"`);
  return value;
}

function progress(message: string): void {
  process.stderr.write(`[web-api] ${message}\n`);
}

interface Measured {
  readonly label: string;
  readonly requestsPerSecond: number;
  readonly p50: number;
  readonly p99: number;
  /** Non-2xx responses during warm-up and measurement together. */
  readonly non2xx: number;
  /** Connection errors and timeouts during warm-up and measurement together. */
  readonly failures: number;
}

interface Load {
  readonly label: string;
  readonly url: string;
  readonly method: 'GET' | 'POST';
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

async function measure(load: Load, warmupSeconds: number, seconds: number): Promise<Measured> {
  const options = (duration: number): LoadOptions => ({
    url: load.url,
    method: load.method,
    headers: {
      accept: 'application/json',
      ...(load.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...load.headers,
    },
    ...(load.body === undefined ? {} : { body: load.body }),
    connections: CONNECTIONS,
    duration,
    workers: 1,
  });
  progress(`${load.label}: warm-up ${warmupSeconds} s`);
  const warmup = await autocannon(options(warmupSeconds));
  progress(`${load.label}: measuring ${seconds} s`);
  const result = await autocannon(options(seconds));
  const non2xx = warmup.non2xx + result.non2xx;
  const failures = warmup.errors + warmup.timeouts + result.errors + result.timeouts;
  if (non2xx > 0 || failures > 0) {
    progress(
      `${load.label}: ${non2xx} non-2xx, ${failures} errors/timeouts; status codes: ` +
        JSON.stringify({ warmup: warmup.statusCodeStats, measured: result.statusCodeStats }),
    );
  }
  const measured: Measured = {
    label: load.label,
    requestsPerSecond: result.duration > 0 ? result.requests.total / result.duration : 0,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx,
    failures,
  };
  progress(
    `${load.label}: ${measured.requestsPerSecond.toFixed(0)} req/s, p50 ${measured.p50} ms, p99 ${measured.p99} ms`,
  );
  return measured;
}

function urlOf(server: FastifyInstance, path: string): string {
  const address = server.server.address();
  if (typeof address !== 'object' || address === null) throw new Error('server is not listening on a TCP port');
  return `http://127.0.0.1:${address.port}${path}`;
}

/** The body every POST load sends: one write-in order line (the echo and bare insert get the same bytes). */
function lineBody(salesOrderId: string): string {
  return JSON.stringify({
    'salesorderid@odata.bind': `/salesorders(${salesOrderId})`,
    isproductoverridden: true,
    productdescription: 'Widget',
    quantity: 2,
    priceperunit: 9.99,
  });
}

function idFromEntityUrl(response: Response): string {
  const entityId = response.headers.get('odata-entityid') ?? '';
  const match = /\(([0-9a-f-]{36})\)$/i.exec(entityId);
  if (!match?.[1]) throw new Error(`no record id in OData-EntityId "${entityId}" (status ${response.status})`);
  return match[1];
}

async function post(url: string, body: unknown): Promise<Response> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`POST ${url} answered ${response.status}`);
  return response;
}

/** Throughput, p50, p99 and non-2xx figures of one load; `baseline` is attached to the throughput. */
function loadFigures(
  measured: Measured,
  name: string,
  extra: { baseline?: Measured; baselineName?: string; target?: string; p99Target?: string } = {},
): BenchFigure[] {
  const figures: BenchFigure[] = [
    {
      name: `${name}: throughput`,
      value: measured.requestsPerSecond,
      unit: 'req/s',
      better: 'higher',
      ...(extra.baseline
        ? { baseline: { name: extra.baselineName ?? extra.baseline.label, value: extra.baseline.requestsPerSecond } }
        : {}),
      ...(extra.target ? { target: extra.target } : {}),
    },
    { name: `${name}: p50 latency`, value: measured.p50, unit: 'ms', better: 'lower' },
    {
      name: `${name}: p99 latency`,
      value: measured.p99,
      unit: 'ms',
      better: 'lower',
      ...(extra.p99Target ? { target: extra.p99Target } : {}),
    },
    { name: `${name}: non-2xx responses`, value: measured.non2xx, unit: 'responses', better: 'lower', target: '= 0' },
  ];
  if (measured.failures > 0) {
    figures.push({
      name: `${name}: connection errors + timeouts`,
      value: measured.failures,
      unit: 'requests',
      better: 'lower',
      target: '= 0',
    });
  }
  return figures;
}

async function echoServer(): Promise<FastifyInstance> {
  const server = Fastify({ logger: false });
  server.post('/echo', async (request) => request.body);
  await server.listen({ port: 0, host: '127.0.0.1' });
  return server;
}

async function bareInsertServer(file: string): Promise<{ server: FastifyInstance; close(): Promise<void> }> {
  // Orderline's own opener, so the pragmas (WAL, synchronous mode, ...) are the store's by construction.
  const { db, raw } = openSqlite(file);
  const journal = raw.pragma('journal_mode', { simple: true });
  const synchronous = raw.pragma('synchronous', { simple: true });
  progress(
    `bare insert store: journal_mode=${String(journal)}, synchronous=${String(synchronous)} (1 = NORMAL, 2 = FULL)`,
  );
  raw.exec('CREATE TABLE line (id TEXT PRIMARY KEY, body TEXT NOT NULL, createdon TEXT NOT NULL)');
  const insert = raw.prepare('INSERT INTO line (id, body, createdon) VALUES (?, ?, ?)');
  const server = Fastify({ logger: false });
  server.post('/lines', async (request, reply) => {
    const id = randomUUID();
    insert.run(id, JSON.stringify(request.body), new Date().toISOString());
    return reply.code(201).send({ id });
  });
  await server.listen({ port: 0, host: '127.0.0.1' });
  return {
    server,
    async close() {
      await server.close();
      await db.destroy();
    },
  };
}

async function orderlineServer(file: string): Promise<App> {
  const app = await createApp(
    configWith({ database: file, adminToken: ADMIN_TOKEN, logLevel: 'silent', ...UNTHROTTLED }),
    {
      logger: createLogger('silent'),
    },
  );
  const journal = await sql<{ journal_mode: string }>`PRAGMA journal_mode`.execute(app.store.db);
  const synchronous = await sql<{ synchronous: number | bigint }>`PRAGMA synchronous`.execute(app.store.db);
  progress(
    `Orderline store: journal_mode=${journal.rows[0]?.journal_mode}, synchronous=${String(synchronous.rows[0]?.synchronous)} (1 = NORMAL, 2 = FULL)`,
  );
  await app.server.listen({ port: 0, host: '127.0.0.1' });
  return app;
}

async function runWebApiBench(): Promise<readonly BenchFigure[]> {
  const seconds = secondsFromEnv('BENCH_SECONDS', 10);
  const warmupSeconds = secondsFromEnv('BENCH_WARMUP_SECONDS', 2);
  progress(`${CONNECTIONS} connections, ${warmupSeconds} s warm-up + ${seconds} s measured per load`);
  const directory = mkdtempSync(join(tmpdir(), 'orderline-bench-'));
  const closers: Array<() => Promise<void>> = [];
  try {
    const sampleBody = lineBody(randomUUID());

    const echo = await echoServer();
    closers.push(() => echo.close());
    const echoed = await measure(
      { label: 'echo', url: urlOf(echo, '/echo'), method: 'POST', body: sampleBody },
      warmupSeconds,
      seconds,
    );
    await closers.pop()?.();

    const bare = await bareInsertServer(join(directory, 'bare-insert.db'));
    closers.push(() => bare.close());
    const inserted = await measure(
      { label: 'bare insert', url: urlOf(bare.server, '/lines'), method: 'POST', body: sampleBody },
      warmupSeconds,
      seconds,
    );
    await closers.pop()?.();

    const app = await orderlineServer(join(directory, 'orderline.db'));
    closers.push(() => app.close());
    const root = urlOf(app.server, SERVICE_PATH);
    const salesOrderId = idFromEntityUrl(await post(`${root}salesorders`, { name: 'Benchmark order' }));
    const body = lineBody(salesOrderId);
    const lineId = idFromEntityUrl(await post(`${root}salesorderdetails`, JSON.parse(body)));
    const authorization = { authorization: `Bearer ${ADMIN_TOKEN}` };
    const created = await measure(
      { label: 'create line', url: `${root}salesorderdetails`, method: 'POST', headers: authorization, body },
      warmupSeconds,
      seconds,
    );
    const retrieved = await measure(
      { label: 'retrieve line', url: `${root}salesorderdetails(${lineId})`, method: 'GET', headers: authorization },
      warmupSeconds,
      seconds,
    );
    const listed = await measure(
      { label: 'list 50 lines', url: `${root}salesorderdetails?$top=50`, method: 'GET', headers: authorization },
      warmupSeconds,
      seconds,
    );
    const counted = await sql<{
      lines: number | bigint;
    }>`SELECT count(*) AS lines FROM salesorderdetail WHERE salesorderid = ${salesOrderId}`.execute(app.store.db);
    const linesInOrder = Number(counted.rows[0]?.lines ?? 0);
    await closers.pop()?.();

    const createName = 'Orderline create line (POST salesorderdetails)';
    return [
      ...loadFigures(echoed, 'baseline: bare Fastify JSON echo (POST /echo)'),
      ...loadFigures(inserted, 'baseline: bare Fastify + 1 SQLite insert (WAL, same synchronous mode)', {
        baseline: echoed,
        baselineName: 'bare Fastify JSON echo',
        target: '≈ 40% of echo (PRODUCT.md: the ceiling)',
      }),
      ...loadFigures(created, createName, {
        baseline: echoed,
        baselineName: 'bare Fastify JSON echo',
        target: '>= 25% of echo',
        p99Target: '< 50 ms',
      }),
      {
        name: `${createName}: throughput vs the durable-write ceiling`,
        value: created.requestsPerSecond,
        unit: 'req/s',
        better: 'higher',
        baseline: { name: 'bare Fastify + 1 SQLite insert', value: inserted.requestsPerSecond },
        target: 'ceiling = 100%; 25%/40% of echo ≈ 62.5%',
      },
      {
        name: `${createName}: lines in the one order after warm-up + measurement`,
        value: linesInOrder,
        unit: 'lines',
        better: 'higher',
      },
      ...loadFigures(retrieved, 'Orderline retrieve line (GET salesorderdetails(<id>))', {
        baseline: echoed,
        baselineName: 'bare Fastify JSON echo',
      }),
      ...loadFigures(listed, 'Orderline list lines (GET salesorderdetails?$top=50)', {
        baseline: echoed,
        baselineName: 'bare Fastify JSON echo',
      }),
    ];
  } finally {
    for (const close of closers.reverse()) {
      await close().catch((error: unknown) => progress(`closing a server failed: ${String(error)}`));
    }
    rmSync(directory, { recursive: true, force: true });
  }
}

export const webApiBench: BenchSuite = {
  title: 'Web API throughput and latency (HTTP on 127.0.0.1, 32 connections)',
  run: runWebApiBench,
};
