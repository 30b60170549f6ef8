/**
 * Turns writes into outbox events (PRODUCT.md C5). Post-operation steps note which order (or invoice
 * of an order) a unit of work changed; one before-commit task per record then writes a single event
 * describing it as committed. Only orders handed to the back office (`ol_submittedon` set) produce
 * events: the Submit itself, every later change to the order or its lines, and its invoices.
 */
import { SalesOrderState } from '../../domain/metadata/named-states.js';
import { TIMELINE_KIND } from '../../domain/metadata/tables/ol-timelineentry.js';
import type { Row } from '../../domain/record.js';
import type { ExecutionContext } from '../../pipeline/execution-context.js';
import { defineSlot } from '../../pipeline/unit-of-work-slots.js';
import type { WriteOperation, WriteStep } from '../../pipeline/write-step.js';
import { addTimelineEntries } from '../timeline.js';
import type { EventOrigin, OutboxEventType } from './event-types.js';
import { invoiceDocument, orderDocument } from './order-document.js';
import { writeOutboxEvent } from './outbox-writer.js';

type RecordKind = 'salesorder' | 'invoice';

interface PendingChange {
  readonly kind: RecordKind;
  readonly id: string;
  change: 'created' | 'updated' | 'submitted' | 'deleted';
  origin: EventOrigin;
  /** The row before a delete, for the event that says it is gone. */
  deleted?: Row;
}

/** When several writes of one unit of work touch a record, the event says the strongest thing. */
const STRENGTH = { updated: 0, created: 1, submitted: 2, deleted: 3 } as const;

/** The records this unit of work changed that wait for their event, by before-commit key. */
const pendingChanges = defineSlot('outbox changes pending', () => new Map<string, PendingChange>());

function originOf(context: ExecutionContext, operation: WriteOperation): EventOrigin {
  const revision = operation.target.ol_backofficerevision;
  return {
    userId: context.caller.user.userId,
    integrationUser: context.caller.user.isIntegrationUser,
    backOfficeRevision: revision === undefined || revision === null ? null : String(revision),
  };
}

function note(
  context: ExecutionContext,
  kind: RecordKind,
  id: string,
  change: PendingChange['change'],
  origin: EventOrigin,
  deleted?: Row,
): void {
  const pending = context.unitOfWork.slot(pendingChanges);
  const key = `outbox:${kind}:${id}`;
  const existing = pending.get(key);
  if (existing) {
    if (STRENGTH[change] >= STRENGTH[existing.change]) existing.change = change;
    existing.origin = origin;
    if (deleted) existing.deleted = deleted;
    return;
  }
  const created: PendingChange = { kind, id, change, origin, ...(deleted ? { deleted } : {}) };
  pending.set(key, created);
  context.unitOfWork.beforeCommit.set(key, async (finalContext) => {
    pending.delete(key);
    await (kind === 'salesorder' ? publishOrder(finalContext, created) : publishInvoice(finalContext, created));
  });
}

const TIMELINE_FOR_CHANGE: Readonly<Record<PendingChange['change'], number>> = {
  submitted: TIMELINE_KIND.submitted,
  created: TIMELINE_KIND.changeQueued,
  updated: TIMELINE_KIND.changeQueued,
  deleted: TIMELINE_KIND.changeQueued,
};

async function publishOrder(context: ExecutionContext, change: PendingChange): Promise<void> {
  const { metadata, records } = context.services;
  if (change.change === 'deleted') {
    if (!change.deleted?.ol_submittedon) return;
    await writeOutboxEvent(context, {
      type: 'salesorder.deleted',
      orderId: change.id,
      recordType: 'salesorder',
      recordId: change.id,
      recordVersion: null,
      origin: change.origin,
      data: { salesorder: { salesorderid: change.id, ordernumber: String(change.deleted.ordernumber ?? '') } },
    });
    return;
  }
  // Locking the order row orders the events of one order by commit on PostgreSQL too.
  const order = await records.find(context.trx, metadata.table('salesorder')!, change.id, { forUpdate: true });
  if (!order?.ol_submittedon) return;
  const type: OutboxEventType = change.change === 'submitted' ? 'salesorder.submitted' : 'salesorder.updated';
  const envelope = await writeOutboxEvent(context, {
    type,
    orderId: change.id,
    recordType: 'salesorder',
    recordId: change.id,
    recordVersion: String(order.versionnumber),
    origin: change.origin,
    data: await orderDocument(context, order),
  });
  const inbound = change.origin.integrationUser && change.change !== 'submitted';
  await addTimelineEntries(
    context.unitOfWork,
    context.services.metadata,
    [
      {
        orderId: change.id,
        kind: inbound ? TIMELINE_KIND.inboundUpdate : TIMELINE_FOR_CHANGE[change.change],
        summary: inbound
          ? `Back office update${change.origin.backOfficeRevision ? ` (revision ${change.origin.backOfficeRevision})` : ''}; ${type} event queued`
          : `${type} event queued (sequence ${envelope.sequence})`,
        eventId: envelope.id,
      },
    ],
    context.caller.user.userId,
  );
}

async function publishInvoice(context: ExecutionContext, change: PendingChange): Promise<void> {
  const { metadata, records } = context.services;
  const invoice =
    change.change === 'deleted'
      ? change.deleted
      : await records.find(context.trx, metadata.table('invoice')!, change.id);
  const orderId = invoice?.salesorderid;
  if (!invoice || typeof orderId !== 'string') return;
  const order = await records.find(context.trx, metadata.table('salesorder')!, orderId, { forUpdate: true });
  if (!order?.ol_submittedon) return;
  const type: OutboxEventType = `invoice.${change.change === 'submitted' ? 'updated' : change.change}`;
  const reference = {
    salesorderid: orderId,
    ordernumber: String(order.ordernumber ?? ''),
    ol_backofficeordernumber: (order.ol_backofficeordernumber as string | null) ?? null,
  };
  const data =
    change.change === 'deleted'
      ? { invoice: { invoiceid: change.id, invoicenumber: String(invoice.invoicenumber ?? '') }, salesorder: reference }
      : { ...(await invoiceDocument(context, invoice)), salesorder: reference };
  const envelope = await writeOutboxEvent(context, {
    type,
    orderId,
    recordType: 'invoice',
    recordId: change.id,
    recordVersion: change.change === 'deleted' ? null : String(invoice.versionnumber),
    origin: change.origin,
    data,
  });
  await addTimelineEntries(
    context.unitOfWork,
    context.services.metadata,
    [
      {
        orderId,
        ...invoiceTimelineEntry(change, type, String(invoice.invoicenumber ?? change.id)),
        eventId: envelope.id,
      },
    ],
    context.caller.user.userId,
  );
}

/**
 * How an invoice change reads on its order's timeline: an invoice the back office sends is received,
 * its later writes are inbound updates like those to the order, anyone else's change is just queued.
 */
function invoiceTimelineEntry(change: PendingChange, type: OutboxEventType, invoiceNumber: string) {
  if (change.change === 'created') {
    return { kind: TIMELINE_KIND.invoiceReceived, summary: `Invoice ${invoiceNumber} received; ${type} event queued` };
  }
  if (change.origin.integrationUser) {
    const revision = change.origin.backOfficeRevision ? ` (revision ${change.origin.backOfficeRevision})` : '';
    return {
      kind: TIMELINE_KIND.inboundUpdate,
      summary: `Back office update of invoice ${invoiceNumber}${revision}; ${type} event queued`,
    };
  }
  return { kind: TIMELINE_KIND.changeQueued, summary: `${type} event queued for invoice ${invoiceNumber}` };
}

/** Submit stamps the hand-over, which is what makes an order's later changes events. */
export const handOverStampStep: WriteStep = {
  name: 'back-office bridge: stamp the hand-over on Submit',
  stage: 'preOperation',
  tables: ['salesorder'],
  messages: ['Update'],
  run(context, operation) {
    if (
      operation.target.statecode === SalesOrderState.Submitted &&
      operation.preImage?.statecode !== SalesOrderState.Submitted
    ) {
      operation.target.ol_submittedon = context.services.clock.now();
    }
  },
};

const LINE_PARENT: Readonly<Record<string, { kind: RecordKind; column: string }>> = {
  salesorderdetail: { kind: 'salesorder', column: 'salesorderid' },
  invoicedetail: { kind: 'invoice', column: 'invoiceid' },
};

export const outboxStep: WriteStep = {
  name: 'back-office bridge: queue an outbox event for the change',
  stage: 'postOperation',
  tables: ['salesorder', 'salesorderdetail', 'invoice', 'invoicedetail'],
  messages: ['Create', 'Update', 'Delete'],
  run(context, operation) {
    const origin = originOf(context, operation);
    const table = operation.table.logicalName;
    const parent = LINE_PARENT[table];
    if (parent) {
      const parentId = (operation.postImage ?? operation.preImage)?.[parent.column];
      if (typeof parentId === 'string') note(context, parent.kind, parentId, 'updated', origin);
      return;
    }
    const kind = table as RecordKind;
    if (operation.message === 'Delete') {
      note(context, kind, operation.id, 'deleted', origin, operation.preImage);
      return;
    }
    if (operation.message === 'Create') {
      note(context, kind, operation.id, 'created', origin);
      return;
    }
    const submitted = kind === 'salesorder' && operation.target.ol_submittedon !== undefined;
    note(context, kind, operation.id, submitted ? 'submitted' : 'updated', origin);
  },
};
