import type { Dialect } from './column-codec.js';
import { dialectSpecifics } from './dialects/dialect-specifics.js';
import type { Executor } from './store.js';

/**
 * The PostgreSQL advisory locks Orderline takes, in one place so no two purposes share a number.
 * Each guards start-up work that processes opening one database together must do one after the
 * other: the later process then finds the work done (SQLite serialises its writers already).
 */
export const ADVISORY_LOCK = {
  /** First start: the organization, roles and administrator are created once. */
  provisioning: 7_310_001,
  /** `create table/index if not exists` is not safe against the same statement in another session. */
  schemaSync: 7_310_002,
  /** The connector named `default`, registered from ORDERLINE_WEBHOOK_URL. */
  defaultConnector: 7_310_003,
} as const;

/**
 * Makes the transaction `trx` wait for `lock` and hold it until it ends, on PostgreSQL; SQLite's
 * transactions already take turns (BEGIN IMMEDIATE), so there it does nothing (dialects/).
 */
export async function takeTurnsInTransaction(
  dialect: Dialect,
  trx: Executor,
  lock: (typeof ADVISORY_LOCK)[keyof typeof ADVISORY_LOCK],
): Promise<void> {
  await dialectSpecifics(dialect).takeTurnsInTransaction(trx, lock);
}
