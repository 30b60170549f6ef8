/** `orderline outbox list` as a table a person reads in a terminal. */
import type { DeliveryListing } from './outbox-admin.js';

const COLUMNS: readonly [string, (delivery: DeliveryListing) => string][] = [
  ['DELIVERY', (d) => d.deliveryId],
  ['EVENT', (d) => d.eventId],
  ['TYPE', (d) => d.eventType],
  ['ORDER', (d) => d.orderId],
  ['SEQ', (d) => d.sequence],
  ['CONNECTOR', (d) => d.connector],
  ['STATUS', (d) => d.status],
  ['TRIES', (d) => String(d.attempts)],
  ['NEXT', (d) => d.nextAttemptAt ?? (d.waitingSince ? `waiting since ${d.waitingSince}` : '')],
  ['LAST ERROR', (d) => (d.lastError ?? '').slice(0, 60)],
];

export function formatDeliveries(deliveries: readonly DeliveryListing[]): string {
  if (deliveries.length === 0) return 'No deliveries and no events waiting for a connector.\n';
  const cells = deliveries.map((delivery) => COLUMNS.map(([, value]) => value(delivery)));
  const widths = COLUMNS.map(([title], index) => Math.max(title.length, ...cells.map((row) => row[index]!.length)));
  const line = (values: readonly string[]) =>
    `${values
      .map((value, index) => value.padEnd(widths[index]!))
      .join('  ')
      .trimEnd()}\n`;
  return line(COLUMNS.map(([title]) => title)) + cells.map(line).join('');
}
