/**
 * Who may issue, list and revoke a user's tokens (PRODUCT.md C6): the user themself, and a System
 * Administrator for anyone. A token is a credential, not a record, so there is no privilege to hold on
 * it; the rule is the same for all three, so whoever may mint a token may also take it back.
 */
import { DomainError } from '../domain/errors.js';
import type { Caller, Principal } from './principal.js';

const ADMINISTRATOR = 'System Administrator';

export function administersAllTokens(principal: Principal): boolean {
  return principal.roleNames.includes(ADMINISTRATOR);
}

/**
 * Under impersonation both the real caller and the impersonated user must qualify: a delegate acting
 * as someone must not mint or revoke that someone's credentials (Dataverse intersects their privileges).
 */
function principalsOf(caller: Caller): readonly Principal[] {
  return caller.onBehalfOf ? [caller.user, caller.onBehalfOf] : [caller.user];
}

export function managesTokensOf(caller: Caller, userId: string): boolean {
  return principalsOf(caller).every((principal) => principal.userId === userId || administersAllTokens(principal));
}

/** Every token, not only the caller's own, is visible to this caller. */
export function seesAllTokens(caller: Caller): boolean {
  return principalsOf(caller).every(administersAllTokens);
}

/** Refuses (403) a caller who may not manage `userId`'s tokens; `verb` says what they tried. */
export function requireTokenManagement(caller: Caller, userId: string, verb: string): void {
  if (managesTokensOf(caller, userId)) return;
  throw new DomainError('privilegeDenied', `Only a System Administrator can ${verb} another user's access tokens.`);
}
