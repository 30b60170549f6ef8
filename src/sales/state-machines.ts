/**
 * The lifecycles of the four sales records (reference 4.2 for the states, 4.3 for the transitions,
 * PRODUCT.md C3/C4 for the order processing integration), one table each. Where the reference leaves a
 * point open the decision is written beside the row.
 *
 * Reading a row: `{ from: 0, to: 1, via: ['SetState'] }` means a PATCH of statecode/statuscode may move
 * the record from state 0 to state 1; a transition listed only with message names is refused to a
 * PATCH and happens only through those messages, which also write the close activity.
 */
import { invoice } from '../domain/metadata/tables/invoice.js';
import { invoicedetail } from '../domain/metadata/tables/invoicedetail.js';
import { opportunity } from '../domain/metadata/tables/opportunity.js';
import { opportunityproduct } from '../domain/metadata/tables/opportunityproduct.js';
import { quote } from '../domain/metadata/tables/quote.js';
import { quotedetail } from '../domain/metadata/tables/quotedetail.js';
import { salesorder } from '../domain/metadata/tables/salesorder.js';
import { salesorderdetail } from '../domain/metadata/tables/salesorderdetail.js';
import { defineStateMachine, type StateMachine } from './state-machine.js';

/** Opportunity: 0 Open, 1 Won, 2 Lost. "Won and lost opportunities are read-only until reactivated." */
export const opportunityMachine = defineStateMachine({
  table: opportunity,
  lines: [opportunityproduct],
  readOnlyRule: 'won and lost opportunities are read-only until they are reactivated (SetState back to Open)',
  editing: { 0: 'always', 1: 'never', 2: 'never' },
  transitions: [
    { from: 0, to: 0, via: ['SetState'] },
    { from: 0, to: 1, via: ['WinOpportunity'], stampsToday: ['actualclosedate'] },
    { from: 0, to: 2, via: ['LoseOpportunity'], stampsToday: ['actualclosedate'] },
    // Reactivation is documented for opportunities.
    { from: 1, to: 0, via: ['SetState'] },
    { from: 2, to: 0, via: ['SetState'] },
  ],
  sources: {
    GenerateQuoteFromOpportunity: [0],
    GenerateSalesOrderFromOpportunity: [0],
    GenerateInvoiceFromOpportunity: [0],
  },
});

/** Quote: 0 Draft, 1 Active, 2 Won, 3 Closed. "Only draft quotes can be edited." */
export const quoteMachine = defineStateMachine({
  table: quote,
  lines: [quotedetail],
  readOnlyRule: 'only draft quotes can be edited (revise an active or closed quote with ReviseQuote)',
  editing: { 0: 'always', 1: 'never', 2: 'never', 3: 'never' },
  transitions: [
    { from: 0, to: 0, via: ['SetState'] },
    // Activate (SetState 1/2 in the SDK samples).
    { from: 0, to: 1, via: ['SetState'] },
    { from: 1, to: 1, via: ['SetState'] },
    // An Active quote goes back to Draft only through a revision (a new Draft quote): no SetState 1 -> 0.
    { from: 1, to: 2, via: ['WinQuote', 'ConvertQuoteToSalesOrder'], stampsToday: ['closedon'] },
    { from: 1, to: 3, via: ['CloseQuote'], statuses: [5, 6, 7], stampsToday: ['closedon'] },
    { from: 1, to: 3, via: ['ReviseQuote'], statuses: [7], stampsToday: ['closedon'] },
    // "Active (or Closed)" may be revised: a Lost or Canceled quote becomes Revised.
    { from: 3, to: 3, via: ['ReviseQuote'], statuses: [7] },
    // Won and Closed quotes are not reactivated (UNCONFIRMED in the reference): revise instead.
  ],
  sources: {
    ConvertQuoteToSalesOrder: [1, 2],
    ReviseQuote: [1, 3],
  },
});

/**
 * Order: 0 Active, 1 Submitted, 2 Canceled, 3 Fulfilled, 4 Invoiced. "Only active orders can be
 * edited"; a Submitted order belongs to the back office: while the integration is on only integration
 * users write it (that is how status, quantities, prices and totals come back).
 */
export const salesorderMachine = defineStateMachine({
  table: salesorder,
  lines: [salesorderdetail],
  readOnlyRule: 'only active orders can be edited',
  editing: {
    0: 'always',
    1: { guards: ['backOfficeWriter'] },
    2: 'never',
    // A partially delivered order still takes the back office's quantities and totals.
    3: { guards: ['backOfficeWriter'] },
    4: 'never',
  },
  transitions: [
    { from: 0, to: 0, via: ['SetState'] },
    // Submit Order (PRODUCT.md C4): only while the integration is on; stamps the date submitted.
    {
      from: 0,
      to: 1,
      via: ['SetState', 'ol_SubmitSalesOrder'],
      guards: ['integrationEnabled'],
      stampsToday: ['submitdate'],
    },
    // Submitting a Submitted order again: allowed and changes nothing (the steps make it a no-op).
    { from: 1, to: 1, via: ['SetState', 'ol_SubmitSalesOrder'], guards: ['integrationEnabled'] },
    // The back office may hand an order back (the dual-write map keeps synced orders Active). With the
    // integration off nothing is locked, so anyone who may write the order may reopen it.
    { from: 1, to: 0, via: ['SetState'], guards: ['backOfficeLock'] },
    { from: 0, to: 3, via: ['FulfillSalesOrder'], stampsToday: ['datefulfilled'] },
    { from: 1, to: 3, via: ['FulfillSalesOrder'], guards: ['backOfficeLock'], stampsToday: ['datefulfilled'] },
    { from: 0, to: 2, via: ['CancelSalesOrder'] },
    { from: 1, to: 2, via: ['CancelSalesOrder'], guards: ['backOfficeLock'] },
    // Create Invoice moves the order to Invoiced (the reference's reading, UNCONFIRMED): refused while
    // the integration is on. Fulfilled orders may be invoiced too (ship, then bill).
    { from: 0, to: 4, via: ['ConvertSalesOrderToInvoice'], guards: ['integrationDisabled'] },
    { from: 1, to: 4, via: ['ConvertSalesOrderToInvoice'], guards: ['integrationDisabled'] },
    { from: 3, to: 4, via: ['ConvertSalesOrderToInvoice'], guards: ['integrationDisabled'] },
    // With the integration on, the back office's invoice marks the order Invoiced.
    { from: 1, to: 4, via: ['SetState'], guards: ['integrationEnabled', 'integrationUser'] },
    { from: 3, to: 4, via: ['SetState'], guards: ['integrationEnabled', 'integrationUser'] },
    // The back office's processing status (src/bridge/inbound/processing-status.ts): delivered in part or
    // in full, then perhaps the rest, or cancelled. It writes these as state changes, with no close activity.
    {
      from: 1,
      to: 3,
      via: ['SetState'],
      guards: ['integrationEnabled', 'integrationUser'],
      stampsToday: ['datefulfilled'],
    },
    { from: 3, to: 3, via: ['SetState'], guards: ['integrationEnabled', 'integrationUser'] },
    { from: 1, to: 2, via: ['SetState'], guards: ['integrationEnabled', 'integrationUser'] },
    { from: 3, to: 2, via: ['SetState'], guards: ['integrationEnabled', 'integrationUser'] },
    // Canceled, Fulfilled and Invoiced orders are not reactivated (UNCONFIRMED in the reference).
  ],
  sources: {
    ConvertSalesOrderToInvoice: [0, 1, 3],
  },
});

/**
 * Invoice: 0 Active, 1 Closed (deprecated), 2 Paid, 3 Canceled. "Paid and canceled invoices are
 * read-only unless reactivated." Nothing enters the deprecated Closed state.
 */
export const invoiceMachine = defineStateMachine({
  table: invoice,
  lines: [invoicedetail],
  readOnlyRule: 'paid and canceled invoices are read-only until they are reactivated (SetState back to Active)',
  editing: { 0: 'always', 1: 'never', 2: 'never', 3: 'never' },
  transitions: [
    { from: 0, to: 0, via: ['SetState'] },
    { from: 0, to: 2, via: ['SetState'] },
    { from: 0, to: 3, via: ['SetState'] },
    { from: 2, to: 0, via: ['SetState'] },
    { from: 3, to: 0, via: ['SetState'] },
  ],
});

export const stateMachines: readonly StateMachine[] = [
  opportunityMachine,
  quoteMachine,
  salesorderMachine,
  invoiceMachine,
];

const byHeader = new Map(stateMachines.map((machine) => [machine.table.logicalName, machine]));
const byLine = new Map(
  stateMachines.flatMap((machine) => machine.lines.map((line) => [line.logicalName, machine] as const)),
);

/** The machine of a header table (`quote`), if it has one. */
export function machineOf(logicalName: string): StateMachine | undefined {
  return byHeader.get(logicalName);
}

/** The machine of a line table's parent (`quotedetail` -> the quote machine). */
export function machineOfLine(logicalName: string): StateMachine | undefined {
  return byLine.get(logicalName);
}

export const headerTables: readonly string[] = stateMachines.map((machine) => machine.table.logicalName);
export const lineTables: readonly string[] = stateMachines.flatMap((machine) =>
  machine.lines.map((line) => line.logicalName),
);
