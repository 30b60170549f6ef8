/**
 * Columns shared by the four sales headers (opportunity, quote, salesorder, invoice) and by their four
 * line tables, as dataverse-reference.md sections 4.4 and 4.5 list them. Each table file adds what is
 * particular to it.
 */
import {
  boolean,
  type ColumnList,
  createOnly,
  customer,
  dateonly,
  decimal,
  integer,
  lookup,
  memo,
  money,
  picklist,
  pricingEngine,
  readOnly,
  string,
  uniqueidentifier,
} from '../columns.js';

/** Reference 4.7: `pricingerrorcode` on headers and lines. */
export const pricingErrorCodes: Readonly<Record<number, string>> = {
  0: 'None',
  1: 'Detail Error',
  2: 'Missing Price Level',
  3: 'Inactive Price Level',
  4: 'Missing Quantity',
  5: 'Missing Unit Price',
  6: 'Missing Product',
  7: 'Invalid Product',
  8: 'Missing Pricing Code',
  9: 'Invalid Pricing Code',
  10: 'Missing UOM',
  11: 'Product Not In Price Level',
  12: 'Missing Price Level Amount',
  13: 'Missing Price Level Percentage',
  14: 'Missing Price',
  15: 'Missing Current Cost',
  16: 'Missing Standard Cost',
  17: 'Invalid Price Level Amount',
  18: 'Invalid Price Level Percentage',
  19: 'Invalid Price',
  20: 'Invalid Current Cost',
  21: 'Invalid Standard Cost',
  22: 'Invalid Rounding Policy',
  23: 'Invalid Rounding Option',
  24: 'Invalid Rounding Amount',
  25: 'Price Calculation Error',
  26: 'Invalid Discount Type',
  27: 'Discount Type Invalid State',
  28: 'Invalid Discount',
  29: 'Invalid Quantity',
  30: 'Invalid Pricing Precision',
  31: 'Missing Product Default UOM',
  32: 'Missing Product UOM Schedule',
  33: 'Inactive Discount Type',
  34: 'Invalid Price Level Currency',
  35: 'Price Attribute Out Of Range',
  36: 'Base Currency Attribute Overflow',
  37: 'Base Currency Attribute Underflow',
  38: 'Transaction currency is not set for the product price list item',
};

export const EXCHANGE_RATE = { precision: 12, min: '0.000000000001', max: '100000000000' } as const;
const USER_AMOUNT = { min: '0', max: '1000000000000' } as const;

function addressColumns(prefix: 'billto' | 'shipto'): ColumnList {
  return [
    string(`${prefix}_name`, `${prefix === 'billto' ? 'Bill To' : 'Ship To'} Name`, 200),
    string(`${prefix}_contactname`, 'Contact Name', 150),
    string(`${prefix}_line1`, 'Street 1', 250),
    string(`${prefix}_line2`, 'Street 2', 250),
    string(`${prefix}_line3`, 'Street 3', 250),
    string(`${prefix}_city`, 'City', 80),
    string(`${prefix}_stateorprovince`, 'State/Province', 50),
    string(`${prefix}_postalcode`, 'ZIP/Postal Code', 20),
    string(`${prefix}_country`, 'Country/Region', 80),
    string(`${prefix}_telephone`, 'Phone', 50),
    string(`${prefix}_fax`, 'Fax', 50),
  ];
}

export interface HeaderRelationships {
  /** Relationship names toward account and contact for the customer column. */
  readonly customer: { account: string; contact: string };
  readonly pricelevel: string;
  readonly currency: string;
}

/** Reference 4.4: pricing, totals and key columns of every sales header. */
export function salesHeaderColumns(
  relationships: HeaderRelationships,
  options: { currencyFixed: boolean },
): ColumnList {
  return [
    string('name', 'Name', 300, { required: 'application' }),
    memo('description', 'Description', 2000),
    customer('customerid', 'Customer', relationships.customer, { required: 'application' }),
    lookup('pricelevelid', 'Price List', 'pricelevel', {
      relationship: { name: relationships.pricelevel, onDelete: 'restrict' },
    }),
    lookup('transactioncurrencyid', 'Currency', 'transactioncurrency', {
      required: 'application',
      relationship: { name: relationships.currency, onDelete: 'restrict' },
      ...(options.currencyFixed ? createOnly : {}),
    }),
    decimal('exchangerate', 'Exchange Rate', EXCHANGE_RATE, readOnly),
    decimal('discountpercentage', 'Discount (%)', { precision: 2, min: '0', max: '100' }),
    money('discountamount', 'Discount Amount', { ...USER_AMOUNT, withBase: true }),
    money('freightamount', 'Freight Amount', { ...USER_AMOUNT, withBase: true }),
    money('totallineitemamount', 'Detail Amount', { withBase: true, ...pricingEngine }),
    money('totallineitemdiscountamount', 'Total Line Item Discount Amount', { withBase: true, ...pricingEngine }),
    money('totaldiscountamount', 'Total Discount Amount', { withBase: true, ...pricingEngine }),
    money('totalamountlessfreight', 'Total Pre-Freight Amount', { withBase: true, ...pricingEngine }),
    money('totaltax', 'Total Tax', { withBase: true, ...pricingEngine }),
    money('totalamount', 'Total Amount', { withBase: true, ...pricingEngine }),
    picklist(
      'skippricecalculation',
      'Skip Price Calculation',
      { 0: 'DoPriceCalcAlways', 1: 'SkipPriceCalcOnRetrieve' },
      { default: 0 },
    ),
    picklist('pricingerrorcode', 'Pricing Error', pricingErrorCodes, { ...readOnly, default: 0 }),
    picklist('prioritycode', 'Priority', { 1: 'Default Value' }, { default: 1 }),
    // Orderline's own: lines whose pricingerrorcode is not 0, kept with the totals so the header's
    // Detail Error moves by a line's delta like the sums do (src/pipeline/pricing).
    integer('ol_pricingerrorlinecount', 'Lines With Pricing Errors', { min: 0, max: 2_147_483_647 }, readOnly),
  ];
}

/** Reference 4.4: the terms and addresses shared by quote, order and invoice. */
export function fulfilmentColumns(): ColumnList {
  return [
    picklist('paymenttermscode', 'Payment Terms', { 1: 'Net 30', 2: '2% 10, Net 30', 3: 'Net 45', 4: 'Net 60' }),
    picklist('freighttermscode', 'Freight Terms', { 1: 'FOB', 2: 'No Charge' }),
    picklist('shippingmethodcode', 'Shipping Method', {
      1: 'Airborne',
      2: 'DHL',
      3: 'FedEx',
      4: 'UPS',
      5: 'Postal Mail',
      6: 'Full Load',
      7: 'Will Call',
    }),
    boolean('willcall', 'Ship To', { trueLabel: 'Will Call', falseLabel: 'Address' }),
    dateonly('requestdeliveryby', 'Requested Delivery Date'),
    picklist('shipto_freighttermscode', 'Ship To Freight Terms', { 1: 'Default Value' }),
    ...addressColumns('billto'),
    ...addressColumns('shipto'),
  ];
}

export interface LineDefinition {
  /** The parent lookup (`salesorderid`, `quoteid`, ...). */
  readonly parent: string;
  readonly parentTable: string;
  readonly parentLabel: string;
  /** Relationship name, the parent's collection navigation property (`order_details`). */
  readonly relationship: string;
  /** Name of the primary name column (`salesorderdetailname`). */
  readonly primaryName: string;
  readonly currencyRelationship: string;
  readonly productRelationship: string;
  readonly uomRelationship: string;
}

/** Reference 4.5: the columns of every product line. */
export function salesLineColumns(line: LineDefinition): ColumnList {
  return [
    lookup(line.parent, line.parentLabel, line.parentTable, {
      required: 'system',
      validForUpdate: false,
      relationship: { name: line.relationship, onDelete: 'cascade' },
    }),
    string(line.primaryName, 'Name', 500),
    lookup('productid', 'Existing Product', 'product', {
      relationship: { name: line.productRelationship, onDelete: 'restrict' },
    }),
    boolean('isproductoverridden', 'Select Product', { trueLabel: 'Write In', falseLabel: 'Existing' }, createOnly),
    string('productdescription', 'Write-In Product', 500),
    string('productname', 'Product Name', 500, readOnly),
    boolean('ispriceoverridden', 'Pricing', { trueLabel: 'Override Price', falseLabel: 'Use Default' }),
    money('priceperunit', 'Price Per Unit', { precisionSource: 1, withBase: true }),
    decimal(
      'quantity',
      'Quantity',
      { precision: 5, min: '-100000000000', max: '100000000000' },
      { required: 'application' },
    ),
    lookup('uomid', 'Unit', 'uom', { relationship: { name: line.uomRelationship, onDelete: 'restrict' } }),
    money('baseamount', 'Amount', { withBase: true, ...pricingEngine }),
    money('volumediscountamount', 'Volume Discount', { min: '0', withBase: true, ...readOnly }),
    money('manualdiscountamount', 'Manual Discount', { min: '0', max: '1000000000000', withBase: true }),
    money('tax', 'Tax', { min: '-1000000000000', max: '1000000000000', withBase: true }),
    money('extendedamount', 'Extended Amount', { withBase: true, ...pricingEngine }),
    integer('lineitemnumber', 'Line Item Number', { min: 0, max: 1_000_000_000 }),
    integer('sequencenumber', 'Sequence Number', { min: 0, max: 2_147_483_647 }),
    picklist(
      'producttypecode',
      'Product type',
      {
        1: 'Product',
        2: 'Bundle',
        3: 'Required Bundle Product',
        4: 'Optional Bundle Product',
        5: 'Project-based Service',
      },
      { ...createOnly, default: 1 },
    ),
    uniqueidentifier('parentbundleid', 'Parent Bundle', createOnly),
    uniqueidentifier('productassociationid', 'Bundle Item Association', createOnly),
    picklist(
      'propertyconfigurationstatus',
      'Property Configuration',
      { 0: 'Edit', 1: 'Rectify', 2: 'Not Configured' },
      { default: 2 },
    ),
    picklist('pricingerrorcode', 'Pricing Error', pricingErrorCodes, { ...readOnly, default: 0 }),
    // Orderline's own: why the line's price is what it is, in words (PRODUCT.md C2, pricing trace).
    memo('ol_pricingtrace', 'Pricing Trace', 2000, readOnly),
    picklist(
      'skippricecalculation',
      'Skip Price Calculation',
      { 0: 'DoPriceCalcAlways', 1: 'SkipPriceCalcOnCreate', 2: 'SkipPriceCalcOnUpdate', 3: 'SkipPriceCalcOnUpSert' },
      { default: 0 },
    ),
    lookup('transactioncurrencyid', 'Currency', 'transactioncurrency', {
      ...createOnly,
      relationship: { name: line.currencyRelationship, onDelete: 'restrict' },
    }),
    decimal('exchangerate', 'Exchange Rate', EXCHANGE_RATE, readOnly),
    memo('description', 'Description', 2000),
    boolean('iscopied', 'Copied'),
  ];
}
