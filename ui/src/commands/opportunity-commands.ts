/**
 * The opportunity's command bar: generate a quote from it, close it as won or lost (the Close Opportunity
 * dialog asks for the outcome, revenue and date first), or reopen a closed one. Which commands appear is
 * the server's answer (`ol_RetrieveAllowedMessages`), from the opportunity's state and the user's privileges.
 */

import { CloseAsLostDialog, CloseAsWonDialog } from '../dialogs/close-opportunity-dialog';
import type { CommandDefinition } from '../entities/entity-definition';
import { OpportunityState, OpportunityStatus } from '../entities/state-names';
import { allows } from './allowed-messages';
import { createFrom, setState } from './sales-actions';

export const opportunityCommands: readonly CommandDefinition[] = [
  {
    label: 'Create Quote',
    visible: allows('GenerateQuoteFromOpportunity'),
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
    visible: allows('WinOpportunity'),
    dialog: CloseAsWonDialog,
  },
  {
    label: 'Close as Lost',
    visible: allows('LoseOpportunity'),
    dialog: CloseAsLostDialog,
  },
  {
    // Not asked: reopening undoes nothing and can itself be undone by closing again.
    label: 'Reopen Opportunity',
    visible: allows('SetStateOpen'),
    async run({ client, id }) {
      await setState(client, 'opportunities', id, OpportunityState.Open, OpportunityStatus.InProgress);
      return { message: 'The opportunity is open again.' };
    },
  },
];
