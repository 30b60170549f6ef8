/**
 * ReviseQuote (reference 6): the original closes as Revised; the revision is a new Draft with the same
 * quote number, the next revision number and the original's lines, as in Sales, where integrations
 * tell a quote's revisions apart by (quotenumber, revisionnumber), the quote's alternate key.
 */

import { QuoteState, QuoteStatus } from '../../domain/metadata/named-states.js';
import { quoteMachine } from '../../sales/state-machines.js';
import {
  changeState,
  copyHeader,
  copyLines,
  lineTableOf,
  loadRecord,
  requireSource,
  tableOf,
} from '../lifecycle/sales-records.js';
import type { CreatedRecord, Message } from './message.js';

export interface ReviseQuoteInput {
  readonly quoteId: string;
}

export const reviseQuote: Message<ReviseQuoteInput, CreatedRecord> = async (context, input) => {
  const quotes = tableOf(context, 'quote');
  const quote = await loadRecord(context, quotes, input.quoteId);
  requireSource(quoteMachine, 'ReviseQuote', quote);
  await changeState(context, quoteMachine, quote, QuoteState.Closed, QuoteStatus.Revised, 'ReviseQuote');
  const revision = await copyHeader(context, quotes, quote, quotes, {
    quotenumber: quote.quotenumber as string,
    revisionnumber: Number(quote.revisionnumber ?? 0) + 1,
    ...(typeof quote.opportunityid === 'string' ? { opportunityid: quote.opportunityid } : {}),
  });
  const lines = lineTableOf(context, quoteMachine);
  await copyLines(context, lines, quote.quoteid as string, lines, revision.row);
  return { logicalName: quotes.logicalName, id: revision.id };
};
