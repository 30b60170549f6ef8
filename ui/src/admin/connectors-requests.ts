/**
 * The Back office page's reads and writes, all through the Web API as any client would make them:
 * `ol_connectors` (managed by System Administrators), `ol_deliveries` (read-only), the
 * `ol_ReconciliationReport` function, and the actions `ol_SendTestEvent` and `ol_ReplayDeliveries`.
 * The server decides who may read or change each; the page shows its answers and its refusals.
 */
import type { Client } from '../api/client';
import { FORMATTED } from '../api/client';

export const CONNECTOR_KIND_WEBHOOK = 1;
export const CONNECTOR_KIND_AMQP = 2;
/** The event type of "Send a test event": about a connector, never about an order. */
export const TEST_EVENT_TYPE = 'ol_connector.test';

export interface Connector {
  readonly id: string;
  readonly name: string;
  /** The server's label for `ol_kind`: Webhook, or AMQP (RabbitMQ). */
  readonly kind: string;
  readonly kindCode: number;
  readonly url: string;
  /** AMQP: the topic exchange it publishes to (the server's default when null). */
  readonly exchange: string | null;
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
    select: ['ol_connectorid', 'ol_name', 'ol_kind', 'ol_url', 'ol_exchange', 'statecode', 'ol_disabledreason'],
    orderBy: ['ol_name asc'],
    includeAnnotations: FORMATTED,
  });
  return result.value.map((row) => ({
    id: String(row.ol_connectorid),
    name: String(row.ol_name ?? ''),
    kind: formatted(row, 'ol_kind'),
    kindCode: Number(row.ol_kind),
    url: String(row.ol_url ?? ''),
    exchange: (row.ol_exchange as string | null | undefined) ?? null,
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

export interface NewAmqpConnector {
  readonly name: string;
  /** `amqp://user@host:port/vhost`, without the password (the server refuses one in the URL). */
  readonly url: string;
  /** The password, kept in the write-only `ol_secret`. */
  readonly password: string;
  /** Empty means the server's default exchange. */
  readonly exchange: string;
}

export async function addAmqpConnector(client: Client, connector: NewAmqpConnector): Promise<void> {
  await client.create({
    collection: 'ol_connectors',
    data: {
      ol_name: connector.name,
      ol_kind: CONNECTOR_KIND_AMQP,
      ol_url: connector.url,
      ...(connector.password ? { ol_secret: connector.password } : {}),
      ...(connector.exchange ? { ol_exchange: connector.exchange } : {}),
    },
  });
}

/**
 * Replaces a webhook's signing secrets (`ol_secret` is write-only: the page never reads the old one).
 * `secrets` is the new secret, then, while receivers move to it, the current one after a space: the
 * server then signs every request with both.
 */
export async function setWebhookSecret(client: Client, id: string, secrets: string): Promise<void> {
  await client.update({ collection: 'ol_connectors', key: id, data: { ol_secret: secrets } });
}

export interface SentTestEvent {
  readonly eventId: string;
  readonly deliveryId: string;
}

export async function sendTestEvent(client: Client, connectorId: string): Promise<SentTestEvent> {
  const answer = await client.callAction<{ EventId: string; DeliveryId: string }>({
    collection: 'ol_connectors',
    key: connectorId,
    actionName: 'Microsoft.Dynamics.CRM.ol_SendTestEvent',
    action: {},
  });
  return { eventId: answer.EventId, deliveryId: answer.DeliveryId };
}

/** Replays one dead letter, or every dead letter when no delivery is named; resolves to how many. */
export async function replayDeadLetters(client: Client, deliveryId?: string): Promise<number> {
  const answer = await client.callAction<{ Replayed: number }>({
    actionName: 'ol_ReplayDeliveries',
    action: deliveryId ? { DeliveryId: deliveryId } : {},
  });
  return answer.Replayed;
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
