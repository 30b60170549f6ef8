/**
 * What a load's outcomes add up to: exact nearest-rank percentiles of latency, the errors and the
 * generator's lag, for a whole load or any slice of it (a progress interval, one operation, one
 * process), and what the errors were. Exact, not a histogram: 12,000 samples sort in no time.
 */
import type { Outcome } from './open-loop.js';

/** Non-2xx answers, connection errors and timeouts. */
export const isError = (outcome: Outcome) => outcome.status < 200 || outcome.status >= 300;

/** A latency in ms for a progress line. */
export const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : String(value));

/** Nearest-rank percentile of ascending `sorted`. */
function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))]!;
}

export interface Summary {
  readonly count: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly errors: number;
  readonly maxLag: number;
}

/** Latency percentiles over the outcomes that got an HTTP answer; errors and lag over all of them. */
export function summarize(outcomes: readonly Outcome[]): Summary {
  const latencies = outcomes
    .filter((outcome) => outcome.status > 0)
    .map((outcome) => outcome.latency)
    .sort((a, b) => a - b);
  return {
    count: outcomes.length,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    max: latencies.at(-1) ?? Number.NaN,
    errors: outcomes.filter(isError).length,
    maxLag: outcomes.reduce((max, outcome) => Math.max(max, outcome.lag), 0),
  };
}

/** One line per operation and status, most frequent first, with the start of one answer's body. */
export function errorBreakdown(outcomes: readonly Outcome[]): string {
  const byKind = new Map<string, { count: number; sample: string }>();
  for (const outcome of outcomes) {
    if (!isError(outcome)) continue;
    const key = `${outcome.operation} → ${outcome.status === 0 ? 'no answer' : outcome.status}`;
    const entry = byKind.get(key) ?? { count: 0, sample: outcome.detail ?? '' };
    entry.count += 1;
    byKind.set(key, entry);
  }
  return [...byKind]
    .sort((a, b) => b[1].count - a[1].count)
    .map(([key, { count, sample }]) => `${count} × ${key}: ${sample}`)
    .join('\n  ');
}
