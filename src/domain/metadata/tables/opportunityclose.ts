import { money } from '../columns.js';
import { defineTable } from '../define-table.js';
import { closeActivityColumns, closeActivityStates } from './close-activity-columns.js';

/** Opportunity Close: the activity recorded when an opportunity is won or lost, with its actual revenue. */
export const opportunityclose = defineTable({
  logicalName: 'opportunityclose',
  entitySetName: 'opportunitycloses',
  schemaName: 'OpportunityClose',
  displayName: 'Opportunity Close',
  displayCollectionName: 'Opportunity Close Activities',
  primaryId: 'activityid',
  primaryName: 'subject',
  ownership: 'user',
  privilegeGroup: 'sales',
  parentLookup: 'opportunityid',
  states: closeActivityStates,
  columns: [
    ...closeActivityColumns({
      column: 'opportunityid',
      table: 'opportunity',
      label: 'Opportunity',
      relationship: 'Opportunity_OpportunityClose',
    }),
    money('actualrevenue', 'Actual Revenue'),
  ],
});
