/**
 * Soak (issue #18): mixed traffic against one `orderline serve` child process for ORDERLINE_SOAK_SECONDS
 * (default 150), cut into windows of ORDERLINE_SOAK_WINDOW_SECONDS (default 15). At the end of every
 * window the suite reads the server's resident memory (/proc/<pid>/status VmRSS), its V8 heap in use
 * (its own /metrics, `orderline_nodejs_heap_size_used_bytes`), its open file descriptors
 * (/proc/<pid>/fd) and the latency percentiles of the window's requests. Figures: the second window
 * (the first warm one) and the last, the last with the second as its baseline so the report prints the
 * drift as a ratio; and the growth of memory and descriptors per 100,000 requests, the least-squares
 * slope over the warm windows (a leak shows as a steady climb; a flat line is what is promised).
 * Hours-long soaks: ORDERLINE_SOAK_SECONDS=14400.
 *
 * The store is a fresh SQLite file by default; ORDERLINE_SOAK_STORE=postgres runs on a fresh PostgreSQL
 * database instead. Traffic, closed-loop with ORDERLINE_SOAK_CLIENTS (default 16) clients, as the
 * administrator, cycling through: create an order, add a catalog line to a recent order, update a
 * recent order, read one order with its lines ($expand), list orders ($filter, $orderby, $top), and
 * WhoAmI: half writes, half reads, as a sales team's day looks. Non-2xx answers are counted as errors.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Agent } from 'undici';
import { freePort, processGroup } from '../test/reliability/processes.js';
import type { BenchFigure, BenchSuite } from './bench-result.js';
import { ADMIN_HEADERS, ADMIN_TOKEN, SERVICE_PATH } from './load/admin-client.js';
import { createDatabase } from './load/bench-database.js';
import { progress } from './load/progress.js';
import { prepareOrderWrites } from './load/reference-data.js';
import { withResources } from './load/resources.js';

const seconds = (name: string, fallback: number) => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};

interface Window {
  readonly requests: number;
  readonly errors: number;
  readonly p50: number;
  readonly p99: number;
  readonly rssMb: number;
  readonly heapMb: number;
  readonly descriptors: number;
}

function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))]!;
}

function residentMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((candidate) => candidate.startsWith('VmRSS:'));
  return Number(line?.match(/(\d+)/)?.[1] ?? Number.NaN) / 1024;
}

async function heapUsedMb(baseUrl: string): Promise<number> {
  const text = await (await fetch(`${baseUrl}metrics`)).text();
  const line = text.split('\n').find((candidate) => candidate.startsWith('orderline_nodejs_heap_size_used_bytes'));
  return Number(line?.split(' ').at(-1)) / 1024 / 1024;
}

/**
 * The least-squares slope of a reading against the requests served so far, per 100,000 requests: one
 * window's garbage-collector timing moves the last reading by tens of MB, the slope over every warm
 * window much less, and a real leak still shows as a steady climb.
 */
function growthPer100k(windows: readonly Window[], value: (window: Window) => number): number {
  let served = 0;
  const points = windows.map((window) => {
    served += window.requests;
    return { x: served, y: value(window) };
  });
  const meanX = points.reduce((sum, point) => sum + point.x, 0) / points.length;
  const meanY = points.reduce((sum, point) => sum + point.y, 0) / points.length;
  const covariance = points.reduce((sum, point) => sum + (point.x - meanX) * (point.y - meanY), 0);
  const variance = points.reduce((sum, point) => sum + (point.x - meanX) ** 2, 0);
  return variance === 0 ? 0 : (covariance / variance) * 100_000;
}

async function runSoak(): Promise<readonly BenchFigure[]> {
  const totalSeconds = seconds('ORDERLINE_SOAK_SECONDS', 150);
  const windowSeconds = seconds('ORDERLINE_SOAK_WINDOW_SECONDS', 15);
  const clients = seconds('ORDERLINE_SOAK_CLIENTS', 16);
  const onPostgres = process.env.ORDERLINE_SOAK_STORE === 'postgres';
  return withResources(async (resources) => {
    let location: string;
    if (onPostgres) {
      const database = await createDatabase();
      resources.hold(`database ${database.name}`, database.drop);
      location = database.url;
    } else {
      const folder = mkdtempSync(join(tmpdir(), 'orderline-soak-'));
      resources.hold('the SQLite folder', async () => rmSync(folder, { recursive: true, force: true }));
      location = join(folder, 'orderline.db');
    }
    const group = processGroup();
    resources.hold('the Orderline process', () => group.close());
    const server = group.orderline('soak server', 'serve', {
      PORT: String(await freePort()),
      HOST: '127.0.0.1',
      ORDERLINE_DB: location,
      ORDERLINE_ADMIN_TOKEN: ADMIN_TOKEN,
      ORDERLINE_LOG_LEVEL: 'warn',
    });
    await server.start();
    const pid = server.pid!;
    progress(`soak server ready at ${server.baseUrl} (pid ${pid}) on ${onPostgres ? 'PostgreSQL' : 'SQLite'}`);
    const writes = await prepareOrderWrites([server], ['create order', 'add line', 'update order']);
    const agent = new Agent({ connections: clients, keepAliveTimeout: 30_000 });
    resources.hold('the HTTP agent', () => agent.close());
    const root = `${server.baseUrl}${SERVICE_PATH.slice(1)}`;
    const recentOrders: string[] = [];

    let index = 0;
    let latencies: number[] = [];
    let errors = 0;
    let requests = 0;
    const request = async () => {
      const step = index++;
      const kind = step % 6;
      let method = 'GET';
      let path: string;
      let body: string | undefined;
      let created: string | undefined;
      if (kind < 3) {
        const write = writes.next(step);
        ({ method, path, body } = write);
        created = write.createdOrderId;
      } else if (kind === 3 && recentOrders.length > 0) {
        const order = recentOrders[step % recentOrders.length];
        path = `salesorders(${order})?$select=name,totalamount&$expand=order_details($select=quantity,extendedamount)`;
      } else if (kind === 4) {
        path = `salesorders?$select=name,totalamount&$filter=statecode eq 0&$orderby=createdon desc&$top=20`;
      } else {
        path = 'WhoAmI';
      }
      const begun = performance.now();
      try {
        const response = await fetch(`${root}${path}`, {
          method,
          headers: ADMIN_HEADERS,
          body,
          dispatcher: agent,
        } as unknown as RequestInit);
        await response.arrayBuffer();
        if (!response.ok) errors += 1;
        else if (created) {
          writes.remember(created);
          recentOrders[recentOrders.length < 100 ? recentOrders.length : step % 100] = created;
        }
      } catch {
        errors += 1;
      }
      latencies.push(performance.now() - begun);
      requests += 1;
    };

    const windows: Window[] = [];
    const deadline = performance.now() + totalSeconds * 1000;
    let windowEnd = performance.now() + windowSeconds * 1000;
    const loops = Array.from({ length: clients }, async () => {
      while (performance.now() < deadline) await request();
    });
    const sampler = (async () => {
      while (performance.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, windowEnd - performance.now())));
        const sorted = latencies.sort((a, b) => a - b);
        const window: Window = {
          requests,
          errors,
          p50: percentile(sorted, 0.5),
          p99: percentile(sorted, 0.99),
          rssMb: residentMb(pid),
          heapMb: await heapUsedMb(server.baseUrl),
          descriptors: readdirSync(`/proc/${pid}/fd`).length,
        };
        windows.push(window);
        progress(
          `window ${windows.length}: ${requests} requests (${errors} errors), p50 ${window.p50.toFixed(1)} ms, ` +
            `p99 ${window.p99.toFixed(1)} ms, RSS ${window.rssMb.toFixed(1)} MB, heap ${window.heapMb.toFixed(1)} MB, ` +
            `${window.descriptors} fds`,
        );
        latencies = [];
        requests = 0;
        errors = 0;
        windowEnd += windowSeconds * 1000;
      }
    })();
    await Promise.all([...loops, sampler]);
    if (windows.length < 2) throw new Error('the soak needs at least two windows: raise ORDERLINE_SOAK_SECONDS');
    // The first window includes the start (JIT, caches, the SQLite page cache filling): the drift is
    // measured from the second window, when the server is warm, to the last.
    const first = windows[1]!;
    const last = windows.at(-1)!;
    const warmWindows = windows.slice(1);
    const per100k = (value: (window: Window) => number) => growthPer100k(warmWindows, value);
    const total = windows.reduce((sum, window) => sum + window.requests, 0);
    const totalErrors = windows.reduce((sum, window) => sum + window.errors, 0);
    const warm = (name: string, value: number, unit: string, better: 'lower' | 'higher'): BenchFigure => ({
      name: `${name}, second window (warm)`,
      value,
      unit,
      better,
    });
    const late = (name: string, value: number, baseline: number, unit: string): BenchFigure => ({
      name: `${name}, last window`,
      value,
      unit,
      better: 'lower',
      baseline: { name: `${name}, second window`, value: baseline },
    });
    return [
      {
        name: `requests in ${totalSeconds} s (${windows.length} windows, ${clients} clients)`,
        value: total,
        unit: 'requests',
        better: 'higher',
      },
      {
        name: 'non-2xx answers and connection errors',
        value: totalErrors,
        unit: 'requests',
        better: 'lower',
        target: '0',
      },
      warm('p50 latency', first.p50, 'ms', 'lower'),
      late('p50 latency', last.p50, first.p50, 'ms'),
      warm('p99 latency', first.p99, 'ms', 'lower'),
      late('p99 latency', last.p99, first.p99, 'ms'),
      warm('resident memory', first.rssMb, 'MB', 'lower'),
      late('resident memory', last.rssMb, first.rssMb, 'MB'),
      late('V8 heap in use', last.heapMb, first.heapMb, 'MB'),
      late('open file descriptors', last.descriptors, first.descriptors, 'fds'),
      {
        name: 'resident memory growth per 100,000 requests',
        value: per100k((window) => window.rssMb),
        unit: 'MB',
        better: 'lower',
        target: 'flat',
      },
      {
        name: 'V8 heap growth per 100,000 requests',
        value: per100k((window) => window.heapMb),
        unit: 'MB',
        better: 'lower',
        target: 'flat',
      },
      {
        name: 'file descriptor growth per 100,000 requests',
        value: per100k((window) => window.descriptors),
        unit: 'fds',
        better: 'lower',
        target: '0',
      },
    ];
  });
}

export const soakBench: BenchSuite = { title: 'Soak: memory, handles and latency drift', run: runSoak };
