/** Sales documents found by the document they were made from, outside the record repository. */
import type { TypedExecutor } from '../database/database.js';

/** The order ConvertQuoteToSalesOrder made from the quote; throws when there is none. */
export async function orderIdOfQuote(trx: TypedExecutor, quoteId: string): Promise<string> {
  const row = await trx
    .selectFrom('salesorder')
    .select('salesorderid')
    .where('quoteid', '=', quoteId)
    .executeTakeFirstOrThrow();
  return String(row.salesorderid);
}

/** The invoice made from the order; throws when there is none. */
export async function invoiceIdOfOrder(trx: TypedExecutor, orderId: string): Promise<string> {
  const row = await trx
    .selectFrom('invoice')
    .select('invoiceid')
    .where('salesorderid', '=', orderId)
    .executeTakeFirstOrThrow();
  return String(row.invoiceid);
}

/** The state code of every order, one per order. */
export async function orderStateCodes(trx: TypedExecutor): Promise<number[]> {
  const rows = await trx.selectFrom('salesorder').select('statecode').execute();
  return rows.map((row) => Number(row.statecode));
}

/** The order the invoice was made from; undefined when the invoice does not exist or has no order. */
export async function orderIdOfInvoice(trx: TypedExecutor, invoiceId: string): Promise<string | undefined> {
  const row = await trx
    .selectFrom('invoice')
    .select('salesorderid')
    .where('invoiceid', '=', invoiceId)
    .executeTakeFirst();
  return row?.salesorderid ?? undefined;
}
