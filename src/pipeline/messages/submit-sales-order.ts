/**
 * Submit Order as a verb (PRODUCT.md C4), the same transition as PATCH statecode 1 / statuscode 3.
 * Submitting a Submitted order again writes nothing.
 */

import { SalesOrderState, SalesOrderStatus } from '../../domain/metadata/named-states.js';
import { salesorderMachine } from '../../sales/state-machines.js';
import { requireAccess } from '../../security/authorization.js';
import { grantTransition } from '../lifecycle/message-grants.js';
import { loadRecord, requireTransition, tableOf } from '../lifecycle/sales-records.js';
import { updateRecord } from '../record-writer.js';
import type { Message } from './message.js';

export interface SubmitSalesOrderInput {
  readonly salesOrderId: string;
}

export const submitSalesOrder: Message<SubmitSalesOrderInput, void> = async (context, input) => {
  const orders = tableOf(context, 'salesorder');
  const id = input.salesOrderId;
  // Submitted / In Progress, as PATCH statecode 1 / statuscode 3 does it.
  const [state, status] = [SalesOrderState.Submitted, SalesOrderStatus.InProgress];
  const order = await loadRecord(context, orders, id);
  await requireTransition(context, salesorderMachine, order, state, status, 'ol_SubmitSalesOrder');
  if (order.statecode === state) {
    // Still a write to the order as far as privileges go, but nothing changes.
    requireAccess(context.caller, orders, 'write', order);
    return;
  }
  grantTransition(context, orders.logicalName, id, 'ol_SubmitSalesOrder');
  await updateRecord(context, orders, id, { attributes: { statecode: state, statuscode: status }, bindings: [] });
};
