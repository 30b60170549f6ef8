/**
 * The data the query-language suite reads: orders created through the Web API (so every column a
 * real order has is there), and many order lines copied from a few real lines straight through SQL in
 * one INSERT, the way test/support/bulk-rows.ts reaches row limits: 100,000 lines through the pipeline
 * would take minutes of set-up, and this suite measures reads, not writes.
 *
 * The copies keep every column of their template but the id and the order they belong to, so the
 * orders' totals do not add up to their lines: nothing here reads them.
 */
import { sql } from 'kysely';
import type { App } from '../../src/app.js';

/** A random version-4 GUID in SQLite's SQL, lower case as the store keeps ids. */
const NEW_ID = sql`lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-a' || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))`;

/** One Web API request as the administrator; fails on a 4xx or 5xx. `id` is the id of a created row. */
export type Call = (method: string, path: string, body?: unknown) => Promise<{ id?: string; json?: unknown }>;

export interface SeededLines {
  readonly orders: number;
  readonly lines: number;
}

/** Runs `work` on `items`, `width` at a time. */
async function inParallel<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: width }, worker));
}

/**
 * `orders` orders named "Bench order <n>", each holding `linesPerTemplate` copies of `templates`
 * write-in lines whose quantities are 1, 2, …, `templates` (so `quantity le templates/2` selects half).
 */
export async function seedOrderLines(
  app: App,
  call: Call,
  counts: { orders: number; templates: number; linesPerTemplate: number },
): Promise<SeededLines> {
  const orderNumbers = Array.from({ length: counts.orders }, (_, index) => index + 1);
  const orderIds: string[] = [];
  await inParallel(orderNumbers, 4, async (number) => {
    orderIds.push((await call('POST', 'salesorders', { name: `Bench order ${number}` })).id!);
  });
  // The templates sit on the first order; the copies go to every order, the first included.
  const templates: string[] = [];
  for (let quantity = 1; quantity <= counts.templates; quantity++) {
    const created = await call('POST', 'salesorderdetails', {
      'salesorderid@odata.bind': `/salesorders(${orderIds[0]})`,
      isproductoverridden: true,
      productdescription: `Widget ${quantity}`,
      quantity,
      priceperunit: 9.99 + quantity,
    });
    templates.push(created.id!);
  }
  const { db } = app.store;
  const { rows } = await sql<Record<string, unknown>>`select * from salesorderdetail limit 1`.execute(db);
  const columns = Object.keys(rows[0]!);
  const values = columns.map((column) => {
    if (column === 'salesorderdetailid') return NEW_ID;
    if (column === 'salesorderid') return sql.ref('o.salesorderid');
    return sql.ref(`t.${column}`);
  });
  await sql`with recursive n(i) as (select 1 union all select i + 1 from n where i < ${sql.lit(counts.linesPerTemplate)})
    insert into salesorderdetail (${sql.join(columns.map((column) => sql.ref(column)))})
    select ${sql.join(values)} from n, salesorder as o, salesorderdetail as t
    where t.salesorderdetailid in (${sql.join(templates)}) and o.salesorderid in (${sql.join(orderIds)})`.execute(db);
  // The templates themselves go, so every order holds the same lines.
  await sql`delete from salesorderdetail where salesorderdetailid in (${sql.join(templates)})`.execute(db);
  const counted = await sql<{ total: number }>`select count(*) as total from salesorderdetail`.execute(db);
  return { orders: orderIds.length, lines: Number(counted.rows[0]?.total ?? 0) };
}
