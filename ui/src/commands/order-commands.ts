/**
 * The order's command bar. Which commands appear is the server's answer (`ol_RetrieveAllowedMessages`):
 * it weighs the integration switch (the seed: Submit Order while it is on, Create Invoice while it is
 * off, never both), the order's state, the submitted-order lock and the user's privileges, so a
 * salesperson is never offered a command the server would refuse.
 */

import { CancelOrderDialog } from '../dialogs/cancel-order-dialog';
import { CreateInvoiceDialog } from '../dialogs/create-invoice-dialog';
import { FulfillOrderDialog } from '../dialogs/fulfill-order-dialog';
import { SubmitOrderDialog } from '../dialogs/submit-order-dialog';
import type { CommandDefinition } from '../entities/entity-definition';
import { SalesOrderState, SalesOrderStatus } from '../entities/state-names';
import { allows } from './allowed-messages';
import { priceLockCommands } from './price-lock-commands';
import { recalculate, setState } from './sales-actions';

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
    // Asks first: the order becomes Invoiced, which is final (CreateInvoiceDialog).
    dialog: CreateInvoiceDialog,
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
    // Asks first, with the status reason, Complete or Partial (FulfillOrderDialog).
    dialog: FulfillOrderDialog,
  },
  {
    label: 'Cancel Order',
    visible: allows('CancelSalesOrder'),
    // Asks first, with the status reason and a description (CancelOrderDialog runs CancelSalesOrder).
    dialog: CancelOrderDialog,
  },
];
