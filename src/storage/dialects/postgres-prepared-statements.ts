/**
 * Named prepared statements on PostgreSQL. Kysely sends every query unnamed, so PostgreSQL parses and
 * plans each one again although Orderline's SQL comes from a small set of shapes. pg prepares a query
 * once per connection when it carries a `name`, and remembers on the client which names that
 * connection has prepared; the pool keeps its clients, so a statement prepared on a connection serves
 * every later checkout of it.
 *
 * The name is a digest of the SQL text, so one name always means one text (pg refuses a name reused for
 * another text). Bounds: a shape is named only once this process has sent it twice (a client's one-off
 * `$filter` is not kept by the backend for the connection's life), and at most
 * NAMED_PER_CONNECTION shapes per connection (later new shapes go unnamed, as before). Not named:
 * statements without a parameter that may hold several commands (the extended protocol a named
 * statement uses takes one command), and transaction control, which has no plan to keep.
 *
 * PostgreSQL re-plans a prepared statement itself when a table it reads changes, but refuses to run
 * one whose result columns changed ("cached plan must not change result type", SQLSTATE 0A000): a
 * newer Orderline process that adds a column at start, while an older one runs, would fail the older
 * one's `select *` forever. That statement fails once; the connection then starts a new generation of
 * names, so every statement is prepared again under its new shape.
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { CountingTally } from '../statement-tally.js';

/** Named statements one connection keeps at most; PostgreSQL holds each one's plan in that backend's memory. */
export const NAMED_PER_CONNECTION = 256;
/** Texts whose sends this process counts before it forgets them all and starts again. */
const SEEN_TEXTS = 4096;

/** SQLSTATE feature_not_supported, which PostgreSQL raises for a prepared statement whose result changed. */
const PLAN_RESULT_CHANGED = '0A000';

const TRANSACTION_CONTROL = /^\s*(begin|commit|rollback|start\s|savepoint|release|set\s)/i;

/** The process-wide memory of which texts were sent before: a text is named on its second send. */
const seenOnce = new Set<string>();
const digests = new Map<string, string>();

function statementName(text: string): string {
  let name = digests.get(text);
  if (name === undefined) {
    name = `ol_${createHash('sha1').update(text).digest('base64url')}`;
    if (digests.size >= SEEN_TEXTS) digests.clear();
    digests.set(text, name);
  }
  return name;
}

function worthNaming(text: string, values: unknown): boolean {
  if (!Array.isArray(values)) return false;
  if (values.length === 0 && text.includes(';')) return false;
  if (TRANSACTION_CONTROL.test(text)) return false;
  if (seenOnce.has(text)) return true;
  if (seenOnce.size >= SEEN_TEXTS) seenOnce.clear();
  seenOnce.add(text);
  return false;
}

/**
 * Sends `client`'s queries given as (text, values), which is how Kysely sends them, as named statements
 * when worth it, and counts every statement in `tally`.
 */
export function preparingStatements(
  client: pg.PoolClient,
  tally: CountingTally,
  namedAtMost = NAMED_PER_CONNECTION,
): void {
  const send = client.query.bind(client) as (...args: unknown[]) => unknown;
  const named = new Set<string>();
  let generation = 0;
  const forgetOnResultChange = (error: unknown) => {
    if ((error as { code?: unknown } | null)?.code === PLAN_RESULT_CHANGED) {
      generation++;
      named.clear();
    }
    throw error;
  };
  const query = (...args: unknown[]) => {
    const [first, values] = args;
    const text = typeof first === 'string' ? first : (first as { text?: unknown } | null)?.text;
    if (typeof text === 'string') tally.count(text);
    if (typeof first !== 'string' || args.length !== 2 || !worthNaming(first, values)) return send(...args);
    const name = `${statementName(first)}_${generation}`;
    if (!named.has(name)) {
      if (named.size >= namedAtMost) return send(...args);
      named.add(name);
    }
    return (send({ name, text: first, values }) as Promise<unknown>).catch(forgetOnResultChange);
  };
  client.query = query as pg.PoolClient['query'];
}
