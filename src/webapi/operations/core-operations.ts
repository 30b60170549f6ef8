/**
 * The operations of the data service itself: `WhoAmI`, `RetrieveTotalRecordCount` (access tokens:
 * access-token-operations.ts).
 */
import { invalidArgument } from '../../domain/errors.js';
import { retrieveTotalRecordCount } from '../../pipeline/messages/retrieve-total-record-count.js';
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

/** At most this many tables per call: each is a count over a whole table. */
const maxCountedTables = 50;

export const retrieveTotalRecordCountFunction: FunctionDefinition = {
  name: 'RetrieveTotalRecordCount',
  kind: 'function',
  parameters: [{ name: 'EntityNames', type: 'Collection(Edm.String)' }],
  returnType: 'mscrm.RetrieveTotalRecordCountResponse',
  async execute({ context, parameters, serviceRoot }) {
    const names = parameters.EntityNames;
    if (!Array.isArray(names) || names.some((name) => typeof name !== 'string')) {
      throw invalidArgument(
        "EntityNames must be a collection of table logical names, as in RetrieveTotalRecordCount(EntityNames=['account','contact']).",
      );
    }
    if (names.length > maxCountedTables)
      throw invalidArgument(`EntityNames may name at most ${maxCountedTables} tables.`);
    const counts = await retrieveTotalRecordCount(context, { entityNames: [...new Set(names as string[])] });
    return {
      '@odata.context': `${serviceRoot}$metadata#Microsoft.Dynamics.CRM.RetrieveTotalRecordCountResponse`,
      EntityRecordCountCollection: {
        Count: counts.length,
        IsReadOnly: false,
        Keys: counts.map((count) => count.logicalName),
        Values: counts.map((count) => count.count),
      },
    };
  },
};
