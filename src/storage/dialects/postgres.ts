import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';

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

export function openPostgres(url: string, poolSize = 10): { db: Kysely<any>; pool: pg.Pool } {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, types: typeParsers as pg.CustomTypesConfig });
  // An idle client that loses its server must not crash the process; the next checkout reconnects.
  pool.on('error', () => {});
  const db = new Kysely<any>({ dialect: new PostgresDialect({ pool }) });
  return { db, pool };
}
