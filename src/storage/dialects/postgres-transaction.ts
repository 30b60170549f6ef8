/**
 * A PostgreSQL transaction that survives the one moment a retry is certainly safe: a pooled connection
 * whose server went away (a restart ends every session) fails on BEGIN, before any of the work ran,
 * and the transaction starts again on a fresh connection. A failure after BEGIN is not retried here:
 * the work may have sent statements, or COMMIT may have been applied, so it is the caller's to judge
 * (the client gets a 503 saying which).
 */
import { type Kysely, sql } from 'kysely';
import { DatabaseUnavailable } from './postgres-connection-faults.js';

/** Stale connections are dropped by the pool as they fail, so a few tries reach a fresh one. */
const BEGIN_ATTEMPTS = 3;

export async function postgresTransaction<T>(db: Kysely<any>, work: (trx: Kysely<any>) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    let begun = false;
    try {
      return await db.connection().execute(async (connection) => {
        await sql`begin`.execute(connection);
        begun = true;
        try {
          const result = await work(connection);
          await sql`commit`.execute(connection);
          return result;
        } catch (error) {
          // On a lost connection the server has rolled back already; the work's own error is the news.
          await sql`rollback`.execute(connection).catch(() => {});
          throw error;
        }
      });
    } catch (error) {
      if (begun || attempt >= BEGIN_ATTEMPTS || !(error instanceof DatabaseUnavailable)) throw error;
    }
  }
}
