import {
  boolean,
  createOnly,
  dateonly,
  decimal,
  integer,
  lookup,
  memo,
  money,
  picklist,
  readOnly,
  string,
} from '../columns.js';
import { defineTable, state } from '../define-table.js';
import { EXCHANGE_RATE } from './sales-columns.js';

/** Prices and costs of the catalog: organization pricing precision (PrecisionSource 1). */
const CATALOG_PRICE = { precisionSource: 1, min: '0', max: '1000000000000', withBase: true } as const;

/**
 * Product (reference 4.6). New products start in Draft unless the organization creates them active;
 * they are published (Active), revised (Under Revision) and retired.
 */
export const product = defineTable({
  logicalName: 'product',
  entitySetName: 'products',
  schemaName: 'Product',
  displayName: 'Product',
  displayCollectionName: 'Products',
  primaryName: 'name',
  ownership: 'organization',
  privilegeGroup: 'catalog',
  alternateKeys: [['productnumber']],
  states: [
    state(0, 'Active', 1, { 1: 'Active' }),
    state(1, 'Retired', 2, { 2: 'Retired' }),
    state(2, 'Draft', 0, { 0: 'Draft' }),
    state(3, 'Under Revision', 3, { 3: 'Under Revision' }),
  ],
  initialState: 2,
  columns: [
    string('name', 'Name', 100, { required: 'system' }),
    string('productnumber', 'Product ID', 100, { required: 'system' }),
    memo('description', 'Description', 2000),
    picklist(
      'productstructure',
      'Product Structure',
      { 1: 'Product', 2: 'Product Family', 3: 'Product Bundle' },
      { ...createOnly, default: 1 },
    ),
    picklist(
      'producttypecode',
      'Product Type',
      { 1: 'Sales Inventory', 2: 'Miscellaneous Charges', 3: 'Services', 4: 'Flat Fees' },
      { default: 1 },
    ),
    money('price', 'List Price', CATALOG_PRICE),
    money('currentcost', 'Current Cost', CATALOG_PRICE),
    money('standardcost', 'Standard Cost', CATALOG_PRICE),
    lookup('pricelevelid', 'Default Price List', 'pricelevel', {
      relationship: { name: 'price_level_products', onDelete: 'removeLink' },
    }),
    lookup('defaultuomid', 'Default Unit', 'uom', {
      relationship: { name: 'unit_of_measurement_products', onDelete: 'restrict' },
    }),
    lookup('defaultuomscheduleid', 'Unit Group', 'uomschedule', {
      relationship: { name: 'unit_of_measure_schedule_products', onDelete: 'restrict' },
    }),
    integer('quantitydecimal', 'Decimals Supported', { min: 0, max: 5, default: 0 }),
    decimal('quantityonhand', 'Quantity On Hand', { precision: 5, min: '0', max: '1000000000' }),
    lookup('parentproductid', 'Parent', 'product', {
      relationship: { name: 'product_parent_product', onDelete: 'restrict' },
    }),
    dateonly('validfromdate', 'Valid From'),
    dateonly('validtodate', 'Valid To'),
    string('vendorname', 'Vendor', 100),
    string('vendorpartnumber', 'Vendor Part Number', 100),
    boolean('isstockitem', 'Stock Item'),
    lookup('transactioncurrencyid', 'Currency', 'transactioncurrency', {
      relationship: { name: 'transactioncurrency_product', onDelete: 'restrict' },
    }),
    decimal('exchangerate', 'Exchange Rate', EXCHANGE_RATE, readOnly),
  ],
});
