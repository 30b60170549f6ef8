import { boolean, decimal, lookup, picklist, readOnly } from '../columns.js';
import { defineTable } from '../define-table.js';
import { backOfficeRevisionColumn } from './back-office-columns.js';
import { salesLineColumns } from './sales-columns.js';

/** Invoice Product (reference 4.5), a child of its invoice through `invoice_details`. */
export const invoicedetail = defineTable({
  logicalName: 'invoicedetail',
  entitySetName: 'invoicedetails',
  schemaName: 'InvoiceDetail',
  displayName: 'Invoice Product',
  displayCollectionName: 'Invoice Products',
  primaryName: 'invoicedetailname',
  ownership: 'user',
  privilegeGroup: 'sales',
  changeTracking: true,
  parentLookup: 'invoiceid',
  columns: [
    ...salesLineColumns({
      parent: 'invoiceid',
      parentTable: 'invoice',
      parentLabel: 'Invoice',
      relationship: 'invoice_details',
      primaryName: 'invoicedetailname',
      currencyRelationship: 'transactioncurrency_invoicedetail',
      productRelationship: 'product_invoice_details',
      uomRelationship: 'unit_of_measurement_invoice_details',
    }),
    boolean('invoiceispricelocked', 'Invoice Is Price Locked', {}, readOnly),
    picklist(
      'invoicestatecode',
      'Invoice Status',
      { 0: 'Active', 1: 'Closed (deprecated)', 2: 'Paid', 3: 'Canceled' },
      readOnly,
    ),
    decimal('quantityshipped', 'Quantity Shipped', { precision: 5, min: '-1000000000', max: '1000000000' }),
    decimal('quantitybackordered', 'Quantity Back Ordered', { precision: 5, min: '-1000000000', max: '1000000000' }),
    decimal('quantitycancelled', 'Quantity Canceled', { precision: 5, min: '0', max: '1000000000' }),
    lookup('salesorderdetailid', 'Order Product', 'salesorderdetail', {
      relationship: { name: 'msdyn_salesorderdetail_invoicedetail', onDelete: 'removeLink' },
    }),
    lookup('salesrepid', 'Salesperson', 'systemuser'),
    backOfficeRevisionColumn,
  ],
});
