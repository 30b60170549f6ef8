/**
 * Quotes. Editable while the server allows an Update (a Draft the user may change); Activate makes them
 * ready to become an order.
 */
import { serverAllowsUpdate } from '../commands/allowed-messages';
import { quoteCommands } from '../commands/quote-commands';
import type { EntityDefinition } from './entity-definition';
import {
  customerField,
  descriptionField,
  nameField,
  priceListField,
  salesListColumns,
  salesTotals,
  stateOf,
} from './shared-fields';
import { QuoteState } from './state-names';

export const quotes: EntityDefinition = {
  area: 'quotes',
  set: 'quotes',
  logicalName: 'quote',
  id: 'quoteid',
  primaryName: 'name',
  singular: 'Quote',
  plural: 'Quotes',
  numberColumn: 'quotenumber',
  listColumns: salesListColumns('quotenumber', 'Quote ID'),
  searchColumns: ['name', 'quotenumber'],
  fields: [
    nameField,
    customerField,
    priceListField,
    { column: 'effectivefrom', label: 'Effective From', kind: 'date' },
    { column: 'effectiveto', label: 'Effective To', kind: 'date' },
    descriptionField,
  ],
  // The opportunity, for Create Order's offer to close it as won.
  extraColumns: ['revisionnumber', '_opportunityid_value'],
  totals: salesTotals,
  salesLines: { set: 'quotedetails', id: 'quotedetailid', parent: 'quoteid' },
  hasState: true,
  editable: serverAllowsUpdate,
  notice: ({ record }) =>
    stateOf(record) === QuoteState.Draft
      ? undefined
      : {
          intent: 'info',
          title: `This quote is ${String(record.statecode_Formatted ?? 'not a draft')}`,
          text: 'Only draft quotes can be edited; use Revise to change an active or closed quote.',
        },
  commands: quoteCommands,
};
