/**
 * The opportunity's command bar: generate a quote from it, close it as won or lost (the Close Opportunity
 * dialog asks for the outcome, revenue and date first), or reopen a closed one.
 */

import { CloseAsLostDialog, CloseAsWonDialog } from '../dialogs/close-opportunity-dialog';
import type { CommandDefinition } from '../entities/entity-definition';
import { stateOf } from '../entities/shared-fields';
import { OpportunityState, OpportunityStatus } from '../entities/state-names';
import { createFrom, setState } from './sales-actions';

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
    dialog: CloseAsWonDialog,
  },
  {
    label: 'Close as Lost',
    visible: ({ record }) => stateOf(record) === OpportunityState.Open,
    dialog: CloseAsLostDialog,
  },
  {
    // Won and lost opportunities are read-only until reactivated (SetState back to Open).
    label: 'Reopen Opportunity',
    visible: ({ record }) => stateOf(record) === OpportunityState.Won || stateOf(record) === OpportunityState.Lost,
    async run({ client, id }) {
      await setState(client, 'opportunities', id, OpportunityState.Open, OpportunityStatus.InProgress);
      return { message: 'The opportunity is open again.' };
    },
  },
];
