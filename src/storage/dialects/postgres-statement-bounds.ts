/**
 * Bounds on what one statement may cost PostgreSQL: the pool's connections carry a `statement_timeout`
 * (set in openPostgres), and a statement sent for a Web API request whose client has left is cancelled
 * with `pg_cancel_backend`, on a connection of its own since the pool may be full of the very queries
 * to cancel. Either way the statement ends with SQLSTATE 57014, which becomes a refusal in the
 * Dataverse error shape rather than a 500. A statement whose connection is lost becomes a 503 too
 * (postgres-connection-faults.ts).
 */
import pg from 'pg';
import { DomainError } from '../../domain/errors.js';
import { clientAbortSignal } from '../statement-cancellation.js';
import { DatabaseUnavailable, isConnectionFault } from './postgres-connection-faults.js';

/** SQLSTATE `query_canceled`: a statement timeout or a cancel request ended the statement. */
const QUERY_CANCELED = '57014';

type Query = pg.PoolClient['query'];

/** Makes every statement `client` sends cancellable by its request's abort signal, and its timeout a refusal. */
export function boundStatements(client: pg.PoolClient, url: string, statementTimeoutMs: number): void {
  const send = client.query.bind(client) as (...args: unknown[]) => unknown;
  const query = (...args: unknown[]) => {
    const signal = clientAbortSignal();
    if (signal?.aborted) return Promise.reject(clientLeft());
    const result = send(...args);
    if (!(result instanceof Promise)) return result;
    let running = true;
    const cancel = () => {
      // Only while this statement runs: once it has ended the backend may be running someone else's.
      if (running) void cancelBackend(url, client);
    };
    signal?.addEventListener('abort', cancel, { once: true });
    return result
      .then(
        (value) => value,
        (error: unknown) => {
          throw asRefusal(error, signal, statementTimeoutMs, args[0]);
        },
      )
      .finally(() => {
        running = false;
        signal?.removeEventListener('abort', cancel);
      });
  };
  client.query = query as Query;
}

function asRefusal(
  error: unknown,
  signal: AbortSignal | undefined,
  statementTimeoutMs: number,
  statement: unknown,
): unknown {
  // A lost connection rolls its transaction back, unless what was lost is the answer to its COMMIT.
  if (isConnectionFault(error)) return new DatabaseUnavailable(!isCommit(statement), error);
  if ((error as { code?: unknown } | null)?.code !== QUERY_CANCELED) return error;
  if (signal?.aborted) return clientLeft();
  return new DomainError(
    'queryTimeout',
    `SQL timeout expired: the query ran longer than the ${statementTimeoutMs} ms a statement may run. Ask for fewer rows or a narrower $filter.`,
  );
}

/** The statement as pg's `query` got it: text, or a config object carrying the text. */
function isCommit(statement: unknown): boolean {
  const text = typeof statement === 'string' ? statement : (statement as { text?: unknown } | null)?.text;
  return typeof text === 'string' && /^\s*(commit|end)\b/i.test(text);
}

function clientLeft(): DomainError {
  return new DomainError('queryTimeout', 'The client closed the connection; its query was cancelled.');
}

/** The backend's process id is what `pg_cancel_backend` takes; pg keeps it from the connection's start. */
async function cancelBackend(url: string, client: pg.PoolClient): Promise<void> {
  const processId = (client as unknown as { processID?: number }).processID;
  if (processId === undefined) return;
  const canceller = new pg.Client({ connectionString: url });
  // A failed cancel leaves the statement to its timeout; nothing else depends on it.
  canceller.on('error', () => {});
  try {
    await canceller.connect();
    await canceller.query('select pg_cancel_backend($1)', [processId]);
  } catch {
    // As above: the statement timeout still bounds it.
  } finally {
    await canceller.end().catch(() => {});
  }
}
