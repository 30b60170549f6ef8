/**
 * Can the database be reached right now? Asked by `/ready` and by `GET /metrics`, which must answer
 * promptly while the database is away: a checkout waits for a restarting PostgreSQL for seconds
 * (dialects/postgres.ts), these give up sooner.
 */
import { sql } from 'kysely';
import type { Store } from './store.js';

export const PROBE_TIMEOUT_MS = 2_000;

/** What `work` yields, or undefined when it fails or takes longer than `timeoutMs`. */
export async function withinDeadline<T>(work: Promise<T>, timeoutMs = PROBE_TIMEOUT_MS): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const gaveUp = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), timeoutMs);
  });
  try {
    return await Promise.race([work.catch(() => undefined), gaveUp]);
  } finally {
    clearTimeout(timer);
  }
}

export async function databaseReachable(store: Store, timeoutMs = PROBE_TIMEOUT_MS): Promise<boolean> {
  return (
    (await withinDeadline(
      sql`select 1`.execute(store.db).then(() => true),
      timeoutMs,
    )) === true
  );
}
