/** The invoice's command bar: price lock, recalculation, and marking it paid or canceled. */
import type { CommandDefinition } from '../entities/entity-definition';
import { stateOf } from '../entities/shared-fields';
import { InvoiceState, InvoiceStatus } from '../entities/state-names';
import { priceLockCommands } from './price-lock-commands';
import { recalculate, setState } from './sales-actions';

export const invoiceCommands: readonly CommandDefinition[] = [
  ...priceLockCommands('Invoice', 'InvoiceId'),
  {
    label: 'Recalculate',
    visible: (context) => context.entity.editable(context),
    async run({ client, id }) {
      await recalculate(client, 'invoice', id);
      return { message: 'The invoice was recalculated.' };
    },
  },
  {
    label: 'Mark as Paid',
    visible: ({ record }) => stateOf(record) === InvoiceState.Active,
    async run({ client, id }) {
      await setState(client, 'invoices', id, InvoiceState.Paid, InvoiceStatus.Complete);
      return { message: 'The invoice is paid.' };
    },
  },
  {
    label: 'Cancel Invoice',
    visible: ({ record }) => stateOf(record) === InvoiceState.Active,
    async run({ client, id }) {
      await setState(client, 'invoices', id, InvoiceState.Canceled, InvoiceStatus.Canceled);
      return { message: 'The invoice is canceled.' };
    },
  },
];
