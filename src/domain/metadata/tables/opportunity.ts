import { boolean, dateonly, integer, lookup, money, picklist } from '../columns.js';
import { defineTable, state } from '../define-table.js';
import { salesHeaderColumns } from './sales-columns.js';

/** Opportunity (reference 4.1, 4.2, 4.4). Won and lost opportunities are read-only until reactivated. */
export const opportunity = defineTable({
  logicalName: 'opportunity',
  entitySetName: 'opportunities',
  schemaName: 'Opportunity',
  displayName: 'Opportunity',
  displayCollectionName: 'Opportunities',
  primaryName: 'name',
  ownership: 'user',
  privilegeGroup: 'sales',
  states: [
    state(0, 'Open', 1, { 1: 'In Progress', 2: 'On Hold' }),
    state(1, 'Won', 3, { 3: 'Won' }),
    state(2, 'Lost', 4, { 4: 'Canceled', 5: 'Out-Sold' }),
  ],
  columns: [
    // The price list stays optional on an opportunity (required level None), as salesHeaderColumns has it.
    ...salesHeaderColumns(
      {
        customer: { account: 'opportunity_customer_accounts', contact: 'opportunity_customer_contacts' },
        pricelevel: 'price_level_opportunties',
        currency: 'transactioncurrency_opportunity',
      },
      { currencyFixed: false },
    ),
    money('estimatedvalue', 'Est. Revenue', { withBase: true }),
    money('actualvalue', 'Actual Revenue', { min: '-1000000000000', max: '1000000000000', withBase: true }),
    boolean('isrevenuesystemcalculated', 'Revenue', {
      trueLabel: 'System Calculated',
      falseLabel: 'User Provided',
      default: false,
    }),
    dateonly('estimatedclosedate', 'Est. Close Date'),
    dateonly('actualclosedate', 'Actual Close Date'),
    integer('closeprobability', 'Probability', { min: 0, max: 100 }),
    money('budgetamount', 'Budget Amount', { withBase: true }),
    picklist('salesstage', 'Sales Stage', { 0: 'Qualify', 1: 'Develop', 2: 'Propose', 3: 'Close' }),
    picklist('opportunityratingcode', 'Rating', { 1: 'Hot', 2: 'Warm', 3: 'Cold' }, { default: 2 }),
    lookup('parentaccountid', 'Account', 'account', {
      relationship: { name: 'opportunity_parent_account', onDelete: 'removeLink' },
    }),
    lookup('parentcontactid', 'Contact', 'contact', {
      relationship: { name: 'opportunity_parent_contact', onDelete: 'removeLink' },
    }),
  ],
});
