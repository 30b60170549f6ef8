/** Products start in Draft; Publish makes them Active, and only Active products can go on lines. */
import type { CommandDefinition } from '../entities/entity-definition';
import { ProductState } from '../entities/state-names';

export const productCommands: readonly CommandDefinition[] = [
  {
    label: 'Publish',
    visible: ({ record }) => record.statecode === ProductState.Draft || record.statecode === ProductState.UnderRevision,
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
