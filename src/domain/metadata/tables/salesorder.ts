import { boolean, dateonly, integer, lookup, memo, picklist, readOnly, string, updateOnly } from '../columns.js';
import { defineTable, state } from '../define-table.js';
import { backOfficeOrderColumns } from './back-office-columns.js';
import { fulfilmentColumns, salesHeaderColumns } from './sales-columns.js';

/** Order (reference 4.1, 4.2, 4.4). Only Active orders are editable; Submitted is the seed's state. */
export const salesorder = defineTable({
  logicalName: 'salesorder',
  entitySetName: 'salesorders',
  schemaName: 'SalesOrder',
  displayName: 'Order',
  displayCollectionName: 'Orders',
  primaryName: 'name',
  ownership: 'user',
  privilegeGroup: 'sales',
  changeTracking: true,
  alternateKeys: [['ordernumber']],
  // Restrict relationships get no index of their own (schema-sync), but these two are read from the
  // opportunity's and the quote's side: the delete's restrict check and `$expand` of their orders.
  indexes: [['opportunityid'], ['quoteid']],
  states: [
    state(0, 'Active', 1, { 1: 'New', 2: 'Pending' }),
    state(1, 'Submitted', 3, { 3: 'In Progress' }),
    state(2, 'Canceled', 4, { 4: 'No Money' }),
    state(3, 'Fulfilled', 100001, { 100001: 'Complete', 100002: 'Partial' }),
    state(4, 'Invoiced', 100003, { 100003: 'Invoiced' }),
  ],
  columns: [
    ...salesHeaderColumns(
      {
        customer: { account: 'order_customer_accounts', contact: 'order_customer_contacts' },
        pricelevel: 'price_level_orders',
        currency: 'transactioncurrency_salesorder',
      },
      { currencyFixed: true },
    ),
    ...fulfilmentColumns(),
    string('ordernumber', 'Order ID', 100, { required: 'system', validForUpdate: false }),
    // Dataverse's cascade configuration of both relationships is Delete: Restrict (the Order entity
    // reference): an opportunity or quote that an order came from cannot be deleted while the order exists.
    lookup('opportunityid', 'Opportunity', 'opportunity', {
      relationship: { name: 'opportunity_sales_orders', onDelete: 'restrict' },
    }),
    lookup('quoteid', 'Quote', 'quote', { relationship: { name: 'quote_orders', onDelete: 'restrict' } }),
    boolean('ispricelocked', 'Prices Locked', { default: false }, { ...updateOnly, required: 'application' }),
    dateonly('datefulfilled', 'Date Fulfilled'),
    dateonly('submitdate', 'Date Submitted'),
    integer('submitstatus', 'Submitted Status', { min: 0, max: 1_000_000_000 }),
    memo('submitstatusdescription', 'Submitted Status Description', 2000),
    dateonly('lastbackofficesubmit', 'Last Submitted to Back Office'),
    picklist('msdyn_ordertype', 'Order Type', { 192350000: 'Item based', 192350001: 'Work based' }),
    integer('onholdtime', 'On Hold Time (Minutes)', { min: -2_147_483_648, max: 2_147_483_647 }, readOnly),
    ...backOfficeOrderColumns(),
  ],
});
