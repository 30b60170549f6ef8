/**
 * Orderline as real operating-system processes, for the crash suites (PRODUCT.md "Reliability to
 * prove"): `orderline serve` and `orderline dispatch` started with an environment, waited on until
 * ready, killed with SIGKILL (no handler runs, no transaction finishes, nothing is flushed) and started
 * again on the same database and port. Every process remembers the last lines it wrote, so a failing
 * test can say what the server said; `close` in `afterEach` leaves nothing running, and each child
 * also ends itself when the test process is gone (die-with-parent.mjs).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { orderlineCommand } from '../cli/orderline-command.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIE_WITH_PARENT = fileURLToPath(new URL('./die-with-parent.mjs', import.meta.url));
const OUTPUT_LINES = 200;
const READY_TIMEOUT_MS = 60_000;

export type OrderlineCommand = 'serve' | 'dispatch';

export interface OrderlineProcess {
  readonly name: string;
  readonly command: OrderlineCommand;
  /** `http://127.0.0.1:<port>/` for `serve`; the port stays the same across restarts. */
  readonly baseUrl: string;
  /** The operating-system process id while running. */
  readonly pid: number | undefined;
  readonly running: boolean;
  /** How many times it was started and killed. */
  readonly starts: number;
  readonly kills: number;
  /** Its last lines on stdout and stderr, and how every earlier run ended. */
  output(): string;
  /** Its log lines at level error or fatal, over all runs (the first 50). */
  errors(): readonly string[];
  /** Spawns it and waits until it is ready: `/health` answers 200, or the dispatcher has started. */
  start(): Promise<void>;
  /** SIGKILL, then waits for the process to be gone. */
  kill(): Promise<void>;
}

export interface ProcessGroup {
  /** A process, not yet started. `environment` is added to a clean one (no inherited ORDERLINE_*). */
  orderline(name: string, command: OrderlineCommand, environment: Record<string, string>): OrderlineProcess;
  /** Every process of the group, in the order they were made. */
  members(): readonly OrderlineProcess[];
  /** Processes that ended without being killed by the test: a crash is a finding. */
  unexpectedExits(): string[];
  /** The output of every process of the group, for a failure message. */
  report(): string;
  /** Error and fatal log lines of every process of the group. */
  errors(): string[];
  /** SIGKILLs whatever is still running, and starts nothing any more; for afterEach. */
  close(): Promise<void>;
}

/** Children of this test process, killed at its exit whatever happened to the suite. */
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

/** A port free right now on loopback, for a server that must keep its address across restarts. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** The environment without anything Orderline would read, so only what a test sets applies. */
function cleanEnvironment(): Record<string, string> {
  const clean: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !key.startsWith('ORDERLINE_') && key !== 'PORT' && key !== 'HOST') clean[key] = value;
  }
  // A burst of a thousand submits from one administrator is far past Dataverse's service protection;
  // these tests are about crashes, not throttling.
  clean.ORDERLINE_LIMIT_REQUESTS = '0';
  clean.ORDERLINE_LIMIT_EXECUTION_MS = '0';
  clean.ORDERLINE_LIMIT_CONCURRENT = '0';
  return clean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function processGroup(): ProcessGroup {
  const members: OrderlineProcess[] = [];
  const unexpected: string[] = [];
  let closed = false;

  function orderline(name: string, command: OrderlineCommand, environment: Record<string, string>) {
    const lines: string[] = [];
    const errorLines: string[] = [];
    let child: ChildProcess | undefined;
    let exited: Promise<void> = Promise.resolve();
    let killing = false;
    let starts = 0;
    let kills = 0;
    const port = environment.PORT ?? '0';
    const baseUrl = `http://127.0.0.1:${port}/`;

    function remember(text: string) {
      for (const line of text.split('\n')) {
        if (line.trim() === '') continue;
        if (/"level":(50|60)/.test(line) && errorLines.length < 50) errorLines.push(line.slice(0, 2000));
        lines.push(line.length > 600 ? `${line.slice(0, 600)}…` : line);
      }
      if (lines.length > OUTPUT_LINES) lines.splice(0, lines.length - OUTPUT_LINES);
    }

    async function waitUntilReady(started: ChildProcess, startedLines: number) {
      const deadline = Date.now() + READY_TIMEOUT_MS;
      while (Date.now() < deadline) {
        if (started.exitCode !== null || started.signalCode !== null) {
          throw new Error(`${name} ended while starting:\n${self.output()}`);
        }
        if (command === 'serve') {
          try {
            const response = await fetch(`${baseUrl}health`);
            if (response.status === 200) return;
          } catch {
            // Not listening yet.
          }
        } else if (lines.slice(startedLines).some((line) => line.includes('dispatcher started'))) {
          return;
        }
        await sleep(50);
      }
      throw new Error(`${name} not ready within ${READY_TIMEOUT_MS} ms:\n${self.output()}`);
    }

    const self: OrderlineProcess = {
      name,
      command,
      baseUrl,
      get pid() {
        return child?.pid;
      },
      get running() {
        return child !== undefined && child.exitCode === null && child.signalCode === null;
      },
      get starts() {
        return starts;
      },
      get kills() {
        return kills;
      },
      errors: () => [...errorLines],
      output() {
        return `--- ${name} (orderline ${command}, pid ${child?.pid ?? '-'}, started ${starts}x, killed ${kills}x) ---\n${lines.join('\n')}`;
      },
      async start() {
        if (self.running) throw new Error(`${name} is already running`);
        if (closed) throw new Error(`${name} not started: the test is over`);
        starts += 1;
        killing = false;
        const startedLines = lines.length;
        remember(`[test] starting ${name} (run ${starts})`);
        const started = spawn(process.execPath, ['--import', DIE_WITH_PARENT, orderlineCommand(), command], {
          cwd: ROOT,
          env: { ...cleanEnvironment(), ...environment },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        child = started;
        live.add(started);
        for (const stream of [started.stdout, started.stderr]) {
          if (stream) createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY }).on('line', remember);
        }
        exited = new Promise<void>((resolve) => {
          started.once('exit', (code, signal) => {
            live.delete(started);
            remember(`[test] ${name} pid ${started.pid} ended (${signal ?? `exit code ${code}`})`);
            if (!killing) unexpected.push(`${name} pid ${started.pid} ended by itself (${signal ?? `exit ${code}`})`);
            resolve();
          });
        });
        await waitUntilReady(started, startedLines);
      },
      async kill() {
        if (!self.running) return;
        killing = true;
        kills += 1;
        child!.kill('SIGKILL');
        await exited;
      },
    };
    members.push(self);
    return self;
  }

  return {
    orderline,
    members: () => [...members],
    unexpectedExits: () => [...unexpected],
    report: () => members.map((member) => member.output()).join('\n'),
    errors: () => members.flatMap((member) => member.errors().map((line) => `${member.name}: ${line}`)),
    async close() {
      closed = true;
      await Promise.all(
        members.map(async (member) => {
          if (!member.running) return;
          await member.kill();
        }),
      );
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// Which process sent a request

/**
 * The process, among `processes`, that holds the client end of the loopback TCP connection from
 * `clientPort` to `serverPort`: found through /proc (the connection's socket inode in /proc/net/tcp,
 * then the process whose file descriptors include it). Linux only; undefined elsewhere or when the
 * connection is already gone. This is how the receiver tells two dispatchers apart without Orderline
 * saying who it is.
 */
export function processOwningConnection(
  clientPort: number,
  serverPort: number,
  processes: readonly OrderlineProcess[],
): OrderlineProcess | undefined {
  let table: string;
  try {
    table = readFileSync('/proc/net/tcp', 'utf8');
  } catch {
    return undefined;
  }
  const hexPort = (port: number) => port.toString(16).toUpperCase().padStart(4, '0');
  let inode: string | undefined;
  for (const line of table.split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 10) continue;
    if (fields[1]?.endsWith(`:${hexPort(clientPort)}`) && fields[2]?.endsWith(`:${hexPort(serverPort)}`)) {
      inode = fields[9];
      break;
    }
  }
  if (!inode || inode === '0') return undefined;
  const link = `socket:[${inode}]`;
  for (const candidate of processes) {
    const pid = candidate.pid;
    if (pid === undefined) continue;
    let descriptors: string[];
    try {
      descriptors = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const descriptor of descriptors) {
      try {
        if (readlinkSync(`/proc/${pid}/fd/${descriptor}`) === link) return candidate;
      } catch {
        // Closed while we looked.
      }
    }
  }
  return undefined;
}
