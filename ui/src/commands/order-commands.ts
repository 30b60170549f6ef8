/**
 * The order's command bar. The seed: while the order processing integration is on, Create Invoice does
 * not appear and Submit Order does; while it is off, the reverse. Never both.
 */

import type { CommandDefinition, RecordContext } from '../entities/entity-definition';
import { stateOf } from '../entities/shared-fields';
import { SalesOrderState, SalesOrderStatus } from '../entities/state-names';
import { priceLockCommands } from './price-lock-commands';
import { closeRecord, createFrom, recalculate, setState } from './sales-actions';

/** Closing a submitted order is the back office's job while the integration is on (docs/lifecycle.md). */
const mayClose = ({ record, organization, user }: RecordContext) =>
  stateOf(record) === SalesOrderState.Active ||
  (stateOf(record) === SalesOrderState.Submitted && (!organization.integrationEnabled || user.isIntegrationUser));

/** The states Create Invoice (ConvertSalesOrderToInvoice) accepts an order in. */
const invoiceableStates: readonly number[] = [
  SalesOrderState.Active,
  SalesOrderState.Submitted,
  SalesOrderState.Fulfilled,
];

const orderClose = (id: string) => ({ parameter: 'OrderClose', set: 'salesorders', bind: 'salesorderid', id });

export const orderCommands: readonly CommandDefinition[] = [
  {
    label: 'Submit Order',
    visible: ({ record, organization }) =>
      organization.integrationEnabled && stateOf(record) === SalesOrderState.Active,
    async run({ client, id }) {
      await client.callAction({
        collection: 'salesorders',
        key: id,
        actionName: 'Microsoft.Dynamics.CRM.ol_SubmitSalesOrder',
        action: {},
      });
      return { message: 'The order was submitted to the back office.' };
    },
  },
  {
    label: 'Create Invoice',
    visible: ({ record, organization }) =>
      !organization.integrationEnabled && invoiceableStates.includes(stateOf(record)),
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
    visible: ({ record, organization }) =>
      !organization.integrationEnabled && stateOf(record) === SalesOrderState.Submitted,
    async run({ client, id }) {
      await setState(client, 'salesorders', id, SalesOrderState.Active, SalesOrderStatus.New);
      return { message: 'The order is active again and can be edited.' };
    },
  },
  ...priceLockCommands('SalesOrder', 'SalesOrderId'),
  {
    label: 'Recalculate',
    visible: (context) => context.entity.editable(context),
    async run({ client, id }) {
      await recalculate(client, 'salesorder', id);
      return { message: 'The order was recalculated.' };
    },
  },
  {
    label: 'Fulfill Order',
    visible: mayClose,
    async run({ client, id }) {
      await closeRecord(client, 'FulfillSalesOrder', orderClose(id), 'Order fulfilled', SalesOrderStatus.Complete);
      return { message: 'The order is fulfilled.' };
    },
  },
  {
    label: 'Cancel Order',
    visible: mayClose,
    async run({ client, id }) {
      await closeRecord(client, 'CancelSalesOrder', orderClose(id), 'Order canceled');
      return { message: 'The order is canceled.' };
    },
  },
];
