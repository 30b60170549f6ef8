/**
 * A unit of work: one database transaction in which a request (or a `$batch` change set) runs all its
 * writes, their steps, audit rows and outbox events. Caches hear about the tables it changed only
 * after it committed.
 */
import type { Caller } from '../security/principal.js';
import type { ExecutionContext, PipelineServices } from './execution-context.js';

export async function inUnitOfWork<T>(
  services: PipelineServices,
  caller: Caller,
  work: (context: ExecutionContext) => Promise<T>,
): Promise<T> {
  const touchedTables = new Set<string>();
  const result = await services.store.transaction((trx) => work({ services, trx, caller, touchedTables, depth: 0 }));
  if (touchedTables.size > 0) services.onCommitted(touchedTables);
  return result;
}
