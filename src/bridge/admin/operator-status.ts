/**
 * The integration status as the operator's commands say it (`orderline outbox list`, `orderline seed
 * --demo`): the same answer as `ol_RetrieveIntegrationStatus()`, read as the administrator, in
 * sentences for a terminal.
 */
import type { PipelineServices } from '../../pipeline/execution-context.js';
import { adminCaller } from '../../provisioning/demo-data.js';
import { type IntegrationStatus, retrieveIntegrationStatus } from '../integration-status.js';

export async function operatorIntegrationStatus(
  services: PipelineServices,
  adminUserId: string,
): Promise<IntegrationStatus> {
  const caller = await adminCaller(services, adminUserId);
  return retrieveIntegrationStatus({ services, trx: services.store.db, caller }, undefined);
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** One paragraph: whether the integration is on, whether anything delivers, and what waits. */
export function describeIntegrationStatus(status: IntegrationStatus): string {
  if (!status.integrationEnabled) {
    return 'The order processing integration is off: orders are not submitted to a back office and nothing is locked.';
  }
  if (!status.waitingForConnector) {
    return `The order processing integration is on and ${plural(status.activeConnectors, 'back-office connector is', 'back-office connectors are')} active: submitted orders are locked and delivered.`;
  }
  const waiting: string[] = [];
  if (status.eventsWithoutConnector) {
    waiting.push(
      `${plural(status.eventsWithoutConnector, 'event waits', 'events wait')} for a connector (the oldest since ${status.oldestWaitingOn})`,
    );
  }
  if (status.deliveriesHeldByInactiveConnectors) {
    waiting.push(
      `${plural(status.deliveriesHeldByInactiveConnectors, 'delivery is', 'deliveries are')} held by inactive connectors`,
    );
  }
  const what = waiting.length > 0 ? ` ${waiting.join('; ')}.` : '';
  return (
    'The order processing integration is on but no back office is connected: submitted orders are locked and nothing delivers them.' +
    `${what} Add a connector (ORDERLINE_WEBHOOK_URL, or POST ol_connectors; see docs/bridge.md) and the waiting events go to it, in order; or turn the integration off.`
  );
}
