import { decimal, lookup, memo, money, readOnly, string } from '../columns.js';
import { defineTable, state } from '../define-table.js';
import { EXCHANGE_RATE } from './sales-columns.js';

const ACCOUNT_AMOUNT = { min: '0', max: '100000000000000', withBase: true } as const;

/** Account: a customer of the sales headers (`customerid_account`). */
export const account = defineTable({
  logicalName: 'account',
  entitySetName: 'accounts',
  schemaName: 'Account',
  displayName: 'Account',
  displayCollectionName: 'Accounts',
  primaryName: 'name',
  ownership: 'user',
  privilegeGroup: 'customers',
  alternateKeys: [['accountnumber']],
  states: [state(0, 'Active', 1, { 1: 'Active' }), state(1, 'Inactive', 2, { 2: 'Inactive' })],
  columns: [
    string('name', 'Account Name', 160, { required: 'application' }),
    string('accountnumber', 'Account Number', 20),
    string('telephone1', 'Main Phone', 50),
    string('emailaddress1', 'Email', 100),
    string('address1_line1', 'Address 1: Street 1', 250),
    string('address1_city', 'Address 1: City', 80),
    string('address1_postalcode', 'Address 1: ZIP/Postal Code', 20),
    string('address1_country', 'Address 1: Country/Region', 80),
    string('websiteurl', 'Website', 200),
    // Dataverse's account hierarchy (Above/Under query functions); deleting a parent clears the link.
    lookup('parentaccountid', 'Parent Account', 'account', {
      relationship: { name: 'account_parent_account', onDelete: 'removeLink' },
    }),
    lookup('primarycontactid', 'Primary Contact', 'contact', {
      relationship: { name: 'account_primary_contact', onDelete: 'removeLink' },
    }),
    lookup('transactioncurrencyid', 'Currency', 'transactioncurrency', {
      relationship: { name: 'transactioncurrency_account', onDelete: 'restrict' },
    }),
    decimal('exchangerate', 'Exchange Rate', EXCHANGE_RATE, readOnly),
    money('creditlimit', 'Credit Limit', ACCOUNT_AMOUNT),
    money('revenue', 'Annual Revenue', ACCOUNT_AMOUNT),
    memo('description', 'Description', 2000),
  ],
});
