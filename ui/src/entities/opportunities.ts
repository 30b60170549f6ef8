/** Opportunities. Editable while the server allows an Update (an Open opportunity the user may change). */
import { serverAllowsUpdate } from '../commands/allowed-messages';
import { opportunityCommands } from '../commands/opportunity-commands';
import type { EntityDefinition } from './entity-definition';
import { customerField, descriptionField, nameField, priceListField, salesTotals, stateOf } from './shared-fields';
import { OpportunityState } from './state-names';

export const opportunities: EntityDefinition = {
  area: 'opportunities',
  set: 'opportunities',
  logicalName: 'opportunity',
  id: 'opportunityid',
  primaryName: 'name',
  singular: 'Opportunity',
  plural: 'Opportunities',
  listColumns: [
    { column: 'name', label: 'Topic' },
    { column: 'customerid', label: 'Customer', lookup: true },
    { column: 'estimatedclosedate', label: 'Est. Close Date' },
    { column: 'statecode', label: 'Status' },
    { column: 'totalamount', label: 'Total Amount' },
  ],
  searchColumns: ['name'],
  fields: [
    { ...nameField, label: 'Topic' },
    customerField,
    priceListField,
    { column: 'estimatedclosedate', label: 'Est. Close Date', kind: 'date' },
    { column: 'closeprobability', label: 'Probability (%)', kind: 'integer' },
    descriptionField,
  ],
  totals: salesTotals,
  salesLines: { set: 'opportunityproducts', id: 'opportunityproductid', parent: 'opportunityid' },
  hasState: true,
  editable: serverAllowsUpdate,
  notice: ({ record }) =>
    stateOf(record) === OpportunityState.Open
      ? undefined
      : {
          intent: 'info',
          title: `This opportunity is ${String(record.statecode_Formatted ?? 'closed')}`,
          text: 'A closed opportunity can no longer be edited.',
        },
  commands: opportunityCommands,
};
