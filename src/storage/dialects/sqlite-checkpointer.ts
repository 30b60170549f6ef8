/**
 * Checkpoints an SQLite file's WAL on a worker thread. A checkpoint copies the pages committed to the
 * WAL into the database file and syncs both; left to SQLite's auto-checkpoint, the connection that
 * happens to commit the 1000th page runs it, and the event loop stops for 5 to 30 ms every few dozen
 * writes. On a second connection in a worker thread it runs beside the writer instead (PASSIVE: it
 * never waits for the writer nor blocks it).
 *
 * Durability does not change: a commit is durable once it is in the WAL (as the synchronous mode
 * says), before any checkpoint copies it. The writer keeps its own auto-checkpoint as a backstop, at a
 * larger size: the WAL restarts from its beginning only after a checkpoint that finished while nothing
 * was being written, which under steady writes is the backstop's, and it also bounds the WAL if the
 * worker fails or is not started yet.
 */
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';

/** A store that lives this long (a server, a long command) gets the thread; a short-lived one never pays for it. */
const START_AFTER_MS = 1_000;
/** How often the worker checkpoints while the WAL grows, and while it does not. */
const ACTIVE_INTERVAL_MS = 20;
const IDLE_INTERVAL_MS = 1_000;
/** The writer's auto-checkpoint, in pages (SQLite's default is 1000): at most 40 MB of WAL with 4 KB pages. */
export const BACKSTOP_PAGES = 10_000;

const WORKER = new URL('./sqlite-checkpoint-worker.mjs', import.meta.url);

export interface BackgroundCheckpoints {
  /** Stops the worker; resolves once its connection is closed. */
  stop(): Promise<void>;
}

export function checkpointInBackground(file: string, synchronous: 'NORMAL' | 'FULL'): BackgroundCheckpoints {
  let worker: Worker | undefined;
  let stopped: Promise<void> | undefined;
  const start = setTimeout(() => {
    worker = new Worker(WORKER, {
      workerData: { file, synchronous, activeMs: ACTIVE_INTERVAL_MS, idleMs: IDLE_INTERVAL_MS },
    });
    worker.unref();
    // A worker that fails (the file deleted under it) leaves checkpoints to the writer's backstop.
    worker.on('error', () => {
      worker = undefined;
    });
  }, START_AFTER_MS);
  start.unref();
  return {
    stop() {
      if (stopped) return stopped;
      clearTimeout(start);
      const running = worker;
      worker = undefined;
      if (!running) {
        stopped = Promise.resolve();
        return stopped;
      }
      stopped = once(running, 'exit').then(
        () => undefined,
        () => undefined,
      );
      // Unreferenced while it runs, so it never keeps a process alive; awaited, it must.
      running.ref();
      running.postMessage('stop');
      return stopped;
    },
  };
}
