/**
 * The reconciliation report (PRODUCT.md C5): orders handed to the back office but not acknowledged after
 * N minutes, acknowledged orders whose back-office total differs from Orderline's, deliveries
 * dead-lettered, and events that had no connector to go to. Readable by whoever may read the outbox
 * (the security privilege group). A query: it reads and never writes. The Web API serves it as the
 * unbound function `ol_ReconciliationReport`.
 */
import type { Decimal } from '../domain/decimal.js';
import { DomainError } from '../domain/errors.js';
import { DELIVERY_STATUS } from '../domain/metadata/tables/ol-delivery.js';
import type { Query } from '../pipeline/messages/message.js';
import { listDeliveryRows } from '../storage/repositories/outbox-admin-store.js';
import {
  eventsWithoutDeliveries,
  ordersWithDifferingTotals,
  unacknowledgedOrders,
} from '../storage/repositories/reconciliation-store.js';

export const DEFAULT_UNACKNOWLEDGED_MINUTES = 60;
const MAX_ROWS = 1_000;

export interface ReconciliationInput {
  /** How long a handed-over order may wait for its acknowledgement before the report lists it. */
  readonly unacknowledgedMinutes: number;
}

export interface UnacknowledgedOrder {
  readonly salesorderid: string;
  readonly ordernumber: string;
  readonly ol_submittedon: string;
  readonly minutesWaiting: number;
}

export interface DifferingTotal {
  readonly salesorderid: string;
  readonly ordernumber: string;
  readonly ol_backofficeordernumber: string | null;
  readonly totalamount: Decimal | null;
  readonly ol_backofficetotalamount: Decimal | null;
}

export interface DeadLetteredDelivery {
  readonly ol_deliveryid: string;
  readonly ol_outboxeventid: string;
  readonly ol_eventtype: string;
  readonly salesorderid: string;
  readonly connector: string | null;
  readonly ol_attempts: number;
  readonly ol_lasterror: string | null;
}

export interface EventWithoutConnector {
  readonly ol_outboxeventid: string;
  readonly ol_eventtype: string;
  readonly salesorderid: string;
}

export interface ReconciliationReport {
  readonly unacknowledgedMinutes: number;
  readonly unacknowledged: readonly UnacknowledgedOrder[];
  readonly totalsDiffer: readonly DifferingTotal[];
  readonly deadLettered: readonly DeadLetteredDelivery[];
  readonly withoutConnector: readonly EventWithoutConnector[];
}

const decimalOrNull = (value: unknown): Decimal | null =>
  value === null || value === undefined ? null : (value as Decimal);

export const reconciliationReport: Query<ReconciliationInput, ReconciliationReport> = async (context, input) => {
  // The report lists every user's orders and deliveries: reading one's own rows of the group is not enough.
  if (context.caller.user.access('security', 'read') !== 'organization') {
    throw new DomainError(
      'privilegeDenied',
      'The reconciliation report needs read access to the outbox (System Administrator, System Customizer or Sales Manager).',
    );
  }
  const minutes = input.unacknowledgedMinutes;
  const { trx, services } = context;
  const orders = services.metadata.table('salesorder')!;
  const cutoff = new Date(Date.now() - minutes * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const unacknowledged = await unacknowledgedOrders(trx, cutoff, MAX_ROWS);
  const differing = await ordersWithDifferingTotals(trx, MAX_ROWS);
  // The same read as `orderline outbox list --status dead-lettered`.
  const dead = await listDeliveryRows(trx, { status: DELIVERY_STATUS.deadLettered, limit: MAX_ROWS });
  const undeliverable = await eventsWithoutDeliveries(trx, MAX_ROWS);
  const now = Date.now();
  return {
    unacknowledgedMinutes: minutes,
    unacknowledged: unacknowledged.map((stored) => {
      const row = services.records.decodeRow(orders, stored);
      return {
        salesorderid: String(row.salesorderid),
        ordernumber: String(row.ordernumber ?? ''),
        ol_submittedon: String(row.ol_submittedon),
        minutesWaiting: Math.floor((now - Date.parse(String(row.ol_submittedon))) / 60_000),
      };
    }),
    totalsDiffer: differing.map((stored) => {
      const row = services.records.decodeRow(orders, stored);
      return {
        salesorderid: String(row.salesorderid),
        ordernumber: String(row.ordernumber ?? ''),
        ol_backofficeordernumber: (row.ol_backofficeordernumber as string | null) ?? null,
        totalamount: decimalOrNull(row.totalamount),
        ol_backofficetotalamount: decimalOrNull(row.ol_backofficetotalamount),
      };
    }),
    deadLettered: dead.map((row) => ({
      ol_deliveryid: String(row.ol_deliveryid),
      ol_outboxeventid: String(row.ol_outboxeventid),
      ol_eventtype: String(row.ol_eventtype),
      salesorderid: String(row.ol_orderid),
      connector: row.ol_name === null ? null : String(row.ol_name),
      ol_attempts: Number(row.ol_attempts),
      ol_lasterror: row.ol_lasterror === null ? null : String(row.ol_lasterror),
    })),
    withoutConnector: undeliverable.map((row) => ({
      ol_outboxeventid: String(row.ol_outboxeventid),
      ol_eventtype: String(row.ol_eventtype),
      salesorderid: String(row.ol_orderid),
    })),
  };
};
