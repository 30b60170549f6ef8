/**
 * ol_ListAccessTokens (PRODUCT.md C6): the caller's own tokens, or, for a System Administrator,
 * everyone's (or one user's). Never the token itself, which is not stored, nor its hash.
 */

import { requireTokenManagement, seesAllTokens } from '../../security/token-management.js';
import { listTokens, type TokenSummary } from '../../storage/repositories/access-token-store.js';
import type { Query } from './message.js';

export interface ListAccessTokensInput {
  /** Only this user's tokens; absent, the caller's own, or everyone's for an administrator. */
  readonly systemUserId?: string;
}

export const listAccessTokens: Query<ListAccessTokensInput, TokenSummary[]> = async (context, input) => {
  if (input.systemUserId !== undefined) {
    requireTokenManagement(context.caller, input.systemUserId, 'list');
    return listTokens(context.trx, { userId: input.systemUserId });
  }
  if (seesAllTokens(context.caller)) return listTokens(context.trx);
  const own = context.caller.user.userId;
  // A delegate impersonating someone sees their tokens only if they may manage them.
  requireTokenManagement(context.caller, own, 'list');
  return listTokens(context.trx, { userId: own });
};
