/**
 * CPU use from Linux /proc, to tell whether a rate not held was Orderline's limit or the machine's:
 * per process (servers, PostgreSQL backends), of this process (the load generator) and of the whole
 * machine. Elsewhere /proc cannot say, and the figures that need it are left out.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

/** Clock ticks per second of /proc's CPU times (USER_HZ, 100 on Linux everywhere that matters). */
const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) the process has used so far, or undefined when /proc cannot say. */
export function processCpuSeconds(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks / TICKS_PER_SECOND : undefined;
  } catch {
    return undefined;
  }
}

/** Busy and total CPU ticks of the whole machine so far (/proc/stat), or undefined. */
function machineTicks(): { busy: number; total: number } | undefined {
  try {
    const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
    const total = fields.reduce((sum, value) => sum + value, 0);
    const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
    return Number.isFinite(total) && total > 0 ? { busy: total - idle, total } : undefined;
  } catch {
    return undefined;
  }
}

export interface CpuUse {
  /** Per target process: CPU seconds used per wall second of the measured period (1 = one core). */
  readonly targets: readonly (number | undefined)[];
  /** Busy share of all the machine's cores over the same period, 0-1. */
  readonly machineBusy: number | undefined;
  /** This process (the load generator), like `targets`. */
  readonly generator: number;
}

/** Starts counting CPU use of `pids` and of the machine; `stop` says how much was used since. */
export function countCpu(pids: readonly (number | undefined)[]): { stop(): CpuUse } {
  const begun = performance.now();
  const before = pids.map(processCpuSeconds);
  const machineBefore = machineTicks();
  const generatorBefore = process.cpuUsage();
  return {
    stop() {
      const wall = (performance.now() - begun) / 1000;
      const machineAfter = machineTicks();
      const generator = process.cpuUsage(generatorBefore);
      return {
        generator: wall > 0 ? (generator.user + generator.system) / 1e6 / wall : 0,
        targets: pids.map((pid, index) => {
          const start = before[index];
          const end = processCpuSeconds(pid);
          return start === undefined || end === undefined || wall <= 0 ? undefined : (end - start) / wall;
        }),
        machineBusy:
          machineBefore && machineAfter && machineAfter.total > machineBefore.total
            ? (machineAfter.busy - machineBefore.busy) / (machineAfter.total - machineBefore.total)
            : undefined,
      };
    },
  };
}

/** A CPU share (1 = one core, or all of the machine) for a progress line. */
export const percent = (share: number | undefined) => (share === undefined ? 'n/a' : `${(share * 100).toFixed(0)}%`);
