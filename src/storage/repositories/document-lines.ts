/**
 * The lines of an order or an invoice as stored, in the order a person sees them: by sequence, then
 * line number, then creation, then id (so the order is total). The outbox's documents carry them.
 */
import type { TypedExecutor } from '../database/database.js';

export async function orderLineRows(trx: TypedExecutor, orderId: string) {
  return trx
    .selectFrom('salesorderdetail')
    .selectAll()
    .where('salesorderid', '=', orderId)
    .orderBy('sequencenumber')
    .orderBy('lineitemnumber')
    .orderBy('createdon')
    .orderBy('salesorderdetailid')
    .execute();
}

export async function invoiceLineRows(trx: TypedExecutor, invoiceId: string) {
  return trx
    .selectFrom('invoicedetail')
    .selectAll()
    .where('invoiceid', '=', invoiceId)
    .orderBy('sequencenumber')
    .orderBy('lineitemnumber')
    .orderBy('createdon')
    .orderBy('invoicedetailid')
    .execute();
}
