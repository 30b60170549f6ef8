/**
 * Writes the system makes beside the client-facing steps: computed totals, the lines' copy of their
 * record's state, audit rows, outbox events and deliveries, timeline entries, connector and delivery
 * bookkeeping. They do not go through the pipeline (that would run the table's steps again for a write
 * nobody asked for), but they are changes like any other: each row gets a new row version, so change
 * tracking and ETags see it, its `modifiedon` moves, and the unit of work reports its table as changed
 * after commit so in-process caches drop what went stale. This is the one place that does all three.
 *
 * It skips the caller's privileges, the lifecycle lock, the audit log and the outbox, so it is only for
 * rows no client chose: a change a request makes to a record, even one the server derives (a removed
 * link, a back-office invoice closing its order), goes through record-writer.ts as the caller. Every
 * caller is listed with its reason in test/security/hostile-review/pipeline-writes.test.ts.
 */
import type { TableMetadata } from '../domain/metadata/table-metadata.js';
import type { Row } from '../domain/record.js';
import type { RecordRepository } from '../storage/record-repository.js';
import type { Executor, Store } from '../storage/store.js';
import type { Clock } from './execution-context.js';

/** A row to insert, built once its version is known (an outbox event's sequence is its version). */
export interface SystemInsert {
  readonly table: TableMetadata;
  build(version: string): Row;
}

export interface SystemWrite {
  /**
   * Inserts rows in the order given, with consecutive versions taken in one statement, `createdon` and
   * `modifiedon` now. Consecutive rows of one table go in one statement.
   */
  insert(rows: readonly SystemInsert[]): Promise<void>;
  /** Sets `changes` on each row, with a new version per row (taken in one statement) and `modifiedon` now. */
  update(table: TableMetadata, ids: readonly string[], changes: Row): Promise<void>;
}

export interface SystemWriteServices {
  readonly store: Store;
  readonly records: RecordRepository;
  readonly clock: Clock;
}

export function createSystemWrite(
  trx: Executor,
  { store, records, clock }: SystemWriteServices,
  touchedTables: Set<string>,
): SystemWrite {
  // One version is the common case (an audit row, a header's totals): the store's precompiled statement.
  const versions = async (count: number): Promise<string[]> =>
    count === 1 ? [await store.nextVersion(trx)] : store.reserveVersions(trx, count);

  async function insertRun(table: TableMetadata, rows: Row[]): Promise<void> {
    if (rows.length === 1) await records.insert(trx, table, rows[0]!);
    else await records.insertMany(trx, table, rows);
    touchedTables.add(table.logicalName);
  }

  return {
    async insert(inserts) {
      if (inserts.length === 0) return;
      const given = await versions(inserts.length);
      const now = clock.now();
      let run: Row[] = [];
      let runTable = inserts[0]!.table;
      for (const [index, insert] of inserts.entries()) {
        if (insert.table !== runTable) {
          await insertRun(runTable, run);
          run = [];
          runTable = insert.table;
        }
        const version = given[index]!;
        run.push({ ...insert.build(version), createdon: now, modifiedon: now, versionnumber: version });
      }
      await insertRun(runTable, run);
    },
    async update(table, ids, changes) {
      if (ids.length === 0) return;
      const given = await versions(ids.length);
      const modifiedon = clock.now();
      for (const [index, id] of ids.entries()) {
        await records.update(trx, table, id, { ...changes, modifiedon, versionnumber: given[index]! });
      }
      touchedTables.add(table.logicalName);
    },
  };
}
