/**
 * ol_CreateAccessToken (PRODUCT.md C6): a new bearer token for a user. A System Administrator may issue
 * tokens for anyone; every user may issue one for themself. "Themself" is the authenticated user: a
 * token for the user one impersonates would carry that user's privileges whole, without the
 * intersection impersonation is limited to.
 */
import { DomainError, recordDoesNotExist } from '../../domain/errors.js';
import { issueToken } from '../../security/access-tokens.js';
import { userExists } from '../../storage/repositories/user-store.js';
import type { Message } from './message.js';

export interface CreateAccessTokenInput {
  readonly systemUserId: string;
  readonly expiresInDays: number;
}

export interface CreatedAccessToken {
  readonly token: string;
  readonly expiresOn: string;
}

export const createAccessToken: Message<CreateAccessTokenInput, CreatedAccessToken> = async (context, input) => {
  const userId = input.systemUserId;
  const authenticated = context.caller.onBehalfOf ?? context.caller.user;
  const self = authenticated.userId === userId;
  if (!self && !context.caller.user.holds('ol_prvManageAccessTokensOfOthers')) {
    throw new DomainError(
      'privilegeDenied',
      'Only a System Administrator can create an access token for another user (an impersonated user is another user).',
    );
  }
  if (!(await userExists(context.trx, userId))) throw recordDoesNotExist('systemuser', userId);
  const issued = await issueToken(context.trx, userId, context.services.clock.now(), input.expiresInDays);
  return { token: issued.token, expiresOn: issued.expiresOn };
};
