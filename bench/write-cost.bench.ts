/**
 * CPU per business write (issue #16): what one request costs the machine, not how fast it comes back,
 * so a busy shared machine moves the figures little. One client sends one request at a time (closed
 * loop) to an Orderline server running in its own OS process, and /proc says how much CPU (user +
 * system, every thread) that process used, and on PostgreSQL also every backend of its database.
 * Baseline, in the same run: a bare node:http server (bench/write-cost/bare-server.mjs, its own
 * process) answering the very same requests, BENCH_WRITE_BARE_FACTOR (default 10) times as many of
 * them since each costs so little and /proc counts in 10 ms ticks.
 *
 * The write paths (bench/write-cost/write-paths.ts): create order, add a priced catalog line, update
 * that line's quantity, submit the order (order processing integration on, so its outbox event is
 * written). Each runs BENCH_WRITE_REQUESTS (default 300) times, after a warm-up round of 50 of each.
 * Targets: on SQLite at most 4× the bare server's CPU per request, on PostgreSQL at most 8× (server
 * plus PostgreSQL). It also reports the statements each write sends, counted by the store's driver
 * wrapper (BEGIN and COMMIT included; on PostgreSQL each is one network round trip), target at most 4
 * on PostgreSQL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchFigure, BenchSuite } from './bench-result.js';
import { createDatabase } from './load/bench-database.js';
import { processCpuSeconds } from './load/cpu-usage.js';
import { type ChildServer, startChildServer } from './write-cost/child-server.js';
import { backendCpu, backendCpuBetween } from './write-cost/postgres-backends.js';
import { type Call, orderlineClient, prepareWritePaths, type WritePath } from './write-cost/write-paths.js';

const REQUESTS = Number(process.env.BENCH_WRITE_REQUESTS ?? 300);
const BARE_FACTOR = Number(process.env.BENCH_WRITE_BARE_FACTOR ?? 10);
const WARMUP = 50;

function progress(message: string): void {
  process.stderr.write(`[write-cost] ${message}\n`);
}

function cpuOf(pid: number): number {
  const seconds = processCpuSeconds(pid);
  if (seconds === undefined) throw new Error(`/proc/${pid}/stat cannot be read: this suite needs Linux`);
  return seconds;
}

interface PathCost {
  /** Server CPU per request, ms. */
  readonly server: number;
  /** PostgreSQL backends' CPU per request, ms (0 on SQLite). */
  readonly database: number;
  readonly statements: number;
}

async function runPath(
  server: ChildServer,
  call: Call,
  path: WritePath,
  count: number,
  database?: string,
): Promise<PathCost> {
  const statementsBefore = await server.statements();
  const backendsBefore = database ? backendCpu(database) : new Map<number, number>();
  const before = cpuOf(server.pid);
  for (let index = 0; index < count; index++) {
    const answer = await call(path.request(index));
    path.answered?.(index, answer.id);
  }
  const serverSeconds = cpuOf(server.pid) - before;
  const databaseSeconds = database ? backendCpuBetween(backendsBefore, backendCpu(database)) : 0;
  const statements = (await server.statements()) - statementsBefore;
  return {
    server: (serverSeconds * 1000) / count,
    database: (databaseSeconds * 1000) / count,
    statements: statements / count,
  };
}

/** The bare server's CPU per request for the same requests, sent BARE_FACTOR times as often after a warm-up. */
async function bareCost(bare: ChildServer, path: WritePath): Promise<number> {
  const call = bareClient(bare.origin);
  for (let index = 0; index < WARMUP * BARE_FACTOR; index++) await call(path.request(index % REQUESTS));
  const count = REQUESTS * BARE_FACTOR;
  const before = cpuOf(bare.pid);
  for (let index = 0; index < count; index++) await call(path.request(index % REQUESTS));
  return ((cpuOf(bare.pid) - before) * 1000) / count;
}

function bareClient(origin: string): Call {
  return async ({ method, path, body }) => {
    const response = await fetch(`${origin}/api/data/v9.2/${path}`, {
      method,
      headers: { authorization: 'Bearer bench', accept: 'application/json', 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    await response.text();
    return {};
  };
}

async function measureStore(
  label: 'SQLite' | 'PostgreSQL',
  location: string,
  bare: ChildServer,
  database?: string,
): Promise<BenchFigure[]> {
  const [one, five] = loadavg();
  progress(`${label}: load average ${one?.toFixed(2)} / ${five?.toFixed(2)} (1 / 5 min)`);
  const server = await startChildServer('orderline', { ORDERLINE_DB: location });
  try {
    const call = orderlineClient(server.origin);
    const paths = await prepareWritePaths(server.origin);
    progress(`${label}: warm-up, ${WARMUP} of each write`);
    for (const path of paths) await runPath(server, call, path, WARMUP, database);
    const figures: BenchFigure[] = [];
    for (const path of paths) {
      progress(`${label}: ${path.name}, ${REQUESTS} requests`);
      const cost = await runPath(server, call, path, REQUESTS, database);
      const bareMs = await bareCost(bare, path);
      const baseline = { name: `bare node:http, same request`, value: bareMs };
      const prefix = `${path.name}, ${label}`;
      if (database) {
        figures.push(
          {
            name: `${prefix}: CPU per request, server + PostgreSQL`,
            value: cost.server + cost.database,
            unit: 'ms',
            better: 'lower',
            baseline,
            target: '<= 8× bare',
          },
          { name: `${prefix}: CPU per request, server`, value: cost.server, unit: 'ms', better: 'lower', baseline },
          {
            name: `${prefix}: CPU per request, PostgreSQL backends`,
            value: cost.database,
            unit: 'ms',
            better: 'lower',
          },
          {
            name: `${prefix}: statements (round trips) per request`,
            value: cost.statements,
            unit: 'statements',
            better: 'lower',
            target: '<= 4',
          },
        );
      } else {
        figures.push(
          {
            name: `${prefix}: CPU per request, server`,
            value: cost.server,
            unit: 'ms',
            better: 'lower',
            baseline,
            target: '<= 4× bare',
          },
          { name: `${prefix}: statements per request`, value: cost.statements, unit: 'statements', better: 'lower' },
        );
      }
    }
    return figures;
  } finally {
    await server.stop();
  }
}

async function runWriteCost(): Promise<readonly BenchFigure[]> {
  const bare = await startChildServer('bare');
  const folder = mkdtempSync(join(tmpdir(), 'orderline-write-cost-'));
  try {
    const sqlite = await measureStore('SQLite', join(folder, 'bench.db'), bare);
    const database = await createDatabase();
    try {
      const postgres = await measureStore('PostgreSQL', database.url, bare, database.name);
      return [...sqlite, ...postgres];
    } finally {
      await database.drop();
    }
  } finally {
    await bare.stop();
    rmSync(folder, { recursive: true, force: true });
  }
}

export const writeCostBench: BenchSuite = {
  title: 'CPU per business write, one client, SQLite and PostgreSQL (statements counted)',
  run: runWriteCost,
};
