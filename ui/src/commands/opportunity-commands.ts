/** The opportunity's command bar: generate a quote from it, or close it as won or lost. */
import type { CommandDefinition } from '../entities/entity-definition';
import { stateOf } from '../entities/shared-fields';
import { OpportunityState } from '../entities/state-names';
import { closeRecord, createFrom } from './sales-actions';

const opportunityClose = (id: string) => ({
  parameter: 'OpportunityClose',
  set: 'opportunities',
  bind: 'opportunityid',
  id,
});

export const opportunityCommands: readonly CommandDefinition[] = [
  {
    label: 'Create Quote',
    visible: ({ record }) => stateOf(record) === OpportunityState.Open,
    async run({ client, id }) {
      const navigateTo = await createFrom(
        client,
        'GenerateQuoteFromOpportunity',
        { OpportunityId: id, ColumnSet: { AllColumns: true } },
        { area: 'quotes', id: 'quoteid' },
      );
      return { navigateTo, message: 'The quote was created from the opportunity, with its products.' };
    },
  },
  {
    label: 'Close as Won',
    visible: ({ record }) => stateOf(record) === OpportunityState.Open,
    async run({ client, id }) {
      await closeRecord(client, 'WinOpportunity', opportunityClose(id), 'Opportunity won');
      return { message: 'The opportunity is won.' };
    },
  },
  {
    label: 'Close as Lost',
    visible: ({ record }) => stateOf(record) === OpportunityState.Open,
    async run({ client, id }) {
      await closeRecord(client, 'LoseOpportunity', opportunityClose(id), 'Opportunity lost');
      return { message: 'The opportunity is lost.' };
    },
  },
];
