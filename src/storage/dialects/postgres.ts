import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { type CountingTally, createStatementTally } from '../statement-tally.js';
import { preparingStatements } from './postgres-prepared-statements.js';
import { boundStatements } from './postgres-statement-bounds.js';

// OIDs whose text form Orderline decodes itself: numeric and int8 stay exact as text, and dates and
// timestamps are read as text so no local time zone ever takes part.
const RAW_TEXT_TYPES = new Set([20, 1700, 1082, 1114, 1184]);

/** Type parsers for this pool only: the process-wide pg defaults are left alone. */
const typeParsers = {
  getTypeParser(oid: number, format?: string) {
    if (RAW_TEXT_TYPES.has(oid)) return (value: string) => value;
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

/**
 * A pool whose statements are bounded: each connection starts with `statement_timeout` (0: none, for
 * start-up work such as migrations) and its statements are cancelled when their client leaves
 * (postgres-statement-bounds.ts). Its statements are prepared once per connection and shape, and counted
 * in `statements` (postgres-prepared-statements.ts).
 */
export function openPostgres(
  url: string,
  poolSize = 10,
  statementTimeoutMs = 0,
): { db: Kysely<any>; pool: pg.Pool; statements: CountingTally } {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    types: typeParsers as pg.CustomTypesConfig,
    ...(statementTimeoutMs > 0 ? { statement_timeout: statementTimeoutMs } : {}),
  });
  // An idle client that loses its server must not crash the process; the next checkout reconnects.
  pool.on('error', () => {});
  const statements = createStatementTally();
  pool.on('connect', (client) => {
    boundStatements(client, url, statementTimeoutMs);
    preparingStatements(client, statements);
  });
  const db = new Kysely<any>({ dialect: new PostgresDialect({ pool }) });
  return { db, pool, statements };
}
