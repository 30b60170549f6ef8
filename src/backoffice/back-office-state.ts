/**
 * What the back office remembers, in one small SQLite file (`--state`; in memory by default, for tests):
 * the ids of the events it has handled, so a redelivered event is acknowledged but not processed twice;
 * its orders, with its own numbers and how far each has been played, so a restart resumes where it
 * stopped; and the last revision it issued, so its revisions only ever go up.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

export type JobStatus = 'running' | 'done' | 'failed' | 'cancelled';

/** One order the back office took on, and how far it has played it forward. */
export interface OrderJob {
  readonly orderId: string;
  /** The back office's own order number, e.g. `ERP-000123`. */
  readonly orderNumber: string;
  readonly invoiceNumber: string;
  /** The `data` of the `salesorder.submitted` event, as the exact JSON it arrived as. */
  readonly document: string;
  /** Index of the next fulfilment step to run. */
  readonly nextStep: number;
  readonly status: JobStatus;
  readonly error: string | null;
}

export interface NewEvent {
  readonly id: string;
  readonly type: string;
  readonly orderId: string;
}

export interface BackOfficeState {
  hasHandled(eventId: string): boolean;
  /**
   * Records an event as handled, and with it (in the same transaction) the order it hands over. Returns
   * the job, or undefined when the event was recorded before or the order is already taken on.
   */
  takeOn(event: NewEvent, document: string | undefined): OrderJob | undefined;
  /** Records an event that needs no work (an echo, a change the back office only notes). */
  note(event: NewEvent, outcome: string): void;
  job(orderId: string): OrderJob | undefined;
  unfinishedJobs(): OrderJob[];
  advance(orderId: string, nextStep: number): void;
  finish(orderId: string, status: Exclude<JobStatus, 'running'>, error?: string): void;
  /** A revision above every one issued before: the clock in milliseconds, or one more than the last. */
  nextRevision(): string;
  close(): void;
}

interface JobRow {
  order_id: string;
  order_number: string;
  invoice_number: string;
  document: string;
  next_step: number;
  status: JobStatus;
  error: string | null;
}

const SCHEMA = `
  create table if not exists handled_event (
    event_id text primary key, type text not null, order_id text not null, outcome text not null, handled_at text not null);
  create table if not exists order_job (
    order_id text primary key, order_number text not null unique, invoice_number text not null unique,
    document text not null, next_step integer not null, status text not null, error text, updated_at text not null);
  create table if not exists counter (name text primary key, value integer not null);
`;

const toJob = (row: JobRow): OrderJob => ({
  orderId: row.order_id,
  orderNumber: row.order_number,
  invoiceNumber: row.invoice_number,
  document: row.document,
  nextStep: row.next_step,
  status: row.status,
  error: row.error,
});

export interface StateOptions {
  /** A file path, or `:memory:`. */
  readonly path?: string;
  /** The prefix of the back office's numbers: `ERP` gives `ERP-000123` and invoice `ERP-INV-000123`. */
  readonly numberPrefix?: string;
  readonly now?: () => number;
}

export function openBackOfficeState(options: StateOptions = {}): BackOfficeState {
  const path = options.path ?? ':memory:';
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.exec(SCHEMA);
  const prefix = options.numberPrefix ?? 'ERP';
  const now = options.now ?? Date.now;
  const stamp = () => new Date(now()).toISOString();

  const handled = db.prepare('select 1 from handled_event where event_id = ?');
  const insertEvent = db.prepare(
    'insert or ignore into handled_event (event_id, type, order_id, outcome, handled_at) values (?, ?, ?, ?, ?)',
  );
  const selectJob = db.prepare<[string], JobRow>('select * from order_job where order_id = ?');
  const selectUnfinished = db.prepare<[], JobRow>(
    "select * from order_job where status in ('running', 'failed') order by updated_at",
  );
  const insertJob = db.prepare(
    `insert into order_job (order_id, order_number, invoice_number, document, next_step, status, updated_at)
     values (?, ?, ?, ?, 0, 'running', ?)`,
  );
  const updateStep = db.prepare(
    "update order_job set next_step = ?, status = 'running', updated_at = ? where order_id = ?",
  );
  const updateStatus = db.prepare('update order_job set status = ?, error = ?, updated_at = ? where order_id = ?');
  const bump = db.prepare<[string, number], { value: number }>(
    `insert into counter (name, value) values (?, ?)
     on conflict (name) do update set value = max(counter.value + 1, excluded.value) returning value`,
  );

  const takeOn = db.transaction((event: NewEvent, document: string | undefined): OrderJob | undefined => {
    const known = document === undefined || selectJob.get(event.orderId) !== undefined;
    const outcome = known ? 'already taken on' : 'taken on';
    if (insertEvent.run(event.id, event.type, event.orderId, outcome, stamp()).changes === 0 || known) return undefined;
    const serial = String(bump.get('order_number', 1)!.value).padStart(6, '0');
    insertJob.run(event.orderId, `${prefix}-${serial}`, `${prefix}-INV-${serial}`, document, stamp());
    return toJob(selectJob.get(event.orderId)!);
  });

  return {
    hasHandled: (eventId) => handled.get(eventId) !== undefined,
    takeOn,
    note(event, outcome) {
      insertEvent.run(event.id, event.type, event.orderId, outcome, stamp());
    },
    job(orderId) {
      const row = selectJob.get(orderId);
      return row ? toJob(row) : undefined;
    },
    unfinishedJobs: () => selectUnfinished.all().map(toJob),
    advance(orderId, nextStep) {
      updateStep.run(nextStep, stamp(), orderId);
    },
    finish(orderId, status, error) {
      updateStatus.run(status, error ?? null, stamp(), orderId);
    },
    nextRevision: () => String(bump.get('revision', now())!.value),
    close: () => db.close(),
  };
}
