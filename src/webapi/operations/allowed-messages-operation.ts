/**
 * `ol_RetrieveAllowedMessages(EntityName='salesorder',EntityId=<guid>)` (issue #14): the messages the
 * caller may run on one record now, each with the reason when not (src/pipeline/messages/
 * retrieve-allowed-messages.ts). The Sales Hub's command bar shows only the allowed ones.
 */
import { retrieveAllowedMessages } from '../../pipeline/messages/retrieve-allowed-messages.js';
import type { FunctionDefinition } from './operation-registry.js';
import { guidParameter, stringParameter } from './parameters.js';

export const allowedMessagesFunction: FunctionDefinition = {
  name: 'ol_RetrieveAllowedMessages',
  kind: 'function',
  parameters: [
    { name: 'EntityName', type: 'Edm.String' },
    { name: 'EntityId', type: 'Edm.Guid' },
  ],
  // Served but not declared in $metadata, like ol_ReconciliationReport: its shape is Orderline's.
  async execute({ context, parameters, serviceRoot }) {
    const entityName = stringParameter(parameters, 'EntityName', 64) ?? '';
    const entityId = guidParameter(parameters, 'EntityId');
    const verdicts = await retrieveAllowedMessages(context, { entityName, entityId });
    return {
      '@odata.context': `${serviceRoot}$metadata#Edm.Untyped`,
      value: verdicts.map((verdict) => ({
        MessageName: verdict.name,
        IsAllowed: verdict.allowed,
        Reason: verdict.reason,
      })),
    };
  },
};
