/**
 * Load test (issue #7): 200 order writes per second held for BENCH_LOAD_SECONDS (default 60) on
 * PostgreSQL with two `orderline serve` processes sharing one fresh database, reporting the rate held,
 * p50 / p99 / max latency and errors. See docs/benchmarks.md.
 *
 * The servers are real OS processes started by test/reliability/processes.ts (clean environment,
 * service protection off, each ends itself if this process dies), each with its own in-process
 * dispatcher (the default; no connector, so it finds nothing to deliver). Reference data goes in
 * through the Web API first: a customer account, a unit group with its base unit, a price list, five
 * Active products with a price list item each, and 100 orders to write into.
 *
 * The load is open-loop: request i is due at start + i / rate whatever happened to the ones before,
 * and its latency is measured from that due time to the end of its response, so a server that falls
 * behind shows its queueing in the latency (no coordinated omission); the generator's own lag (sent
 * later than due) is reported too. Requests alternate between the two processes (one keep-alive undici
 * Pool of up to 64 connections per process, 30 s header and body timeouts) and cycle through three
 * order writes, all as the administrator:
 *   - create order: POST salesorders with a client-chosen salesorderid, a name, `customerid_account`
 *     and `pricelevelid` binds;
 *   - add line: POST salesorderdetails of a catalog product (product, unit and order binds, quantity
 *     1-5) into one of the last 100 orders created;
 *   - update order: PATCH salesorders(<id>) of one of the last 100 orders, alternately its
 *     description and its header discount percentage (which reprices the header).
 * BENCH_LOAD_WARMUP_SECONDS (default 5) of the same schedule run first, unmeasured. Percentiles are
 * exact (nearest rank over every measured request that got an HTTP answer, sorted); errors are non-2xx
 * answers plus connection errors and timeouts, broken down by operation and status on stderr. Answers
 * still missing max(60 s, BENCH_LOAD_SECONDS) after the last request was due are aborted as errors.
 * BENCH_LOAD_RATE (default 200) and BENCH_LOAD_MIX (`<create>:<add line>:<update>`, default 1:1:1)
 * change the offered load, to find what is held; the target stays 200 writes/s.
 *
 * Baseline, in the same run and before Orderline starts: the same generator, schedule, mix of paths and
 * bodies and two pools against two child processes of bare Fastify 5 answering every POST/PATCH with
 * the JSON body it received (bench/load/echo-server.mjs).
 *
 * To explain a rate that is not held, the suite also reports (Linux /proc, PostgreSQL on this machine)
 * the CPU used by each server, the generator, the PostgreSQL backends of the bench database and the
 * whole machine, and samples pg_stat_activity every second for backends waiting on a lock. It checks
 * that the database holds exactly the orders and lines that were answered 2xx.
 *
 * Everything started here is stopped in `finally` (and on SIGINT / SIGTERM): pools closed, processes
 * killed, the database dropped.
 *
 * This file only runs the steps in order; each part lives in bench/load/, one purpose per file.
 */
import { processGroup } from '../test/reliability/processes.js';
import type { BenchFigure, BenchSuite } from './bench-result.js';
import { createDatabase } from './load/bench-database.js';
import { runEchoBaseline } from './load/echo-baseline.js';
import { loadFigures } from './load/figures.js';
import { integrityFigures } from './load/integrity-figures.js';
import { openLoop, poolTargets } from './load/open-loop.js';
import { mixFromEnv } from './load/order-writes.js';
import { startServers } from './load/orderline-servers.js';
import { PostgresWatcher } from './load/postgres-watch.js';
import { progress } from './load/progress.js';
import { prepareOrderWrites } from './load/reference-data.js';
import { withResources } from './load/resources.js';
import { scheduleFromEnv, TARGET_RATE } from './load/settings.js';

async function runLoadBench(): Promise<readonly BenchFigure[]> {
  const schedule = scheduleFromEnv();
  const mix = mixFromEnv();
  progress(`mix: ${mix.join(', ')}, repeated`);
  return withResources(async (resources) => {
    // 1. Baseline: the same generator against two bare echo processes.
    const echo = await runEchoBaseline(mix, schedule, resources);

    // 2. Orderline: two `orderline serve` on one fresh PostgreSQL database.
    const database = await createDatabase();
    resources.hold(`database ${database.name}`, database.drop);
    progress(`database ${database.name} created`);
    const group = processGroup();
    resources.hold('the Orderline processes', () => group.close());
    const servers = await startServers(group, database.url);
    const writes = await prepareOrderWrites(servers, mix);
    const targets = poolTargets(servers, resources);
    const watcher = new PostgresWatcher(database.name);
    await watcher.start();
    resources.hold('the pg_stat_activity watcher', () => watcher.stop());
    const orderline = await openLoop('orderline', targets, writes, schedule, watcher);
    await resources.release(1);
    if (watcher.maxLockWaiters > 0) {
      progress(`most PostgreSQL backends waiting for a lock at once: ${watcher.maxLockWaitersStatement}`);
    }

    // 3. What the servers and the database say afterwards.
    const exits = group.unexpectedExits();
    if (exits.length > 0) throw new Error(`an Orderline process ended during the load: ${exits.join('; ')}`);
    const serverErrors = group.errors();
    if (serverErrors.length > 0) {
      progress(
        `${serverErrors.length} error/fatal log lines, the first ones:\n  ${serverErrors.slice(0, 5).join('\n  ')}`,
      );
    }
    const integrity = await integrityFigures(orderline, database, watcher, serverErrors);
    return [...loadFigures(echo, orderline), ...integrity];
  });
}

export const loadBench: BenchSuite = {
  title: `Load: ${TARGET_RATE} order writes/s, open loop, 2 orderline serve processes on PostgreSQL`,
  run: runLoadBench,
};
