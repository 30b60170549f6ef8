/**
 * The invoice's command bar: price lock, recalculation, marking it paid or canceled (each asks first),
 * and reactivating a paid or canceled one. Which commands appear is the server's answer
 * (`ol_RetrieveAllowedMessages`), from the invoice's state and the user's privileges.
 */
import { CancelInvoiceDialog, InvoicePaidDialog } from '../dialogs/invoice-dialogs';
import type { CommandDefinition } from '../entities/entity-definition';
import { InvoiceState, InvoiceStatus } from '../entities/state-names';
import { allows } from './allowed-messages';
import { priceLockCommands } from './price-lock-commands';
import { recalculate, setState } from './sales-actions';

export const invoiceCommands: readonly CommandDefinition[] = [
  ...priceLockCommands('Invoice', 'InvoiceId'),
  {
    label: 'Recalculate',
    // Offered where the invoice can be edited: on a read-only one the server refuses it.
    visible: (context) => allows('RecalculatePrice')(context) && allows('Update')(context),
    async run({ client, id }) {
      await recalculate(client, 'invoice', id);
      return { message: 'The invoice was recalculated.' };
    },
  },
  {
    label: 'Mark as Paid',
    visible: allows('SetStatePaid'),
    // Asks for the status reason, Complete or Partial (InvoicePaidDialog).
    dialog: InvoicePaidDialog,
  },
  {
    label: 'Cancel Invoice',
    visible: allows('SetStateCanceled'),
    dialog: CancelInvoiceDialog,
  },
  {
    // Not asked: it makes a paid or canceled invoice editable again, which closing again undoes.
    label: 'Reactivate Invoice',
    visible: allows('SetStateActive'),
    async run({ client, id }) {
      await setState(client, 'invoices', id, InvoiceState.Active, InvoiceStatus.New);
      return { message: 'The invoice is active again and can be edited.' };
    },
  },
];
