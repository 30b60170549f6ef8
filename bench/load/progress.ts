/**
 * The load suite's progress lines on stderr. A load runs for minutes: these lines show, while it runs,
 * whether the servers keep up, and the load average in them tells a busy machine from a slow server.
 */
import { loadavg } from 'node:os';

export function progress(message: string): void {
  process.stderr.write(`[load] ${message}\n`);
}

/** The 1, 5 and 15-minute load averages, for a progress line. */
export function loadAverage(): string {
  return loadavg()
    .map((value) => value.toFixed(2))
    .join(' / ');
}
