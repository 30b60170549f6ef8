/**
 * What a deduping receiver got, against what it should have got (PRODUCT.md C5: at-least-once
 * delivery, a stable event id, in order per order): for every order, exactly one `salesorder.submitted`
 * event and, when the back office acknowledged it, exactly one `salesorder.updated`; nothing missing;
 * no order's events arriving out of sequence. Raw duplicates (one event id sent twice) are allowed by
 * at-least-once and counted; two *different* events for one change are not allowed.
 */
import type { InFlight, ReceivedRequest, Receiver } from '../bridge/receiver.js';

export interface ExpectedEvents {
  readonly orderIds: readonly string[];
  /** Orders the back office acknowledged once: they also owe one `salesorder.updated`. */
  readonly acknowledged: ReadonlySet<string>;
}

export interface DeliveryReport {
  readonly orders: number;
  readonly expectedEvents: number;
  /** Distinct event ids answered 2xx. */
  readonly acceptedEvents: number;
  readonly requests: number;
  /** Requests carrying an event id the receiver had already been sent. */
  readonly rawDuplicates: number;
  /** `<order id> <event type>` owed and never accepted. */
  readonly missing: readonly string[];
  /** Orders with two different event ids for one change. */
  readonly duplicateEvents: readonly string[];
  /** An order's event sent after a later event of the same order. */
  readonly outOfOrder: readonly string[];
  /** Accepted events for no order of the burst, or of a type nobody caused. */
  readonly unexpected: readonly string[];
  /** Requests whose Standard Webhooks signature did not verify. */
  readonly unverified: number;
  /** Milliseconds between two sends of one event id: what the raw duplicates were. */
  readonly duplicateGapsMs: { readonly min: number; readonly median: number; readonly max: number } | undefined;
  /** Event ids in flight twice at the same moment at the receiver (two sends racing). */
  readonly overlapping: readonly string[];
}

const sequenceOf = (request: ReceivedRequest): bigint => BigInt(String(request.json?.sequence ?? -1));

export function deliveryReport(receiver: Receiver, expected: ExpectedEvents): DeliveryReport {
  const orders = new Set(expected.orderIds);
  const seen = new Set<string>();
  let rawDuplicates = 0;
  let unverified = 0;
  const requestsByOrder = new Map<string, ReceivedRequest[]>();
  for (const request of receiver.requests) {
    if (seen.has(request.id)) rawDuplicates += 1;
    seen.add(request.id);
    if (!request.verified) unverified += 1;
    const orderId = String(request.json?.orderId);
    const list = requestsByOrder.get(orderId) ?? [];
    list.push(request);
    requestsByOrder.set(orderId, list);
  }

  const acceptedByOrder = new Map<string, ReceivedRequest[]>();
  const unexpected: string[] = [];
  for (const request of receiver.accepted()) {
    const orderId = String(request.json?.orderId);
    const type = String(request.json?.type);
    const owed =
      type === 'salesorder.submitted' || (type === 'salesorder.updated' && expected.acknowledged.has(orderId));
    if (!orders.has(orderId) || !owed) {
      unexpected.push(`${type} ${request.id} for order ${orderId}`);
      continue;
    }
    const list = acceptedByOrder.get(orderId) ?? [];
    list.push(request);
    acceptedByOrder.set(orderId, list);
  }

  const missing: string[] = [];
  const duplicateEvents: string[] = [];
  const outOfOrder: string[] = [];
  let acceptedEvents = 0;
  for (const orderId of expected.orderIds) {
    const accepted = acceptedByOrder.get(orderId) ?? [];
    acceptedEvents += accepted.length;
    const owed = expected.acknowledged.has(orderId)
      ? ['salesorder.submitted', 'salesorder.updated']
      : ['salesorder.submitted'];
    for (const type of owed) {
      const ids = accepted.filter((request) => request.json.type === type).map((request) => request.id);
      if (ids.length === 0) missing.push(`${orderId} ${type}`);
      if (ids.length > 1)
        duplicateEvents.push(`${orderId}: ${ids.length} different ${type} events (${ids.join(', ')})`);
    }
    let latest: ReceivedRequest | undefined;
    for (const request of requestsByOrder.get(orderId) ?? []) {
      if (latest && sequenceOf(request) < sequenceOf(latest)) {
        outOfOrder.push(
          `${orderId}: ${request.json?.type} #${sequenceOf(request)} sent after ${latest.json?.type} #${sequenceOf(latest)}`,
        );
      }
      if (!latest || sequenceOf(request) > sequenceOf(latest)) latest = request;
    }
  }

  return {
    duplicateGapsMs: gapsBetweenSends(receiver.requests),
    overlapping: overlappingFlights(receiver.inFlight()),
    orders: orders.size,
    expectedEvents: expected.orderIds.length + expected.acknowledged.size,
    acceptedEvents,
    requests: receiver.requests.length,
    rawDuplicates,
    missing,
    duplicateEvents,
    outOfOrder,
    unexpected,
    unverified,
  };
}

function gapsBetweenSends(requests: readonly ReceivedRequest[]): DeliveryReport['duplicateGapsMs'] {
  const lastSend = new Map<string, number>();
  const gaps: number[] = [];
  for (const request of requests) {
    const previous = lastSend.get(request.id);
    if (previous !== undefined) gaps.push(request.at - previous);
    lastSend.set(request.id, request.at);
  }
  if (gaps.length === 0) return undefined;
  gaps.sort((a, b) => a - b);
  return { min: gaps[0]!, median: gaps[Math.floor(gaps.length / 2)]!, max: gaps[gaps.length - 1]! };
}

function overlappingFlights(flights: readonly InFlight[]): string[] {
  const byId = new Map<string, InFlight[]>();
  for (const flight of flights) byId.set(flight.id, [...(byId.get(flight.id) ?? []), flight]);
  const overlapping: string[] = [];
  for (const [id, sends] of byId) {
    for (let first = 0; first < sends.length; first += 1) {
      for (let second = first + 1; second < sends.length; second += 1) {
        const a = sends[first]!;
        const b = sends[second]!;
        if (a.from < (b.to ?? Number.POSITIVE_INFINITY) && b.from < (a.to ?? Number.POSITIVE_INFINITY)) {
          const at = (flight: InFlight) =>
            `${flight.client ?? 'unknown'} ${flight.from.toFixed(1)}–${flight.to?.toFixed(1) ?? 'open'}`;
          overlapping.push(`${id}: ${at(a)} and ${at(b)}`);
        }
      }
    }
  }
  return overlapping;
}

export const isComplete = (report: DeliveryReport) => report.missing.length === 0;

const firstOf = (list: readonly string[], count = 15) =>
  list.length === 0 ? 'none' : `${list.length}: ${list.slice(0, count).join('; ')}${list.length > count ? '; …' : ''}`;

/** The report as a failure message says it. */
export function explain(report: DeliveryReport): string {
  return [
    `${report.acceptedEvents}/${report.expectedEvents} events accepted for ${report.orders} orders, ${report.requests} requests, ${report.rawDuplicates} raw duplicates`,
    `missing ${firstOf(report.missing)}`,
    `duplicate events ${firstOf(report.duplicateEvents)}`,
    `out of order ${firstOf(report.outOfOrder)}`,
    `unexpected ${firstOf(report.unexpected)}`,
    `unverified signatures: ${report.unverified}`,
    `between two sends of one event: ${report.duplicateGapsMs ? `${report.duplicateGapsMs.min}–${report.duplicateGapsMs.max} ms, median ${report.duplicateGapsMs.median} ms` : 'no event sent twice'}`,
    `in flight twice at once ${firstOf(report.overlapping)}`,
  ].join('\n');
}
