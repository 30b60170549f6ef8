import { boolean, dateonly, lookup, string, updateOnly } from '../columns.js';
import { defineTable, state } from '../define-table.js';
import { backOfficeRevisionColumn } from './back-office-columns.js';
import { fulfilmentColumns, salesHeaderColumns } from './sales-columns.js';

/**
 * Invoice (reference 4.1, 4.2, 4.4). Paid and canceled invoices are read-only unless reactivated; the
 * back office writes invoices in as Billed.
 */
export const invoice = defineTable({
  logicalName: 'invoice',
  entitySetName: 'invoices',
  schemaName: 'Invoice',
  displayName: 'Invoice',
  displayCollectionName: 'Invoices',
  primaryName: 'name',
  ownership: 'user',
  privilegeGroup: 'sales',
  changeTracking: true,
  alternateKeys: [['invoicenumber']],
  states: [
    state(0, 'Active', 1, {
      1: 'New',
      2: 'Partially Shipped',
      4: 'Billed',
      5: 'Booked (applies to services)',
      6: 'Installed (applies to services)',
    }),
    // Reference 4.2 prints 100003 as this state's default, which is a status of Canceled (3), not of this
    // state; Dataverse's default here is 3.
    state(1, 'Closed (deprecated)', 3, { 3: 'Canceled (deprecated)', 7: 'Paid in Full (deprecated)' }),
    state(2, 'Paid', 100001, { 100001: 'Complete', 100002: 'Partial' }),
    state(3, 'Canceled', 100003, { 100003: 'Canceled' }),
  ],
  columns: [
    ...salesHeaderColumns(
      {
        customer: { account: 'invoice_customer_accounts', contact: 'invoice_customer_contacts' },
        pricelevel: 'price_level_invoices',
        currency: 'transactioncurrency_invoice',
      },
      { currencyFixed: true },
    ),
    ...fulfilmentColumns(),
    string('invoicenumber', 'Invoice ID', 100, { required: 'system', validForUpdate: false }),
    dateonly('duedate', 'Due Date'),
    dateonly('datedelivered', 'Date Delivered'),
    boolean('ispricelocked', 'Prices Locked', { default: false }, { ...updateOnly, required: 'application' }),
    dateonly('lastbackofficesubmit', 'Last Submitted to Back Office'),
    lookup('salesorderid', 'Order', 'salesorder', {
      relationship: { name: 'order_invoices', onDelete: 'removeLink' },
    }),
    lookup('opportunityid', 'Opportunity', 'opportunity', {
      relationship: { name: 'opportunity_invoices', onDelete: 'removeLink' },
    }),
    backOfficeRevisionColumn,
  ],
});
