/**
 * ConvertQuoteToSalesOrder (reference 6): a new order copied from the quote, with its lines. An Active
 * quote is won by its conversion, with a quote close the optional inputs describe.
 */

import { QuoteState } from '../../domain/metadata/named-states.js';
import { resolveStatus } from '../../sales/state-machine.js';
import { quoteMachine, salesorderMachine } from '../../sales/state-machines.js';
import {
  changeState,
  copyHeader,
  copyLines,
  createCloseActivity,
  lineTableOf,
  loadRecord,
  requireSource,
  tableOf,
} from '../lifecycle/sales-records.js';
import type { CreatedRecord, Message } from './message.js';

export interface ConvertQuoteToSalesOrderInput {
  readonly quoteId: string;
  /** The quote close of an Active quote: when, with which Won status (-1 or absent: the default), what. */
  readonly quoteCloseDate?: string;
  readonly quoteCloseStatus?: number;
  readonly quoteCloseSubject?: string;
  readonly quoteCloseDescription?: string;
}

export const convertQuoteToSalesOrder: Message<ConvertQuoteToSalesOrderInput, CreatedRecord> = async (
  context,
  input,
) => {
  const quotes = tableOf(context, 'quote');
  const orders = tableOf(context, 'salesorder');
  const quote = await loadRecord(context, quotes, input.quoteId);
  requireSource(quoteMachine, 'ConvertQuoteToSalesOrder', quote);
  if (quote.statecode === QuoteState.Active) {
    const status = resolveStatus(quoteMachine, QuoteState.Won, input.quoteCloseStatus ?? -1);
    await changeState(context, quoteMachine, quote, QuoteState.Won, status, 'ConvertQuoteToSalesOrder');
    const closeTable = tableOf(context, 'quoteclose');
    await createCloseActivity(context, closeTable, { attributes: {}, bindings: [] }, quote, {
      subject: input.quoteCloseSubject ?? 'Quote won and converted to an order',
      actualend: input.quoteCloseDate ?? context.services.clock.now(),
      ...(input.quoteCloseDescription !== undefined ? { description: input.quoteCloseDescription } : {}),
    });
  }
  const order = await copyHeader(context, quotes, quote, orders, {
    quoteid: quote.quoteid!,
    ...(typeof quote.opportunityid === 'string' ? { opportunityid: quote.opportunityid } : {}),
  });
  await copyLines(
    context,
    lineTableOf(context, quoteMachine),
    quote.quoteid as string,
    lineTableOf(context, salesorderMachine),
    order.row,
  );
  return { logicalName: orders.logicalName, id: order.id };
};
