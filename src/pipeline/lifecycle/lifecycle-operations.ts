/**
 * The sales messages of reference 6 as Web API actions, with Dataverse's names and parameters:
 * generating quotes, orders and invoices from an opportunity, copying its products, winning, closing,
 * revising and converting quotes, fulfilling, canceling, submitting and invoicing orders, winning and
 * losing opportunities, and publishing products. Each runs in the request's unit of work through the
 * write pipeline, so the lifecycle steps, privileges, pricing and audit apply to what it writes.
 */
import { DomainError } from '../../domain/errors.js';
import type { TableMetadata } from '../../domain/metadata/table-metadata.js';
import type { Row } from '../../domain/record.js';
import { type MessageName, resolveStatus, type StateMachine } from '../../sales/state-machine.js';
import { invoiceMachine, opportunityMachine, quoteMachine, salesorderMachine } from '../../sales/state-machines.js';
import { requireAccess } from '../../security/authorization.js';
import type { OperationDefinition, OperationInvocation, OperationParameter } from '../../webapi/operation-registry.js';
import type { ExecutionContext } from '../execution-context.js';
import { updateRecord } from '../record-writer.js';
import { grantTransition } from './message-grants.js';
import {
  columnSetParameter,
  dateTimeParameter,
  entityParameter,
  guidParameter,
  integerParameter,
  stringParameter,
} from './message-parameters.js';
import {
  changeState,
  closedRecord,
  copyHeader,
  copyLines,
  createCloseActivity,
  entityResult,
  loadRecord,
  requireSameCurrency,
  requireSource,
  requireTransition,
  tableOf,
} from './sales-records.js';

const COLUMN_SET: OperationParameter = { name: 'ColumnSet', type: 'mscrm.ColumnSet', optional: true };
/** Accepted and ignored: Orderline has no business process flows. */
const PROCESS_INSTANCE: OperationParameter = { name: 'ProcessInstanceId', type: 'mscrm.crmbaseentity', optional: true };

const lineTable = (context: ExecutionContext, machine: StateMachine) => tableOf(context, machine.lines[0]!.logicalName);

// ---------------------------------------------------------------------------------------------------
// From an opportunity

function generateFromOpportunity(name: MessageName, target: StateMachine): OperationDefinition {
  return {
    name,
    kind: 'action',
    parameters: [{ name: 'OpportunityId', type: 'Edm.Guid' }, COLUMN_SET, PROCESS_INSTANCE],
    returnType: `mscrm.${target.table.logicalName}`,
    async execute({ context, parameters, serviceRoot }) {
      const opportunities = tableOf(context, 'opportunity');
      const targetTable = tableOf(context, target.table.logicalName);
      const columns = columnSetParameter(parameters, targetTable);
      const opportunity = await loadRecord(context, opportunities, guidParameter(parameters, 'OpportunityId'));
      requireSource(opportunityMachine, name, opportunity);
      const created = await copyHeader(context, opportunities, opportunity, targetTable, {
        opportunityid: opportunity.opportunityid!,
      });
      const source = opportunity.opportunityid as string;
      await copyLines(context, lineTable(context, opportunityMachine), source, lineTable(context, target), created.row);
      return entityResult(context, serviceRoot, targetTable, created.id, columns);
    },
  };
}

function productsFromOpportunity(name: string, target: StateMachine, idParameter: string): OperationDefinition {
  return {
    name,
    kind: 'action',
    parameters: [
      { name: 'OpportunityId', type: 'Edm.Guid' },
      { name: idParameter, type: 'Edm.Guid' },
    ],
    async execute({ context, parameters }) {
      const opportunities = tableOf(context, 'opportunity');
      const targetTable = tableOf(context, target.table.logicalName);
      const opportunity = await loadRecord(context, opportunities, guidParameter(parameters, 'OpportunityId'));
      const header = await loadRecord(context, targetTable, guidParameter(parameters, idParameter));
      requireSameCurrency(opportunities, opportunity, targetTable, header);
      // The lines' own lifecycle step refuses them if the record is not editable (a quote not in Draft...).
      await copyLines(
        context,
        lineTable(context, opportunityMachine),
        opportunity.opportunityid as string,
        lineTable(context, target),
        header,
      );
      return undefined;
    },
  };
}

/**
 * The close messages (Win/LoseOpportunity, WinQuote/CloseQuote, Fulfill/CancelSalesOrder) share one
 * shape: a close activity names the record, the record moves to its closed state (Status -1 = the
 * state's default), and the activity is kept beside it.
 */
interface ClosingMessage {
  readonly name: MessageName;
  readonly machine: StateMachine;
  /** The close activity table and the parameter that carries it (`quoteclose`, `QuoteClose`). */
  readonly closeTable: string;
  readonly parameter: string;
  readonly to: number;
  readonly subject: string;
  /** Columns the record takes besides its state (an opportunity's actual revenue and close date). */
  readonly extraColumns?: (activity: Row, record: Row) => Row;
}

function closingMessage(message: ClosingMessage): OperationDefinition {
  return {
    name: message.name,
    kind: 'action',
    parameters: [
      { name: message.parameter, type: `mscrm.${message.closeTable}` },
      { name: 'Status', type: 'Edm.Int32' },
    ],
    async execute({ context, parameters }) {
      const closeTable = tableOf(context, message.closeTable);
      const input = entityParameter(context, parameters, message.parameter, closeTable);
      const record = await closedRecord(context, input, closeTable, message.parameter);
      const status = resolveStatus(message.machine, message.to, integerParameter(parameters, 'Status')!);
      const extra = message.extraColumns?.(input.attributes, record) ?? {};
      await changeState(context, message.machine, record, message.to, status, message.name, extra);
      await createCloseActivity(context, closeTable, input, record, {
        subject: message.subject,
        actualend: context.services.clock.now(),
      });
      return undefined;
    },
  };
}

/** WinOpportunity / LoseOpportunity: the opportunity closes with its actual revenue and close date. */
function closeOpportunity(name: 'WinOpportunity' | 'LoseOpportunity', to: number): OperationDefinition {
  return closingMessage({
    name,
    machine: opportunityMachine,
    closeTable: 'opportunityclose',
    parameter: 'OpportunityClose',
    to,
    subject: to === 1 ? 'Opportunity won' : 'Opportunity lost',
    extraColumns(activity, opportunity) {
      const extra: Row = {};
      const revenue = activity.actualrevenue ?? (to === 1 ? (opportunity.estimatedvalue ?? null) : null);
      if (revenue !== null && revenue !== undefined) extra.actualvalue = revenue;
      if (typeof activity.actualend === 'string') extra.actualclosedate = activity.actualend.slice(0, 10);
      return extra;
    },
  });
}

// ---------------------------------------------------------------------------------------------------
// Quotes

/** WinQuote / CloseQuote: the quote moves to Won or Closed and keeps a quote close activity. */
function closeQuote(name: 'WinQuote' | 'CloseQuote', to: number): OperationDefinition {
  return closingMessage({
    name,
    machine: quoteMachine,
    closeTable: 'quoteclose',
    parameter: 'QuoteClose',
    to,
    subject: to === 2 ? 'Quote won' : 'Quote closed',
  });
}

const reviseQuote: OperationDefinition = {
  name: 'ReviseQuote',
  kind: 'action',
  parameters: [{ name: 'QuoteId', type: 'Edm.Guid' }, COLUMN_SET],
  returnType: 'mscrm.quote',
  async execute({ context, parameters, serviceRoot }) {
    const quotes = tableOf(context, 'quote');
    const columns = columnSetParameter(parameters, quotes);
    const quote = await loadRecord(context, quotes, guidParameter(parameters, 'QuoteId'));
    requireSource(quoteMachine, 'ReviseQuote', quote);
    // The original closes as Revised; the revision is a new Draft with the next revision number. It gets
    // its own quote number: quotenumber is an alternate key here, so two quotes cannot share one.
    await changeState(context, quoteMachine, quote, 3, 7, 'ReviseQuote');
    const revision = await copyHeader(context, quotes, quote, quotes, {
      revisionnumber: Number(quote.revisionnumber ?? 0) + 1,
      ...(typeof quote.opportunityid === 'string' ? { opportunityid: quote.opportunityid } : {}),
    });
    const lines = lineTable(context, quoteMachine);
    await copyLines(context, lines, quote.quoteid as string, lines, revision.row);
    return entityResult(context, serviceRoot, quotes, revision.id, columns);
  },
};

const convertQuoteToSalesOrder: OperationDefinition = {
  name: 'ConvertQuoteToSalesOrder',
  kind: 'action',
  parameters: [
    { name: 'QuoteId', type: 'Edm.Guid' },
    COLUMN_SET,
    { name: 'QuoteCloseDate', type: 'Edm.DateTimeOffset', optional: true },
    { name: 'QuoteCloseStatus', type: 'Edm.Int32', optional: true },
    { name: 'QuoteCloseSubject', type: 'Edm.String', optional: true },
    { name: 'QuoteCloseDescription', type: 'Edm.String', optional: true },
    PROCESS_INSTANCE,
  ],
  returnType: 'mscrm.salesorder',
  async execute({ context, parameters, serviceRoot }) {
    const quotes = tableOf(context, 'quote');
    const orders = tableOf(context, 'salesorder');
    const columns = columnSetParameter(parameters, orders);
    const closeDate = dateTimeParameter(parameters, 'QuoteCloseDate');
    const closeStatus = integerParameter(parameters, 'QuoteCloseStatus');
    const subject = stringParameter(parameters, 'QuoteCloseSubject', 200);
    const description = stringParameter(parameters, 'QuoteCloseDescription', 2000);
    const quote = await loadRecord(context, quotes, guidParameter(parameters, 'QuoteId'));
    requireSource(quoteMachine, 'ConvertQuoteToSalesOrder', quote);
    if (quote.statecode === 1) {
      // An Active quote is won by its conversion, with the quote close the optional parameters describe.
      const status = resolveStatus(quoteMachine, 2, closeStatus ?? -1);
      await changeState(context, quoteMachine, quote, 2, status, 'ConvertQuoteToSalesOrder');
      const closeTable = tableOf(context, 'quoteclose');
      await createCloseActivity(context, closeTable, { attributes: {}, bindings: [] }, quote, {
        subject: subject ?? 'Quote won and converted to an order',
        actualend: closeDate ?? context.services.clock.now(),
        ...(description !== undefined ? { description } : {}),
      });
    }
    const order = await copyHeader(context, quotes, quote, orders, {
      quoteid: quote.quoteid!,
      ...(typeof quote.opportunityid === 'string' ? { opportunityid: quote.opportunityid } : {}),
    });
    await copyLines(
      context,
      lineTable(context, quoteMachine),
      quote.quoteid as string,
      lineTable(context, salesorderMachine),
      order.row,
    );
    return entityResult(context, serviceRoot, orders, order.id, columns);
  },
};

// ---------------------------------------------------------------------------------------------------
// Orders

const convertSalesOrderToInvoice: OperationDefinition = {
  name: 'ConvertSalesOrderToInvoice',
  kind: 'action',
  parameters: [{ name: 'SalesOrderId', type: 'Edm.Guid' }, COLUMN_SET],
  returnType: 'mscrm.invoice',
  async execute({ context, parameters, serviceRoot }) {
    const orders = tableOf(context, 'salesorder');
    const invoices = tableOf(context, 'invoice');
    const columns = columnSetParameter(parameters, invoices);
    const order = await loadRecord(context, orders, guidParameter(parameters, 'SalesOrderId'));
    requireSource(salesorderMachine, 'ConvertSalesOrderToInvoice', order);
    // Refused before anything is written while the order processing integration is on.
    await requireTransition(context, salesorderMachine, order, 4, 100003, 'ConvertSalesOrderToInvoice');
    const invoice = await copyHeader(context, orders, order, invoices, {
      salesorderid: order.salesorderid!,
      ...(typeof order.opportunityid === 'string' ? { opportunityid: order.opportunityid } : {}),
    });
    await copyLines(
      context,
      lineTable(context, salesorderMachine),
      order.salesorderid as string,
      tableOf(context, 'invoicedetail'),
      invoice.row,
    );
    await changeState(context, salesorderMachine, order, 4, 100003, 'ConvertSalesOrderToInvoice');
    return entityResult(context, serviceRoot, invoices, invoice.id, columns);
  },
};

/** FulfillSalesOrder / CancelSalesOrder: the order closes and keeps an order close activity. */
function closeOrder(name: 'FulfillSalesOrder' | 'CancelSalesOrder', to: number): OperationDefinition {
  return closingMessage({
    name,
    machine: salesorderMachine,
    closeTable: 'orderclose',
    parameter: 'OrderClose',
    to,
    subject: to === 3 ? 'Order fulfilled' : 'Order canceled',
  });
}

/**
 * Submit Order as a verb (PRODUCT.md C4): `POST salesorders(<id>)/Microsoft.Dynamics.CRM.ol_SubmitSalesOrder`
 * with `{}`, the same transition as PATCH statecode 1 / statuscode 3. Submitting a Submitted order
 * again writes nothing.
 */
const submitSalesOrder: OperationDefinition = {
  name: 'ol_SubmitSalesOrder',
  kind: 'action',
  boundTo: 'salesorder',
  parameters: [],
  async execute({ context, target }: OperationInvocation) {
    const orders = tableOf(context, 'salesorder');
    const id = target!.row.salesorderid as string;
    const order = await loadRecord(context, orders, id);
    await requireTransition(context, salesorderMachine, order, 1, 3, 'ol_SubmitSalesOrder');
    if (order.statecode === 1) {
      // Still a write to the order as far as privileges go, but nothing changes.
      requireAccess(context.caller, orders, 'write', order);
      return undefined;
    }
    grantTransition(context, orders.logicalName, id, 'ol_SubmitSalesOrder');
    await updateRecord(context, orders, id, { attributes: { statecode: 1, statuscode: 3 }, bindings: [] });
    return undefined;
  },
};

// ---------------------------------------------------------------------------------------------------
// Products

const PUBLISHABLE = new Set([2, 3]); // Draft, Under Revision

async function publish(
  context: ExecutionContext,
  products: TableMetadata,
  id: string,
  seen: Set<string>,
): Promise<void> {
  if (seen.has(id)) return;
  seen.add(id);
  const product = await context.services.records.find(context.trx, products, id, { forUpdate: true });
  if (!product) return;
  if (PUBLISHABLE.has(product.statecode as number)) {
    await updateRecord(context, products, id, { attributes: { statecode: 0, statuscode: 1 }, bindings: [] });
  }
  const children = await context.services.records.referencingIds(context.trx, products, 'parentproductid', id);
  for (const child of children) await publish(context, products, child, seen);
}

/**
 * `PublishProductHierarchy`, bound to a product: a Draft (or Under Revision) product becomes Active,
 * with the Draft products of its family. Publishing an Active product again changes nothing; a Retired
 * one cannot be published.
 */
const publishProductHierarchy: OperationDefinition = {
  name: 'PublishProductHierarchy',
  kind: 'action',
  boundTo: 'product',
  parameters: [],
  async execute({ context, target }) {
    const products = tableOf(context, 'product');
    const id = target!.row.productid as string;
    const product = await loadRecord(context, products, id);
    if (product.statecode === 1) {
      throw new DomainError('invalidState', `The product ${String(product.name)} is Retired and cannot be published.`);
    }
    await publish(context, products, id, new Set());
    return undefined;
  },
};

export const lifecycleOperations: readonly OperationDefinition[] = [
  generateFromOpportunity('GenerateQuoteFromOpportunity', quoteMachine),
  generateFromOpportunity('GenerateSalesOrderFromOpportunity', salesorderMachine),
  generateFromOpportunity('GenerateInvoiceFromOpportunity', invoiceMachine),
  productsFromOpportunity('GetQuoteProductsFromOpportunity', quoteMachine, 'QuoteId'),
  productsFromOpportunity('GetSalesOrderProductsFromOpportunity', salesorderMachine, 'SalesOrderId'),
  productsFromOpportunity('GetInvoiceProductsFromOpportunity', invoiceMachine, 'InvoiceId'),
  closeOpportunity('WinOpportunity', 1),
  closeOpportunity('LoseOpportunity', 2),
  closeQuote('WinQuote', 2),
  closeQuote('CloseQuote', 3),
  reviseQuote,
  convertQuoteToSalesOrder,
  convertSalesOrderToInvoice,
  closeOrder('FulfillSalesOrder', 3),
  closeOrder('CancelSalesOrder', 2),
  submitSalesOrder,
  publishProductHierarchy,
];
