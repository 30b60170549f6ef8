/**
 * Killing a process at random moments of a piece of work and starting it again, the way a crash, an
 * OOM kill or a redeploy would. The moments are random points of the work's progress (so they fall
 * inside it however fast the machine is), each plus a random few milliseconds (so they do not line up
 * with a request boundary). They come from a seeded generator: the seed is printed with every run and
 * `ORDERLINE_CHAOS_SEED=<seed>` replays the same choices (the machine's timing still varies).
 */
import type { OrderlineProcess } from './processes.js';

/** mulberry32: small, fast and good enough to pick moments. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function chaosSeed(): number {
  const given = Number(process.env.ORDERLINE_CHAOS_SEED);
  return Number.isInteger(given) && given > 0 ? given : Math.floor(Math.random() * 2 ** 31) + 1;
}

export interface Kill {
  /** Milliseconds since the chaos started. */
  readonly at: number;
  /** What the work had reached then (e.g. "412 submits answered"). */
  readonly during: string;
  /** How long the process took to be ready again. */
  readonly restartMs: number;
}

export interface Chaos {
  /** Kills no more; waits for a restart under way, so the process runs when it resolves. */
  stop(): Promise<readonly Kill[]>;
}

export interface ChaosOptions {
  readonly kills: number;
  /** Kills fall at random points of the progress in this range (fractions of the work, 0 to 1). */
  readonly between: readonly [number, number];
  readonly random: () => number;
  /** How far the work is, from 0 to 1. */
  readonly done: () => number;
  /** Describes the moment of a kill, for the report. */
  readonly progress: () => string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function killAtRandomMoments(target: OrderlineProcess, options: ChaosOptions): Chaos {
  const [low, high] = options.between;
  const moments = Array.from({ length: options.kills }, () => low + options.random() * (high - low)).sort(
    (a, b) => a - b,
  );
  const jitters = moments.map(() => Math.floor(options.random() * 50));
  const kills: Kill[] = [];
  const started = Date.now();
  let stopped = false;

  const running = (async () => {
    for (const [index, moment] of moments.entries()) {
      while (!stopped && options.done() < moment) await sleep(5);
      await sleep(jitters[index]!);
      if (stopped) break;
      const at = Date.now() - started;
      const during = options.progress();
      await target.kill();
      const restarting = Date.now();
      await target.start();
      kills.push({ at, during, restartMs: Date.now() - restarting });
    }
  })();
  // A failed restart surfaces from stop(); until then it must not count as unhandled.
  running.catch(() => {});

  return {
    async stop() {
      stopped = true;
      await running;
      return kills;
    },
  };
}
