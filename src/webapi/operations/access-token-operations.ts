/**
 * The Web API bindings of access tokens (PRODUCT.md C6): `ol_CreateAccessToken`, `ol_RevokeAccessToken`
 * and `ol_ListAccessTokens`. The maximum lifetime comes from the configuration, so the bindings are made
 * for it (src/app.ts).
 */
import { invalidArgument } from '../../domain/errors.js';
import { GUID_PATTERN as GUID } from '../../domain/guid.js';
import { JsonNumber, type JsonValue } from '../../odata/json/json-number.js';
import { createAccessToken } from '../../pipeline/messages/create-access-token.js';
import { listAccessTokens } from '../../pipeline/messages/list-access-tokens.js';
import { revokeAccessToken } from '../../pipeline/messages/revoke-access-token.js';
import type { ActionDefinition, FunctionDefinition, OperationDefinition } from './operation-registry.js';

/** The longest description a token may carry: a label for people, not a document. */
const MAX_DESCRIPTION_LENGTH = 200;

function guidParameter(name: string, value: JsonValue | undefined, what: string): string {
  const match = typeof value === 'string' ? GUID.exec(value) : null;
  if (!match) throw invalidArgument(`${name} must be the GUID of ${what}.`);
  return match[1]!.toLowerCase();
}

function expiresInDays(value: JsonValue | undefined, maxDays: number): number | undefined {
  if (value === undefined || value === null) return undefined;
  // Checked against the maximum by issueToken; here only its form, so a fraction or a string is named.
  if (!(value instanceof JsonNumber) || !/^\d{1,9}$/.test(value.text)) {
    throw invalidArgument(`ExpiresInDays must be a whole number of days from 1 to ${maxDays}.`);
  }
  return Number(value.text);
}

function description(value: JsonValue | undefined): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.length > MAX_DESCRIPTION_LENGTH || /[\p{Cc}]/u.test(value)) {
    throw invalidArgument(
      `Description must be text of at most ${MAX_DESCRIPTION_LENGTH} characters, without control characters.`,
    );
  }
  return value.trim() === '' ? undefined : value;
}

function createAccessTokenAction(maxLifetimeDays: number): ActionDefinition {
  return {
    name: 'ol_CreateAccessToken',
    kind: 'action',
    parameters: [
      { name: 'SystemUserId', type: 'Edm.Guid' },
      { name: 'ExpiresInDays', type: 'Edm.Int32', optional: true },
      { name: 'Description', type: 'Edm.String', optional: true },
    ],
    returnType: 'mscrm.ol_CreateAccessTokenResponse',
    async execute({ context, parameters, serviceRoot }) {
      const days = expiresInDays(parameters.ExpiresInDays, maxLifetimeDays);
      const label = description(parameters.Description);
      const issued = await createAccessToken(context, {
        systemUserId: guidParameter('SystemUserId', parameters.SystemUserId, 'a user'),
        maxLifetimeDays,
        ...(days === undefined ? {} : { expiresInDays: days }),
        ...(label === undefined ? {} : { description: label }),
      });
      return {
        '@odata.context': `${serviceRoot}$metadata#Microsoft.Dynamics.CRM.ol_CreateAccessTokenResponse`,
        AccessToken: issued.token,
        ExpiresOn: issued.expiresOn,
      };
    },
  };
}

const revokeAccessTokenAction: ActionDefinition = {
  name: 'ol_RevokeAccessToken',
  kind: 'action',
  parameters: [{ name: 'AccessTokenId', type: 'Edm.Guid' }],
  async execute({ context, parameters }) {
    await revokeAccessToken(context, {
      accessTokenId: guidParameter('AccessTokenId', parameters.AccessTokenId, 'an access token'),
    });
    return undefined;
  },
};

const listAccessTokensFunction: FunctionDefinition = {
  name: 'ol_ListAccessTokens',
  kind: 'function',
  parameters: [{ name: 'SystemUserId', type: 'Edm.Guid', optional: true }],
  returnType: 'Collection(mscrm.ol_AccessToken)',
  async execute({ context, parameters, serviceRoot }) {
    const userId =
      parameters.SystemUserId === undefined || parameters.SystemUserId === null
        ? undefined
        : guidParameter('SystemUserId', parameters.SystemUserId, 'a user');
    const tokens = await listAccessTokens(context, userId === undefined ? {} : { systemUserId: userId });
    const now = Date.parse(context.services.clock.now());
    return {
      '@odata.context': `${serviceRoot}$metadata#Collection(Microsoft.Dynamics.CRM.ol_AccessToken)`,
      value: tokens.map((token) => ({
        AccessTokenId: token.tokenId,
        SystemUserId: token.userId,
        DomainName: token.domainName,
        Description: token.description,
        CreatedOn: token.createdOn,
        ExpiresOn: token.expiresOn,
        RevokedOn: token.revokedOn,
        IsValid: token.revokedOn === null && Date.parse(token.expiresOn) > now,
      })),
    };
  },
};

export function accessTokenOperationsWith(maxLifetimeDays: number): readonly OperationDefinition[] {
  return [createAccessTokenAction(maxLifetimeDays), revokeAccessTokenAction, listAccessTokensFunction];
}
