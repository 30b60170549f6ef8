/**
 * The CPU the PostgreSQL backends serving one database have used, from /proc: every process whose
 * command line reads `postgres: … <user> <database> …` (how PostgreSQL names a backend). The server's
 * shared processes (WAL writer, checkpointer) serve every database on the machine and are left out, as
 * is the CPU of a backend that ended before the count was read.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { processCpuSeconds } from '../load/cpu-usage.js';

function backendPids(database: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ');
      if (command.startsWith('postgres: ') && command.includes(` ${database} `)) pids.push(Number(entry));
    } catch {
      // The process ended while the list was read.
    }
  }
  return pids;
}

/** CPU seconds of each backend of `database` now, by pid. */
export function backendCpu(database: string): Map<number, number> {
  const seconds = new Map<number, number>();
  for (const pid of backendPids(database)) {
    const used = processCpuSeconds(pid);
    if (used !== undefined) seconds.set(pid, used);
  }
  return seconds;
}

/** CPU seconds the backends used between two readings (a backend new since `before` counts from its start). */
export function backendCpuBetween(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, used] of after) total += used - (before.get(pid) ?? 0);
  return total;
}
