/** The operations of the data service itself: `WhoAmI` and `ol_CreateAccessToken` (PRODUCT.md C6). */
import { invalidArgument } from '../../domain/errors.js';
import { GUID_PATTERN as GUID } from '../../domain/guid.js';
import { JsonNumber, type JsonValue } from '../../odata/json/json-number.js';
import { createAccessToken } from '../../pipeline/messages/create-access-token.js';
import { whoAmI } from '../../pipeline/messages/who-am-i.js';
import type { ActionDefinition, FunctionDefinition } from './operation-registry.js';

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

const MAX_DAYS = 3650;

function expiresInDays(value: JsonValue | undefined): number {
  if (value === undefined || value === null) return 30;
  if (
    !(value instanceof JsonNumber) ||
    !/^\d+$/.test(value.text) ||
    Number(value.text) < 1 ||
    Number(value.text) > MAX_DAYS
  ) {
    throw invalidArgument(`ExpiresInDays must be a whole number of days from 1 to ${MAX_DAYS}.`);
  }
  return Number(value.text);
}

export const createAccessTokenAction: ActionDefinition = {
  name: 'ol_CreateAccessToken',
  kind: 'action',
  parameters: [
    { name: 'SystemUserId', type: 'Edm.Guid' },
    { name: 'ExpiresInDays', type: 'Edm.Int32', optional: true },
  ],
  returnType: 'mscrm.ol_CreateAccessTokenResponse',
  async execute({ context, parameters, serviceRoot }) {
    const requested = typeof parameters.SystemUserId === 'string' ? GUID.exec(parameters.SystemUserId) : null;
    if (!requested) throw invalidArgument('SystemUserId must be the GUID of a user.');
    const systemUserId = requested[1]!.toLowerCase();
    const issued = await createAccessToken(context, {
      systemUserId,
      expiresInDays: expiresInDays(parameters.ExpiresInDays),
    });
    return {
      '@odata.context': `${serviceRoot}$metadata#Microsoft.Dynamics.CRM.ol_CreateAccessTokenResponse`,
      AccessToken: issued.token,
      ExpiresOn: issued.expiresOn,
    };
  },
};
