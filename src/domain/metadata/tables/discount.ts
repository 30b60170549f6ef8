import { boolean, decimal, lookup, money, readOnly, string } from '../columns.js';
import { defineTable } from '../define-table.js';
import { EXCHANGE_RATE } from './sales-columns.js';

const QUANTITY_BOUND = { precision: 5, min: '0.00001', max: '100000000000' } as const;

/**
 * Discount (reference 4.6, 5.4): one tier of a discount list, applying when
 * `lowquantity <= quantity <= highquantity`. Dataverse gives it no ownership ("None"); Orderline treats
 * it as organization-owned like the rest of the catalog.
 */
export const discount = defineTable({
  logicalName: 'discount',
  entitySetName: 'discounts',
  schemaName: 'Discount',
  displayName: 'Discount',
  displayCollectionName: 'Discounts',
  primaryName: 'name',
  ownership: 'organization',
  privilegeGroup: 'catalog',
  columns: [
    lookup('discounttypeid', 'Discount List', 'discounttype', {
      required: 'system',
      relationship: { name: 'discount_type_discounts', onDelete: 'cascade' },
    }),
    string('name', 'Name', 100),
    decimal('lowquantity', 'Begin Quantity', QUANTITY_BOUND, { required: 'system' }),
    decimal('highquantity', 'End Quantity', QUANTITY_BOUND, { required: 'system' }),
    money('amount', 'Amount', { precision: 4, precisionSource: 0, min: '0', max: '1000000000000', withBase: true }),
    decimal('percentage', 'Percentage', { precision: 5, min: '0', max: '1000000000' }),
    boolean('isamounttype', 'Is Amount Type', { trueLabel: 'Amount', falseLabel: 'Percentage' }, readOnly),
    lookup('transactioncurrencyid', 'Currency', 'transactioncurrency', {
      ...readOnly,
      relationship: { name: 'transactioncurrency_discount', onDelete: 'restrict' },
    }),
    decimal('exchangerate', 'Exchange Rate', EXCHANGE_RATE, readOnly),
  ],
});
