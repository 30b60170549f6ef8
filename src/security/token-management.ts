/**
 * Who may issue, list and revoke a user's tokens (PRODUCT.md C6): the user themself, and a holder of
 * `ol_prvManageAccessTokensOfOthers` (the System Administrator) for anyone. A token is a credential, not
 * a record, so no table privilege covers it; the rule is the same for all three, so whoever may mint a
 * token may also take it back.
 *
 * "Themself" is the authenticated user, never the one impersonated: a token for the impersonated user
 * would carry that user's privileges whole, without the intersection impersonation is limited to. The
 * privilege is read from the effective user, which under impersonation already is that intersection.
 */
import { DomainError } from '../domain/errors.js';
import type { Caller } from './principal.js';

function authenticatedUserId(caller: Caller): string {
  return (caller.onBehalfOf ?? caller.user).userId;
}

/** Every token, not only the caller's own, is visible to and revocable by this caller. */
export function seesAllTokens(caller: Caller): boolean {
  return caller.user.holds('ol_prvManageAccessTokensOfOthers');
}

export function managesTokensOf(caller: Caller, userId: string): boolean {
  return authenticatedUserId(caller) === userId || seesAllTokens(caller);
}

/** Refuses (403) a caller who may not manage `userId`'s tokens; `verb` says what they tried. */
export function requireTokenManagement(caller: Caller, userId: string, verb: string): void {
  if (managesTokensOf(caller, userId)) return;
  throw new DomainError(
    'privilegeDenied',
    `Only a System Administrator can ${verb} another user's access tokens (an impersonated user is another user).`,
  );
}
