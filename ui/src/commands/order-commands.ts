/**
 * The order's command bar. Which commands appear is the server's answer (`ol_RetrieveAllowedMessages`):
 * it weighs the integration switch (the seed: Submit Order while it is on, Create Invoice while it is
 * off, never both), the order's state, the submitted-order lock and the user's privileges, so a
 * salesperson is never offered a command the server would refuse.
 */

import { CancelOrderDialog } from '../dialogs/cancel-order-dialog';
import { SubmitOrderDialog } from '../dialogs/submit-order-dialog';
import type { CommandDefinition, RecordContext } from '../entities/entity-definition';
import { SalesOrderState, SalesOrderStatus } from '../entities/state-names';
import { priceLockCommands } from './price-lock-commands';
import { closeRecord, createFrom, recalculate, setState } from './sales-actions';

const allows =
  (message: string) =>
  ({ allowedMessages }: RecordContext) =>
    allowedMessages?.has(message) === true;

const orderClose = (id: string) => ({ parameter: 'OrderClose', set: 'salesorders', bind: 'salesorderid', id });

export const orderCommands: readonly CommandDefinition[] = [
  {
    label: 'Submit Order',
    visible: allows('ol_SubmitSalesOrder'),
    // Asks first, saying what happens next (SubmitOrderDialog runs ol_SubmitSalesOrder).
    dialog: SubmitOrderDialog,
  },
  {
    label: 'Create Invoice',
    visible: allows('ConvertSalesOrderToInvoice'),
    async run({ client, id }) {
      const navigateTo = await createFrom(
        client,
        'ConvertSalesOrderToInvoice',
        { SalesOrderId: id, ColumnSet: { AllColumns: true } },
        { area: 'invoices', id: 'invoiceid' },
      );
      return { navigateTo, message: 'The invoice was created from the order.' };
    },
  },
  {
    // With the integration off a submitted order no longer belongs to the back office: it stays
    // read-only like every order that is not Active, and Reopen brings it back to Active to edit it.
    label: 'Reopen Order',
    visible: allows('SetStateActive'),
    async run({ client, id }) {
      await setState(client, 'salesorders', id, SalesOrderState.Active, SalesOrderStatus.New);
      return { message: 'The order is active again and can be edited.' };
    },
  },
  ...priceLockCommands('SalesOrder', 'SalesOrderId'),
  {
    label: 'Recalculate',
    // Offered where the order can be edited: on a locked order the server accepts it and changes nothing.
    visible: (context) => allows('RecalculatePrice')(context) && allows('Update')(context),
    async run({ client, id }) {
      await recalculate(client, 'salesorder', id);
      return { message: 'The order was recalculated.' };
    },
  },
  {
    label: 'Fulfill Order',
    visible: allows('FulfillSalesOrder'),
    async run({ client, id }) {
      await closeRecord(client, 'FulfillSalesOrder', orderClose(id), 'Order fulfilled', SalesOrderStatus.Complete);
      return { message: 'The order is fulfilled.' };
    },
  },
  {
    label: 'Cancel Order',
    visible: allows('CancelSalesOrder'),
    // Asks first, with the status reason and a description (CancelOrderDialog runs CancelSalesOrder).
    dialog: CancelOrderDialog,
  },
];
