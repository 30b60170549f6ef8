/**
 * What the back office writes back (PRODUCT.md C5), enforced in the pipeline so it holds for every
 * path (PATCH, upsert, `$batch`): stale or repeated revisions are ignored and reported, a processing
 * status moves the order to the matching state, the first back-office order number is the
 * acknowledgement, and an invoice from the back office arrives Billed and marks its order Invoiced.
 */

import { Decimal } from '../../domain/decimal.js';
import { InvoiceState, InvoiceStatus, SalesOrderState, SalesOrderStatus } from '../../domain/metadata/named-states.js';
import { PROCESSING_STATUS, PROCESSING_STATUS_LABELS } from '../../domain/metadata/tables/back-office-columns.js';
import { TIMELINE_KIND } from '../../domain/metadata/tables/ol-timelineentry.js';
import type { ExecutionContext } from '../../pipeline/execution-context.js';
import { updateRecord } from '../../pipeline/record-writer.js';
import type { WriteStep } from '../../pipeline/write-step.js';
import { INTEGRATION_SWITCH_COLUMN } from '../../sales/integration-switch.js';
import { requireAccess } from '../../security/authorization.js';
import { ownerOfOrder } from '../../storage/repositories/order-owners.js';
import { orderIdOfInvoice } from '../../storage/repositories/sales-document-lookups.js';
import { addTimelineEntries, type TimelineEntry } from '../timeline.js';
import { orderStateFor } from './processing-status.js';

const REVISED_TABLES = ['salesorder', 'salesorderdetail', 'invoice', 'invoicedetail'];

/** Listeners told of every ignored inbound write (metrics, logs). */
export type IgnoredWriteListener = (table: string, id: string, reason: string) => void;

function timeline(context: ExecutionContext, entries: TimelineEntry[]): Promise<void> {
  return addTimelineEntries(context.unitOfWork, context.services.metadata, entries, context.caller.user.userId);
}

/** The order a revised row belongs to: itself, its order (lines, invoices) or its invoice's order. */
async function orderIdOf(
  context: ExecutionContext,
  table: string,
  row: Readonly<Record<string, unknown>>,
): Promise<string | undefined> {
  if (table !== 'invoicedetail') return (row.salesorderid as string | null | undefined) ?? undefined;
  if (typeof row.invoiceid !== 'string') return undefined;
  return orderIdOfInvoice(context.trx, row.invoiceid);
}

export function staleRevisionStep(onIgnored: IgnoredWriteListener = () => {}): WriteStep {
  return {
    name: 'back-office bridge: ignore stale or repeated back-office revisions',
    stage: 'preValidation',
    tables: REVISED_TABLES,
    messages: ['Update'],
    async run(context, operation) {
      const incoming = operation.target.ol_backofficerevision;
      const stored = operation.preImage?.ol_backofficerevision;
      if (!(incoming instanceof Decimal) || !(stored instanceof Decimal) || incoming.gt(stored)) return;
      operation.unchanged = true;
      const table = operation.table.logicalName;
      const reason = incoming.eq(stored)
        ? `repeated back-office revision ${incoming.toFixed()}`
        : `stale back-office revision ${incoming.toFixed()} (the ${table} is at revision ${stored.toFixed()})`;
      onIgnored(table, operation.id, reason);
      const orderId = await orderIdOf(context, table, operation.preImage!);
      if (orderId) {
        await timeline(context, [
          {
            orderId,
            kind: TIMELINE_KIND.inboundIgnored,
            summary: `Ignored a write to ${table} ${operation.id}: ${reason}`,
          },
        ]);
      }
    },
  };
}

export const processingStatusStep: WriteStep = {
  name: 'back-office bridge: a processing status moves the order to its state',
  stage: 'preValidation',
  tables: ['salesorder'],
  messages: ['Update'],
  run(_context, operation) {
    const status = operation.target.ol_processingstatus;
    if (typeof status !== 'number' || operation.target.statecode !== undefined) return;
    const state = orderStateFor(status);
    const current = operation.preImage!;
    if (!state || (state.statecode === current.statecode && state.statuscode === current.statuscode)) return;
    operation.target.statecode = state.statecode;
    operation.target.statuscode = state.statuscode;
  },
};

export const acknowledgementStep: WriteStep = {
  name: 'back-office bridge: the first back-office order number is the acknowledgement',
  stage: 'preOperation',
  tables: ['salesorder'],
  messages: ['Update'],
  async run(context, operation) {
    const number = operation.target.ol_backofficeordernumber;
    if (typeof number !== 'string' || number === '' || operation.preImage?.ol_acknowledgedon) return;
    operation.target.ol_acknowledgedon = context.services.clock.now();
    const total = operation.target.ol_backofficetotalamount;
    await timeline(context, [
      {
        orderId: operation.id,
        kind: TIMELINE_KIND.acknowledged,
        summary: `Acknowledged by the back office as ${number}${total instanceof Decimal ? ` (total ${total.toFixed()})` : ''}`,
      },
    ]);
  },
};

/**
 * Each processing status the back office reports is an entry of the order's timeline, with the status in
 * its own column: the salesperson reads "Picked", "Delivered", not "the order was updated". A write
 * that repeats the stored status reports nothing new.
 */
export const processingStatusTimelineStep: WriteStep = {
  name: 'back-office bridge: a reported processing status is on the timeline',
  stage: 'preOperation',
  tables: ['salesorder'],
  messages: ['Update'],
  async run(context, operation) {
    const status = operation.target.ol_processingstatus;
    if (typeof status !== 'number' || status === operation.preImage?.ol_processingstatus) return;
    const label = PROCESSING_STATUS_LABELS[status] ?? String(status);
    await timeline(context, [
      {
        orderId: operation.id,
        kind: TIMELINE_KIND.statusReported,
        summary: `Processing status ${label} (${status}) reported by the back office`,
        processingStatus: status,
      },
    ]);
  },
};

/**
 * A line the back office reports shipped (its `quantityshipped` raised by an integration user) is an
 * entry of its order's timeline, naming the product and the quantity now shipped.
 */
export const lineShippedTimelineStep: WriteStep = {
  name: 'back-office bridge: a shipped line is on the timeline',
  stage: 'preOperation',
  tables: ['salesorderdetail'],
  messages: ['Update'],
  async run(context, operation) {
    const shipped = operation.target.quantityshipped;
    const before = operation.preImage?.quantityshipped;
    if (!context.caller.user.isIntegrationUser || !(shipped instanceof Decimal) || shipped.lte(0)) return;
    if (before instanceof Decimal && before.eq(shipped)) return;
    const line = operation.preImage!;
    const orderId = line.salesorderid;
    if (typeof orderId !== 'string') return;
    const product = String(line.productname ?? line.productdescription ?? 'a line');
    await timeline(context, [
      { orderId, kind: TIMELINE_KIND.lineShipped, summary: `Shipped ${shipped.toFixed()} × ${product}` },
    ]);
  },
};

/** Reference 2.5 and 2.6: back-office invoices arrive Billed, owned by the order's owner. */
export const invoiceArrivalStep: WriteStep = {
  name: 'back-office bridge: an invoice from the back office arrives Billed under the order owner',
  stage: 'preOperation',
  tables: ['invoice'],
  messages: ['Create'],
  async run(context, operation) {
    if (!context.caller.user.isIntegrationUser) return;
    const orderId = operation.target.salesorderid;
    if (typeof orderId !== 'string') return;
    // Reference 2.5: invoices from the back office default to Billed, not to the state's New.
    const state = operation.target.statecode ?? InvoiceState.Active;
    if (state === InvoiceState.Active && (operation.target.statuscode ?? InvoiceStatus.New) === InvoiceStatus.New) {
      operation.target.statuscode = InvoiceStatus.Billed;
    }
    const owner = await ownerOfOrder(context.trx, orderId);
    if (owner) {
      operation.target.ownerid = owner.ownerId;
      operation.target.owningbusinessunit = owner.owningBusinessUnit;
      requireAccess(context.caller, operation.table, 'create', operation.target);
    }
  },
};

/**
 * "When the invoice arrives the order status becomes Invoiced" (reference 2.6). The move is the
 * integration user's write to the order, so it runs with their privileges: one who may not write the
 * order cannot close it by sending an invoice.
 */
export const orderInvoicedStep: WriteStep = {
  name: 'back-office bridge: an invoice from the back office marks its order Invoiced',
  stage: 'postOperation',
  tables: ['invoice'],
  messages: ['Create'],
  async run(context, operation) {
    if (!context.caller.user.isIntegrationUser) return;
    const orderId = operation.postImage?.salesorderid;
    if (typeof orderId !== 'string') return;
    // Only while the integration is on is an invoice from an integration user the back office's answer.
    // With it off, Create Invoice (ConvertSalesOrderToInvoice) moves the order itself, for anyone.
    const organization = await context.services.referenceData.organization(context.trx);
    if (organization[INTEGRATION_SWITCH_COLUMN] !== true) return;
    const orders = context.services.metadata.table('salesorder')!;
    const order = await context.services.records.find(context.trx, orders, orderId);
    if (
      !order?.ol_submittedon ||
      (order.statecode !== SalesOrderState.Submitted && order.statecode !== SalesOrderState.Fulfilled)
    )
      return;
    await updateRecord({ ...context, depth: context.depth + 1 }, orders, orderId, {
      attributes: {
        statecode: SalesOrderState.Invoiced,
        statuscode: SalesOrderStatus.Invoiced,
        ol_processingstatus: PROCESSING_STATUS.invoiced,
      },
      bindings: [],
    });
  },
};
