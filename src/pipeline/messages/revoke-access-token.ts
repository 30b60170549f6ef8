/**
 * ol_RevokeAccessToken (PRODUCT.md C6): a token stops working at once. Its owner may revoke it, and a
 * System Administrator any token. Revoking a token already revoked changes nothing and succeeds, so a
 * client may repeat the call after a lost answer.
 */
import { recordDoesNotExist } from '../../domain/errors.js';
import { requireTokenManagement } from '../../security/token-management.js';
import { ownerOfToken, revokeTokenById } from '../../storage/repositories/access-token-store.js';
import type { Message } from './message.js';

export interface RevokeAccessTokenInput {
  readonly accessTokenId: string;
}

export const revokeAccessToken: Message<RevokeAccessTokenInput, void> = async (context, input) => {
  const owner = await ownerOfToken(context.trx, input.accessTokenId);
  if (owner === undefined) throw recordDoesNotExist('ol_accesstoken', input.accessTokenId);
  requireTokenManagement(context.caller, owner, 'revoke');
  await revokeTokenById(context.trx, input.accessTokenId, context.services.clock.now());
};
