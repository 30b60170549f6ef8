/** What the read handlers share: the services, the caller, the executor to read with, the filter compiler. */
import type { MetadataRegistry } from '../domain/metadata/metadata-registry.js';
import type { PipelineServices } from '../pipeline/execution-context.js';
import { readScope } from '../security/authorization.js';
import type { Caller } from '../security/principal.js';
import { createFilterCompiler, type FilterCompiler } from '../storage/query/filter-to-sql.js';
import type { ReadScopeOf } from '../storage/query/readable-rows.js';
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

/** The rows of each table the context's caller may read, as the security model decides them. */
export function callerReadScope(context: ReadContext): ReadScopeOf {
  return (table) => readScope(context.caller, table);
}

/**
 * `compiler` of every read context: one function shared by all of them rather than a closure per
 * request, and it still answers for a copy (`{ ...context, executor }`) since it reads `this`. The
 * compiler carries the caller's read scope, so every query it builds keeps to the rows the caller may
 * read, on every table it touches.
 */
export function filterCompiler(this: ReadContext): FilterCompiler {
  const { user } = this.caller;
  return createFilterCompiler(
    this.services.metadata,
    this.services.store.dialect,
    { userId: user.userId, businessUnitId: user.businessUnitId, now: this.services.clock.now() },
    callerReadScope(this),
  );
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
