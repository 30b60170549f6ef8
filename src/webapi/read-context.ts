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
    compiler: () =>
      createFilterCompiler(services.metadata, services.store.dialect, {
        userId: caller.user.userId,
        businessUnitId: caller.user.businessUnitId,
        now: services.clock.now(),
      }),
  };
}
