import { boolean, createOnly, integer, lookup, picklist, readOnly, string } from '../columns.js';
import { defineTable } from '../define-table.js';

const INT_MAX = 2_147_483_647;

/**
 * Organization (reference 3.1): the single settings row. Its defaults are the ones a new Orderline
 * provisions (PRODUCT.md, "The contract").
 */
export const organization = defineTable({
  logicalName: 'organization',
  entitySetName: 'organizations',
  schemaName: 'Organization',
  displayName: 'Organization',
  displayCollectionName: 'Organizations',
  primaryName: 'name',
  ownership: 'organization',
  privilegeGroup: 'organization',
  columns: [
    string('name', 'Organization Name', 160, { required: 'system' }),
    boolean('issopintegrationenabled', 'Is Sales Order Integration Enabled', { default: false }),
    boolean('oobpricecalculationenabled', 'Enable OOB Price calculation', { default: true }, { required: 'system' }),
    picklist(
      'discountcalculationmethod',
      'Discount calculation method',
      { 0: 'Line item', 1: 'Per unit' },
      { default: 0 },
    ),
    integer(
      'pricingdecimalprecision',
      'Pricing Decimal Precision',
      { min: 0, max: 4, default: 2 },
      { required: 'system' },
    ),
    integer('currencydecimalprecision', 'Currency Decimal Precision', { min: 0, max: 4, default: 2 }),
    lookup('basecurrencyid', 'Currency', 'transactioncurrency', createOnly),
    integer('basecurrencyprecision', 'Base Currency Precision', { min: 0, max: 4 }, readOnly),
    string('basecurrencysymbol', 'Base Currency Symbol', 5, readOnly),
    integer('maxproductsinbundle', 'Bundle Item Limit', { min: 0, max: INT_MAX, default: 15 }, { required: 'system' }),
    integer('maximumdynamicpropertiesallowed', 'Max Number Of Properties', { min: 0, max: INT_MAX, default: 50 }),
    boolean('createproductswithoutparentinactivestate', 'Create Products In Active State', { default: false }),
    boolean('useinbuiltrulefordefaultpricelistselection', 'Use Inbuilt Rule For Default Price List Selection', {
      default: true,
    }),
    boolean('ispricelistmandatory', 'Is Price List Mandatory', { default: true }),
    string('orderprefix', 'Order Prefix', 20),
    string('quoteprefix', 'Quote Prefix', 20),
    string('invoiceprefix', 'Invoice Prefix', 20),
    integer('currentordernumber', 'Current Order Number', { min: 0, max: INT_MAX }, readOnly),
    integer('currentquotenumber', 'Current Quote Number', { min: 0, max: INT_MAX }, readOnly),
    integer('currentinvoicenumber', 'Current Invoice Number', { min: 0, max: INT_MAX }, readOnly),
    integer('uniquespecifierlength', 'Unique String Length', { min: 4, max: 6, default: 4 }),
    integer('expirechangetrackingindays', 'Days to Expire Change Tracking Deleted Records', {
      min: 0,
      max: 365,
      default: 7,
    }),
  ],
});
