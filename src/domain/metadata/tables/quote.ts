import { dateonly, integer, lookup, readOnly, string } from '../columns.js';
import { defineTable, state } from '../define-table.js';
import { fulfilmentColumns, salesHeaderColumns } from './sales-columns.js';

/**
 * Quote (reference 4.1, 4.2, 4.4). Only draft quotes can be edited; revising one makes a new draft with
 * the same quote number and the next revision number (a new quote starts at revision 0).
 */
export const quote = defineTable({
  logicalName: 'quote',
  entitySetName: 'quotes',
  schemaName: 'Quote',
  displayName: 'Quote',
  displayCollectionName: 'Quotes',
  primaryName: 'name',
  ownership: 'user',
  privilegeGroup: 'sales',
  // A revision keeps its quote's number (ReviseQuote): integrations key quotes by number and revision.
  alternateKeys: [['quotenumber', 'revisionnumber']],
  states: [
    state(0, 'Draft', 1, { 1: 'In Progress' }),
    state(1, 'Active', 2, { 2: 'In Progress', 3: 'Open' }),
    state(2, 'Won', 4, { 4: 'Won' }),
    state(3, 'Closed', 7, { 5: 'Lost', 6: 'Canceled', 7: 'Revised' }),
  ],
  columns: [
    ...salesHeaderColumns(
      {
        customer: { account: 'quote_customer_accounts', contact: 'quote_customer_contacts' },
        pricelevel: 'price_level_quotes',
        currency: 'transactioncurrency_quote',
      },
      { currencyFixed: false },
    ),
    ...fulfilmentColumns(),
    string('quotenumber', 'Quote ID', 100, { required: 'system', validForUpdate: false }),
    integer('revisionnumber', 'Revision ID', { min: 0, max: 2_147_483_647 }, readOnly),
    lookup('opportunityid', 'Opportunity', 'opportunity', {
      relationship: { name: 'opportunity_quotes', onDelete: 'removeLink' },
    }),
    dateonly('effectivefrom', 'Effective From'),
    dateonly('effectiveto', 'Effective To'),
    dateonly('expireson', 'Due By'),
    dateonly('closedon', 'Closed On'),
  ],
});
