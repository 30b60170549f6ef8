/**
 * Products start in Draft; Publish makes them Active, and only Active products can go on lines. Publish
 * appears when the server allows it (`ol_RetrieveAllowedMessages`): a Draft or Under Revision product
 * the user may change.
 */
import type { CommandDefinition } from '../entities/entity-definition';
import { allows } from './allowed-messages';

export const productCommands: readonly CommandDefinition[] = [
  {
    label: 'Publish',
    visible: allows('PublishProductHierarchy'),
    async run({ client, id }) {
      await client.callAction({
        collection: 'products',
        key: id,
        actionName: 'Microsoft.Dynamics.CRM.PublishProductHierarchy',
        action: {},
      });
      return { message: 'The product is published: it can now be added to quotes, orders and invoices.' };
    },
  },
];
