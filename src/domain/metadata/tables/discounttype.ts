import { boolean, createOnly, lookup, memo, string } from '../columns.js';
import { defineTable, state } from '../define-table.js';

/** Discount List (reference 4.6, 5.4): volume discount tiers, all amounts or all percentages. */
export const discounttype = defineTable({
  logicalName: 'discounttype',
  entitySetName: 'discounttypes',
  schemaName: 'DiscountType',
  displayName: 'Discount List',
  displayCollectionName: 'Discount Lists',
  primaryName: 'name',
  ownership: 'organization',
  privilegeGroup: 'catalog',
  states: [state(0, 'Active', 100001, { 100001: 'Active' }), state(1, 'Inactive', 100002, { 100002: 'Inactive' })],
  columns: [
    string('name', 'Name', 100, { required: 'system' }),
    boolean('isamounttype', 'Type', { trueLabel: 'Amount', falseLabel: 'Percentage', default: false }, createOnly),
    lookup('transactioncurrencyid', 'Currency', 'transactioncurrency', {
      ...createOnly,
      relationship: { name: 'transactioncurrency_discounttype', onDelete: 'restrict' },
    }),
    memo('description', 'Description', 2000),
  ],
});
