import { createOnly, decimal, integer, picklist, readOnly, string } from '../columns.js';
import { defineTable, state } from '../define-table.js';
import { EXCHANGE_RATE } from './sales-columns.js';

/**
 * Currency (reference 4.6). `exchangerate` is units of this currency per unit of the base currency;
 * `currencyprecision` is the precision of money columns with PrecisionSource 2.
 */
export const transactioncurrency = defineTable({
  logicalName: 'transactioncurrency',
  entitySetName: 'transactioncurrencies',
  schemaName: 'TransactionCurrency',
  displayName: 'Currency',
  displayCollectionName: 'Currencies',
  primaryName: 'currencyname',
  ownership: 'organization',
  privilegeGroup: 'catalog',
  alternateKeys: [['isocurrencycode']],
  states: [state(0, 'Active', 1, { 1: 'Active' }), state(1, 'Inactive', 2, { 2: 'Inactive' })],
  columns: [
    string('isocurrencycode', 'Currency Code', 5, { ...createOnly, required: 'system' }),
    string('currencyname', 'Currency Name', 100, { required: 'system' }),
    string('currencysymbol', 'Currency Symbol', 10, { required: 'system' }),
    integer('currencyprecision', 'Currency Precision', { min: 0, max: 4, default: 2 }, { required: 'system' }),
    decimal('exchangerate', 'Exchange Rate', EXCHANGE_RATE, { required: 'system' }),
    picklist('currencytype', 'Currency Type', { 0: 'System', 1: 'Custom' }, readOnly),
  ],
});
