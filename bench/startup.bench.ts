/**
 * Startup: the time from spawning `orderline serve` to its first 200 on GET /health, the moment a supervisor or
 * load balancer may send it traffic. Median of BENCH_STARTS (default 7) starts each on a fresh SQLite file
 * (migrations and provisioning are part of every first start), and as many restarts on a database that
 * is already there (an upgrade-free restart: the schema is checked, not built).
 *
 * Figure: the built JavaScript the way bin/orderline.js runs it (dist/server, source maps on). Baseline: the
 * same sources compiled at every start by the tsx loader (`node --import tsx src/cli/main.ts`), the way the
 * command ran before issue #17. The two alternate start by start, so both meet the same machine load.
 * Wall time is what a supervisor waits; on a shared, loaded machine it mostly measures the queue for a
 * core, so each start also reports the CPU time the process used until /health answered (user + system,
 * from /proc/<pid>/stat, in steps of 10 ms), which load hardly changes. `npm run bench` builds dist/server first.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { orderlineCommand } from '../test/cli/orderline-command.js';
import { freePort } from '../test/reliability/processes.js';
import type { BenchFigure, BenchSuite } from './bench-result.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const STARTS = Number(process.env.BENCH_STARTS ?? 7);
const READY_TIMEOUT_MS = 120_000;
const POLL_MS = 10;

interface Launch {
  readonly name: string;
  readonly args: () => readonly string[];
}

const BUILT: Launch = { name: 'built JavaScript (bin/orderline.js)', args: () => [orderlineCommand(), 'serve'] };
const TSX: Launch = { name: 'sources through tsx', args: () => ['--import', 'tsx', 'src/cli/main.ts', 'serve'] };

/** The environment without anything Orderline reads, plus what one start needs. */
function environment(database: string, port: number): NodeJS.ProcessEnv {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith('ORDERLINE_') && key !== 'PORT' && key !== 'HOST'),
  );
  return {
    ...clean,
    ORDERLINE_DB: database,
    PORT: String(port),
    HOST: '127.0.0.1',
    ORDERLINE_ADMIN_TOKEN: 'bench-startup-token-0123456789abcdef',
    ORDERLINE_LOG_LEVEL: 'warn',
  };
}

async function healthy(url: string): Promise<boolean> {
  try {
    const response = await fetch(url);
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false;
  }
}

/** Clock ticks per second of /proc/<pid>/stat's times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** CPU milliseconds (user + system) the process has used so far; NaN where /proc is not there. */
function cpuMilliseconds(pid: number | undefined): number {
  try {
    // Fields after the parenthesised command name: state is field 3, utime 14 and stime 15.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}

interface Start {
  /** Milliseconds from spawn to the first 200 on /health. */
  readonly wall: number;
  /** CPU milliseconds the process used until then. */
  readonly cpu: number;
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** One start up to the first 200 on /health; the process is stopped before this resolves. */
async function timeToHealth(launch: Launch, database: string): Promise<Start> {
  const port = await freePort();
  let output = '';
  const begin = performance.now();
  const child = spawn(process.execPath, launch.args(), {
    cwd: ROOT,
    env: environment(database, port),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  try {
    while (!(await healthy(`http://127.0.0.1:${port}/health`))) {
      if (child.exitCode !== null) throw new Error(`${launch.name} exited with ${child.exitCode}:\n${output}`);
      if (performance.now() - begin > READY_TIMEOUT_MS) throw new Error(`${launch.name} not healthy:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    return { wall: performance.now() - begin, cpu: cpuMilliseconds(child.pid) };
  } finally {
    await stop(child);
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

type Database = 'new' | 'existing';
type Measure = keyof Start;

const MEASURES: Record<Measure, string> = { wall: 'wall time', cpu: 'CPU time' };

export const startupBench: BenchSuite = {
  title: 'Startup to /health (built JavaScript vs tsx)',
  async run(): Promise<readonly BenchFigure[]> {
    const folder = mkdtempSync(join(tmpdir(), 'orderline-startup-'));
    const starts = new Map<string, Start[]>();
    const record = (key: string, start: Start) => starts.set(key, [...(starts.get(key) ?? []), start]);
    try {
      for (let round = 0; round < STARTS; round += 1) {
        for (const launch of [TSX, BUILT]) {
          const database = join(folder, `${round}-${launch === BUILT ? 'built' : 'tsx'}.db`);
          record(`new ${launch.name}`, await timeToHealth(launch, database));
          record(`existing ${launch.name}`, await timeToHealth(launch, database));
        }
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
    const value = (database: Database, launch: Launch, measure: Measure) =>
      median((starts.get(`${database} ${launch.name}`) ?? []).map((start) => start[measure]));
    const figures = (database: Database, measure: Measure): BenchFigure[] => {
      const words = `${MEASURES[measure]} to /health, ${database} SQLite file, median of ${STARTS}`;
      const baseline = { name: `${words}, ${TSX.name}`, value: value(database, TSX, measure) };
      return [
        { name: `${baseline.name} (before)`, value: baseline.value, unit: 'ms', better: 'lower' },
        {
          name: `${words}, ${BUILT.name}`,
          value: value(database, BUILT, measure),
          unit: 'ms',
          better: 'lower',
          baseline,
        },
      ];
    };
    return [
      ...figures('new', 'wall'),
      ...figures('new', 'cpu'),
      ...figures('existing', 'wall'),
      ...figures('existing', 'cpu'),
    ];
  },
};
