/**
 * ConvertSalesOrderToInvoice (reference 6, Create Invoice): a new invoice copied from the order, with
 * its lines; the order becomes Invoiced.
 */

import { SalesOrderState, SalesOrderStatus } from '../../domain/metadata/named-states.js';
import { salesorderMachine } from '../../sales/state-machines.js';
import {
  changeState,
  copyHeader,
  copyLines,
  lineTableOf,
  loadRecord,
  requireSource,
  requireTransition,
  tableOf,
} from '../lifecycle/sales-records.js';
import type { CreatedRecord, Message } from './message.js';

export interface ConvertSalesOrderToInvoiceInput {
  readonly salesOrderId: string;
}

export const convertSalesOrderToInvoice: Message<ConvertSalesOrderToInvoiceInput, CreatedRecord> = async (
  context,
  input,
) => {
  const orders = tableOf(context, 'salesorder');
  const invoices = tableOf(context, 'invoice');
  const order = await loadRecord(context, orders, input.salesOrderId);
  const message = 'ConvertSalesOrderToInvoice';
  const [state, status] = [SalesOrderState.Invoiced, SalesOrderStatus.Invoiced];
  requireSource(salesorderMachine, message, order);
  // Refused before anything is written while the order processing integration is on.
  await requireTransition(context, salesorderMachine, order, state, status, message);
  const invoice = await copyHeader(context, orders, order, invoices, {
    salesorderid: order.salesorderid!,
    ...(typeof order.opportunityid === 'string' ? { opportunityid: order.opportunityid } : {}),
  });
  await copyLines(
    context,
    lineTableOf(context, salesorderMachine),
    order.salesorderid as string,
    tableOf(context, 'invoicedetail'),
    invoice.row,
  );
  await changeState(context, salesorderMachine, order, state, status, message);
  return { logicalName: invoices.logicalName, id: invoice.id };
};
