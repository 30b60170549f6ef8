/**
 * How the reference back office plays an order forward, step by step, with no human in the loop:
 * acknowledge and confirm, pick, ship every line in full, deliver, invoice. A step may be run again
 * after a crash (the job remembers only whole steps done), so each one is safe to repeat: updates carry
 * a fresh revision and write the same values; creates are create-only, and their 412 means "already
 * there" once the row is found at its id.
 */
import type { OrderJob } from './back-office-state.js';
import { integerOf } from './exact-json.js';
import {
  acknowledgement,
  invoiceIdOf,
  invoiceLineAmounts,
  invoiceTotals,
  lineShipped,
  newInvoice,
  newInvoiceLine,
  PROCESSING_STATUS,
  processingStatus,
} from './inbound-writes.js';
import type { OrderDocument } from './order-document.js';
import { orderTotal } from './order-total.js';
import { type InboundWrite, type OrderlineClient, OrderlineRequestError } from './orderline-client.js';

export interface FulfilmentContext {
  readonly job: OrderJob;
  readonly document: OrderDocument;
  readonly client: OrderlineClient;
  /** The next back-office revision (each write takes its own). */
  revision(): string;
}

export interface FulfilmentStep {
  readonly name: string;
  run(context: FulfilmentContext): Promise<void>;
}

/**
 * A create-only write (`If-None-Match: *`). 412 means a row with that key exists: ours, from an earlier
 * run, when the row is at the id we chose; otherwise something else holds the key (another back office
 * numbering invoices the same way), and going on would attach lines to nothing.
 */
async function createOnce(client: OrderlineClient, write: InboundWrite, what: string): Promise<void> {
  if ((await client.write(write, [412])) !== 412) return;
  try {
    await client.read(write.path);
  } catch (error) {
    if (error instanceof OrderlineRequestError && error.status === 404) {
      throw new Error(
        `Orderline refused ${what} as a duplicate, and ${write.path} does not exist: its key is taken by another record.`,
      );
    }
    throw error;
  }
}

export const FULFILMENT_STEPS: readonly FulfilmentStep[] = [
  {
    // The first back-office order number is the acknowledgement (Orderline stamps ol_acknowledgedon).
    name: 'acknowledge',
    async run({ job, document, client, revision }) {
      await client.write(acknowledgement(job.orderId, job.orderNumber, orderTotal(document), revision()));
    },
  },
  {
    name: 'pick',
    async run({ job, client, revision }) {
      await client.write(processingStatus(job.orderId, PROCESSING_STATUS.picked, revision()));
    },
  },
  {
    name: 'ship',
    async run({ document, client, revision }) {
      for (const line of document.salesorderdetails) await client.write(lineShipped(line, revision()));
    },
  },
  {
    name: 'deliver',
    async run({ job, client, revision }) {
      await client.write(processingStatus(job.orderId, PROCESSING_STATUS.delivered, revision()));
    },
  },
  {
    // Header, lines, then the amounts that are valid on update only; Orderline marks the order
    // Invoiced when the invoice arrives (reference 2.6).
    name: 'invoice',
    async run({ job, document, client, revision }) {
      const invoiceId = invoiceIdOf(job.orderId, job.invoiceNumber);
      await createOnce(
        client,
        newInvoice(document, invoiceId, job.invoiceNumber, revision()),
        `invoice ${job.invoiceNumber}`,
      );
      for (const line of document.salesorderdetails) {
        await createOnce(client, newInvoiceLine(invoiceId, line, revision()), `a line of invoice ${job.invoiceNumber}`);
        await client.write(invoiceLineAmounts(invoiceId, line, revision()));
      }
      await client.write(invoiceTotals(document, invoiceId, orderTotal(document), revision()));
    },
  },
  {
    // Orderline has usually done it on the invoice's arrival; an Invoiced order refuses every write,
    // so the status is written only when it is not there yet.
    name: 'invoiced',
    async run({ job, client, revision }) {
      const order = await client.read(`salesorders(${job.orderId})?$select=ol_processingstatus`);
      if (integerOf(order.ol_processingstatus) === PROCESSING_STATUS.invoiced) return;
      await client.write(processingStatus(job.orderId, PROCESSING_STATUS.invoiced, revision()));
    },
  },
];
