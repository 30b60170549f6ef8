/**
 * Everything one message execution needs, passed explicitly: the unit of work it writes in, who it acts
 * for, and the services of this Orderline instance. Nothing here is global.
 */
import type { MetadataRegistry } from '../domain/metadata/metadata-registry.js';
import type { Caller } from '../security/principal.js';
import type { RecordRepository } from '../storage/record-repository.js';
import type { Executor, Store } from '../storage/store.js';
import type { ReferenceData } from './reference-data.js';
import type { PipelineTelemetry } from './telemetry.js';
import type { WriteStep } from './write-step.js';

export interface Clock {
  /** Current time, `YYYY-MM-DDTHH:mm:ssZ`. */
  now(): string;
}

export const systemClock: Clock = {
  now: () => `${new Date().toISOString().slice(0, 19)}Z`,
};

export interface PipelineServices {
  readonly metadata: MetadataRegistry;
  readonly store: Store;
  readonly records: RecordRepository;
  readonly referenceData: ReferenceData;
  readonly clock: Clock;
  /** Steps contributed by other modules (pricing, lifecycle, audit, outbox), in execution order (register-steps.ts). */
  readonly steps: readonly WriteStep[];
  /** Told after each commit which tables changed, so in-process caches can drop what went stale. */
  readonly onCommitted: (tables: ReadonlySet<string>) => void;
  /** Step and pricing timings for `/metrics`; absent where nobody scrapes them (CLI commands, tests). */
  readonly telemetry?: PipelineTelemetry;
}

export interface ExecutionContext {
  readonly services: PipelineServices;
  readonly trx: Executor;
  readonly caller: Caller;
  /** Tables written in this unit of work, reported after commit. */
  readonly touchedTables: Set<string>;
  /** Messages this unit of work is nested in, outermost first (a cascade delete inside a Delete). */
  readonly depth: number;
  /**
   * Work to do once every write of the unit of work is done, still inside its transaction, keyed so
   * that many writes to one order ask for one outbox event describing the order as it is committed.
   */
  readonly beforeCommit: Map<string, (context: ExecutionContext) => Promise<void>>;
}
