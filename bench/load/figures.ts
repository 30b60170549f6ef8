/**
 * The rows the report shows for the load suite. Their names are what people compare between runs, so
 * they stay word for word; each Orderline figure names the echo figure it is measured against.
 */
import type { BenchFigure } from '../bench-result.js';
import { isError, type Summary, summarize } from './latency-summary.js';
import type { LoadResult } from './open-loop.js';
import { OPERATIONS } from './order-writes.js';
import { TARGET_RATE } from './settings.js';

/** p50, p99 and max latency of `name`, each against the baseline's when there is one. */
function latencyFigures(name: string, summary: Summary, baseline?: { name: string; summary: Summary }): BenchFigure[] {
  const against = (value: number) => (baseline ? { baseline: { name: baseline.name, value } } : {});
  return [
    {
      name: `${name}: p50 latency`,
      value: summary.p50,
      unit: 'ms',
      better: 'lower',
      ...against(baseline?.summary.p50 ?? 0),
    },
    {
      name: `${name}: p99 latency`,
      value: summary.p99,
      unit: 'ms',
      better: 'lower',
      ...against(baseline?.summary.p99 ?? 0),
    },
    {
      name: `${name}: max latency`,
      value: summary.max,
      unit: 'ms',
      better: 'lower',
      ...against(baseline?.summary.max ?? 0),
    },
  ];
}

/**
 * The figures of the two loads: Orderline's rate held, latency and errors against the echo's, per
 * operation and per process, and what the generator and the machine did meanwhile.
 */
export function loadFigures(echo: LoadResult, orderline: LoadResult): BenchFigure[] {
  const echoName = 'bare Fastify JSON echo (2 child processes)';
  const echoSummary = summarize(echo.measured);
  const summary = summarize(orderline.measured);
  const against = { name: 'echo', summary: echoSummary };
  const name = `Orderline order writes (2 serve processes, PostgreSQL)`;
  const figures: BenchFigure[] = [
    {
      name: `baseline: ${echoName}: rate held (${echo.offered}/s offered, ${echo.seconds} s)`,
      value: echo.rate,
      unit: 'req/s',
      better: 'higher',
      target: `${echo.offered}`,
    },
    ...latencyFigures(`baseline: ${echoName}`, echoSummary),
    {
      name: `baseline: ${echoName}: errors`,
      value: echoSummary.errors,
      unit: 'requests',
      better: 'lower',
      target: '= 0',
    },
    {
      name: `${name}: rate held (${orderline.offered}/s offered, ${orderline.seconds} s)`,
      value: orderline.rate,
      unit: 'writes/s',
      better: 'higher',
      baseline: { name: 'echo rate held', value: echo.rate },
      target: `${TARGET_RATE} writes/s held, 0 errors`,
    },
    ...latencyFigures(name, summary, against),
    {
      name: `${name}: errors (non-2xx + connection errors/timeouts)`,
      value: summary.errors,
      unit: 'requests',
      better: 'lower',
      target: '= 0',
    },
  ];
  const warmupErrors = orderline.warmup.filter(isError).length;
  if (warmupErrors > 0) {
    figures.push({ name: `${name}: errors during warm-up`, value: warmupErrors, unit: 'requests', better: 'lower' });
  }
  for (const operation of OPERATIONS) {
    const mine = summarize(orderline.measured.filter((outcome) => outcome.operation === operation));
    const theirs = summarize(echo.measured.filter((outcome) => outcome.operation === operation));
    figures.push(
      {
        name: `${operation}: p50 latency (${mine.count} requests)`,
        value: mine.p50,
        unit: 'ms',
        better: 'lower',
        baseline: { name: 'echo, same requests', value: theirs.p50 },
      },
      {
        name: `${operation}: p99 latency`,
        value: mine.p99,
        unit: 'ms',
        better: 'lower',
        baseline: { name: 'echo, same requests', value: theirs.p99 },
      },
    );
    if (mine.errors > 0) {
      figures.push({ name: `${operation}: errors`, value: mine.errors, unit: 'requests', better: 'lower' });
    }
  }
  orderline.targets.forEach((target, index) => {
    const mine = summarize(orderline.measured.filter((outcome) => outcome.target === index));
    figures.push(
      { name: `via ${target}: p50 latency (${mine.count} requests)`, value: mine.p50, unit: 'ms', better: 'lower' },
      { name: `via ${target}: p99 latency`, value: mine.p99, unit: 'ms', better: 'lower' },
      { name: `via ${target}: errors`, value: mine.errors, unit: 'requests', better: 'lower', target: '= 0' },
    );
    const cpu = orderline.cpu.targets[index];
    const echoCpu = echo.cpu.targets[index];
    if (cpu !== undefined) {
      figures.push({
        name: `${target} CPU during the measured period (100% = one core)`,
        value: cpu * 100,
        unit: '%',
        better: 'lower',
        ...(echoCpu === undefined ? {} : { baseline: { name: `echo ${'AB'[index]}`, value: echoCpu * 100 } }),
      });
    }
  });
  figures.push({
    name: 'load generator (the bench process) CPU during the measured period',
    value: orderline.cpu.generator * 100,
    unit: '%',
    better: 'lower',
    baseline: { name: 'during the echo load', value: echo.cpu.generator * 100 },
  });
  if (orderline.cpu.machineBusy !== undefined) {
    figures.push({
      name: 'machine CPU busy during the measured period (all processes, all cores)',
      value: orderline.cpu.machineBusy * 100,
      unit: '%',
      better: 'lower',
      ...(echo.cpu.machineBusy === undefined
        ? {}
        : { baseline: { name: 'during the echo load', value: echo.cpu.machineBusy * 100 } }),
    });
  }
  figures.push(
    {
      name: 'load generator lag (sent after due), max',
      value: summary.maxLag,
      unit: 'ms',
      better: 'lower',
      baseline: { name: 'during the echo load', value: echoSummary.maxLag },
    },
    {
      name: 'load average (1 min) after the Orderline load',
      value: orderline.loadAverageAfter,
      unit: '',
      better: 'lower',
      baseline: { name: 'after the echo load', value: echo.loadAverageAfter },
    },
  );
  return figures;
}
