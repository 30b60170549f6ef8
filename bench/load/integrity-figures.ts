/**
 * What the load left behind and what PostgreSQL did during it: the database must hold exactly the
 * orders and lines that were answered 2xx, the servers must have logged no error, and the backends'
 * CPU and lock waits explain a rate that was not held.
 */
import type { BenchFigure } from '../bench-result.js';
import type { Database } from './bench-database.js';
import { percent } from './cpu-usage.js';
import { isError } from './latency-summary.js';
import type { LoadResult } from './open-loop.js';
import { type Operation, SEED_ORDERS } from './order-writes.js';
import type { PostgresWatcher } from './postgres-watch.js';
import { progress } from './progress.js';

export async function integrityFigures(
  orderline: LoadResult,
  database: Database,
  watcher: PostgresWatcher,
  serverErrors: readonly string[],
): Promise<BenchFigure[]> {
  const all = [...orderline.warmup, ...orderline.measured];
  const answered = (operation: Operation) =>
    all.filter((outcome) => outcome.operation === operation && !isError(outcome)).length;
  const orders = await database.count('salesorder');
  const lines = await database.count('salesorderdetail');
  const postgresCpu = watcher.backendCpuShare;
  if (postgresCpu !== undefined)
    progress(`PostgreSQL backends of the bench database: ${percent(postgresCpu)} of a core`);
  return [
    ...(postgresCpu === undefined
      ? []
      : [
          {
            name: 'PostgreSQL backends of the bench database: CPU during the load (100% = one core)',
            value: postgresCpu * 100,
            unit: '%',
            better: 'lower' as const,
          },
        ]),
    {
      name: 'PostgreSQL backends waiting for a lock, mean of 1 s samples',
      value: watcher.meanLockWaiters,
      unit: 'backends',
      better: 'lower',
    },
    {
      name: 'PostgreSQL backends waiting for a lock, most at once',
      value: watcher.maxLockWaiters,
      unit: 'backends',
      better: 'lower',
    },
    {
      name: 'orders in the database − creates answered 2xx (seed included)',
      value: orders - (answered('create order') + SEED_ORDERS),
      unit: 'orders',
      better: 'lower',
      target: '= 0',
    },
    {
      name: 'lines in the database − line adds answered 2xx',
      value: lines - answered('add line'),
      unit: 'lines',
      better: 'lower',
      target: '= 0',
    },
    {
      name: 'error/fatal log lines of the servers',
      value: serverErrors.length,
      unit: 'lines',
      better: 'lower',
      target: '= 0',
    },
  ];
}
