import { dateonly, lookup, memo, picklist, string } from '../columns.js';
import { defineTable, state } from '../define-table.js';

/** Price List (reference 4.6): one currency, a validity window, and its price list items. */
export const pricelevel = defineTable({
  logicalName: 'pricelevel',
  entitySetName: 'pricelevels',
  schemaName: 'PriceLevel',
  displayName: 'Price List',
  displayCollectionName: 'Price Lists',
  primaryName: 'name',
  ownership: 'organization',
  privilegeGroup: 'catalog',
  states: [state(0, 'Active', 100001, { 100001: 'Active' }), state(1, 'Inactive', 100002, { 100002: 'Inactive' })],
  columns: [
    string('name', 'Name', 100, { required: 'system' }),
    dateonly('begindate', 'Start Date'),
    dateonly('enddate', 'End Date'),
    lookup('transactioncurrencyid', 'Currency', 'transactioncurrency', {
      required: 'system',
      relationship: { name: 'transactioncurrency_pricelevel', onDelete: 'restrict' },
    }),
    picklist('freighttermscode', 'Freight Terms', { 1: 'Default Value' }),
    picklist('paymentmethodcode', 'Payment Method', { 1: 'Default Value' }),
    picklist('shippingmethodcode', 'Shipping Method', { 1: 'Default Value' }),
    memo('description', 'Description', 2000),
  ],
});
