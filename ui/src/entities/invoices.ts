/** Invoices. Editable while the server allows an Update (an Active invoice the user may change). */
import { serverAllowsUpdate } from '../commands/allowed-messages';
import { invoiceCommands } from '../commands/invoice-commands';
import type { EntityDefinition } from './entity-definition';
import {
  customerField,
  descriptionField,
  nameField,
  priceListField,
  salesListColumns,
  salesTotals,
  stateOf,
} from './shared-fields';
import { InvoiceState } from './state-names';

export const invoices: EntityDefinition = {
  area: 'invoices',
  set: 'invoices',
  logicalName: 'invoice',
  id: 'invoiceid',
  primaryName: 'name',
  singular: 'Invoice',
  plural: 'Invoices',
  numberColumn: 'invoicenumber',
  listColumns: salesListColumns('invoicenumber', 'Invoice ID'),
  searchColumns: ['name', 'invoicenumber'],
  fields: [
    nameField,
    customerField,
    priceListField,
    { column: 'duedate', label: 'Due Date', kind: 'date' },
    descriptionField,
  ],
  extraColumns: ['ispricelocked'],
  totals: salesTotals,
  salesLines: { set: 'invoicedetails', id: 'invoicedetailid', parent: 'invoiceid' },
  hasState: true,
  editable: serverAllowsUpdate,
  notice: ({ record }) =>
    stateOf(record) === InvoiceState.Active
      ? undefined
      : {
          intent: 'info',
          title: `This invoice is ${String(record.statecode_Formatted ?? 'closed')}`,
          text: 'It can no longer be edited.',
        },
  commands: invoiceCommands,
};
