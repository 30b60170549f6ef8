import { Kysely, PostgresDialect, type PostgresPool } from 'kysely';
import pg from 'pg';
import { type CountingTally, createStatementTally } from '../statement-tally.js';
import { DatabaseUnavailable, isConnectionFault } from './postgres-connection-faults.js';
import { preparingStatements } from './postgres-prepared-statements.js';
import { boundStatements } from './postgres-statement-bounds.js';

// OIDs whose text form Orderline decodes itself: numeric and int8 stay exact as text, and dates and
// timestamps are read as text so no local time zone ever takes part.
const RAW_TEXT_TYPES = new Set([20, 1700, 1082, 1114, 1184]);

/**
 * How long a checkout keeps trying to reach a database that refuses connections before the request is
 * answered 503: long enough that a fast restart (`pg_ctl restart`, a failover) goes unnoticed by
 * clients, short enough that nobody waits long on a database that is down.
 */
export const RECONNECT_WAIT_MS = 5_000;

/** Type parsers for this pool only: the process-wide pg defaults are left alone. */
const typeParsers = {
  getTypeParser(oid: number, format?: string) {
    if (RAW_TEXT_TYPES.has(oid)) return (value: string) => value;
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The pool as Kysely sees it: a checkout that finds the database unreachable tries again with a
 * growing pause until `waitMs` has passed, then fails with a 503 refusal. Nothing has been sent yet,
 * so trying again is always safe.
 */
function reconnecting(pool: pg.Pool, waitMs: number): PostgresPool {
  return {
    async connect() {
      const started = Date.now();
      for (let pause = 50; ; pause = Math.min(pause * 2, 1_000)) {
        try {
          return await pool.connect();
        } catch (error) {
          if (!isConnectionFault(error)) throw error;
          if (Date.now() - started + pause > waitMs) throw new DatabaseUnavailable(true, error);
          await sleep(pause);
        }
      }
    },
    end: () => pool.end(),
  };
}

/**
 * A pool whose statements are bounded: each connection starts with `statement_timeout` (0: none, for
 * start-up work such as migrations) and its statements are cancelled when their client leaves
 * (postgres-statement-bounds.ts). A database that goes away answers 503s, never crashes the process,
 * and is reconnected to when it is back. Its statements are prepared once per connection and shape, and
 * counted in `statements` (postgres-prepared-statements.ts).
 */
export function openPostgres(
  url: string,
  poolSize = 10,
  statementTimeoutMs = 0,
  reconnectWaitMs = RECONNECT_WAIT_MS,
): { db: Kysely<any>; pool: pg.Pool; statements: CountingTally } {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    // No connectionTimeoutMillis: pg counts the wait for a free pooled connection in it, so a busy pool
    // would answer 503s under load; an unreachable server refuses or resets, which the checkout handles.
    types: typeParsers as pg.CustomTypesConfig,
    ...(statementTimeoutMs > 0 ? { statement_timeout: statementTimeoutMs } : {}),
  });
  // An idle client that loses its server must not crash the process; the pool drops it and the next
  // checkout opens a new connection.
  pool.on('error', () => {});
  const statements = createStatementTally();
  pool.on('connect', (client) => {
    // The same for a checked-out client between two statements (a server restarting ends every
    // session): its next statement fails as a 503 and the pool drops it when it is released.
    client.on('error', () => {});
    boundStatements(client, url, statementTimeoutMs);
    preparingStatements(client, statements);
  });
  const db = new Kysely<any>({ dialect: new PostgresDialect({ pool: reconnecting(pool, reconnectWaitMs) }) });
  return { db, pool, statements };
}
