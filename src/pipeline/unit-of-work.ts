/**
 * A unit of work: one database transaction in which a request (or a `$batch` change set) runs all its
 * writes, their steps, audit rows and outbox events. Caches hear about the tables it changed only
 * after it committed.
 */
import type { Caller } from '../security/principal.js';
import type { Executor } from '../storage/store.js';
import type { ExecutionContext, PipelineServices } from './execution-context.js';

/** Runs `work` in a unit of work on a transaction the caller already holds. */
export async function inTransaction<T>(
  services: PipelineServices,
  trx: Executor,
  caller: Caller,
  work: (context: ExecutionContext) => Promise<T>,
): Promise<{ result: T; touchedTables: ReadonlySet<string> }> {
  // The steps of one write read the same rows again (a new line's order, four times): the transaction
  // holds them locked, so each is read from the database once until it is written.
  services.records.keepLockedRows(trx);
  const context: ExecutionContext = {
    services,
    trx,
    caller,
    touchedTables: new Set(),
    depth: 0,
    beforeCommit: new Map(),
  };
  const result = await work(context);
  await runBeforeCommit(context);
  return { result, touchedTables: context.touchedTables };
}

/** Drains the before-commit tasks in the order they were asked for; a task may ask for more. */
async function runBeforeCommit(context: ExecutionContext): Promise<void> {
  while (context.beforeCommit.size > 0) {
    const [key, task] = context.beforeCommit.entries().next().value!;
    context.beforeCommit.delete(key);
    await task(context);
  }
}

export async function inUnitOfWork<T>(
  services: PipelineServices,
  caller: Caller,
  work: (context: ExecutionContext) => Promise<T>,
): Promise<T> {
  const { result, touchedTables } = await services.store.transaction((trx) =>
    inTransaction(services, trx, caller, work),
  );
  if (touchedTables.size > 0) services.onCommitted(touchedTables);
  return result;
}
