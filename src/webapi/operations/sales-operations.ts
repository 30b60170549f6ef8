/**
 * The Sales messages of reference 6 as Web API actions, with Dataverse's names and parameters: one
 * binding row each, which reads the parameters, runs the message of src/pipeline/messages/ in the
 * request's unit of work and writes its answer (the created record, or 204).
 */
import type { TableMetadata } from '../../domain/metadata/table-metadata.js';
import { type ClosingMessage, closeRecord, closings } from '../../pipeline/messages/close-record.js';
import { convertQuoteToSalesOrder } from '../../pipeline/messages/convert-quote-to-sales-order.js';
import { convertSalesOrderToInvoice } from '../../pipeline/messages/convert-sales-order-to-invoice.js';
import {
  type GenerateFromOpportunityInput,
  generateInvoiceFromOpportunity,
  generateQuoteFromOpportunity,
  generateSalesOrderFromOpportunity,
} from '../../pipeline/messages/generate-from-opportunity.js';
import type { CreatedRecord, Message } from '../../pipeline/messages/message.js';
import {
  getInvoiceProductsFromOpportunity,
  getQuoteProductsFromOpportunity,
  getSalesOrderProductsFromOpportunity,
  type ProductsFromOpportunityInput,
} from '../../pipeline/messages/products-from-opportunity.js';
import { publishProductHierarchy } from '../../pipeline/messages/publish-product-hierarchy.js';
import { reviseQuote } from '../../pipeline/messages/revise-quote.js';
import { submitSalesOrder } from '../../pipeline/messages/submit-sales-order.js';
import { entityResult } from './entity-result.js';
import type { ActionDefinition, OperationInvocation, OperationParameter } from './operation-registry.js';
import {
  columnSetParameter,
  dateTimeParameter,
  entityParameter,
  guidParameter,
  integerParameter,
  stringParameter,
} from './parameters.js';

const COLUMN_SET: OperationParameter = { name: 'ColumnSet', type: 'mscrm.ColumnSet', optional: true };
/** Accepted and ignored: Orderline has no business process flows. */
const PROCESS_INSTANCE: OperationParameter = { name: 'ProcessInstanceId', type: 'mscrm.crmbaseentity', optional: true };

const tableOf = ({ context }: OperationInvocation, logicalName: string): TableMetadata =>
  context.services.metadata.table(logicalName)!;

/** The id of the row a bound action is called on. */
const boundId = ({ target }: OperationInvocation): string => target!.row[target!.table.primaryId] as string;

function generateFromOpportunityAction(
  name: string,
  target: string,
  message: Message<GenerateFromOpportunityInput, CreatedRecord>,
): ActionDefinition {
  return {
    name,
    kind: 'action',
    parameters: [{ name: 'OpportunityId', type: 'Edm.Guid' }, COLUMN_SET, PROCESS_INSTANCE],
    returnType: `mscrm.${target}`,
    async execute(invocation) {
      const { context, parameters, serviceRoot } = invocation;
      const table = tableOf(invocation, target);
      const columns = columnSetParameter(parameters, table);
      const created = await message(context, { opportunityId: guidParameter(parameters, 'OpportunityId') });
      return entityResult(context, serviceRoot, table, created.id, columns);
    },
  };
}

function productsFromOpportunityAction(
  name: string,
  idParameter: string,
  message: Message<ProductsFromOpportunityInput, void>,
): ActionDefinition {
  return {
    name,
    kind: 'action',
    parameters: [
      { name: 'OpportunityId', type: 'Edm.Guid' },
      { name: idParameter, type: 'Edm.Guid' },
    ],
    async execute({ context, parameters }) {
      const opportunityId = guidParameter(parameters, 'OpportunityId');
      await message(context, { opportunityId, recordId: guidParameter(parameters, idParameter) });
      return undefined;
    },
  };
}

function closeAction(closing: ClosingMessage): ActionDefinition {
  const message = closeRecord(closing);
  return {
    name: closing.name,
    kind: 'action',
    parameters: [
      { name: closing.parameter, type: `mscrm.${closing.closeTable}` },
      { name: 'Status', type: 'Edm.Int32' },
    ],
    async execute(invocation) {
      const { context, parameters } = invocation;
      const closeTable = tableOf(invocation, closing.closeTable);
      const closeActivity = entityParameter(context.services.metadata, parameters, closing.parameter, closeTable);
      await message(context, { closeActivity, status: integerParameter(parameters, 'Status')! });
      return undefined;
    },
  };
}

/** Actions that return a record take a `ColumnSet` to choose its columns. */
function returningRecord(table: string, parameters: readonly OperationParameter[]) {
  return { kind: 'action', parameters, returnType: `mscrm.${table}` } as const;
}

const reviseQuoteAction: ActionDefinition = {
  name: 'ReviseQuote',
  ...returningRecord('quote', [{ name: 'QuoteId', type: 'Edm.Guid' }, COLUMN_SET]),
  async execute(invocation) {
    const { context, parameters, serviceRoot } = invocation;
    const quotes = tableOf(invocation, 'quote');
    const columns = columnSetParameter(parameters, quotes);
    const revision = await reviseQuote(context, { quoteId: guidParameter(parameters, 'QuoteId') });
    return entityResult(context, serviceRoot, quotes, revision.id, columns);
  },
};

const convertQuoteToSalesOrderAction: ActionDefinition = {
  name: 'ConvertQuoteToSalesOrder',
  ...returningRecord('salesorder', [
    { name: 'QuoteId', type: 'Edm.Guid' },
    COLUMN_SET,
    { name: 'QuoteCloseDate', type: 'Edm.DateTimeOffset', optional: true },
    { name: 'QuoteCloseStatus', type: 'Edm.Int32', optional: true },
    { name: 'QuoteCloseSubject', type: 'Edm.String', optional: true },
    { name: 'QuoteCloseDescription', type: 'Edm.String', optional: true },
    PROCESS_INSTANCE,
  ]),
  async execute(invocation) {
    const { context, parameters, serviceRoot } = invocation;
    const orders = tableOf(invocation, 'salesorder');
    const columns = columnSetParameter(parameters, orders);
    const closeDate = dateTimeParameter(parameters, 'QuoteCloseDate');
    const closeStatus = integerParameter(parameters, 'QuoteCloseStatus');
    const subject = stringParameter(parameters, 'QuoteCloseSubject', 200);
    const description = stringParameter(parameters, 'QuoteCloseDescription', 2000);
    const order = await convertQuoteToSalesOrder(context, {
      quoteId: guidParameter(parameters, 'QuoteId'),
      ...(closeDate !== undefined ? { quoteCloseDate: closeDate } : {}),
      ...(closeStatus !== undefined ? { quoteCloseStatus: closeStatus } : {}),
      ...(subject !== undefined ? { quoteCloseSubject: subject } : {}),
      ...(description !== undefined ? { quoteCloseDescription: description } : {}),
    });
    return entityResult(context, serviceRoot, orders, order.id, columns);
  },
};

const convertSalesOrderToInvoiceAction: ActionDefinition = {
  name: 'ConvertSalesOrderToInvoice',
  ...returningRecord('invoice', [{ name: 'SalesOrderId', type: 'Edm.Guid' }, COLUMN_SET]),
  async execute(invocation) {
    const { context, parameters, serviceRoot } = invocation;
    const invoices = tableOf(invocation, 'invoice');
    const columns = columnSetParameter(parameters, invoices);
    const invoice = await convertSalesOrderToInvoice(context, {
      salesOrderId: guidParameter(parameters, 'SalesOrderId'),
    });
    return entityResult(context, serviceRoot, invoices, invoice.id, columns);
  },
};

/** `POST salesorders(<id>)/Microsoft.Dynamics.CRM.ol_SubmitSalesOrder` with `{}` (PRODUCT.md C4). */
const submitSalesOrderAction: ActionDefinition = {
  name: 'ol_SubmitSalesOrder',
  kind: 'action',
  boundTo: 'salesorder',
  parameters: [],
  async execute(invocation) {
    await submitSalesOrder(invocation.context, { salesOrderId: boundId(invocation) });
    return undefined;
  },
};

/** `POST products(<id>)/Microsoft.Dynamics.CRM.PublishProductHierarchy`. */
const publishProductHierarchyAction: ActionDefinition = {
  name: 'PublishProductHierarchy',
  kind: 'action',
  boundTo: 'product',
  parameters: [],
  async execute(invocation) {
    await publishProductHierarchy(invocation.context, { productId: boundId(invocation) });
    return undefined;
  },
};

export const salesOperations: readonly ActionDefinition[] = [
  generateFromOpportunityAction('GenerateQuoteFromOpportunity', 'quote', generateQuoteFromOpportunity),
  generateFromOpportunityAction('GenerateSalesOrderFromOpportunity', 'salesorder', generateSalesOrderFromOpportunity),
  generateFromOpportunityAction('GenerateInvoiceFromOpportunity', 'invoice', generateInvoiceFromOpportunity),
  productsFromOpportunityAction('GetQuoteProductsFromOpportunity', 'QuoteId', getQuoteProductsFromOpportunity),
  productsFromOpportunityAction(
    'GetSalesOrderProductsFromOpportunity',
    'SalesOrderId',
    getSalesOrderProductsFromOpportunity,
  ),
  productsFromOpportunityAction('GetInvoiceProductsFromOpportunity', 'InvoiceId', getInvoiceProductsFromOpportunity),
  closeAction(closings.winOpportunity),
  closeAction(closings.loseOpportunity),
  closeAction(closings.winQuote),
  closeAction(closings.closeQuote),
  reviseQuoteAction,
  convertQuoteToSalesOrderAction,
  convertSalesOrderToInvoiceAction,
  closeAction(closings.fulfillSalesOrder),
  closeAction(closings.cancelSalesOrder),
  submitSalesOrderAction,
  publishProductHierarchyAction,
];
