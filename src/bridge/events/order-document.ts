/**
 * The order document an event carries: the order, its lines, its customer and currency (and, for
 * invoice events, the invoice and its lines) exactly as the Web API would return them at commit, so a
 * back office reads the same names, exact numbers and dates as any Dataverse client.
 */
import type { TableMetadata } from '../../domain/metadata/table-metadata.js';
import type { Row } from '../../domain/record.js';
import { serializeEntity } from '../../odata/entity/entity-serializer.js';
import type { Writable } from '../../odata/json/json-writer.js';
import type { ExecutionContext } from '../../pipeline/execution-context.js';
import { invoiceLineRows, orderLineRows } from '../../storage/repositories/document-lines.js';

/** Columns that explain the engine to people, not the order to a back office. */
const LEFT_OUT = new Set(['ol_pricingtrace']);

function entity(table: TableMetadata, row: Row): Record<string, Writable> {
  const columns = new Set(table.columns.map((column) => column.name).filter((name) => !LEFT_OUT.has(name)));
  const json = serializeEntity(table, row, { columns, formattedValues: false, lookupAnnotations: false });
  delete json['@odata.etag'];
  return json;
}

const CUSTOMER_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  account: ['accountid', 'name', 'accountnumber', 'emailaddress1', 'telephone1'],
  contact: ['contactid', 'fullname', 'firstname', 'lastname', 'emailaddress1', 'telephone1'],
};

async function customerOf(context: ExecutionContext, header: Row): Promise<Writable> {
  const type = header.customeridtype;
  const id = header.customerid;
  if (typeof type !== 'string' || typeof id !== 'string') return null;
  const table = context.services.metadata.table(type);
  if (!table) return null;
  const row = await context.services.records.find(context.trx, table, id);
  if (!row) return null;
  const wanted = new Set(CUSTOMER_COLUMNS[type] ?? [table.primaryId, table.primaryName]);
  const json = serializeEntity(table, row, { columns: wanted, formattedValues: false, lookupAnnotations: false });
  delete json['@odata.etag'];
  return { '@odata.type': `#Microsoft.Dynamics.CRM.${type}`, ...json };
}

async function currencyOf(context: ExecutionContext, header: Row): Promise<Writable> {
  if (typeof header.transactioncurrencyid !== 'string') return null;
  const table = context.services.metadata.table('transactioncurrency')!;
  const row = await context.services.records.find(context.trx, table, header.transactioncurrencyid);
  if (!row) return null;
  const columns = new Set(['transactioncurrencyid', 'isocurrencycode', 'currencyname', 'currencyprecision']);
  const json = serializeEntity(table, row, { columns, formattedValues: false, lookupAnnotations: false });
  delete json['@odata.etag'];
  json.exchangerate = serializeEntity(table, row, {
    columns: new Set(['exchangerate']),
    formattedValues: false,
    lookupAnnotations: false,
  }).exchangerate;
  return json;
}

/** The order with its lines, customer and currency, as committed. */
export async function orderDocument(context: ExecutionContext, order: Row): Promise<Record<string, Writable>> {
  const { metadata } = context.services;
  const orders = metadata.table('salesorder')!;
  const lines = metadata.table('salesorderdetail')!;
  const lineRows = (await orderLineRows(context.trx, order.salesorderid as string)).map((row) =>
    context.services.records.decodeRow(lines, row),
  );
  return {
    salesorder: entity(orders, order),
    salesorderdetails: lineRows.map((line) => entity(lines, line)),
    customer: await customerOf(context, order),
    transactioncurrency: await currencyOf(context, order),
  };
}

/** An invoice of a handed-over order, with its lines. */
export async function invoiceDocument(context: ExecutionContext, invoice: Row): Promise<Record<string, Writable>> {
  const { metadata } = context.services;
  const invoices = metadata.table('invoice')!;
  const lines = metadata.table('invoicedetail')!;
  const lineRows = (await invoiceLineRows(context.trx, invoice.invoiceid as string)).map((row) =>
    context.services.records.decodeRow(lines, row),
  );
  return {
    invoice: entity(invoices, invoice),
    invoicedetails: lineRows.map((line) => entity(lines, line)),
  };
}
