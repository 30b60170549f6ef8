/**
 * What a restored backup must match: per table, the row count and a SHA-256 digest over the rows that
 * make orders, totals, the outbox and change tracking what they are, plus a few figures a person can read
 * (orders, the sum of their totals, outbox deliveries by status, the version counter). Two stores with
 * the same fingerprint serve the same orders and totals, deliver the same outbox, and answer the same
 * `$deltatoken`s. Only stores of one kind are compared (a backup is restored into its own kind), so the
 * values are digested as each store keeps them.
 */
import { createHash } from 'node:crypto';
import { Decimal } from '../../domain/decimal.js';
import { MONEY_SCALE } from '../dialects/numeric-scaling.js';

/** Runs one read-only SQL statement and returns its rows; each store brings its own connection. */
export type RunQuery = (sqlText: string) => Promise<Record<string, unknown>[]>;

/** The tables compared, each with its key and the columns that matter, in a fixed order. */
const COMPARED: ReadonlyArray<{ table: string; key: string; columns: readonly string[] }> = [
  { table: 'salesorder', key: 'salesorderid', columns: ['statecode', 'statuscode', 'totalamount', 'versionnumber'] },
  {
    table: 'salesorderdetail',
    key: 'salesorderdetailid',
    columns: ['salesorderid', 'quantity', 'extendedamount', 'versionnumber'],
  },
  { table: 'ol_outboxevent', key: 'ol_outboxeventid', columns: ['ol_sequence', 'ol_eventtype', 'ol_orderid'] },
  {
    table: 'ol_delivery',
    key: 'ol_deliveryid',
    columns: ['ol_outboxeventid', 'ol_connectorid', 'ol_status', 'ol_attempts', 'ol_nextattemptat'],
  },
  { table: 'audit', key: 'auditid', columns: ['objectid', 'action'] },
  { table: 'ol_changetombstone', key: 'tombstoneid', columns: ['objectid', 'versionnumber'] },
  { table: 'ol_counter', key: 'name', columns: ['value'] },
];

export interface TableFingerprint {
  readonly rows: number;
  readonly sha256: string;
}

export interface StoreFingerprint {
  readonly store: 'sqlite' | 'postgres';
  readonly orders: number;
  /** The sum of every order's total amount, exact. */
  readonly orderTotals: string;
  /** Outbox deliveries by `ol_status` code. */
  readonly deliveriesByStatus: Readonly<Record<string, number>>;
  /** The change-tracking version counter (SQLite's watermark; PostgreSQL's tokens hold transaction ids). */
  readonly versionCounter: string;
  readonly tables: Readonly<Record<string, TableFingerprint>>;
}

export async function fingerprintStore(store: 'sqlite' | 'postgres', run: RunQuery): Promise<StoreFingerprint> {
  const tables: Record<string, TableFingerprint> = {};
  for (const { table, key, columns } of COMPARED) {
    const rows = await run(`select ${[key, ...columns].join(', ')} from ${table} order by ${key}`);
    const digest = createHash('sha256');
    for (const row of rows) digest.update(`${[key, ...columns].map((name) => text(row[name])).join('\u001f')}\n`);
    tables[table] = { rows: rows.length, sha256: digest.digest('hex') };
  }
  const totals = await run('select totalamount from salesorder');
  let orderTotals = new Decimal(0);
  for (const { totalamount } of totals) {
    if (totalamount === null || totalamount === undefined) continue;
    const stored = new Decimal(text(totalamount));
    // SQLite keeps money as integers counting 10^-4 (numeric-scaling.ts); PostgreSQL as numeric.
    orderTotals = orderTotals.add(store === 'sqlite' ? stored.div(10 ** MONEY_SCALE) : stored);
  }
  const deliveriesByStatus: Record<string, number> = {};
  for (const row of await run(
    'select ol_status, count(*) as n from ol_delivery group by ol_status order by ol_status',
  )) {
    deliveriesByStatus[text(row.ol_status)] = Number(row.n);
  }
  const [counter] = await run(`select value from ol_counter where name = 'versionnumber'`);
  return {
    store,
    orders: tables.salesorder!.rows,
    orderTotals: orderTotals.toFixed(),
    deliveriesByStatus,
    versionCounter: text(counter?.value),
    tables,
  };
}

/** The differences between two fingerprints, in words; empty when they match. */
export function compareFingerprints(expected: StoreFingerprint, actual: StoreFingerprint): string[] {
  const differences: string[] = [];
  if (expected.store !== actual.store) differences.push(`store: ${expected.store} expected, ${actual.store} found`);
  for (const [table, wanted] of Object.entries(expected.tables)) {
    const found = actual.tables[table];
    if (!found) differences.push(`${table}: missing`);
    else if (found.rows !== wanted.rows)
      differences.push(`${table}: ${wanted.rows} rows expected, ${found.rows} found`);
    else if (found.sha256 !== wanted.sha256) differences.push(`${table}: same row count, different contents`);
  }
  if (expected.orderTotals !== actual.orderTotals) {
    differences.push(`order totals: ${expected.orderTotals} expected, ${actual.orderTotals} found`);
  }
  if (expected.versionCounter !== actual.versionCounter) {
    differences.push(`version counter: ${expected.versionCounter} expected, ${actual.versionCounter} found`);
  }
  return differences;
}

/** One line for the operator: what the fingerprint says in figures. */
export function describeFingerprint(fingerprint: StoreFingerprint): string {
  const deliveries = Object.entries(fingerprint.deliveriesByStatus)
    .map(([status, count]) => `${count} with status ${status}`)
    .join(', ');
  return (
    `${fingerprint.orders} orders totalling ${fingerprint.orderTotals}, ` +
    `${fingerprint.tables.ol_outboxevent?.rows ?? 0} outbox events, deliveries: ${deliveries || 'none'}` +
    (fingerprint.store === 'sqlite' ? `, version counter ${fingerprint.versionCounter}` : '')
  );
}

function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  return String(value);
}
