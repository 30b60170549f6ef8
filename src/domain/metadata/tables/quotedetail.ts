import { boolean, dateonly, lookup, picklist, readOnly } from '../columns.js';
import { defineTable } from '../define-table.js';
import { salesLineColumns } from './sales-columns.js';

/** Quote Product (reference 4.5), a child of its quote through `quote_details`. */
export const quotedetail = defineTable({
  logicalName: 'quotedetail',
  entitySetName: 'quotedetails',
  schemaName: 'QuoteDetail',
  displayName: 'Quote Product',
  displayCollectionName: 'Quote Products',
  primaryName: 'quotedetailname',
  ownership: 'user',
  privilegeGroup: 'sales',
  parentLookup: 'quoteid',
  columns: [
    ...salesLineColumns({
      parent: 'quoteid',
      parentTable: 'quote',
      parentLabel: 'Quote',
      relationship: 'quote_details',
      primaryName: 'quotedetailname',
      currencyRelationship: 'transactioncurrency_quotedetail',
      productRelationship: 'product_quote_details',
      uomRelationship: 'unit_of_measurement_quote_details',
    }),
    picklist('quotestatecode', 'Quote Status', { 0: 'Draft', 1: 'Active', 2: 'Won', 3: 'Closed' }, readOnly),
    dateonly('requestdeliveryby', 'Requested Delivery Date'),
    boolean('willcall', 'Ship To', { trueLabel: 'Will Call', falseLabel: 'Address' }),
    lookup('salesrepid', 'Salesperson', 'systemuser'),
  ],
});
