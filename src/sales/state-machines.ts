/**
 * The lifecycles of the four sales records (reference 4.2 for the states, 4.3 for the transitions,
 * PRODUCT.md C3/C4 for the order processing integration), one table each. Where the reference leaves a
 * point open the decision is written beside the row.
 *
 * Reading a row: `{ from: QuoteState.Draft, to: QuoteState.Active, via: ['SetState'] }` means a PATCH of
 * statecode/statuscode may move the record from Draft to Active; a transition listed only with message
 * names is refused to a PATCH and happens only through those messages, which also write the close
 * activity. State and status names come from the table metadata (named-states.ts).
 */
import {
  InvoiceState,
  OpportunityState,
  QuoteState,
  QuoteStatus,
  SalesOrderState,
} from '../domain/metadata/named-states.js';
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
  editing: { [OpportunityState.Open]: 'always', [OpportunityState.Won]: 'never', [OpportunityState.Lost]: 'never' },
  transitions: [
    { from: OpportunityState.Open, to: OpportunityState.Open, via: ['SetState'] },
    {
      from: OpportunityState.Open,
      to: OpportunityState.Won,
      via: ['WinOpportunity'],
      stampsToday: ['actualclosedate'],
    },
    {
      from: OpportunityState.Open,
      to: OpportunityState.Lost,
      via: ['LoseOpportunity'],
      stampsToday: ['actualclosedate'],
    },
    // Reactivation is documented for opportunities.
    { from: OpportunityState.Won, to: OpportunityState.Open, via: ['SetState'] },
    { from: OpportunityState.Lost, to: OpportunityState.Open, via: ['SetState'] },
  ],
  sources: {
    GenerateQuoteFromOpportunity: [OpportunityState.Open],
    GenerateSalesOrderFromOpportunity: [OpportunityState.Open],
    GenerateInvoiceFromOpportunity: [OpportunityState.Open],
  },
});

/** Quote: 0 Draft, 1 Active, 2 Won, 3 Closed. "Only draft quotes can be edited." */
export const quoteMachine = defineStateMachine({
  table: quote,
  lines: [quotedetail],
  readOnlyRule: 'only draft quotes can be edited (revise an active or closed quote with ReviseQuote)',
  editing: {
    [QuoteState.Draft]: 'always',
    [QuoteState.Active]: 'never',
    [QuoteState.Won]: 'never',
    [QuoteState.Closed]: 'never',
  },
  transitions: [
    { from: QuoteState.Draft, to: QuoteState.Draft, via: ['SetState'] },
    // Activate (SetState 1/2 in the SDK samples).
    { from: QuoteState.Draft, to: QuoteState.Active, via: ['SetState'] },
    { from: QuoteState.Active, to: QuoteState.Active, via: ['SetState'] },
    // An Active quote goes back to Draft only through a revision (a new Draft quote): no SetState 1 -> 0.
    {
      from: QuoteState.Active,
      to: QuoteState.Won,
      via: ['WinQuote', 'ConvertQuoteToSalesOrder'],
      stampsToday: ['closedon'],
    },
    {
      from: QuoteState.Active,
      to: QuoteState.Closed,
      via: ['CloseQuote'],
      statuses: [QuoteStatus.Lost, QuoteStatus.Canceled, QuoteStatus.Revised],
      stampsToday: ['closedon'],
    },
    {
      from: QuoteState.Active,
      to: QuoteState.Closed,
      via: ['ReviseQuote'],
      statuses: [QuoteStatus.Revised],
      stampsToday: ['closedon'],
    },
    // "Active (or Closed)" may be revised: a Lost or Canceled quote becomes Revised.
    { from: QuoteState.Closed, to: QuoteState.Closed, via: ['ReviseQuote'], statuses: [QuoteStatus.Revised] },
    // Won and Closed quotes are not reactivated (UNCONFIRMED in the reference): revise instead.
  ],
  sources: {
    ConvertQuoteToSalesOrder: [QuoteState.Active, QuoteState.Won],
    ReviseQuote: [QuoteState.Active, QuoteState.Closed],
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
    [SalesOrderState.Active]: 'always',
    [SalesOrderState.Submitted]: { guards: ['backOfficeWriter'] },
    [SalesOrderState.Canceled]: 'never',
    // A partially delivered order still takes the back office's quantities and totals.
    [SalesOrderState.Fulfilled]: { guards: ['backOfficeWriter'] },
    [SalesOrderState.Invoiced]: 'never',
  },
  transitions: [
    { from: SalesOrderState.Active, to: SalesOrderState.Active, via: ['SetState'] },
    // Submit Order (PRODUCT.md C4): only while the integration is on; stamps the date submitted.
    {
      from: SalesOrderState.Active,
      to: SalesOrderState.Submitted,
      via: ['SetState', 'ol_SubmitSalesOrder'],
      guards: ['integrationEnabled'],
      stampsToday: ['submitdate'],
    },
    // Submitting a Submitted order again: allowed and changes nothing (the steps make it a no-op).
    {
      from: SalesOrderState.Submitted,
      to: SalesOrderState.Submitted,
      via: ['SetState', 'ol_SubmitSalesOrder'],
      guards: ['integrationEnabled'],
    },
    // The back office may hand an order back (the dual-write map keeps synced orders Active). With the
    // integration off nothing is locked, so anyone who may write the order may reopen it.
    { from: SalesOrderState.Submitted, to: SalesOrderState.Active, via: ['SetState'], guards: ['backOfficeLock'] },
    {
      from: SalesOrderState.Active,
      to: SalesOrderState.Fulfilled,
      via: ['FulfillSalesOrder'],
      stampsToday: ['datefulfilled'],
    },
    {
      from: SalesOrderState.Submitted,
      to: SalesOrderState.Fulfilled,
      via: ['FulfillSalesOrder'],
      guards: ['backOfficeLock'],
      stampsToday: ['datefulfilled'],
    },
    { from: SalesOrderState.Active, to: SalesOrderState.Canceled, via: ['CancelSalesOrder'] },
    {
      from: SalesOrderState.Submitted,
      to: SalesOrderState.Canceled,
      via: ['CancelSalesOrder'],
      guards: ['backOfficeLock'],
    },
    // Create Invoice moves the order to Invoiced (the reference's reading, UNCONFIRMED): refused while
    // the integration is on. Fulfilled orders may be invoiced too (ship, then bill).
    {
      from: SalesOrderState.Active,
      to: SalesOrderState.Invoiced,
      via: ['ConvertSalesOrderToInvoice'],
      guards: ['integrationDisabled'],
    },
    {
      from: SalesOrderState.Submitted,
      to: SalesOrderState.Invoiced,
      via: ['ConvertSalesOrderToInvoice'],
      guards: ['integrationDisabled'],
    },
    {
      from: SalesOrderState.Fulfilled,
      to: SalesOrderState.Invoiced,
      via: ['ConvertSalesOrderToInvoice'],
      guards: ['integrationDisabled'],
    },
    // With the integration on, the back office's invoice marks the order Invoiced.
    {
      from: SalesOrderState.Submitted,
      to: SalesOrderState.Invoiced,
      via: ['SetState'],
      guards: ['integrationEnabled', 'integrationUser'],
    },
    {
      from: SalesOrderState.Fulfilled,
      to: SalesOrderState.Invoiced,
      via: ['SetState'],
      guards: ['integrationEnabled', 'integrationUser'],
    },
    // The back office's processing status (src/bridge/inbound/processing-status.ts): delivered in part or
    // in full, then perhaps the rest, or cancelled. It writes these as state changes, with no close activity.
    {
      from: SalesOrderState.Submitted,
      to: SalesOrderState.Fulfilled,
      via: ['SetState'],
      guards: ['integrationEnabled', 'integrationUser'],
      stampsToday: ['datefulfilled'],
    },
    {
      from: SalesOrderState.Fulfilled,
      to: SalesOrderState.Fulfilled,
      via: ['SetState'],
      guards: ['integrationEnabled', 'integrationUser'],
    },
    {
      from: SalesOrderState.Submitted,
      to: SalesOrderState.Canceled,
      via: ['SetState'],
      guards: ['integrationEnabled', 'integrationUser'],
    },
    {
      from: SalesOrderState.Fulfilled,
      to: SalesOrderState.Canceled,
      via: ['SetState'],
      guards: ['integrationEnabled', 'integrationUser'],
    },
    // Canceled, Fulfilled and Invoiced orders are not reactivated (UNCONFIRMED in the reference).
  ],
  sources: {
    ConvertSalesOrderToInvoice: [SalesOrderState.Active, SalesOrderState.Submitted, SalesOrderState.Fulfilled],
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
  editing: {
    [InvoiceState.Active]: 'always',
    [InvoiceState.ClosedDeprecated]: 'never',
    [InvoiceState.Paid]: 'never',
    [InvoiceState.Canceled]: 'never',
  },
  transitions: [
    { from: InvoiceState.Active, to: InvoiceState.Active, via: ['SetState'] },
    { from: InvoiceState.Active, to: InvoiceState.Paid, via: ['SetState'] },
    { from: InvoiceState.Active, to: InvoiceState.Canceled, via: ['SetState'] },
    { from: InvoiceState.Paid, to: InvoiceState.Active, via: ['SetState'] },
    { from: InvoiceState.Canceled, to: InvoiceState.Active, via: ['SetState'] },
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
