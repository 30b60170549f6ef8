/** What the read handlers share: the services, the caller, the executor to read with, the filter compiler. */
import type { MetadataRegistry } from '../domain/metadata/metadata-registry.js';
import type { PipelineServices } from '../pipeline/execution-context.js';
import type { Caller } from '../security/principal.js';
import { createFilterCompiler, type FilterCompiler } from '../storage/query/filter-to-sql.js';
import type { Executor } from '../storage/store.js';
import type { Preferences } from './prefer.js';

export interface ReadContext {
  readonly services: PipelineServices;
  readonly metadata: MetadataRegistry;
  readonly caller: Caller;
  readonly executor: Executor;
  readonly preferences: Preferences;
  readonly serviceRoot: string;
  compiler(): FilterCompiler;
}

/**
 * `compiler` of every read context: one function shared by all of them rather than a closure per
 * request, and it still answers for a copy (`{ ...context, executor }`) since it reads `this`.
 */
export function filterCompiler(this: ReadContext): FilterCompiler {
  return createFilterCompiler(this.services.metadata, this.services.store.dialect, {
    userId: this.caller.user.userId,
    businessUnitId: this.caller.user.businessUnitId,
    now: this.services.clock.now(),
  });
}

export function createReadContext(
  services: PipelineServices,
  caller: Caller,
  executor: Executor,
  preferences: Preferences,
  serviceRoot: string,
): ReadContext {
  return {
    services,
    metadata: services.metadata,
    caller,
    executor,
    preferences,
    serviceRoot,
    compiler: filterCompiler,
  };
}
