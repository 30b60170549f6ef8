/**
 * The load the suite offers, from the environment: the rate and how long it is held. The target rate
 * stays the 200 writes/s whatever BENCH_LOAD_RATE offers, so runs stay comparable.
 */

/** The rate the issue asks to hold; BENCH_LOAD_RATE offers another one (to find the rate that is held). */
export const TARGET_RATE = 200;

export interface Schedule {
  /** Requests offered per second. */
  readonly rate: number;
  /** Unmeasured seconds of the same schedule first. */
  readonly warmupSeconds: number;
  /** Measured seconds. */
  readonly seconds: number;
}

/** BENCH_LOAD_SECONDS (default 60), BENCH_LOAD_WARMUP_SECONDS (default 5) and BENCH_LOAD_RATE (default 200). */
export function scheduleFromEnv(): Schedule {
  const seconds = positiveFromEnv('BENCH_LOAD_SECONDS', 60);
  const warmupSeconds = positiveFromEnv('BENCH_LOAD_WARMUP_SECONDS', 5);
  const rate = positiveFromEnv('BENCH_LOAD_RATE', TARGET_RATE);
  return { rate, warmupSeconds, seconds };
}

function positiveFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return value;
}
