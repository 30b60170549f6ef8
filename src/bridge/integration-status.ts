/**
 * The integration status (issue #14): whether the order processing integration is on, how many
 * connectors are active, and what is waiting for one. A submitted order is locked while the integration
 * is on, so "on with no active connector" means orders that nobody will ever process: App Settings, the
 * order form and `orderline outbox list` say so from this one answer instead of each guessing.
 *
 * Who reads what: whether the integration is on and whether a connector is active are facts every
 * signed-in user needs (the order form warns its owner); the counts of waiting events span every
 * user's orders, so they are given only to whoever may read the whole outbox (the security privilege
 * group at organization depth, as the reconciliation report), and are null for everyone else.
 */

import { DELIVERY_STATUS } from '../domain/metadata/tables/ol-delivery.js';
import type { Query } from '../pipeline/messages/message.js';
import { INTEGRATION_SWITCH_COLUMN, switchRefusal } from '../sales/integration-switch.js';
import {
  countActiveConnectors,
  countHeldByInactiveConnectors,
  waitingEventsSummary,
} from '../storage/repositories/waiting-events-store.js';

export interface IntegrationStatus {
  /** `organization.issopintegrationenabled`. */
  readonly integrationEnabled: boolean;
  readonly activeConnectors: number;
  /** On, and no active connector: submitted orders are locked and nothing delivers their events. */
  readonly waitingForConnector: boolean;
  /**
   * Why the caller may not turn the integration on or off, in the words the server refuses the write
   * with (src/sales/integration-switch.ts); null when they may. Pages offer the switch from this.
   */
  readonly switchRefusal: string | null;
  /** Events written while no connector existed, delivered to the first one added; null when not readable. */
  readonly eventsWithoutConnector: number | null;
  /** Pending deliveries held by inactive connectors; null when not readable. */
  readonly deliveriesHeldByInactiveConnectors: number | null;
  /** When the oldest event without a connector was written (UTC); null when none or not readable. */
  readonly oldestWaitingOn: string | null;
}

export const retrieveIntegrationStatus: Query<void, IntegrationStatus> = async (context) => {
  const { trx, services, caller } = context;
  const organization = await services.referenceData.organization(trx);
  const integrationEnabled = organization[INTEGRATION_SWITCH_COLUMN] === true;
  const activeConnectors = await countActiveConnectors(trx);
  const base = {
    integrationEnabled,
    activeConnectors,
    waitingForConnector: integrationEnabled && activeConnectors === 0,
    switchRefusal: switchRefusal(caller.user) ?? null,
  };
  if (caller.user.access('security', 'read') !== 'organization') {
    return { ...base, eventsWithoutConnector: null, deliveriesHeldByInactiveConnectors: null, oldestWaitingOn: null };
  }
  const waiting = await waitingEventsSummary(trx);
  const held = await countHeldByInactiveConnectors(trx, DELIVERY_STATUS.pending);
  const events = services.metadata.table('ol_outboxevent')!;
  const oldest =
    waiting.oldestCreatedOn === undefined
      ? null
      : String(services.records.decodeRow(events, { createdon: waiting.oldestCreatedOn }).createdon);
  return {
    ...base,
    eventsWithoutConnector: waiting.count,
    deliveriesHeldByInactiveConnectors: held,
    oldestWaitingOn: oldest,
  };
};
