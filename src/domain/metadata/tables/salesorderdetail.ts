import { boolean, dateonly, decimal, lookup, picklist, readOnly, string } from '../columns.js';
import { defineTable } from '../define-table.js';
import { backOfficeRevisionColumn } from './back-office-columns.js';
import { salesLineColumns } from './sales-columns.js';

/** Order Product (reference 4.5), a child of its order through `order_details`. */
export const salesorderdetail = defineTable({
  logicalName: 'salesorderdetail',
  entitySetName: 'salesorderdetails',
  schemaName: 'SalesOrderDetail',
  displayName: 'Order Product',
  displayCollectionName: 'Order Products',
  primaryName: 'salesorderdetailname',
  ownership: 'user',
  privilegeGroup: 'sales',
  changeTracking: true,
  parentLookup: 'salesorderid',
  columns: [
    ...salesLineColumns({
      parent: 'salesorderid',
      parentTable: 'salesorder',
      parentLabel: 'Order',
      relationship: 'order_details',
      primaryName: 'salesorderdetailname',
      currencyRelationship: 'transactioncurrency_salesorderdetail',
      productRelationship: 'product_order_details',
      uomRelationship: 'unit_of_measurement_order_details',
    }),
    boolean('salesorderispricelocked', 'Order Is Price Locked', {}, readOnly),
    picklist(
      'salesorderstatecode',
      'Order Status',
      { 0: 'Active', 1: 'Submitted', 2: 'Canceled', 3: 'Fulfilled', 4: 'Invoiced' },
      readOnly,
    ),
    decimal('quantityshipped', 'Quantity Shipped', { precision: 5, min: '-1000000000', max: '1000000000' }),
    decimal('quantitybackordered', 'Quantity Back Ordered', { precision: 5, min: '-1000000000', max: '1000000000' }),
    decimal('quantitycancelled', 'Quantity Canceled', { precision: 5, min: '0', max: '1000000000' }),
    dateonly('requestdeliveryby', 'Requested Delivery Date'),
    lookup('salesrepid', 'Salesperson', 'systemuser'),
    boolean('willcall', 'Ship To', { trueLabel: 'Will Call', falseLabel: 'Address' }),
    picklist('shipto_freighttermscode', 'Freight Terms', { 1: 'FOB', 2: 'No Charge' }),
    string('shipto_name', 'Ship To Name', 200),
    string('shipto_line1', 'Ship To Street 1', 250),
    string('shipto_city', 'Ship To City', 80),
    string('shipto_postalcode', 'Ship To ZIP/Postal Code', 20),
    string('shipto_country', 'Ship To Country/Region', 80),
    lookup('quotedetailid', 'Quote Product', 'quotedetail', {
      relationship: { name: 'quotedetail_salesorderdetail', onDelete: 'removeLink' },
    }),
    string('productnumber', 'Product ID', 100, readOnly),
    backOfficeRevisionColumn,
  ],
});
