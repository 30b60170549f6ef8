/**
 * The back office's Web API actions (issue #14): `ol_SendTestEvent`, bound to a connector
 * (`POST ol_connectors(<id>)/Microsoft.Dynamics.CRM.ol_SendTestEvent` with `{}`), and
 * `ol_ReplayDeliveries`, which replays dead letters: one (`DeliveryId`), a connector's (`ConnectorId`)
 * or all of them (neither). Both are declared in `$metadata` (src/odata/csdl/operations.ts).
 */
import { replayDeadLetters } from '../../bridge/admin/replay-dead-letters.js';
import { sendTestEvent } from '../../bridge/admin/send-test-event.js';
import type { ActionDefinition } from './operation-registry.js';
import { guidParameter, type Parameters } from './parameters.js';

const optionalGuid = (parameters: Parameters, name: string): string | undefined =>
  parameters[name] === undefined || parameters[name] === null ? undefined : guidParameter(parameters, name);

const sendTestEventAction: ActionDefinition = {
  name: 'ol_SendTestEvent',
  kind: 'action',
  boundTo: 'ol_connector',
  parameters: [],
  returnType: 'mscrm.ol_SendTestEventResponse',
  async execute({ context, target, serviceRoot }) {
    const sent = await sendTestEvent(context, { connectorId: String(target!.row[target!.table.primaryId]) });
    return {
      '@odata.context': `${serviceRoot}$metadata#Microsoft.Dynamics.CRM.ol_SendTestEventResponse`,
      EventId: sent.eventId,
      DeliveryId: sent.deliveryId,
    };
  },
};

const replayDeliveriesAction: ActionDefinition = {
  name: 'ol_ReplayDeliveries',
  kind: 'action',
  parameters: [
    { name: 'DeliveryId', type: 'Edm.Guid', optional: true },
    { name: 'ConnectorId', type: 'Edm.Guid', optional: true },
  ],
  returnType: 'mscrm.ol_ReplayDeliveriesResponse',
  async execute({ context, parameters, serviceRoot }) {
    const deliveryId = optionalGuid(parameters, 'DeliveryId');
    const connectorId = optionalGuid(parameters, 'ConnectorId');
    const replayed = await replayDeadLetters(context, {
      ...(deliveryId ? { deliveryId } : {}),
      ...(connectorId ? { connectorId } : {}),
    });
    return {
      '@odata.context': `${serviceRoot}$metadata#Microsoft.Dynamics.CRM.ol_ReplayDeliveriesResponse`,
      Replayed: replayed.length,
      DeliveryIds: replayed.map((delivery) => delivery.deliveryId),
    };
  },
};

export const connectorOperations: readonly ActionDefinition[] = [sendTestEventAction, replayDeliveriesAction];
