/**
 * What the write pipeline tells the operator's metrics (`GET /metrics`): how long each step took and
 * how long the pricing engine computed. Optional, so a pipeline built for a CLI command or a test
 * costs nothing to measure; the server wires it to Prometheus histograms (src/app.ts).
 */
import type { ExecutionContext } from './execution-context.js';
import type { Stage } from './write-step.js';

/**
 * What the engine computed: one line priced and the header moved by its delta (`line`), the header
 * totals alone (`totals`), a whole record and its lines (`record`), or a custom pricing module (`custom`).
 */
export type PricingCalculation = 'line' | 'totals' | 'record' | 'custom';

export interface PipelineTelemetry {
  /** A step finished (or refused the write) after `seconds` on `table`. */
  stepRan(stage: Stage, step: string, table: string, seconds: number): void;
  /** The pricing engine spent `seconds` computing, without the reads and writes around it. */
  priced(calculation: PricingCalculation, seconds: number): void;
}

const secondsSince = (startedAt: number) => (performance.now() - startedAt) / 1000;

/** Runs synchronous work and hands its duration to `record`, also when it throws. */
function timed<T>(record: ((seconds: number) => void) | undefined, work: () => T): T {
  if (!record) return work();
  const startedAt = performance.now();
  try {
    return work();
  } finally {
    record(secondsSince(startedAt));
  }
}

/** The same for work that completes later: the duration runs until its promise settles. */
async function timedAsync<T>(record: ((seconds: number) => void) | undefined, work: () => Promise<T>): Promise<T> {
  if (!record) return work();
  const startedAt = performance.now();
  try {
    return await work();
  } finally {
    record(secondsSince(startedAt));
  }
}

const pricingRecorder = (context: ExecutionContext, calculation: PricingCalculation) => {
  const telemetry = context.services.telemetry;
  return telemetry && ((seconds: number) => telemetry.priced(calculation, seconds));
};

/** Runs a synchronous engine call and reports its duration, when the pipeline is measured. */
export function measurePricing<T>(context: ExecutionContext, calculation: PricingCalculation, compute: () => T): T {
  return timed(pricingRecorder(context, calculation), compute);
}

/** The same for a custom module, whose calculation may be asynchronous. */
export function measurePricingAsync<T>(
  context: ExecutionContext,
  calculation: PricingCalculation,
  compute: () => Promise<T>,
): Promise<T> {
  return timedAsync(pricingRecorder(context, calculation), compute);
}

/** Runs one step and reports its duration, also when it refuses the write by throwing. */
export function measureStep(
  context: ExecutionContext,
  stage: Stage,
  step: string,
  table: string,
  run: () => Promise<void> | void,
): Promise<void> {
  const telemetry = context.services.telemetry;
  return timedAsync(telemetry && ((seconds) => telemetry.stepRan(stage, step, table, seconds)), async () => run());
}
