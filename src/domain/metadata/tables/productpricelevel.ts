import { decimal, lookup, money, picklist, readOnly, string } from '../columns.js';
import { defineTable } from '../define-table.js';
import { EXCHANGE_RATE } from './sales-columns.js';

const PRICE_LIST_AMOUNT = { precisionSource: 1, min: '0', max: '1000000000000' } as const;

/**
 * Price List Item (reference 4.6, 5.2, 5.3): how a product is priced in a price list for one unit.
 * Dataverse gives it no primary name column; Orderline shows the product's number, maintained by the
 * server.
 */
export const productpricelevel = defineTable({
  logicalName: 'productpricelevel',
  entitySetName: 'productpricelevels',
  schemaName: 'ProductPriceLevel',
  displayName: 'Price List Item',
  displayCollectionName: 'Price List Items',
  primaryName: 'productnumber',
  ownership: 'organization',
  privilegeGroup: 'catalog',
  columns: [
    lookup('pricelevelid', 'Price List', 'pricelevel', {
      required: 'system',
      relationship: { name: 'price_level_product_price_levels', onDelete: 'cascade' },
    }),
    lookup('productid', 'Product', 'product', {
      required: 'system',
      relationship: { name: 'product_price_levels', onDelete: 'cascade' },
    }),
    string('productnumber', 'Product ID', 100, readOnly),
    lookup('uomid', 'Unit', 'uom', {
      required: 'system',
      relationship: { name: 'unit_of_measurement_product_price_level', onDelete: 'restrict' },
    }),
    lookup('uomscheduleid', 'Unit Schedule', 'uomschedule', {
      relationship: { name: 'unit_of_measure_schedule_product_price_level', onDelete: 'restrict' },
    }),
    lookup('transactioncurrencyid', 'Currency', 'transactioncurrency', {
      ...readOnly,
      relationship: { name: 'transactioncurrency_productpricelevel', onDelete: 'restrict' },
    }),
    decimal('exchangerate', 'Exchange Rate', EXCHANGE_RATE, readOnly),
    lookup('discounttypeid', 'Discount List', 'discounttype', {
      relationship: { name: 'discount_type_product_price_levels', onDelete: 'restrict' },
    }),
    picklist(
      'quantitysellingcode',
      'Quantity Selling Option',
      { 1: 'No Control', 2: 'Whole', 3: 'Whole and Fractional' },
      { default: 1 },
    ),
    picklist(
      'pricingmethodcode',
      'Pricing Method',
      {
        1: 'Currency Amount',
        2: 'Percent of List',
        3: 'Percent Markup - Current Cost',
        4: 'Percent Margin - Current Cost',
        5: 'Percent Markup - Standard Cost',
        6: 'Percent Margin - Standard Cost',
      },
      { required: 'system', default: 1 },
    ),
    money('amount', 'Amount', { ...PRICE_LIST_AMOUNT, withBase: true }),
    decimal('percentage', 'Percentage', { precision: 2, min: '0', max: '1000000000' }),
    picklist(
      'roundingpolicycode',
      'Rounding Policy',
      { 1: 'None', 2: 'Up', 3: 'Down', 4: 'To Nearest' },
      { default: 1 },
    ),
    picklist('roundingoptioncode', 'Rounding Option', { 1: 'Ends in', 2: 'Multiple of' }),
    money('roundingoptionamount', 'Rounding Amount', PRICE_LIST_AMOUNT),
  ],
});
