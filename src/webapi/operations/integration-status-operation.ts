/**
 * `ol_RetrieveIntegrationStatus()` (issue #14): the unbound function that serves the bridge's
 * integration status (src/bridge/integration-status.ts), named and shaped as Dataverse's Retrieve…
 * functions answer: PascalCase properties of a response object.
 */
import { retrieveIntegrationStatus } from '../../bridge/integration-status.js';
import type { FunctionDefinition } from './operation-registry.js';

export const integrationStatusFunction: FunctionDefinition = {
  name: 'ol_RetrieveIntegrationStatus',
  kind: 'function',
  parameters: [],
  // Served but not declared in $metadata, like ol_ReconciliationReport: its shape is Orderline's.
  async execute({ context, serviceRoot }) {
    const status = await retrieveIntegrationStatus(context, undefined);
    return {
      '@odata.context': `${serviceRoot}$metadata#Edm.Untyped`,
      IntegrationEnabled: status.integrationEnabled,
      ActiveConnectors: status.activeConnectors,
      WaitingForConnector: status.waitingForConnector,
      SwitchRefusal: status.switchRefusal,
      EventsWithoutConnector: status.eventsWithoutConnector,
      DeliveriesHeldByInactiveConnectors: status.deliveriesHeldByInactiveConnectors,
      OldestWaitingOn: status.oldestWaitingOn,
    };
  },
};
