/**
 * Runs each order's fulfilment steps in the background, one order's steps strictly in sequence, many
 * orders at once. Progress is saved after every step, so a restarted back office resumes each order
 * where it stopped (`resumeUnfinished`). A cancelled order (deleted in Orderline) stops before its next
 * step.
 */
import type { Logger } from 'pino';
import type { BackOfficeState, OrderJob } from './back-office-state.js';
import { parseExactJson } from './exact-json.js';
import { FULFILMENT_STEPS, type FulfilmentStep } from './fulfilment-steps.js';
import { readOrderDocument } from './order-document.js';
import type { OrderlineClient } from './orderline-client.js';
import type { JsonRecord } from './orderline-event.js';

export interface FulfilmentRunnerOptions {
  readonly state: BackOfficeState;
  readonly client: OrderlineClient;
  readonly logger: Logger;
  /** Pause between two steps of one order (0: play it through at once). */
  readonly stepDelayMs: number;
  readonly steps?: readonly FulfilmentStep[];
}

export interface FulfilmentRunner {
  /** Plays the order forward from its next step; the same promise while it is already running. */
  run(orderId: string): Promise<void>;
  cancel(orderId: string): void;
  resumeUnfinished(): void;
  /** Resolves once no order is being played. */
  idle(): Promise<void>;
  /** Stops starting steps, waits for the ones under way. */
  close(): Promise<void>;
}

export function createFulfilmentRunner(options: FulfilmentRunnerOptions): FulfilmentRunner {
  const { state, client, logger, stepDelayMs } = options;
  const steps = options.steps ?? FULFILMENT_STEPS;
  const running = new Map<string, Promise<void>>();
  const cancelled = new Set<string>();
  const stopping = new AbortController();

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      if (ms <= 0 || stopping.signal.aborted) return resolve();
      const timer = setTimeout(resolve, ms);
      stopping.signal.addEventListener(
        'abort',
        () => {
          clearTimeout(timer);
          resolve();
        },
        { once: true },
      );
    });

  async function play(job: OrderJob): Promise<void> {
    const document = readOrderDocument(parseExactJson(job.document) as JsonRecord);
    const context = { job, document, client, revision: () => state.nextRevision() };
    for (let index = job.nextStep; index < steps.length; index += 1) {
      // The acknowledgement goes out at once; the later steps take the configured time.
      if (index > 0) await pause(stepDelayMs);
      if (stopping.signal.aborted) return;
      if (cancelled.has(job.orderId)) {
        state.finish(job.orderId, 'cancelled');
        logger.info({ orderId: job.orderId, orderNumber: job.orderNumber }, 'order cancelled: fulfilment stopped');
        return;
      }
      const step = steps[index]!;
      await step.run(context);
      state.advance(job.orderId, index + 1);
      logger.debug({ orderId: job.orderId, orderNumber: job.orderNumber, step: step.name }, 'fulfilment step done');
    }
    state.finish(job.orderId, 'done');
    logger.info({ orderId: job.orderId, orderNumber: job.orderNumber }, 'order played through to Invoiced');
  }

  function run(orderId: string): Promise<void> {
    const current = running.get(orderId);
    if (current) return current;
    const job = state.job(orderId);
    if (!job || job.status === 'done' || job.status === 'cancelled' || stopping.signal.aborted) {
      return Promise.resolve();
    }
    const started = play(job)
      .catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        state.finish(orderId, 'failed', message);
        logger.error(
          { orderId, orderNumber: job.orderNumber, err: error },
          'fulfilment failed; retried at the next start',
        );
      })
      .finally(() => running.delete(orderId));
    running.set(orderId, started);
    return started;
  }

  return {
    run,
    cancel(orderId) {
      cancelled.add(orderId);
      const job = state.job(orderId);
      if (job && job.status !== 'done' && !running.has(orderId)) state.finish(orderId, 'cancelled');
    },
    resumeUnfinished() {
      for (const job of state.unfinishedJobs()) void run(job.orderId);
    },
    async idle() {
      while (running.size > 0) await Promise.all(running.values());
    },
    async close() {
      stopping.abort();
      await Promise.all(running.values());
    },
  };
}
