/** The quote's command bar: Activate a Draft, then Create Order (which wins it), Revise or Close. */
import type { CommandDefinition } from '../entities/entity-definition';
import { stateOf } from '../entities/shared-fields';
import { QuoteState, QuoteStatus } from '../entities/state-names';
import { closeRecord, createFrom, setState } from './sales-actions';

export const quoteCommands: readonly CommandDefinition[] = [
  {
    label: 'Activate Quote',
    visible: ({ record }) => stateOf(record) === QuoteState.Draft,
    async run({ client, id }) {
      await setState(client, 'quotes', id, QuoteState.Active, QuoteStatus.ActiveInProgress);
      return { message: 'The quote is active: it can now become an order.' };
    },
  },
  {
    label: 'Create Order',
    visible: ({ record }) => stateOf(record) === QuoteState.Active || stateOf(record) === QuoteState.Won,
    async run({ client, id }) {
      const navigateTo = await createFrom(
        client,
        'ConvertQuoteToSalesOrder',
        { QuoteId: id, ColumnSet: { AllColumns: true } },
        { area: 'orders', id: 'salesorderid' },
      );
      return { navigateTo, message: 'The order was created from the quote.' };
    },
  },
  {
    label: 'Revise',
    visible: ({ record }) => stateOf(record) === QuoteState.Active || stateOf(record) === QuoteState.Closed,
    async run({ client, id }) {
      const navigateTo = await createFrom(client, 'ReviseQuote', { QuoteId: id }, { area: 'quotes', id: 'quoteid' });
      return { navigateTo, message: 'This is the new revision of the quote, in Draft.' };
    },
  },
  {
    label: 'Close Quote',
    visible: ({ record }) => stateOf(record) === QuoteState.Active,
    async run({ client, id }) {
      await closeRecord(
        client,
        'CloseQuote',
        { parameter: 'QuoteClose', set: 'quotes', bind: 'quoteid', id },
        'Quote closed',
      );
      return { message: 'The quote is closed.' };
    },
  },
];
