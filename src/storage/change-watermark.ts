/**
 * The change watermark: how each store says "everything committed up to here" for change tracking
 * (`Prefer: odata.track-changes`, `$deltatoken`). A delta read takes the watermark of its own snapshot;
 * the next read returns the rows changed after it. The web layer only ever sees opaque text and a
 * condition to put in SQL, never which store it runs on.
 *
 * - SQLite: writers are serialized (BEGIN IMMEDIATE), so `versionnumber` order is commit order. The
 *   watermark is the version counter as the snapshot sees it; changes are `versionnumber > watermark`.
 * - PostgreSQL: sequence values are taken when a transaction writes, not when it commits, so a
 *   transaction holding a lower version can commit after a reader saw a higher one and
 *   `versionnumber > watermark` would miss it. Change-tracked tables (and tombstones) carry a hidden
 *   `ol_xid xid8`, set to the writing transaction's id on every insert and update, and the watermark
 *   is the read's snapshot itself (`pg_current_snapshot()`: xmin, xmax and the transactions in
 *   progress). A row changed after the read is one whose transaction that snapshot did not see:
 *   `ol_xid >= xmin and not pg_visible_in_snapshot(ol_xid, snapshot)`. Everything below xmin had
 *   finished when the read ran, so the index range starts there. When many transactions are in
 *   progress the snapshot is cut down to its xmin (`xmin:xmin:`), which sees less: rows at or above
 *   xmin may then be returned twice, which change tracking allows, but none is ever missed.
 */
import { type RawBuilder, sql } from 'kysely';
import type { Dialect } from './column-codec.js';
import type { TypedExecutor } from './database/database.js';
import type { Executor } from './store.js';

/** Which kind of watermark a token holds: one store's watermark means nothing to the other. */
export type WatermarkKind = 'version' | 'xid';

export interface HiddenColumn {
  readonly name: string;
  readonly type: string;
}

/** The part of a table's metadata the watermark looks at. */
interface TrackedTable {
  readonly changeTracking: boolean;
}

export interface ChangeWatermark {
  readonly kind: WatermarkKind;
  /**
   * Physical columns a change-tracked table carries on this store beyond its metadata. They are not
   * in the metadata, so `$metadata`, `$select`, `$filter` and the JSON writer never see them.
   */
  hiddenColumns(table: TrackedTable): readonly HiddenColumn[];
  /** The column that says when a row last changed, to index on change-tracked tables. */
  readonly changeColumn: string;
  /** Values every insert and update of a change-tracked table sets beside its own columns. */
  writeStamp(table: TrackedTable): Readonly<Record<string, RawBuilder<unknown>>>;
  /**
   * Runs `work` in one read snapshot, giving it the watermark of that snapshot (taken before anything
   * else is read, so everything the work reads is covered by the watermark).
   */
  inSnapshot<T>(db: Executor, work: (trx: Executor, watermark: string) => Promise<T>): Promise<T>;
  /** The watermark as seen by a transaction already open (a `$batch` change set). */
  current(trx: Executor): Promise<string>;
  /**
   * Is `text` a watermark of this store? Tokens come back from clients: only what passes this check
   * ever reaches `changedSince`, so a forged one is a refusal and never a database error.
   */
  isWatermark(text: string): boolean;
  /** SQL condition: the row behind `alias` changed after a read whose watermark was `since`. */
  changedSince(alias: string, since: string): RawBuilder<unknown>;
}

const XID_COLUMN = 'ol_xid';
const NO_STAMP: Readonly<Record<string, RawBuilder<unknown>>> = {};
const MAX_INT64 = 9_223_372_036_854_775_807n;
const NUMBER = /^\d{1,19}$/;

const isCounter = (text: string) => NUMBER.test(text) && BigInt(text) <= MAX_INT64;

export const sqliteWatermark: ChangeWatermark = {
  kind: 'version',
  hiddenColumns: () => [],
  changeColumn: 'versionnumber',
  writeStamp: () => NO_STAMP,
  inSnapshot(db, work) {
    // A deferred transaction: in WAL mode its snapshot starts at its first read and holds until commit.
    return db.transaction().execute(async (trx) => work(trx, await sqliteWatermark.current(trx)));
  },
  async current(trx: TypedExecutor) {
    const row = await trx
      .selectFrom('ol_counter')
      .select('value')
      .where('name', '=', 'versionnumber')
      .executeTakeFirstOrThrow();
    return String(row.value);
  },
  isWatermark: isCounter,
  changedSince: (alias, since) => sql`${sql.ref(`${alias}.versionnumber`)} > ${BigInt(since)}`,
};

/**
 * Longest snapshot kept whole in a token: beyond it (many transactions in progress at once) the token
 * keeps only xmin, so links stay short.
 */
const MAX_SNAPSHOT_TEXT = 1024;

/** A full transaction id as `pg_snapshot` accepts it: its 32-bit part is never 0 (InvalidTransactionId). */
const isFullXid = (text: string) => isCounter(text) && (BigInt(text) & 0xffff_ffffn) !== 0n;

/** `xmin:xmax:xip,...` with xmin <= xmax and in-progress ids ascending within [xmin, xmax). */
function isSnapshot(text: string): boolean {
  const parts = text.split(':');
  if (parts.length !== 3 || text.length > MAX_SNAPSHOT_TEXT) return false;
  const [xmin, xmax, list] = parts as [string, string, string];
  if (!isFullXid(xmin) || !isFullXid(xmax) || BigInt(xmax) < BigInt(xmin)) return false;
  if (list === '') return true;
  let previous = BigInt(xmin) - 1n;
  for (const item of list.split(',')) {
    if (!isFullXid(item)) return false;
    const xid = BigInt(item);
    if (xid <= previous || xid >= BigInt(xmax)) return false;
    previous = xid;
  }
  return true;
}

export const postgresWatermark: ChangeWatermark = {
  kind: 'xid',
  hiddenColumns: (table) => (table.changeTracking ? [{ name: XID_COLUMN, type: 'xid8' }] : []),
  changeColumn: XID_COLUMN,
  writeStamp: (table) => (table.changeTracking ? { [XID_COLUMN]: sql`pg_current_xact_id()` } : NO_STAMP),
  inSnapshot(db, work) {
    // One REPEATABLE READ transaction: the watermark and every row read come from the same snapshot.
    return db
      .transaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute(async (trx) => work(trx, await postgresWatermark.current(trx)));
  },
  async current(trx) {
    const { rows } = await sql<{
      snapshot: string;
      xmin: string;
    }>`select pg_current_snapshot()::text as snapshot, pg_snapshot_xmin(pg_current_snapshot())::text as xmin`.execute(
      trx,
    );
    const { snapshot, xmin } = rows[0]!;
    return snapshot.length <= MAX_SNAPSHOT_TEXT ? snapshot : `${xmin}:${xmin}:`;
  },
  isWatermark: isSnapshot,
  changedSince(alias, since) {
    const column = sql.ref(`${alias}.${XID_COLUMN}`);
    const xmin = since.slice(0, since.indexOf(':'));
    return sql`(${column} >= ${xmin}::xid8 and not pg_visible_in_snapshot(${column}, ${since}::pg_snapshot))`;
  },
};

const WATERMARKS: Readonly<Record<Dialect, ChangeWatermark>> = { sqlite: sqliteWatermark, postgres: postgresWatermark };

/** The store's watermark, also `Store.specifics.watermark`. */
export function changeWatermark(dialect: Dialect): ChangeWatermark {
  return WATERMARKS[dialect];
}
