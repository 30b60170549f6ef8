/**
 * The server's integration status (`ol_RetrieveIntegrationStatus()`, docs/bridge.md): whether the
 * order processing integration is on, whether a back office is connected, and what waits for one.
 * App Settings and the order form read it instead of guessing from the organization row.
 */
import type { Client } from '../api/client';

export interface IntegrationStatus {
  readonly integrationEnabled: boolean;
  readonly activeConnectors: number;
  /** On with no active connector: submitted orders are locked and nothing delivers them. */
  readonly waitingForConnector: boolean;
  /** Null for users who may not read the whole outbox. */
  readonly eventsWithoutConnector: number | null;
  readonly deliveriesHeldByInactiveConnectors: number | null;
  readonly oldestWaitingOn: string | null;
  /** Why the user may not turn the integration on or off, in the server's words; null when they may. */
  readonly switchRefusal: string | null;
}

interface StatusResponse {
  readonly IntegrationEnabled: boolean;
  readonly ActiveConnectors: number;
  readonly WaitingForConnector: boolean;
  readonly EventsWithoutConnector: number | null;
  readonly DeliveriesHeldByInactiveConnectors: number | null;
  readonly OldestWaitingOn: string | null;
  readonly SwitchRefusal: string | null;
}

export async function loadIntegrationStatus(client: Client): Promise<IntegrationStatus> {
  const answer = await client.callFunction<StatusResponse>('ol_RetrieveIntegrationStatus');
  return {
    integrationEnabled: answer.IntegrationEnabled,
    activeConnectors: answer.ActiveConnectors,
    waitingForConnector: answer.WaitingForConnector,
    eventsWithoutConnector: answer.EventsWithoutConnector,
    deliveriesHeldByInactiveConnectors: answer.DeliveriesHeldByInactiveConnectors,
    oldestWaitingOn: answer.OldestWaitingOn,
    switchRefusal: answer.SwitchRefusal ?? null,
  };
}

/** The one sentence every screen uses when nothing is connected. */
export const NO_CONNECTOR_WARNING =
  'No back office is connected: submitted orders are locked and wait here until an administrator adds a connector (or turns the integration off).';
