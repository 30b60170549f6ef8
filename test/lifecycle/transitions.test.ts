/**
 * Every transition of the four state tables, allowed and refused, through the Web API on every store:
 * SetState (PATCH statecode/statuscode) and the messages. The expectations are written here from the
 * reference (4.2, 4.3) and PRODUCT.md C3/C4, not read from src/sales, so a wrong cell in the server's
 * tables shows up as a failure. A refused request answers 400 and leaves the record exactly as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiResponse, startTestServer, type TestServer } from '../support/test-app.js';
import { TEST_STORES } from '../support/test-stores.js';
import {
  type Api,
  as,
  createUser,
  expectRefused,
  invoiceIn,
  type OrderState,
  opportunityIn,
  orderIn,
  quoteIn,
  read,
  setIntegration,
  type TestUser,
} from './support.js';

type Outcome = readonly [statecode: number, statuscode: number] | 'refused';

interface Case {
  readonly rule: string;
  readonly set: 'opportunities' | 'quotes' | 'salesorders' | 'invoices';
  /** Creates the record in the starting state (as the administrator). */
  readonly from: (server: TestServer, api: Api) => Promise<string>;
  /** The switch while acting; left as the setup left it when absent. */
  readonly integration?: boolean;
  /** Who acts: the administrator (not an integration user) unless `integrationUser`. */
  readonly integrationUser?: boolean;
  readonly act: (api: Api, id: string) => Promise<ApiResponse>;
  readonly expect: Outcome;
  /** The status a successful message answers with. */
  readonly okStatus?: number;
}

const setState = (set: string, statecode: number, statuscode: number) => (api: Api, id: string) =>
  api(`${set}(${id})`, { method: 'PATCH', body: { statecode, statuscode } });

const message = (name: string, body: (id: string) => Record<string, unknown>) => (api: Api, id: string) =>
  api(name, { method: 'POST', body: body(id) });

const opportunityClose = (name: string, status: number) =>
  message(name, (id) => ({
    OpportunityClose: { subject: name, 'opportunityid@odata.bind': `/opportunities(${id})` },
    Status: status,
  }));
const quoteClose = (name: string, status: number) =>
  message(name, (id) => ({ QuoteClose: { subject: name, 'quoteid@odata.bind': `/quotes(${id})` }, Status: status }));
const orderClose = (name: string, status: number) =>
  message(name, (id) => ({
    OrderClose: { subject: name, 'salesorderid@odata.bind': `/salesorders(${id})` },
    Status: status,
  }));

const opportunity = (state: 'Open' | 'Won' | 'Lost') => (_server: TestServer, api: Api) => opportunityIn(api, state);
const quote = (state: 'Draft' | 'Active' | 'Won' | 'Closed') => (_server: TestServer, api: Api) => quoteIn(api, state);
const order = (state: OrderState) => (server: TestServer, api: Api) => orderIn(server, api, state);
const invoice = (state: 'Active' | 'Paid' | 'Canceled') => (_server: TestServer, api: Api) => invoiceIn(api, state);

const OPPORTUNITY: readonly Case[] = [
  {
    rule: 'Open -> Open (On Hold) by SetState is allowed',
    set: 'opportunities',
    from: opportunity('Open'),
    act: setState('opportunities', 0, 2),
    expect: [0, 2],
  },
  {
    rule: 'Open -> Won by SetState is refused (WinOpportunity only)',
    set: 'opportunities',
    from: opportunity('Open'),
    act: setState('opportunities', 1, 3),
    expect: 'refused',
  },
  {
    rule: 'Open -> Lost by SetState is refused (LoseOpportunity only)',
    set: 'opportunities',
    from: opportunity('Open'),
    act: setState('opportunities', 2, 4),
    expect: 'refused',
  },
  {
    rule: 'Won -> Open by SetState (reactivate) is allowed',
    set: 'opportunities',
    from: opportunity('Won'),
    act: setState('opportunities', 0, 1),
    expect: [0, 1],
  },
  {
    rule: 'Lost -> Open by SetState (reactivate) is allowed',
    set: 'opportunities',
    from: opportunity('Lost'),
    act: setState('opportunities', 0, 1),
    expect: [0, 1],
  },
  {
    rule: 'Won -> Lost by SetState is refused',
    set: 'opportunities',
    from: opportunity('Won'),
    act: setState('opportunities', 2, 5),
    expect: 'refused',
  },
  {
    rule: 'Lost -> Won by SetState is refused',
    set: 'opportunities',
    from: opportunity('Lost'),
    act: setState('opportunities', 1, 3),
    expect: 'refused',
  },
  {
    rule: 'Won -> Won by SetState is refused',
    set: 'opportunities',
    from: opportunity('Won'),
    act: setState('opportunities', 1, 3),
    expect: 'refused',
  },
  {
    rule: 'WinOpportunity on an Open opportunity wins it',
    set: 'opportunities',
    from: opportunity('Open'),
    act: opportunityClose('WinOpportunity', -1),
    expect: [1, 3],
  },
  {
    rule: 'WinOpportunity on a Won opportunity is refused',
    set: 'opportunities',
    from: opportunity('Won'),
    act: opportunityClose('WinOpportunity', 3),
    expect: 'refused',
  },
  {
    rule: 'WinOpportunity on a Lost opportunity is refused',
    set: 'opportunities',
    from: opportunity('Lost'),
    act: opportunityClose('WinOpportunity', 3),
    expect: 'refused',
  },
  {
    rule: 'LoseOpportunity on an Open opportunity loses it as Out-Sold',
    set: 'opportunities',
    from: opportunity('Open'),
    act: opportunityClose('LoseOpportunity', 5),
    expect: [2, 5],
  },
  {
    rule: 'LoseOpportunity with a Won status is refused',
    set: 'opportunities',
    from: opportunity('Open'),
    act: opportunityClose('LoseOpportunity', 3),
    expect: 'refused',
  },
  {
    rule: 'LoseOpportunity on a Won opportunity is refused',
    set: 'opportunities',
    from: opportunity('Won'),
    act: opportunityClose('LoseOpportunity', -1),
    expect: 'refused',
  },
  {
    rule: 'LoseOpportunity on a Lost opportunity is refused',
    set: 'opportunities',
    from: opportunity('Lost'),
    act: opportunityClose('LoseOpportunity', -1),
    expect: 'refused',
  },
];

const generate = (name: string) => message(name, (id) => ({ OpportunityId: id }));
const OPPORTUNITY_SOURCES: readonly Case[] = [
  'GenerateQuoteFromOpportunity',
  'GenerateSalesOrderFromOpportunity',
  'GenerateInvoiceFromOpportunity',
].flatMap((name): Case[] => [
  {
    rule: `${name} from an Open opportunity is allowed`,
    set: 'opportunities',
    from: opportunity('Open'),
    act: generate(name),
    expect: [0, 1],
    okStatus: 200,
  },
  {
    rule: `${name} from a Won opportunity is refused`,
    set: 'opportunities',
    from: opportunity('Won'),
    act: generate(name),
    expect: 'refused',
  },
  {
    rule: `${name} from a Lost opportunity is refused`,
    set: 'opportunities',
    from: opportunity('Lost'),
    act: generate(name),
    expect: 'refused',
  },
]);

const QUOTE: readonly Case[] = [
  {
    rule: 'Draft -> Draft by SetState is allowed (changes nothing)',
    set: 'quotes',
    from: quote('Draft'),
    act: setState('quotes', 0, 1),
    expect: [0, 1],
  },
  {
    rule: 'Draft -> Active by SetState (activate) is allowed',
    set: 'quotes',
    from: quote('Draft'),
    act: setState('quotes', 1, 3),
    expect: [1, 3],
  },
  {
    rule: 'Active -> Active (Open) by SetState is allowed',
    set: 'quotes',
    from: quote('Active'),
    act: setState('quotes', 1, 3),
    expect: [1, 3],
  },
  {
    rule: 'Active -> Draft by SetState is refused (revise instead)',
    set: 'quotes',
    from: quote('Active'),
    act: setState('quotes', 0, 1),
    expect: 'refused',
  },
  {
    rule: 'Draft -> Won by SetState is refused',
    set: 'quotes',
    from: quote('Draft'),
    act: setState('quotes', 2, 4),
    expect: 'refused',
  },
  {
    rule: 'Draft -> Closed by SetState is refused',
    set: 'quotes',
    from: quote('Draft'),
    act: setState('quotes', 3, 6),
    expect: 'refused',
  },
  {
    rule: 'Active -> Won by SetState is refused (WinQuote only)',
    set: 'quotes',
    from: quote('Active'),
    act: setState('quotes', 2, 4),
    expect: 'refused',
  },
  {
    rule: 'Active -> Closed by SetState is refused (CloseQuote only)',
    set: 'quotes',
    from: quote('Active'),
    act: setState('quotes', 3, 5),
    expect: 'refused',
  },
  {
    rule: 'Won -> Active by SetState is refused',
    set: 'quotes',
    from: quote('Won'),
    act: setState('quotes', 1, 2),
    expect: 'refused',
  },
  {
    rule: 'Won -> Draft by SetState is refused',
    set: 'quotes',
    from: quote('Won'),
    act: setState('quotes', 0, 1),
    expect: 'refused',
  },
  {
    rule: 'Closed -> Draft by SetState is refused',
    set: 'quotes',
    from: quote('Closed'),
    act: setState('quotes', 0, 1),
    expect: 'refused',
  },
  {
    rule: 'Closed -> Active by SetState is refused',
    set: 'quotes',
    from: quote('Closed'),
    act: setState('quotes', 1, 2),
    expect: 'refused',
  },
  {
    rule: 'WinQuote on an Active quote wins it',
    set: 'quotes',
    from: quote('Active'),
    act: quoteClose('WinQuote', -1),
    expect: [2, 4],
  },
  {
    rule: 'WinQuote on a Draft quote is refused',
    set: 'quotes',
    from: quote('Draft'),
    act: quoteClose('WinQuote', 4),
    expect: 'refused',
  },
  {
    rule: 'WinQuote on a Won quote is refused',
    set: 'quotes',
    from: quote('Won'),
    act: quoteClose('WinQuote', 4),
    expect: 'refused',
  },
  {
    rule: 'WinQuote on a Closed quote is refused',
    set: 'quotes',
    from: quote('Closed'),
    act: quoteClose('WinQuote', 4),
    expect: 'refused',
  },
  {
    rule: 'CloseQuote on an Active quote closes it as Canceled',
    set: 'quotes',
    from: quote('Active'),
    act: quoteClose('CloseQuote', 6),
    expect: [3, 6],
  },
  {
    rule: 'CloseQuote with Status -1 closes it with the default status (Revised)',
    set: 'quotes',
    from: quote('Active'),
    act: quoteClose('CloseQuote', -1),
    expect: [3, 7],
  },
  {
    rule: 'CloseQuote with a Won status is refused',
    set: 'quotes',
    from: quote('Active'),
    act: quoteClose('CloseQuote', 4),
    expect: 'refused',
  },
  {
    rule: 'CloseQuote on a Draft quote is refused',
    set: 'quotes',
    from: quote('Draft'),
    act: quoteClose('CloseQuote', 5),
    expect: 'refused',
  },
  {
    rule: 'CloseQuote on a Won quote is refused',
    set: 'quotes',
    from: quote('Won'),
    act: quoteClose('CloseQuote', 5),
    expect: 'refused',
  },
  {
    rule: 'CloseQuote on a Closed quote is refused',
    set: 'quotes',
    from: quote('Closed'),
    act: quoteClose('CloseQuote', 6),
    expect: 'refused',
  },
  {
    rule: 'ReviseQuote on an Active quote closes it as Revised',
    set: 'quotes',
    from: quote('Active'),
    act: message('ReviseQuote', (id) => ({ QuoteId: id })),
    expect: [3, 7],
    okStatus: 200,
  },
  {
    rule: 'ReviseQuote on a Closed quote marks it Revised',
    set: 'quotes',
    from: quote('Closed'),
    act: message('ReviseQuote', (id) => ({ QuoteId: id })),
    expect: [3, 7],
    okStatus: 200,
  },
  {
    rule: 'ReviseQuote on a Draft quote is refused',
    set: 'quotes',
    from: quote('Draft'),
    act: message('ReviseQuote', (id) => ({ QuoteId: id })),
    expect: 'refused',
  },
  {
    rule: 'ReviseQuote on a Won quote is refused',
    set: 'quotes',
    from: quote('Won'),
    act: message('ReviseQuote', (id) => ({ QuoteId: id })),
    expect: 'refused',
  },
  {
    rule: 'ConvertQuoteToSalesOrder on an Active quote wins it',
    set: 'quotes',
    from: quote('Active'),
    act: message('ConvertQuoteToSalesOrder', (id) => ({ QuoteId: id })),
    expect: [2, 4],
    okStatus: 200,
  },
  {
    rule: 'ConvertQuoteToSalesOrder on a Won quote leaves it Won',
    set: 'quotes',
    from: quote('Won'),
    act: message('ConvertQuoteToSalesOrder', (id) => ({ QuoteId: id })),
    expect: [2, 4],
    okStatus: 200,
  },
  {
    rule: 'ConvertQuoteToSalesOrder on a Draft quote is refused',
    set: 'quotes',
    from: quote('Draft'),
    act: message('ConvertQuoteToSalesOrder', (id) => ({ QuoteId: id })),
    expect: 'refused',
  },
  {
    rule: 'ConvertQuoteToSalesOrder on a Closed quote is refused',
    set: 'quotes',
    from: quote('Closed'),
    act: message('ConvertQuoteToSalesOrder', (id) => ({ QuoteId: id })),
    expect: 'refused',
  },
  {
    rule: 'ConvertQuoteToSalesOrder with a Lost QuoteCloseStatus is refused',
    set: 'quotes',
    from: quote('Active'),
    act: message('ConvertQuoteToSalesOrder', (id) => ({ QuoteId: id, QuoteCloseStatus: 5 })),
    expect: 'refused',
  },
];

const submitAction = (api: Api, id: string) =>
  api(`salesorders(${id})/Microsoft.Dynamics.CRM.ol_SubmitSalesOrder`, { method: 'POST', body: {} });
const toInvoice = message('ConvertSalesOrderToInvoice', (id) => ({ SalesOrderId: id }));

const ORDER: readonly Case[] = [
  {
    rule: 'Active -> Active (Pending) by SetState is allowed',
    set: 'salesorders',
    from: order('Active'),
    act: setState('salesorders', 0, 2),
    expect: [0, 2],
  },
  {
    rule: 'Active -> Submitted by SetState is allowed while the integration is on',
    set: 'salesorders',
    from: order('Active'),
    integration: true,
    act: setState('salesorders', 1, 3),
    expect: [1, 3],
  },
  {
    rule: 'Active -> Submitted by SetState is refused while the integration is off',
    set: 'salesorders',
    from: order('Active'),
    integration: false,
    act: setState('salesorders', 1, 3),
    expect: 'refused',
  },
  {
    rule: 'Active -> Submitted by ol_SubmitSalesOrder is allowed while the integration is on',
    set: 'salesorders',
    from: order('Active'),
    integration: true,
    act: submitAction,
    expect: [1, 3],
  },
  {
    rule: 'Active -> Submitted by ol_SubmitSalesOrder is refused while the integration is off',
    set: 'salesorders',
    from: order('Active'),
    integration: false,
    act: submitAction,
    expect: 'refused',
  },
  {
    rule: 'Submitted -> Submitted by SetState is allowed and changes nothing',
    set: 'salesorders',
    from: order('Submitted'),
    integration: true,
    act: setState('salesorders', 1, 3),
    expect: [1, 3],
  },
  {
    rule: 'Submitted -> Submitted by ol_SubmitSalesOrder is allowed and changes nothing',
    set: 'salesorders',
    from: order('Submitted'),
    integration: true,
    act: submitAction,
    expect: [1, 3],
  },
  {
    rule: 'Submitted -> Submitted is refused while the integration is off',
    set: 'salesorders',
    from: order('Submitted'),
    integration: false,
    act: setState('salesorders', 1, 3),
    expect: 'refused',
  },
  {
    rule: 'Submitted -> Active by SetState is refused to a user who is not an integration user while the integration is on',
    set: 'salesorders',
    from: order('Submitted'),
    integration: true,
    act: setState('salesorders', 0, 1),
    expect: 'refused',
  },
  {
    rule: 'Submitted -> Active by SetState is allowed to an integration user while the integration is on',
    set: 'salesorders',
    from: order('Submitted'),
    integration: true,
    integrationUser: true,
    act: setState('salesorders', 0, 1),
    expect: [0, 1],
  },
  {
    rule: 'Submitted -> Active by SetState is allowed to anyone while the integration is off',
    set: 'salesorders',
    from: order('Submitted'),
    integration: false,
    act: setState('salesorders', 0, 1),
    expect: [0, 1],
  },
  {
    rule: 'Submitted -> Invoiced by SetState is allowed to an integration user while the integration is on',
    set: 'salesorders',
    from: order('Submitted'),
    integration: true,
    integrationUser: true,
    act: setState('salesorders', 4, 100003),
    expect: [4, 100003],
  },
  {
    rule: 'Submitted -> Invoiced by SetState is refused to a user who is not an integration user',
    set: 'salesorders',
    from: order('Submitted'),
    integration: true,
    act: setState('salesorders', 4, 100003),
    expect: 'refused',
  },
  {
    rule: 'Submitted -> Invoiced by SetState is refused while the integration is off',
    set: 'salesorders',
    from: order('Submitted'),
    integration: false,
    integrationUser: true,
    act: setState('salesorders', 4, 100003),
    expect: 'refused',
  },
  {
    rule: 'Fulfilled -> Invoiced by SetState is allowed to an integration user while the integration is on',
    set: 'salesorders',
    from: order('Fulfilled'),
    integration: true,
    integrationUser: true,
    act: setState('salesorders', 4, 100003),
    expect: [4, 100003],
  },
  {
    rule: 'Fulfilled -> Invoiced by SetState is refused to a user who is not an integration user',
    set: 'salesorders',
    from: order('Fulfilled'),
    integration: true,
    act: setState('salesorders', 4, 100003),
    expect: 'refused',
  },
  {
    rule: 'Active -> Invoiced by SetState is refused, even to an integration user',
    set: 'salesorders',
    from: order('Active'),
    integration: true,
    integrationUser: true,
    act: setState('salesorders', 4, 100003),
    expect: 'refused',
  },
  {
    rule: 'Active -> Fulfilled by SetState is refused (FulfillSalesOrder only)',
    set: 'salesorders',
    from: order('Active'),
    act: setState('salesorders', 3, 100001),
    expect: 'refused',
  },
  {
    rule: 'Active -> Canceled by SetState is refused (CancelSalesOrder only)',
    set: 'salesorders',
    from: order('Active'),
    act: setState('salesorders', 2, 4),
    expect: 'refused',
  },
  {
    rule: 'Canceled -> Active by SetState is refused',
    set: 'salesorders',
    from: order('Canceled'),
    act: setState('salesorders', 0, 1),
    expect: 'refused',
  },
  {
    rule: 'Fulfilled -> Active by SetState is refused',
    set: 'salesorders',
    from: order('Fulfilled'),
    act: setState('salesorders', 0, 1),
    expect: 'refused',
  },
  {
    rule: 'Invoiced -> Active by SetState is refused',
    set: 'salesorders',
    from: order('Invoiced'),
    act: setState('salesorders', 0, 1),
    expect: 'refused',
  },
  {
    rule: 'Canceled -> Submitted by SetState is refused',
    set: 'salesorders',
    from: order('Canceled'),
    integration: true,
    act: setState('salesorders', 1, 3),
    expect: 'refused',
  },
  {
    rule: 'Canceled -> Submitted by ol_SubmitSalesOrder is refused',
    set: 'salesorders',
    from: order('Canceled'),
    integration: true,
    act: submitAction,
    expect: 'refused',
  },
  {
    rule: 'FulfillSalesOrder on an Active order fulfils it',
    set: 'salesorders',
    from: order('Active'),
    act: orderClose('FulfillSalesOrder', 100001),
    expect: [3, 100001],
  },
  {
    rule: 'FulfillSalesOrder with Status Partial fulfils it partially',
    set: 'salesorders',
    from: order('Active'),
    act: orderClose('FulfillSalesOrder', 100002),
    expect: [3, 100002],
  },
  {
    rule: 'FulfillSalesOrder with a Canceled status is refused',
    set: 'salesorders',
    from: order('Active'),
    act: orderClose('FulfillSalesOrder', 4),
    expect: 'refused',
  },
  {
    rule: 'FulfillSalesOrder on a Submitted order is refused to a user who is not an integration user while the integration is on',
    set: 'salesorders',
    from: order('Submitted'),
    integration: true,
    act: orderClose('FulfillSalesOrder', -1),
    expect: 'refused',
  },
  {
    rule: 'FulfillSalesOrder on a Submitted order is allowed to an integration user',
    set: 'salesorders',
    from: order('Submitted'),
    integration: true,
    integrationUser: true,
    act: orderClose('FulfillSalesOrder', -1),
    expect: [3, 100001],
  },
  {
    rule: 'FulfillSalesOrder on a Submitted order is allowed to anyone while the integration is off',
    set: 'salesorders',
    from: order('Submitted'),
    integration: false,
    act: orderClose('FulfillSalesOrder', -1),
    expect: [3, 100001],
  },
  {
    rule: 'FulfillSalesOrder on a Canceled order is refused',
    set: 'salesorders',
    from: order('Canceled'),
    act: orderClose('FulfillSalesOrder', -1),
    expect: 'refused',
  },
  {
    rule: 'FulfillSalesOrder on a Fulfilled order is refused',
    set: 'salesorders',
    from: order('Fulfilled'),
    act: orderClose('FulfillSalesOrder', -1),
    expect: 'refused',
  },
  {
    rule: 'FulfillSalesOrder on an Invoiced order is refused',
    set: 'salesorders',
    from: order('Invoiced'),
    act: orderClose('FulfillSalesOrder', -1),
    expect: 'refused',
  },
  {
    rule: 'CancelSalesOrder on an Active order cancels it',
    set: 'salesorders',
    from: order('Active'),
    act: orderClose('CancelSalesOrder', -1),
    expect: [2, 4],
  },
  {
    rule: 'CancelSalesOrder on a Submitted order is refused to a user who is not an integration user while the integration is on',
    set: 'salesorders',
    from: order('Submitted'),
    integration: true,
    act: orderClose('CancelSalesOrder', 4),
    expect: 'refused',
  },
  {
    rule: 'CancelSalesOrder on a Submitted order is allowed to an integration user',
    set: 'salesorders',
    from: order('Submitted'),
    integration: true,
    integrationUser: true,
    act: orderClose('CancelSalesOrder', 4),
    expect: [2, 4],
  },
  {
    rule: 'CancelSalesOrder on a Canceled order is refused',
    set: 'salesorders',
    from: order('Canceled'),
    act: orderClose('CancelSalesOrder', -1),
    expect: 'refused',
  },
  {
    rule: 'CancelSalesOrder on a Fulfilled order is refused',
    set: 'salesorders',
    from: order('Fulfilled'),
    act: orderClose('CancelSalesOrder', -1),
    expect: 'refused',
  },
  {
    rule: 'CancelSalesOrder on an Invoiced order is refused',
    set: 'salesorders',
    from: order('Invoiced'),
    act: orderClose('CancelSalesOrder', -1),
    expect: 'refused',
  },
  {
    rule: 'ConvertSalesOrderToInvoice on an Active order invoices it while the integration is off',
    set: 'salesorders',
    from: order('Active'),
    integration: false,
    act: toInvoice,
    expect: [4, 100003],
    okStatus: 200,
  },
  {
    rule: 'ConvertSalesOrderToInvoice on a Fulfilled order invoices it while the integration is off',
    set: 'salesorders',
    from: order('Fulfilled'),
    integration: false,
    act: toInvoice,
    expect: [4, 100003],
    okStatus: 200,
  },
  {
    rule: 'ConvertSalesOrderToInvoice on a Submitted order invoices it while the integration is off',
    set: 'salesorders',
    from: order('Submitted'),
    integration: false,
    act: toInvoice,
    expect: [4, 100003],
    okStatus: 200,
  },
  {
    rule: 'ConvertSalesOrderToInvoice is refused while the integration is on',
    set: 'salesorders',
    from: order('Active'),
    integration: true,
    act: toInvoice,
    expect: 'refused',
  },
  {
    rule: 'ConvertSalesOrderToInvoice is refused while the integration is on, even to an integration user',
    set: 'salesorders',
    from: order('Active'),
    integration: true,
    integrationUser: true,
    act: toInvoice,
    expect: 'refused',
  },
  {
    rule: 'ConvertSalesOrderToInvoice on a Canceled order is refused',
    set: 'salesorders',
    from: order('Canceled'),
    integration: false,
    act: toInvoice,
    expect: 'refused',
  },
  {
    rule: 'ConvertSalesOrderToInvoice on an Invoiced order is refused',
    set: 'salesorders',
    from: order('Invoiced'),
    integration: false,
    act: toInvoice,
    expect: 'refused',
  },
];

const INVOICE: readonly Case[] = [
  {
    rule: 'Active -> Active (Billed) by SetState is allowed',
    set: 'invoices',
    from: invoice('Active'),
    act: setState('invoices', 0, 4),
    expect: [0, 4],
  },
  {
    rule: 'Active -> Paid (Partial) by SetState is allowed',
    set: 'invoices',
    from: invoice('Active'),
    act: setState('invoices', 2, 100002),
    expect: [2, 100002],
  },
  {
    rule: 'Active -> Canceled by SetState is allowed',
    set: 'invoices',
    from: invoice('Active'),
    act: setState('invoices', 3, 100003),
    expect: [3, 100003],
  },
  {
    rule: 'Paid -> Active by SetState (reactivate) is allowed',
    set: 'invoices',
    from: invoice('Paid'),
    act: setState('invoices', 0, 1),
    expect: [0, 1],
  },
  {
    rule: 'Canceled -> Active by SetState (reactivate) is allowed',
    set: 'invoices',
    from: invoice('Canceled'),
    act: setState('invoices', 0, 1),
    expect: [0, 1],
  },
  {
    rule: 'Active -> Closed (deprecated) by SetState is refused',
    set: 'invoices',
    from: invoice('Active'),
    act: setState('invoices', 1, 3),
    expect: 'refused',
  },
  {
    rule: 'Paid -> Canceled by SetState is refused',
    set: 'invoices',
    from: invoice('Paid'),
    act: setState('invoices', 3, 100003),
    expect: 'refused',
  },
  {
    rule: 'Canceled -> Paid by SetState is refused',
    set: 'invoices',
    from: invoice('Canceled'),
    act: setState('invoices', 2, 100001),
    expect: 'refused',
  },
  {
    rule: 'Paid -> Paid (another status) by SetState is refused',
    set: 'invoices',
    from: invoice('Paid'),
    act: setState('invoices', 2, 100002),
    expect: 'refused',
  },
];

const GROUPS: Readonly<Record<string, readonly Case[]>> = {
  opportunity: OPPORTUNITY,
  'opportunity as a source': OPPORTUNITY_SOURCES,
  quote: QUOTE,
  salesorder: ORDER,
  invoice: INVOICE,
};

for (const kind of TEST_STORES) {
  describe(`state transitions on ${kind}`, () => {
    let server: TestServer;
    let integrationUser: TestUser;

    beforeAll(async () => {
      server = await startTestServer(kind);
      integrationUser = await createUser(server, { roles: ['Sales Manager'], integration: true, name: 'backoffice' });
    });
    afterAll(async () => {
      await server?.close();
    });

    for (const [group, cases] of Object.entries(GROUPS)) {
      describe(group, () => {
        it.each(cases.map((testCase) => [testCase.rule, testCase] as const))('%s', async (_rule, testCase) => {
          const admin = as(server);
          const id = await testCase.from(server, admin);
          if (testCase.integration !== undefined) await setIntegration(server, testCase.integration);
          const before = await read(admin, `${testCase.set}(${id})`);
          const actor = testCase.integrationUser ? as(server, integrationUser) : admin;
          const response = await testCase.act(actor, id);
          const after = await read(admin, `${testCase.set}(${id})`);
          if (testCase.expect === 'refused') {
            expectRefused(response, 400);
            expect(after).toEqual(before);
            return;
          }
          expect(response.status, response.text).toBe(testCase.okStatus ?? 204);
          expect([after.statecode, after.statuscode]).toEqual(testCase.expect);
          const repeated = before.statecode === after.statecode && before.statuscode === after.statuscode;
          if (repeated) expect(after['@odata.etag']).toBe(before['@odata.etag']);
        });
      });
    }
  });
}
