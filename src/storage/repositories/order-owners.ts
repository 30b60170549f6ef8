/**
 * Who owns an order: rows written for an order outside the pipeline's ownership rules take its owner
 * and business unit (timeline entries, invoices the back office sends).
 */
import type { TypedExecutor } from '../database/database.js';

export interface OrderOwner {
  readonly ownerId: string;
  readonly owningBusinessUnit: string | null;
}

/** The owner of the order, or undefined when there is no such order. */
export async function ownerOfOrder(trx: TypedExecutor, orderId: string): Promise<OrderOwner | undefined> {
  const row = await trx
    .selectFrom('salesorder')
    .select(['ownerid', 'owningbusinessunit'])
    .where('salesorderid', '=', orderId)
    .executeTakeFirst();
  return row ? toOwner(row) : undefined;
}

/** The owners of the orders, by order id; orders that do not exist (any more) are absent. */
export async function ownersOfOrders(
  trx: TypedExecutor,
  orderIds: readonly string[],
): Promise<Map<string, OrderOwner>> {
  const rows = await trx
    .selectFrom('salesorder')
    .select(['salesorderid', 'ownerid', 'owningbusinessunit'])
    .where('salesorderid', 'in', orderIds)
    .execute();
  return new Map(rows.map((row) => [String(row.salesorderid), toOwner(row)]));
}

function toOwner(row: { ownerid: string | null; owningbusinessunit: string | null }): OrderOwner {
  return {
    ownerId: String(row.ownerid),
    owningBusinessUnit: row.owningbusinessunit === null ? null : String(row.owningbusinessunit),
  };
}
