/**
 * What the back-office suites share: the reference back office started against a test server as its
 * integration user, a record of the events it handled (and the work each started), and the order as
 * Orderline holds it after the back office is done with it.
 */
import pino from 'pino';
import { expect } from 'vitest';
import type { HandledEvent } from '../../src/backoffice/event-handler.js';
import {
  type BackOffice,
  type BackOfficeOptions,
  startBackOffice,
} from '../../src/backoffice/reference-back-office.js';
import type { BridgeFixture } from '../bridge/support.js';
import { type Api, post, read } from '../lifecycle/support.js';

export interface HandledEvents {
  readonly all: HandledEvent[];
  of(orderId: string): HandledEvent[];
  /** Waits until the back office has taken the order on, then until it has played it through. */
  playedThrough(orderId: string, timeoutMs?: number): Promise<void>;
}

export function recordHandledEvents(): HandledEvents & { readonly listener: (handled: HandledEvent) => void } {
  const all: HandledEvent[] = [];
  const of = (orderId: string) => all.filter((handled) => handled.event.orderId === orderId);
  return {
    all,
    of,
    listener: (handled) => all.push(handled),
    async playedThrough(orderId, timeoutMs = 20_000) {
      await expect
        .poll(() => of(orderId).some((handled) => handled.outcome === 'taken on'), { timeout: timeoutMs, interval: 20 })
        .toBe(true);
      await Promise.all(of(orderId).map((handled) => handled.work));
    },
  };
}

export async function startTestBackOffice(
  fixture: BridgeFixture,
  events: ReturnType<typeof recordHandledEvents>,
  options: Partial<BackOfficeOptions>,
): Promise<BackOffice> {
  return startBackOffice({
    orderlineUrl: fixture.server.serviceRoot,
    token: fixture.integrationUser.token,
    logger: pino({ level: 'silent' }),
    retry: { attempts: 3, initialDelayMs: 20, maxDelayMs: 200 },
    onEvent: events.listener,
    ...options,
  });
}

/**
 * A submitted order whose total exercises every term of the header formula: three write-in lines of
 * 2 × 10.00, 7.5 % and 1.25 off the header, 4.99 freight: 60.00 − 4.50 − 1.25 + 4.99 = 59.24.
 */
export async function submittedOrderWithTerms(api: Api, lines = 3): Promise<string> {
  const id = await post(api, 'salesorders', {
    name: 'Back-office order',
    discountpercentage: 7.5,
    discountamount: 1.25,
    freightamount: 4.99,
  });
  for (let index = 0; index < lines; index += 1) {
    await post(api, 'salesorderdetails', {
      isproductoverridden: true,
      productdescription: `Widget ${index}`,
      quantity: 2,
      priceperunit: 10,
      'salesorderid@odata.bind': `/salesorders(${id})`,
    });
  }
  const submitted = await api(`salesorders(${id})`, { method: 'PATCH', body: { statecode: 1, statuscode: 3 } });
  expect(submitted.status, submitted.text).toBe(204);
  return id;
}

/** The order, its lines, its invoices and their lines, as Orderline serves them (ETags included). */
export async function orderAsStored(api: Api, orderId: string) {
  const order = await read(api, `salesorders(${orderId})`);
  const lines = (
    await read(api, `salesorderdetails?$filter=_salesorderid_value eq ${orderId}&$orderby=createdon,salesorderdetailid`)
  ).value;
  const invoices = (await read(api, `invoices?$filter=_salesorderid_value eq ${orderId}`)).value;
  const invoiceLines: Array<Record<string, unknown>> = [];
  for (const invoice of invoices) {
    const found = await read(
      api,
      `invoicedetails?$filter=_invoiceid_value eq ${invoice.invoiceid}&$orderby=invoicedetailid`,
    );
    invoiceLines.push(...found.value);
  }
  return { order, lines, invoices, invoiceLines };
}

export async function timelineKinds(api: Api, orderId: string): Promise<number[]> {
  const entries = await read(
    api,
    `ol_timelineentries?$filter=_ol_salesorderid_value eq ${orderId}&$orderby=ol_sequence asc&$select=ol_kind`,
  );
  return entries.value.map((entry: { ol_kind: number }) => entry.ol_kind);
}

/** ol_timelineentry.ol_kind (src/domain/metadata/tables/ol-timelineentry.ts). */
export const TIMELINE = {
  submitted: 1,
  delivered: 4,
  acknowledged: 6,
  inboundUpdate: 7,
  inboundIgnored: 8,
  invoiceReceived: 9,
} as const;
