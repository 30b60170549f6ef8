/** The operations of the data service itself: `WhoAmI` (access tokens: access-token-operations.ts). */
import { whoAmI } from '../../pipeline/messages/who-am-i.js';
import type { FunctionDefinition } from './operation-registry.js';

export const whoAmIFunction: FunctionDefinition = {
  name: 'WhoAmI',
  kind: 'function',
  parameters: [],
  returnType: 'mscrm.WhoAmIResponse',
  async execute({ context, serviceRoot }) {
    const answer = await whoAmI(context);
    return {
      '@odata.context': `${serviceRoot}$metadata#Microsoft.Dynamics.CRM.WhoAmIResponse`,
      BusinessUnitId: answer.businessUnitId,
      UserId: answer.userId,
      OrganizationId: answer.organizationId,
    };
  },
};
