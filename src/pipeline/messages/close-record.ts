/**
 * The close messages (reference 6): WinOpportunity / LoseOpportunity, WinQuote / CloseQuote and
 * FulfillSalesOrder / CancelSalesOrder share one shape. A close activity names the record, the record
 * moves to its closed state (status -1 = the state's default), and the activity is kept beside it.
 */

import { OpportunityState, QuoteState, SalesOrderState } from '../../domain/metadata/named-states.js';
import type { Row } from '../../domain/record.js';
import { type MessageName, resolveStatus, type StateMachine } from '../../sales/state-machine.js';
import { opportunityMachine, quoteMachine, salesorderMachine } from '../../sales/state-machines.js';
import { changeState, closedRecord, createCloseActivity, tableOf } from '../lifecycle/sales-records.js';
import type { WriteInput } from '../write-input.js';
import type { Message } from './message.js';

export interface CloseRecordInput {
  /** The close activity's columns; its parent lookup names the record to close. */
  readonly closeActivity: WriteInput;
  /** The closed state's status, or -1 for its default. */
  readonly status: number;
}

export interface ClosingMessage {
  readonly name: MessageName;
  readonly machine: StateMachine;
  /** The close activity table: `opportunityclose`, `quoteclose`, `orderclose`. */
  readonly closeTable: string;
  /** The parameter that carries the activity, named in refusals (`QuoteClose`). */
  readonly parameter: string;
  readonly to: number;
  readonly subject: string;
  /** Columns the record takes besides its state (an opportunity's actual revenue and close date). */
  readonly extraColumns?: (activity: Row, record: Row) => Row;
}

export function closeRecord(message: ClosingMessage): Message<CloseRecordInput, void> {
  return async (context, input) => {
    const closeTable = tableOf(context, message.closeTable);
    const activity = input.closeActivity;
    const record = await closedRecord(context, activity, closeTable, message.parameter);
    const status = resolveStatus(message.machine, message.to, input.status);
    const extra = message.extraColumns?.(activity.attributes, record) ?? {};
    await changeState(context, message.machine, record, message.to, status, message.name, extra);
    await createCloseActivity(context, closeTable, activity, record, {
      subject: message.subject,
      actualend: context.services.clock.now(),
    });
  };
}

/** WinOpportunity / LoseOpportunity: the opportunity closes with its actual revenue and close date. */
function opportunityClosing(name: 'WinOpportunity' | 'LoseOpportunity', to: number): ClosingMessage {
  const won = to === OpportunityState.Won;
  return {
    name,
    machine: opportunityMachine,
    closeTable: 'opportunityclose',
    parameter: 'OpportunityClose',
    to,
    subject: won ? 'Opportunity won' : 'Opportunity lost',
    extraColumns(activity, opportunity) {
      const extra: Row = {};
      const revenue = activity.actualrevenue ?? (won ? (opportunity.estimatedvalue ?? null) : null);
      if (revenue !== null && revenue !== undefined) extra.actualvalue = revenue;
      if (typeof activity.actualend === 'string') extra.actualclosedate = activity.actualend.slice(0, 10);
      return extra;
    },
  };
}

/** WinQuote / CloseQuote: the quote moves to Won or Closed and keeps a quote close activity. */
function quoteClosing(name: 'WinQuote' | 'CloseQuote', to: number): ClosingMessage {
  return {
    name,
    machine: quoteMachine,
    closeTable: 'quoteclose',
    parameter: 'QuoteClose',
    to,
    subject: to === QuoteState.Won ? 'Quote won' : 'Quote closed',
  };
}

/** FulfillSalesOrder / CancelSalesOrder: the order closes and keeps an order close activity. */
function orderClosing(name: 'FulfillSalesOrder' | 'CancelSalesOrder', to: number): ClosingMessage {
  return {
    name,
    machine: salesorderMachine,
    closeTable: 'orderclose',
    parameter: 'OrderClose',
    to,
    subject: to === SalesOrderState.Fulfilled ? 'Order fulfilled' : 'Order canceled',
  };
}

/** Each close message's shape: its table, activity, target state and subject. */
export const closings = {
  winOpportunity: opportunityClosing('WinOpportunity', OpportunityState.Won),
  loseOpportunity: opportunityClosing('LoseOpportunity', OpportunityState.Lost),
  winQuote: quoteClosing('WinQuote', QuoteState.Won),
  closeQuote: quoteClosing('CloseQuote', QuoteState.Closed),
  fulfillSalesOrder: orderClosing('FulfillSalesOrder', SalesOrderState.Fulfilled),
  cancelSalesOrder: orderClosing('CancelSalesOrder', SalesOrderState.Canceled),
} as const satisfies Record<string, ClosingMessage>;

export const winOpportunity = closeRecord(closings.winOpportunity);
export const loseOpportunity = closeRecord(closings.loseOpportunity);
export const winQuote = closeRecord(closings.winQuote);
export const closeQuote = closeRecord(closings.closeQuote);
export const fulfillSalesOrder = closeRecord(closings.fulfillSalesOrder);
export const cancelSalesOrder = closeRecord(closings.cancelSalesOrder);
