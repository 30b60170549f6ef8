/**
 * The open-loop load generator. Request i is due at start + i / rate whatever happened to the ones
 * before, and its latency runs from that due time, so a server that falls behind shows its queueing in
 * the latency instead of slowing the generator down (no coordinated omission). The generator's own lag
 * is measured too, and answers still missing long after the schedule ended are aborted so a hung
 * server cannot hang the suite.
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import { ADMIN_HEADERS, SERVICE_PATH } from './admin-client.js';
import { type CpuUse, countCpu, percent } from './cpu-usage.js';
import { errorBreakdown, isError, ms, summarize } from './latency-summary.js';
import type { Operation, OrderWrites } from './order-writes.js';
import { loadAverage, progress } from './progress.js';
import type { Resources } from './resources.js';
import type { Schedule } from './settings.js';

const CONNECTIONS_PER_PROCESS = 64;
const REQUEST_TIMEOUT_MS = 30_000;
const PROGRESS_EVERY_MS = 5_000;
/** How long, at least, answers may still come after the last request was due (BENCH_LOAD_SECONDS if longer). */
const DRAIN_MIN_SECONDS = 60;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface Target {
  readonly name: string;
  readonly pool: Pool;
  /** The OS process answering, for its CPU use. */
  readonly pid: number | undefined;
}

export interface Outcome {
  readonly operation: Operation;
  readonly target: number;
  /** Sent this many ms after it was due (the generator's own lag). */
  readonly lag: number;
  /** From the due time to the end of the response (or the error). */
  readonly latency: number;
  /** HTTP status, or 0 for a connection error or timeout. */
  readonly status: number;
  /** The status or error code, with the start of the body for an error. */
  readonly detail?: string;
}

/** Something that watches a load and adds a few words to each progress line. */
export interface Watcher {
  describe(): Promise<string>;
}

export interface LoadResult {
  readonly targets: readonly string[];
  readonly seconds: number;
  /** Requests offered per second. */
  readonly offered: number;
  /** Outcomes of the requests due in the measured period, in schedule order. */
  readonly measured: readonly Outcome[];
  readonly warmup: readonly Outcome[];
  /** 2xx answers of the measured period per second, over max(seconds, first due → last answer). */
  readonly rate: number;
  readonly loadAverageAfter: number;
  readonly cpu: CpuUse;
}

/**
 * One keep-alive undici Pool per server, held in `resources` (closed when released), as the targets
 * the load alternates between.
 */
export function poolTargets(
  servers: readonly { readonly name: string; readonly baseUrl: string; readonly pid: number | undefined }[],
  resources: Resources,
): Target[] {
  const targets = servers.map((server) => ({ name: server.name, pool: poolFor(server.baseUrl), pid: server.pid }));
  for (const target of targets) resources.hold(`${target.name} pool`, () => closePool(target.pool));
  return targets;
}

function poolFor(baseUrl: string): Pool {
  return new Pool(new URL(baseUrl).origin, {
    connections: CONNECTIONS_PER_PROCESS,
    headersTimeout: REQUEST_TIMEOUT_MS,
    bodyTimeout: REQUEST_TIMEOUT_MS,
  });
}

/** Closes a pool unless the drain deadline destroyed it already. */
async function closePool(pool: Pool): Promise<void> {
  if (!pool.destroyed && !pool.closed) await pool.close();
}

/**
 * Sends `rate` requests per second from `writes` for warm-up + measured seconds, request i to target
 * i mod targets, each at its due time, never waiting for an answer before sending the next.
 */
export async function openLoop(
  label: string,
  targets: readonly Target[],
  writes: OrderWrites,
  { rate, warmupSeconds, seconds }: Schedule,
  watcher?: Watcher,
): Promise<LoadResult> {
  const interval = 1000 / rate;
  const warmupCount = Math.round(rate * warmupSeconds);
  const total = warmupCount + Math.round(rate * seconds);
  const outcomes: Outcome[] = new Array(total);
  const window: Outcome[] = [];
  let answered = 0;
  let lastMeasuredAnswer = 0;

  async function send(index: number, due: number): Promise<void> {
    const write = writes.next(index);
    const target = index % targets.length;
    const sent = performance.now();
    let status = 0;
    let detail: string | undefined;
    try {
      const response = await targets[target]!.pool.request({
        method: write.method,
        path: `${SERVICE_PATH}${write.path}`,
        headers: ADMIN_HEADERS,
        body: write.body,
      });
      const text = await response.body.text();
      status = response.statusCode;
      if (status < 200 || status >= 300) detail = text.slice(0, 300);
    } catch (error) {
      const code = (error as { code?: string }).code;
      detail = `${code ?? ''} ${(error as Error).message}`.trim();
    }
    const done = performance.now();
    const outcome: Outcome = {
      operation: write.operation,
      target,
      lag: sent - due,
      latency: done - due,
      status,
      ...(detail === undefined ? {} : { detail }),
    };
    outcomes[index] = outcome;
    window.push(outcome);
    answered += 1;
    if (index >= warmupCount) lastMeasuredAnswer = Math.max(lastMeasuredAnswer, done);
    if (!isError(outcome) && write.createdOrderId) writes.remember(write.createdOrderId);
  }

  progress(
    `${label}: ${rate} writes/s open loop over ${targets.map((target) => target.name).join(' + ')}, ` +
      `${warmupSeconds} s warm-up + ${seconds} s measured; load average ${loadAverage()}`,
  );
  const start = performance.now() + 20;
  const firstMeasuredDue = start + warmupCount * interval;
  let sentCount = 0;
  const reporter = setInterval(async () => {
    const slice = summarize(window.splice(0));
    const elapsed = (performance.now() - start) / 1000;
    const line =
      `${label} ${elapsed.toFixed(0)} s (${elapsed < warmupSeconds ? 'warm-up' : 'measured'}): ` +
      `${sentCount} sent, ${sentCount - answered} in flight; last ${PROGRESS_EVERY_MS / 1000} s: ` +
      `${slice.count} answered, p50 ${ms(slice.p50)} ms, p99 ${ms(slice.p99)} ms, max ${ms(slice.max)} ms, ` +
      `${slice.errors} errors, generator lag max ${ms(slice.maxLag)} ms; load average ${loadAverage()}`;
    const extra = await watcher?.describe().catch((error: unknown) => `(watcher failed: ${String(error)})`);
    progress(extra ? `${line}; ${extra}` : line);
  }, PROGRESS_EVERY_MS);
  const pending: Promise<void>[] = [];
  let cpu: { stop(): CpuUse } | undefined;
  try {
    for (let index = 0; index < total; index++) {
      const due = start + index * interval;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      if (index === warmupCount) cpu = countCpu(targets.map((target) => target.pid));
      pending.push(send(index, due));
      sentCount += 1;
    }
    // A server that fell far behind (or hangs) gets a deadline: what is still unanswered then is
    // aborted and counted as an error, so the suite ends.
    const drainSeconds = Math.max(DRAIN_MIN_SECONDS, seconds);
    let deadline: NodeJS.Timeout | undefined;
    const everything = Promise.all(pending);
    const expired = await Promise.race([
      everything.then(() => false),
      new Promise<boolean>((resolve) => {
        deadline = setTimeout(() => resolve(true), drainSeconds * 1000);
      }),
    ]);
    clearTimeout(deadline);
    if (expired) {
      progress(
        `${label}: ${sentCount - answered} requests still unanswered ${drainSeconds} s after the last was due; aborting them`,
      );
      await Promise.all(
        targets.map((target) =>
          target.pool.destroy(new Error(`unanswered ${drainSeconds} s after the schedule ended`)),
        ),
      );
      await everything;
    }
  } finally {
    clearInterval(reporter);
  }
  const warmup = outcomes.slice(0, warmupCount);
  const measured = outcomes.slice(warmupCount);
  const succeeded = measured.filter((outcome) => !isError(outcome)).length;
  const span = Math.max(seconds, (lastMeasuredAnswer - firstMeasuredDue) / 1000);
  const result: LoadResult = {
    targets: targets.map((target) => target.name),
    seconds,
    offered: rate,
    measured,
    warmup,
    rate: succeeded / span,
    loadAverageAfter: loadavg()[0] ?? 0,
    cpu: cpu?.stop() ?? { targets: targets.map(() => undefined), machineBusy: undefined, generator: 0 },
  };
  const summary = summarize(measured);
  progress(
    `${label}: ${result.rate.toFixed(1)} writes/s held, p50 ${ms(summary.p50)} ms, p99 ${ms(summary.p99)} ms, ` +
      `max ${ms(summary.max)} ms, ${summary.errors} errors (+ ${warmup.filter(isError).length} in warm-up), ` +
      `generator lag max ${ms(summary.maxLag)} ms; load average ${loadAverage()}; CPU during the measured period: ` +
      `${result.targets.map((name, index) => `${name} ${percent(result.cpu.targets[index])} of a core`).join(', ')}, ` +
      `load generator ${percent(result.cpu.generator)} of a core, machine ${percent(result.cpu.machineBusy)} busy`,
  );
  const breakdown = errorBreakdown(outcomes);
  if (breakdown) progress(`${label}: errors by operation and status (warm-up included):\n  ${breakdown}`);
  return result;
}
