/**
 * Tombstones: what change tracking remembers of a row that left a change-tracked table, so a delta read
 * can answer `{"id":...,"reason":"deleted"}` for it (reference 7.7). One row per removal in the internal
 * table `ol_changetombstone` (created by migrations/internal-migrations.ts), never exposed as an entity
 * set. It keeps the owner the row had, so a delta shows a removal to the same callers who could read
 * the row, and the change watermark of the transaction that removed it.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { BigIntColumn, TableMetadata } from '../../domain/metadata/table-metadata.js';
import { changeWatermark } from '../change-watermark.js';
import type { Dialect } from '../column-codec.js';
import type { TypedExecutor } from '../database/database.js';
import type { StoredBigInt } from '../database/stored-values.js';
import { dialectSpecifics } from '../dialects/dialect-specifics.js';
import { type ReadScopeOf, readableRows } from '../query/readable-rows.js';
import type { Executor } from '../store.js';

export const TOMBSTONE_TABLE = 'ol_changetombstone';

/** A tombstone's row version is stored as every table's `versionnumber` is. */
const VERSION_COLUMN: BigIntColumn = {
  name: 'versionnumber',
  label: 'Version Number',
  type: 'bigint',
  required: 'none',
  validForCreate: false,
  validForUpdate: false,
  writtenBy: 'system',
};

/**
 * `deleted`: the row is gone. `changed`: it was assigned to another owner, so callers who could read
 * it only as its owner no longer can (OData's "removed from membership in the result").
 */
export type RemovalReason = 'deleted' | 'changed';

export interface Tombstone {
  readonly table: TableMetadata;
  readonly id: string;
  /** The value of the table's ownership column (`ownerid`) when the row left, for read scopes. */
  readonly owner: string | null;
  readonly reason: RemovalReason;
  /** A fresh row version from the removing unit of work. */
  readonly version: string;
  /** `YYYY-MM-DDTHH:mm:ssZ`, for purging. */
  readonly removedOn: string;
}

export async function writeTombstone(trx: TypedExecutor, dialect: Dialect, tombstone: Tombstone): Promise<void> {
  const specifics = dialectSpecifics(dialect);
  await trx
    .insertInto(TOMBSTONE_TABLE)
    .values({
      tombstoneid: randomUUID(),
      tablename: tombstone.table.logicalName,
      objectid: tombstone.id,
      ownerid: tombstone.owner,
      reason: tombstone.reason,
      versionnumber: specifics.columns.encode(VERSION_COLUMN, tombstone.version) as StoredBigInt,
      removedon: tombstone.removedOn,
      // The tombstone table is change-tracked by definition.
      ...specifics.watermark.writeStamp({ changeTracking: true }),
    })
    .execute();
}

/** Tombstones purged per call: a unit of work never spends long on housekeeping. */
const PURGE_BATCH = 500;

/**
 * Removes tombstones older than `before`. On PostgreSQL rows another transaction is purging are
 * skipped, so two deletes purging at once neither wait for nor deadlock with each other.
 */
export async function purgeTombstones(trx: Executor, dialect: Dialect, before: string): Promise<void> {
  const lock = dialectSpecifics(dialect).skipLocked();
  await sql`delete from ${sql.table(TOMBSTONE_TABLE)} where tombstoneid in (
    select tombstoneid from ${sql.table(TOMBSTONE_TABLE)} where removedon < ${before} limit ${PURGE_BATCH} ${lock}
  )`.execute(trx);
}

export interface RemovalQuery {
  readonly table: TableMetadata;
  /** The rows of each table the caller may read: only removals of rows they could read are reported. */
  readonly readScope: ReadScopeOf;
  /** The watermark of the previous read. */
  readonly since: string;
  /** Keyset paging: ids greater than this one. */
  readonly after?: string;
  readonly limit?: number;
}

export interface Removal {
  readonly id: string;
  readonly reason: RemovalReason;
}

const ALIAS = 'd';
const ROW_ALIAS = 't0';

function inList(column: string, values: readonly string[]) {
  if (values.length === 0) return sql`1 = 0`;
  return sql`${sql.ref(column)} in (${sql.join(values.map((value) => sql.val(value)))})`;
}

/**
 * The conditions of a removal: this table, after the watermark, in scope, and the row is not (again)
 * readable by the caller. A row deleted and created again with the same id, or assigned away and back,
 * is reported as a changed row only, never also as removed.
 */
function conditionsOf(dialect: Dialect, query: RemovalQuery) {
  const { table } = query;
  const visible = [
    sql`${sql.ref(`${ROW_ALIAS}.${table.primaryId}`)} = ${sql.ref(`${ALIAS}.objectid`)}`,
    readableRows(query.readScope, { table, alias: ROW_ALIAS }),
  ];
  const conditions = [
    sql`${sql.ref(`${ALIAS}.tablename`)} = ${table.logicalName}`,
    changeWatermark(dialect).changedSince(ALIAS, query.since),
    sql`not exists (select 1 from ${sql.table(table.logicalName)} as ${sql.raw(ROW_ALIAS)} where ${sql.join(visible, sql` and `)})`,
  ];
  // The removed row is gone: whether the caller could read it is decided on the owner it had then.
  const readable = query.readScope(table);
  if (readable.kind === 'none') conditions.push(sql`1 = 0`);
  if (readable.kind === 'owned') conditions.push(inList(`${ALIAS}.ownerid`, readable.values));
  if (query.after !== undefined) conditions.push(sql`${sql.ref(`${ALIAS}.objectid`)} > ${query.after}`);
  return sql.join(conditions, sql` and `);
}

/** Removals since the watermark, one per row (a row removed twice is reported once), by id. */
export async function selectRemovals(trx: Executor, dialect: Dialect, query: RemovalQuery): Promise<Removal[]> {
  const limit = query.limit !== undefined ? sql`limit ${query.limit}` : sql``;
  // 'deleted' sorts after 'changed': a row both reassigned and deleted is reported as deleted.
  const { rows } = await sql<{ objectid: string; reason: RemovalReason }>`
    select ${sql.ref(`${ALIAS}.objectid`)} as objectid, max(${sql.ref(`${ALIAS}.reason`)}) as reason
    from ${sql.table(TOMBSTONE_TABLE)} as ${sql.raw(ALIAS)}
    where ${conditionsOf(dialect, query)}
    group by ${sql.ref(`${ALIAS}.objectid`)}
    order by ${sql.ref(`${ALIAS}.objectid`)} asc ${limit}`.execute(trx);
  return rows.map((row) => ({ id: String(row.objectid), reason: row.reason }));
}

export async function countRemovals(trx: Executor, dialect: Dialect, query: RemovalQuery): Promise<number> {
  const { rows } = await sql<{ total: unknown }>`
    select count(distinct ${sql.ref(`${ALIAS}.objectid`)}) as total
    from ${sql.table(TOMBSTONE_TABLE)} as ${sql.raw(ALIAS)}
    where ${conditionsOf(dialect, query)}`.execute(trx);
  return Number(rows[0]?.total ?? 0);
}
