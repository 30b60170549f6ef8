/**
 * Per table, the messages a record form of the Sales Hub offers, each with the checks its handler runs
 * (message-checks.ts) in the order it runs them. An entry names checks; it never restates a rule.
 * Names are the Web API's messages, or `SetState<State>` for a PATCH of statecode and statuscode.
 */
import {
  InvoiceState,
  InvoiceStatus,
  OpportunityState,
  OpportunityStatus,
  QuoteState,
  QuoteStatus,
  SalesOrderState,
  SalesOrderStatus,
} from '../../../domain/metadata/named-states.js';
import { invoiceMachine, opportunityMachine, quoteMachine, salesorderMachine } from '../../../sales/state-machines.js';
import { isPublishable, publishRefusal } from '../publish-product-hierarchy.js';
import {
  changesRecord,
  changesState,
  closeRule,
  editable,
  type MessageRule,
  messageRule,
  notReadOnly,
  privilege,
  setStateRule,
  source,
  transition,
  whileIn,
} from './message-checks.js';

/** Status -1: the target state's default, as the close messages read it. */
const DEFAULT_STATUS = -1;

const order = salesorderMachine;
const quote = quoteMachine;
const opportunity = opportunityMachine;
const invoice = invoiceMachine;

/** A copy made for the caller: its header and its lines (ReviseQuote, ConvertQuoteToSalesOrder, Generate...). */
const copyFor = (header: string, lines: string) => [
  privilege('create', { table: header, ownedBy: 'caller' }),
  privilege('create', { table: lines, ownedBy: 'caller' }),
];

/** Update and Delete of the record itself (its columns and its lines follow the same rule). */
const writes = (machine: typeof order): MessageRule[] => [
  { name: 'Update', checks: [privilege('write'), editable(machine)] },
  { name: 'Delete', checks: [privilege('delete'), editable(machine)] },
];

const salesorderMessages: readonly MessageRule[] = [
  ...writes(order),
  {
    name: 'ol_SubmitSalesOrder',
    // Last: submitting a Submitted order is accepted and changes nothing, which is not worth offering.
    checks: [
      transition(order, SalesOrderState.Submitted, SalesOrderStatus.InProgress, 'ol_SubmitSalesOrder'),
      privilege('write'),
      changesState(order, SalesOrderState.Submitted),
    ],
  },
  // Reopen: SetState back to Active.
  setStateRule('SetStateActive', order, SalesOrderState.Active, SalesOrderStatus.New),
  closeRule(order, 'FulfillSalesOrder', SalesOrderState.Fulfilled, SalesOrderStatus.Complete, 'orderclose'),
  closeRule(order, 'CancelSalesOrder', SalesOrderState.Canceled, SalesOrderStatus.NoMoney, 'orderclose'),
  {
    name: 'ConvertSalesOrderToInvoice',
    checks: [
      source(order, 'ConvertSalesOrderToInvoice'),
      transition(order, SalesOrderState.Invoiced, SalesOrderStatus.Invoiced, 'ConvertSalesOrderToInvoice'),
      privilege('create', { table: 'invoice', ownedBy: 'caller' }),
      privilege('write'),
    ],
  },
  // Updates of ispricelocked through the pipeline.
  { name: 'LockSalesOrderPricing', checks: [privilege('write'), editable(order)] },
  { name: 'UnlockSalesOrderPricing', checks: [privilege('write'), editable(order)] },
  { name: 'RecalculatePrice', checks: [privilege('write'), notReadOnly(order)] },
];

const quoteMessages: readonly MessageRule[] = [
  ...writes(quote),
  // Activate Quote.
  setStateRule('SetStateActive', quote, QuoteState.Active, QuoteStatus.ActiveInProgress),
  {
    // Create Order: an Active quote is won by it (its transition and quote close), then the order is copied.
    name: 'ConvertQuoteToSalesOrder',
    checks: [
      source(quote, 'ConvertQuoteToSalesOrder'),
      whileIn(QuoteState.Active, [
        transition(quote, QuoteState.Won, DEFAULT_STATUS, 'ConvertQuoteToSalesOrder'),
        privilege('write'),
        privilege('create', { table: 'quoteclose', ownedBy: 'record owner' }),
      ]),
      ...copyFor('salesorder', 'salesorderdetail'),
    ],
  },
  {
    // The original closes as Revised; the revision is a new Draft copy for the caller.
    name: 'ReviseQuote',
    checks: [
      source(quote, 'ReviseQuote'),
      transition(quote, QuoteState.Closed, QuoteStatus.Revised, 'ReviseQuote'),
      privilege('write'),
      ...copyFor('quote', 'quotedetail'),
    ],
  },
  // Close Quote: won, or closed as lost or canceled.
  closeRule(quote, 'WinQuote', QuoteState.Won, DEFAULT_STATUS, 'quoteclose'),
  closeRule(quote, 'CloseQuote', QuoteState.Closed, QuoteStatus.Lost, 'quoteclose'),
];

const opportunityMessages: readonly MessageRule[] = [
  ...writes(opportunity),
  {
    name: 'GenerateQuoteFromOpportunity',
    checks: [source(opportunity, 'GenerateQuoteFromOpportunity'), ...copyFor('quote', 'quotedetail')],
  },
  closeRule(opportunity, 'WinOpportunity', OpportunityState.Won, DEFAULT_STATUS, 'opportunityclose'),
  closeRule(opportunity, 'LoseOpportunity', OpportunityState.Lost, DEFAULT_STATUS, 'opportunityclose'),
  // Reopen Opportunity.
  setStateRule('SetStateOpen', opportunity, OpportunityState.Open, OpportunityStatus.InProgress),
];

const invoiceMessages: readonly MessageRule[] = [
  ...writes(invoice),
  // Mark as Paid, Cancel Invoice, and reactivating a paid or canceled invoice: SetState PATCHes.
  setStateRule('SetStatePaid', invoice, InvoiceState.Paid, InvoiceStatus.Complete),
  setStateRule('SetStateCanceled', invoice, InvoiceState.Canceled, InvoiceStatus.Canceled),
  setStateRule('SetStateActive', invoice, InvoiceState.Active, InvoiceStatus.New),
  { name: 'LockInvoicePricing', checks: [privilege('write'), editable(invoice)] },
  { name: 'UnlockInvoicePricing', checks: [privilege('write'), editable(invoice)] },
  { name: 'RecalculatePrice', checks: [privilege('write'), notReadOnly(invoice)] },
];

/**
 * Products: Publish. Only the message is answered; the product form keeps its own Save rule (Retired
 * products are read-only there), which the server does not enforce.
 */
const productMessages: readonly MessageRule[] = [
  {
    name: 'PublishProductHierarchy',
    // A Retired product is refused; an Active one is accepted and left as it is; a publishable one is written.
    checks: [
      messageRule(publishRefusal),
      changesRecord(isPublishable, 'the product is already Active'),
      privilege('write'),
    ],
  },
];

export const MESSAGE_CATALOGUES: Readonly<Record<string, readonly MessageRule[]>> = {
  salesorder: salesorderMessages,
  quote: quoteMessages,
  opportunity: opportunityMessages,
  invoice: invoiceMessages,
  product: productMessages,
  // The Sales settings page asks whether the caller may change the organization's settings.
  organization: [{ name: 'Update', checks: [privilege('write')] }],
};
