/**
 * Everything one message execution needs, passed explicitly: the unit of work it writes in, who it acts
 * for, and the services of this Orderline instance (their record repository is the unit of work's).
 * Nothing here is global.
 */

import { instantText, steadyNow } from '../clock/steady-clock.js';
import type { MetadataRegistry } from '../domain/metadata/metadata-registry.js';
import type { Caller } from '../security/principal.js';
import type { RecordRepository } from '../storage/record-repository.js';
import type { Executor, Store } from '../storage/store.js';
import type { ReferenceData } from './reference-data.js';
import type { PipelineTelemetry } from './telemetry.js';
import type { UnitOfWork } from './unit-of-work.js';
import type { PipelineStep } from './write-step.js';

export interface Clock {
  /** Current time, `YYYY-MM-DDTHH:mm:ssZ`. */
  now(): string;
}

/** The system's time through the steady clock: never backwards, whatever NTP does (src/clock/steady-clock.ts). */
export const systemClock: Clock = {
  now: () => instantText(steadyNow()),
};

export interface PipelineServices {
  readonly metadata: MetadataRegistry;
  readonly store: Store;
  readonly records: RecordRepository;
  readonly referenceData: ReferenceData;
  readonly clock: Clock;
  /** Steps contributed by other modules (pricing, lifecycle, audit, outbox), in execution order (register-steps.ts). */
  readonly steps: readonly PipelineStep[];
  /** Told after each commit which tables changed, so in-process caches can drop what went stale. */
  readonly onCommitted: (tables: ReadonlySet<string>) => void;
  /** Step and pricing timings for `/metrics`; absent where nobody scrapes them (CLI commands, tests). */
  readonly telemetry?: PipelineTelemetry;
}

export interface ExecutionContext {
  readonly services: PipelineServices;
  readonly trx: Executor;
  readonly caller: Caller;
  /** Messages this unit of work is nested in, outermost first (a cascade delete inside a Delete). */
  readonly depth: number;
  /** The unit of work this message runs in (`trx` is its transaction); nested messages share it. */
  readonly unitOfWork: UnitOfWork;
}
