import { customer, lookup, readOnly, string } from '../columns.js';
import { defineTable, state } from '../define-table.js';

/** Contact: a customer of the sales headers (`customerid_contact`), optionally under an account. */
export const contact = defineTable({
  logicalName: 'contact',
  entitySetName: 'contacts',
  schemaName: 'Contact',
  displayName: 'Contact',
  displayCollectionName: 'Contacts',
  primaryName: 'fullname',
  ownership: 'user',
  privilegeGroup: 'customers',
  states: [state(0, 'Active', 1, { 1: 'Active' }), state(1, 'Inactive', 2, { 2: 'Inactive' })],
  columns: [
    string('firstname', 'First Name', 50),
    string('lastname', 'Last Name', 50, { required: 'application' }),
    string('fullname', 'Full Name', 160, readOnly),
    string('emailaddress1', 'Email', 100),
    string('telephone1', 'Business Phone', 50),
    string('jobtitle', 'Job Title', 100),
    customer('parentcustomerid', 'Company Name', {
      account: 'contact_customer_accounts',
      contact: 'contact_customer_contacts',
    }),
    lookup('transactioncurrencyid', 'Currency', 'transactioncurrency', {
      relationship: { name: 'transactioncurrency_contact', onDelete: 'restrict' },
    }),
  ],
});
