/**
 * Orders (salesorder). Editable while Active; a Submitted order only by an integration user while the
 * order processing integration is on (the seed: "une commande envoyée est verrouillée pour modification
 * ... hormis si elle est envoyée par un utilisateur d'intégration").
 */

import { serverAllowsUpdate } from '../commands/allowed-messages';
import { orderCommands } from '../commands/order-commands';
import { BackOfficeStatus } from '../orders/back-office-status';
import { IntegrationTimeline } from '../orders/integration-timeline';
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
import { SalesOrderState } from './state-names';

/** The server's answer: it weighs the state, the submitted-order lock and the user's privileges. */
const editable = serverAllowsUpdate;

export const orders: EntityDefinition = {
  area: 'orders',
  set: 'salesorders',
  logicalName: 'salesorder',
  id: 'salesorderid',
  primaryName: 'name',
  singular: 'Order',
  plural: 'Orders',
  numberColumn: 'ordernumber',
  listColumns: salesListColumns('ordernumber', 'Order ID'),
  searchColumns: ['name', 'ordernumber'],
  fields: [
    nameField,
    customerField,
    priceListField,
    { column: 'requestdeliveryby', label: 'Requested Delivery Date', kind: 'date' },
    {
      column: 'paymenttermscode',
      label: 'Payment Terms',
      kind: 'choice',
      choices: [
        { value: 1, label: 'Net 30' },
        { value: 2, label: '2% 10, Net 30' },
        { value: 3, label: 'Net 45' },
        { value: 4, label: 'Net 60' },
      ],
    },
    descriptionField,
  ],
  extraColumns: ['ispricelocked', 'submitdate'],
  totals: salesTotals,
  salesLines: { set: 'salesorderdetails', id: 'salesorderdetailid', parent: 'salesorderid' },
  hasState: true,
  editable,
  notice(context) {
    const state = stateOf(context.record);
    if (state === SalesOrderState.Submitted && editable(context)) {
      return {
        intent: 'info',
        title: 'Submitted to the back office',
        text: 'You are an integration user: you can still change this order to keep it in step with the back office.',
      };
    }
    if (state === SalesOrderState.Submitted) {
      return {
        intent: 'warning',
        title: 'Submitted to the back office: read-only',
        text: context.organization.integrationEnabled
          ? 'This order was submitted to the back-office order processing system and is locked. Only the integration can change it now.'
          : 'The order processing integration is off, so this order no longer belongs to the back office. Reopen it to edit it, or fulfill, cancel or invoice it.',
      };
    }
    if (state !== SalesOrderState.Active) {
      return {
        intent: 'info',
        title: `This order is ${String(context.record.statecode_Formatted ?? 'closed')}`,
        text: 'It can no longer be edited.',
      };
    }
    return undefined;
  },
  commands: orderCommands,
  panels: [
    { name: 'back-office-status', Panel: BackOfficeStatus },
    { name: 'integration-timeline', Panel: IntegrationTimeline },
  ],
};
