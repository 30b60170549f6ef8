/** The operations of the data service itself: `WhoAmI` and `ol_CreateAccessToken` (PRODUCT.md C6). */

import { DomainError, invalidArgument } from '../domain/errors.js';
import { GUID_PATTERN as GUID } from '../domain/guid.js';
import { JsonNumber, type JsonValue } from '../odata/json/json-number.js';
import { issueToken } from '../security/access-tokens.js';
import type { OperationDefinition } from './operation-registry.js';

export const whoAmI: OperationDefinition = {
  name: 'WhoAmI',
  kind: 'function',
  parameters: [],
  returnType: 'mscrm.WhoAmIResponse',
  async execute({ context, serviceRoot }) {
    const organization = await context.services.referenceData.organization(context.trx);
    return {
      '@odata.context': `${serviceRoot}$metadata#Microsoft.Dynamics.CRM.WhoAmIResponse`,
      BusinessUnitId: context.caller.user.businessUnitId,
      UserId: context.caller.user.userId,
      OrganizationId: String(organization.organizationid),
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

export const createAccessToken: OperationDefinition = {
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
    const userId = requested[1]!.toLowerCase();
    const days = expiresInDays(parameters.ExpiresInDays);
    const self = context.caller.user.userId === userId;
    // A System Administrator may issue tokens for anyone; every user may issue one for themself.
    if (!self && !context.caller.user.roleNames.includes('System Administrator')) {
      throw new DomainError(
        'privilegeDenied',
        'Only a System Administrator can create an access token for another user.',
      );
    }
    const user = await context.trx
      .selectFrom('systemuser')
      .select('systemuserid')
      .where('systemuserid', '=', userId)
      .executeTakeFirst();
    if (!user) throw new DomainError('notFound', `systemuser With Id = ${userId} Does Not Exist`);
    const issued = await issueToken(context.trx, userId, context.services.clock.now(), days);
    return {
      '@odata.context': `${serviceRoot}$metadata#Microsoft.Dynamics.CRM.ol_CreateAccessTokenResponse`,
      AccessToken: issued.token,
      ExpiresOn: issued.expiresOn,
    };
  },
};
