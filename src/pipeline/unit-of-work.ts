/**
 * A unit of work: one database transaction in which a request (or a `$batch` change set) runs all its
 * writes, their steps, audit rows and outbox events. It owns everything that lives exactly as long as
 * that transaction: the rows read under lock, the slots modules keep their per-unit-of-work state in,
 * the tables changed (caches hear about them only after the commit), the tasks left for just before the
 * commit, and `systemWrite` for the rows the system writes beside the pipeline.
 */
import type { Caller } from '../security/principal.js';
import type { RecordRepository } from '../storage/record-repository.js';
import type { Executor } from '../storage/store.js';
import type { ExecutionContext, PipelineServices } from './execution-context.js';
import { createSystemWrite, type SystemWrite, type SystemWriteServices } from './system-write.js';
import { type SlotKey, Slots } from './unit-of-work-slots.js';

export class UnitOfWork {
  /** Tables written in this unit of work, reported after commit. */
  readonly touchedTables = new Set<string>();
  /**
   * Work to do once every write of the unit of work is done, still inside its transaction, keyed so
   * that many writes to one order ask for one outbox event describing the order as it is committed.
   */
  readonly beforeCommit = new Map<string, (context: ExecutionContext) => Promise<void>>();
  /**
   * The record repository keeping the rows this unit of work reads under lock: the steps of one write
   * read the same rows again (a new line's order, four times), and the transaction holds them locked,
   * so each is read from the database once until it is written.
   */
  readonly records: RecordRepository;
  readonly systemWrite: SystemWrite;
  readonly #slots = new Slots();

  constructor(
    readonly trx: Executor,
    services: SystemWriteServices,
  ) {
    this.records = services.records.keepingLockedRows(trx, services.records.newLockedRows());
    this.systemWrite = createSystemWrite(trx, { ...services, records: this.records }, this.touchedTables);
  }

  /** This unit of work's value of a module's slot, created on first use. */
  slot<T>(key: SlotKey<T>): T {
    return this.#slots.get(key);
  }
}

/**
 * The context of the outermost message of a unit of work on `trx`. Its services read records through
 * the unit of work's repository, so every step sees the rows it keeps.
 */
export function openUnitOfWork(services: PipelineServices, trx: Executor, caller: Caller): ExecutionContext {
  const unitOfWork = new UnitOfWork(trx, services);
  return { services: { ...services, records: unitOfWork.records }, trx, caller, depth: 0, unitOfWork };
}

/** Runs `work` in a unit of work on a transaction the caller already holds. */
export async function inTransaction<T>(
  services: PipelineServices,
  trx: Executor,
  caller: Caller,
  work: (context: ExecutionContext) => Promise<T>,
): Promise<{ result: T; touchedTables: ReadonlySet<string> }> {
  const context = openUnitOfWork(services, trx, caller);
  const result = await work(context);
  await runBeforeCommit(context);
  return { result, touchedTables: context.unitOfWork.touchedTables };
}

/** Drains the before-commit tasks in the order they were asked for; a task may ask for more. */
async function runBeforeCommit(context: ExecutionContext): Promise<void> {
  const { beforeCommit } = context.unitOfWork;
  while (beforeCommit.size > 0) {
    const [key, task] = beforeCommit.entries().next().value!;
    beforeCommit.delete(key);
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
