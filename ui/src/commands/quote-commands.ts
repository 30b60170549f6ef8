/** The quote's command bar: Activate a Draft, then Create Order (which wins it), Revise or Close. */
import type { CommandDefinition } from '../entities/entity-definition';
import { stateOf } from '../entities/shared-fields';
import { closeRecord, createFrom, setState } from './sales-actions';

const DRAFT = 0;
const ACTIVE = 1;
const WON = 2;
const CLOSED = 3;

export const quoteCommands: readonly CommandDefinition[] = [
  {
    label: 'Activate Quote',
    visible: ({ record }) => stateOf(record) === DRAFT,
    async run({ client, id }) {
      await setState(client, 'quotes', id, ACTIVE, 2);
      return { message: 'The quote is active: it can now become an order.' };
    },
  },
  {
    label: 'Create Order',
    visible: ({ record }) => stateOf(record) === ACTIVE || stateOf(record) === WON,
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
    visible: ({ record }) => stateOf(record) === ACTIVE || stateOf(record) === CLOSED,
    async run({ client, id }) {
      const navigateTo = await createFrom(client, 'ReviseQuote', { QuoteId: id }, { area: 'quotes', id: 'quoteid' });
      return { navigateTo, message: 'This is the new revision of the quote, in Draft.' };
    },
  },
  {
    label: 'Close Quote',
    visible: ({ record }) => stateOf(record) === ACTIVE,
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
