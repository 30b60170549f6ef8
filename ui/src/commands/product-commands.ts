/** Products start in Draft; Publish makes them Active, and only Active products can go on lines. */
import type { CommandDefinition } from '../entities/entity-definition';

const DRAFT = 2;
const UNDER_REVISION = 3;

export const productCommands: readonly CommandDefinition[] = [
  {
    label: 'Publish',
    visible: ({ record }) => record.statecode === DRAFT || record.statecode === UNDER_REVISION,
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
