/** Accounts: the customers of quotes, orders and invoices. */
import type { EntityDefinition } from './entity-definition';
import { descriptionField } from './shared-fields';
import { AccountState } from './state-names';

export const accounts: EntityDefinition = {
  area: 'accounts',
  set: 'accounts',
  logicalName: 'account',
  id: 'accountid',
  primaryName: 'name',
  singular: 'Account',
  plural: 'Accounts',
  listColumns: [
    { column: 'name', label: 'Account Name' },
    { column: 'accountnumber', label: 'Account Number' },
    { column: 'address1_city', label: 'City' },
    { column: 'telephone1', label: 'Main Phone' },
  ],
  searchColumns: ['name', 'accountnumber'],
  fields: [
    { column: 'name', label: 'Account Name', kind: 'text', required: true },
    { column: 'accountnumber', label: 'Account Number', kind: 'text' },
    { column: 'telephone1', label: 'Main Phone', kind: 'text' },
    { column: 'emailaddress1', label: 'Email', kind: 'text' },
    { column: 'websiteurl', label: 'Website', kind: 'text' },
    { column: 'address1_line1', label: 'Street', kind: 'text' },
    { column: 'address1_city', label: 'City', kind: 'text' },
    { column: 'address1_postalcode', label: 'ZIP/Postal Code', kind: 'text' },
    { column: 'address1_country', label: 'Country/Region', kind: 'text' },
    { column: 'creditlimit', label: 'Credit Limit', kind: 'money' },
    descriptionField,
  ],
  hasState: true,
  editable: ({ record }) => record.statecode === AccountState.Active,
  commands: [],
};
