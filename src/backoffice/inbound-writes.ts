/**
 * The writes the back office sends Orderline, as request bodies built from the order it received
 * (reference 2.3 to 2.5: what flows from the back office to Sales). Pure: no I/O, no clock; the
 * revision each write carries is given by the caller.
 *
 * Every write carries `ol_backofficerevision`: Orderline ignores (and reports) a write whose revision is
 * not above the one stored on the row, so sending any of these again changes nothing. Updates go with
 * `If-Match: *` (they must never create a stray row), creates with `If-None-Match: *` (they must never
 * overwrite one): a create sent again is answered 412 and changes nothing.
 */
import { uuidV5 } from './deterministic-uuid.js';
import { ExactDecimal, stringifyExactJson } from './exact-json.js';
import { lookupId, type OrderDocument } from './order-document.js';
import type { InboundWrite } from './orderline-client.js';
import type { JsonRecord } from './orderline-event.js';

/** `ol_processingstatus` (reference 2.6), as Orderline numbers it. */
export const PROCESSING_STATUS = {
  confirmed: 2,
  picked: 3,
  delivered: 5,
  invoiced: 7,
} as const;

const UPDATE_ONLY = { 'if-match': '*' } as const;
const CREATE_ONLY = { 'if-none-match': '*' } as const;

function patch(path: string, body: Record<string, unknown>, headers: Record<string, string>): InboundWrite {
  return { method: 'PATCH', path, body: stringifyExactJson(body), headers };
}

const revisionValue = (revision: string) => new ExactDecimal(revision);

/** Defined values only: a column the order does not have is left out rather than written as null. */
function present(row: JsonRecord, names: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(
    names.filter((name) => row[name] !== undefined && row[name] !== null).map((name) => [name, row[name]]),
  );
}

// ---------------------------------------------------------------------------------------------------
// The order and its lines

export function acknowledgement(orderId: string, orderNumber: string, total: ExactDecimal, revision: string) {
  return patch(
    `salesorders(${orderId})`,
    {
      ol_backofficeordernumber: orderNumber,
      ol_backofficetotalamount: total,
      ol_processingstatus: PROCESSING_STATUS.confirmed,
      ol_backofficerevision: revisionValue(revision),
    },
    UPDATE_ONLY,
  );
}

export function processingStatus(orderId: string, status: number, revision: string) {
  return patch(
    `salesorders(${orderId})`,
    { ol_processingstatus: status, ol_backofficerevision: revisionValue(revision) },
    UPDATE_ONLY,
  );
}

/** Everything ordered was shipped: nothing back-ordered, nothing cancelled. */
export function lineShipped(line: JsonRecord, revision: string) {
  return patch(
    `salesorderdetails(${String(line.salesorderdetailid)})`,
    {
      quantityshipped: line.quantity,
      quantitybackordered: 0,
      quantitycancelled: 0,
      ol_backofficerevision: revisionValue(revision),
    },
    UPDATE_ONLY,
  );
}

// ---------------------------------------------------------------------------------------------------
// The invoice (reference 2.5): created Billed, copying the order's lines and totals

/** Stable across restarts and replays: the order and the back office's own invoice number. */
export const invoiceIdOf = (orderId: string, invoiceNumber: string) => uuidV5(`invoice/${orderId}/${invoiceNumber}`);

export const invoiceLineIdOf = (invoiceId: string, orderLineId: string) =>
  uuidV5(`invoicedetail/${invoiceId}/${orderLineId}`);

const CUSTOMER_SETS: Readonly<Record<string, { property: string; set: string }>> = {
  '#Microsoft.Dynamics.CRM.account': { property: 'customerid_account', set: 'accounts' },
  '#Microsoft.Dynamics.CRM.contact': { property: 'customerid_contact', set: 'contacts' },
};

function customerBinding(document: OrderDocument): Record<string, string> {
  const customer = document.customer;
  const kind = customer ? CUSTOMER_SETS[String(customer['@odata.type'])] : undefined;
  const id = customer ? (customer.accountid ?? customer.contactid) : undefined;
  return kind && typeof id === 'string' ? { [`${kind.property}@odata.bind`]: `/${kind.set}(${id})` } : {};
}

/**
 * The invoice header as created: the columns valid on create. Totals are not valid on create
 * (Dataverse's "!C"): `invoiceTotals` writes them once the lines are in. Statuscode 4 Billed is what
 * the dual-write map sends (reference 2.5).
 */
export function newInvoice(document: OrderDocument, invoiceId: string, invoiceNumber: string, revision: string) {
  const order = document.salesorder;
  const orderId = String(order.salesorderid);
  const priceList = lookupId(order, 'pricelevelid');
  const currency = lookupId(order, 'transactioncurrencyid');
  return patch(
    `invoices(${invoiceId})`,
    {
      name: order.name ?? invoiceNumber,
      invoicenumber: invoiceNumber,
      statuscode: 4,
      'salesorderid@odata.bind': `/salesorders(${orderId})`,
      ...customerBinding(document),
      ...(priceList ? { 'pricelevelid@odata.bind': `/pricelevels(${priceList})` } : {}),
      ...(currency ? { 'transactioncurrencyid@odata.bind': `/transactioncurrencies(${currency})` } : {}),
      ...present(order, ['discountpercentage', 'discountamount', 'freightamount', 'description']),
      ol_backofficerevision: revisionValue(revision),
    },
    CREATE_ONLY,
  );
}

/** An invoice line copying an order line: a write-in stays a write-in, a catalog product keeps its unit. */
export function newInvoiceLine(invoiceId: string, line: JsonRecord, revision: string) {
  const product = lookupId(line, 'productid');
  const unit = lookupId(line, 'uomid');
  const writeIn = line.isproductoverridden === true || !product;
  return patch(
    `invoicedetails(${invoiceLineIdOf(invoiceId, String(line.salesorderdetailid))})`,
    {
      'invoiceid@odata.bind': `/invoices(${invoiceId})`,
      'salesorderdetailid@odata.bind': `/salesorderdetails(${String(line.salesorderdetailid)})`,
      isproductoverridden: writeIn,
      ...(writeIn
        ? { productdescription: line.productdescription ?? line.productname ?? 'Write-in' }
        : {
            'productid@odata.bind': `/products(${product})`,
            ...(unit ? { 'uomid@odata.bind': `/uoms(${unit})` } : {}),
          }),
      // The back office's price: Sales keeps it as given (dual-write sends ispriceoverridden true, 2.4).
      ispriceoverridden: true,
      ...present(line, [
        'quantity',
        'priceperunit',
        'manualdiscountamount',
        'tax',
        'description',
        'sequencenumber',
        'lineitemnumber',
      ]),
      quantityshipped: line.quantity,
      ol_backofficerevision: revisionValue(revision),
    },
    CREATE_ONLY,
  );
}

/** The line amounts, which are valid on update only. */
export function invoiceLineAmounts(invoiceId: string, line: JsonRecord, revision: string) {
  return patch(
    `invoicedetails(${invoiceLineIdOf(invoiceId, String(line.salesorderdetailid))})`,
    { ...present(line, ['baseamount', 'extendedamount']), ol_backofficerevision: revisionValue(revision) },
    UPDATE_ONLY,
  );
}

/** The header totals: the order's, with the total the back office computed itself. */
export function invoiceTotals(document: OrderDocument, invoiceId: string, total: ExactDecimal, revision: string) {
  return patch(
    `invoices(${invoiceId})`,
    {
      ...present(document.salesorder, [
        'totallineitemamount',
        'totallineitemdiscountamount',
        'totaldiscountamount',
        'totalamountlessfreight',
        'totaltax',
      ]),
      totalamount: total,
      ol_backofficerevision: revisionValue(revision),
    },
    UPDATE_ONLY,
  );
}
