/**
 * The Back office page's reads and writes, all through the Web API as any client would make them:
 * `ol_connectors` (managed by System Administrators), `ol_deliveries` (read-only), and the
 * `ol_ReconciliationReport` function. The server decides who may read or change each; the page shows
 * its answers and its refusals.
 */
import type { Client } from '../api/client';
import { FORMATTED } from '../api/client';

export const CONNECTOR_KIND_WEBHOOK = 1;

export interface Connector {
  readonly id: string;
  readonly name: string;
  /** The server's label for `ol_kind`: Webhook, or AMQP (RabbitMQ). */
  readonly kind: string;
  readonly url: string;
  readonly active: boolean;
  readonly disabledReason: string | null;
}

export interface Delivery {
  readonly id: string;
  readonly eventType: string;
  readonly connectorId: string;
  readonly orderId: string;
  /** The server's label for `ol_status`: Pending, Delivered or Dead-lettered. */
  readonly status: string;
  readonly attempts: number;
  readonly lastHttpStatus: number | null;
  readonly lastError: string | null;
  readonly createdAt: number;
}

/** How many recent deliveries the page shows; the CLI (`orderline outbox list`) reads further back. */
export const RECENT_DELIVERIES = 50;

const formatted = (row: Record<string, unknown>, column: string) =>
  String(row[`${column}@${FORMATTED}`] ?? row[column] ?? '');

export async function listConnectors(client: Client): Promise<Connector[]> {
  const result = await client.retrieveMultiple({
    collection: 'ol_connectors',
    select: ['ol_connectorid', 'ol_name', 'ol_kind', 'ol_url', 'statecode', 'ol_disabledreason'],
    orderBy: ['ol_name asc'],
    includeAnnotations: FORMATTED,
  });
  return result.value.map((row) => ({
    id: String(row.ol_connectorid),
    name: String(row.ol_name ?? ''),
    kind: formatted(row, 'ol_kind'),
    url: String(row.ol_url ?? ''),
    active: row.statecode === 0,
    disabledReason: (row.ol_disabledreason as string | null | undefined) ?? null,
  }));
}

export interface NewWebhookConnector {
  readonly name: string;
  readonly url: string;
  /** `whsec_…` (several, space separated, while rotating); empty sends unsigned requests. */
  readonly secret: string;
}

export async function addWebhookConnector(client: Client, connector: NewWebhookConnector): Promise<void> {
  await client.create({
    collection: 'ol_connectors',
    data: {
      ol_name: connector.name,
      ol_kind: CONNECTOR_KIND_WEBHOOK,
      ol_url: connector.url,
      ...(connector.secret ? { ol_secret: connector.secret } : {}),
    },
  });
}

/** Activate (statecode 0, statuscode 1) or deactivate (1, 2), as docs/bridge.md tells operators to. */
export async function setConnectorActive(client: Client, id: string, active: boolean): Promise<void> {
  await client.update({
    collection: 'ol_connectors',
    key: id,
    data: active ? { statecode: 0, statuscode: 1 } : { statecode: 1, statuscode: 2 },
  });
}

export async function listRecentDeliveries(client: Client): Promise<Delivery[]> {
  const result = await client.retrieveMultiple({
    collection: 'ol_deliveries',
    select: [
      'ol_deliveryid',
      'ol_eventtype',
      'ol_connectorid',
      'ol_orderid',
      'ol_status',
      'ol_attempts',
      'ol_laststatus',
      'ol_lasterror',
      'ol_createdat',
    ],
    orderBy: ['ol_createdat desc', 'ol_sequence desc'],
    top: RECENT_DELIVERIES,
    includeAnnotations: FORMATTED,
  });
  return result.value.map((row) => ({
    id: String(row.ol_deliveryid),
    eventType: String(row.ol_eventtype ?? ''),
    connectorId: String(row.ol_connectorid ?? ''),
    orderId: String(row.ol_orderid ?? ''),
    status: formatted(row, 'ol_status'),
    attempts: Number(row.ol_attempts ?? 0),
    lastHttpStatus: typeof row.ol_laststatus === 'number' ? row.ol_laststatus : null,
    lastError: (row.ol_lasterror as string | null | undefined) ?? null,
    createdAt: Number(row.ol_createdat ?? 0),
  }));
}

export interface ReconciliationReport {
  readonly unacknowledgedMinutes: number;
  readonly unacknowledged: readonly {
    salesorderid: string;
    ordernumber: string;
    ol_submittedon: string;
    MinutesWaiting: number;
  }[];
  /** Amounts stay the server's exact JSON numbers, shown as written, never computed on. */
  readonly totalsDiffer: readonly {
    salesorderid: string;
    ordernumber: string;
    ol_backofficeordernumber: string | null;
    totalamount: number | string | null;
    ol_backofficetotalamount: number | string | null;
  }[];
  readonly deadLettered: readonly {
    ol_deliveryid: string;
    ol_outboxeventid: string;
    ol_eventtype: string;
    salesorderid: string;
    connector: string | null;
    ol_attempts: number;
    ol_lasterror: string | null;
  }[];
  readonly withoutConnector: readonly { ol_outboxeventid: string; ol_eventtype: string; salesorderid: string }[];
}

interface ReportResponse {
  readonly UnacknowledgedMinutes: number;
  readonly Unacknowledged: ReconciliationReport['unacknowledged'];
  readonly TotalsDiffer: ReconciliationReport['totalsDiffer'];
  readonly DeadLettered: ReconciliationReport['deadLettered'];
  readonly WithoutConnector: ReconciliationReport['withoutConnector'];
}

export async function loadReconciliationReport(
  client: Client,
  unacknowledgedMinutes: number,
): Promise<ReconciliationReport> {
  const answer = await client.callFunction<ReportResponse>({
    name: 'ol_ReconciliationReport',
    parameters: { UnacknowledgedMinutes: unacknowledgedMinutes },
  });
  return {
    unacknowledgedMinutes: answer.UnacknowledgedMinutes,
    unacknowledged: answer.Unacknowledged,
    totalsDiffer: answer.TotalsDiffer,
    deadLettered: answer.DeadLettered,
    withoutConnector: answer.WithoutConnector,
  };
}
