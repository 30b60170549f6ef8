/**
 * The quote's command bar: Activate a Draft, then Create Order (which wins it), Revise or Close. Which
 * commands appear is the server's answer (`ol_RetrieveAllowedMessages`): it weighs the quote's state and
 * the user's privileges. Create Order and Close Quote ask first.
 */
import { CloseQuoteDialog } from '../dialogs/close-quote-dialog';
import { CreateOrderDialog } from '../dialogs/create-order-dialog';
import type { CommandDefinition } from '../entities/entity-definition';
import { QuoteState, QuoteStatus } from '../entities/state-names';
import { allows } from './allowed-messages';
import { createFrom, setState } from './sales-actions';

export const quoteCommands: readonly CommandDefinition[] = [
  {
    label: 'Activate Quote',
    visible: allows('SetStateActive'),
    async run({ client, id }) {
      await setState(client, 'quotes', id, QuoteState.Active, QuoteStatus.ActiveInProgress);
      return { message: 'The quote is active: it can now become an order.' };
    },
  },
  {
    label: 'Create Order',
    visible: allows('ConvertQuoteToSalesOrder'),
    // Says what happens and offers to close the opportunity as won (CreateOrderDialog).
    dialog: CreateOrderDialog,
  },
  {
    // Not asked: the original is kept (Revised) and the new draft opens, so nothing is lost.
    label: 'Revise',
    visible: allows('ReviseQuote'),
    async run({ client, id }) {
      const navigateTo = await createFrom(client, 'ReviseQuote', { QuoteId: id }, { area: 'quotes', id: 'quoteid' });
      return { navigateTo, message: 'This is the new revision of the quote, in Draft.' };
    },
  },
  {
    label: 'Close Quote',
    visible: (context) => allows('CloseQuote')(context) || allows('WinQuote')(context),
    // Won, lost or canceled, with the close date and a description (CloseQuoteDialog).
    dialog: CloseQuoteDialog,
  },
];
