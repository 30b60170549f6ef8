/**
 * Service protection usage pooled in PostgreSQL: one row per user and bucket, which every process adds
 * to with an upsert (`requests = requests + excluded.requests`), so no lock is ever held longer than
 * one statement and no process needs to know the others. The table is UNLOGGED: it is rewritten every
 * second and worth nothing after a crash (the limits start afresh, as they would on a new Dataverse
 * web server), so it should not cost WAL or replication traffic.
 */
import { sql } from 'kysely';
import type { TypedExecutor } from '../database/database.js';

export const USAGE_TABLE = 'ol_servicelimit_usage';

/** Rows per upsert statement: 4 parameters a row stays far below PostgreSQL's 65,535. */
const ROWS_PER_STATEMENT = 1_000;

/** duplicate_table, and unique_violation on pg_type when two processes create the table at once. */
const ALREADY_CREATED = new Set(['42P07', '23505']);

export interface UsageRow {
  readonly userId: string;
  /** Epoch ms at which the bucket starts. */
  readonly start: number;
  readonly requests: number;
  readonly executionMs: number;
}

/**
 * The table lives beside the schema rather than in it: it holds no Dataverse data and only the service
 * protection module reads it, so it is created idempotently when that module starts.
 */
export async function createUsageTable(db: TypedExecutor): Promise<void> {
  try {
    await sql`
      create unlogged table if not exists ${sql.table(USAGE_TABLE)} (
        userid text not null,
        bucketstart bigint not null,
        requests bigint not null default 0,
        executionms double precision not null default 0,
        primary key (userid, bucketstart)
      )`.execute(db);
  } catch (error) {
    if (!ALREADY_CREATED.has((error as { code?: string }).code ?? '')) throw error;
  }
}

export async function addUsage(db: TypedExecutor, deltas: readonly UsageRow[]): Promise<void> {
  // Rows in one order in every process, so two upserts touching the same rows never deadlock.
  const rows = [...deltas].sort((a, b) => (a.userId === b.userId ? a.start - b.start : a.userId < b.userId ? -1 : 1));
  for (let from = 0; from < rows.length; from += ROWS_PER_STATEMENT) {
    await db
      .insertInto(USAGE_TABLE)
      .values(
        rows.slice(from, from + ROWS_PER_STATEMENT).map((row) => ({
          userid: row.userId,
          bucketstart: row.start,
          requests: row.requests,
          executionms: row.executionMs,
        })),
      )
      .onConflict((conflict) =>
        conflict.columns(['userid', 'bucketstart']).doUpdateSet({
          requests: sql`${sql.ref(`${USAGE_TABLE}.requests`)} + excluded.requests`,
          executionms: sql`${sql.ref(`${USAGE_TABLE}.executionms`)} + excluded.executionms`,
        }),
      )
      .execute();
  }
}

/** Every process's usage of these users in buckets starting at `fromStart` or later. */
export async function readUsage(db: TypedExecutor, userIds: readonly string[], fromStart: number): Promise<UsageRow[]> {
  if (userIds.length === 0) return [];
  const rows = await db
    .selectFrom(USAGE_TABLE)
    .select(['userid', 'bucketstart', 'requests', 'executionms'])
    .where(sql<boolean>`userid = any(${[...userIds]}::text[])`)
    .where('bucketstart', '>=', fromStart)
    .execute();
  return rows.map((row) => ({
    userId: String(row.userid),
    start: Number(row.bucketstart),
    requests: Number(row.requests),
    executionMs: Number(row.executionms),
  }));
}

export async function pruneUsage(db: TypedExecutor, beforeStart: number): Promise<void> {
  await db.deleteFrom(USAGE_TABLE).where('bucketstart', '<', beforeStart).execute();
}
