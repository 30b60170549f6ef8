/**
 * ol_SetPassword (issue #14): sets the password a user signs in with. Users may set their own, proving
 * it with their current password (a session left open on a shared computer must not be enough to take
 * the account over); a System Administrator may set or reset anyone's without it. Either way the user's
 * open sessions end, so whoever knew the old password is signed out everywhere.
 *
 * "Themself" is the authenticated user, never the one impersonated, as for tokens
 * (src/security/token-management.ts); the administrator's privilege is the credential privilege of
 * ol_prvManageAccessTokensOfOthers, read from the effective user (under impersonation, the intersection).
 */
import { DomainError, recordDoesNotExist } from '../../domain/errors.js';
import { passwordMatches, setPassword as storePassword } from '../../security/passwords.js';
import { seesAllTokens } from '../../security/token-management.js';
import { revokeSessionsOfUser } from '../../storage/repositories/credential-store.js';
import { userExists } from '../../storage/repositories/user-store.js';
import type { Message } from './message.js';

export interface SetPasswordInput {
  readonly systemUserId: string;
  readonly newPassword: string;
  readonly currentPassword?: string;
}

export const setPassword: Message<SetPasswordInput, void> = async (context, input) => {
  const { caller, trx } = context;
  const userId = input.systemUserId;
  const self = (caller.onBehalfOf ?? caller.user).userId === userId;
  if (!self && !seesAllTokens(caller)) {
    throw new DomainError('privilegeDenied', "Only a System Administrator can set another user's password.");
  }
  if (!(await userExists(trx, userId))) throw recordDoesNotExist('systemuser', userId);
  // An administrator setting their own password proves it too: the rule is about who, not what role.
  if (self && !(await passwordMatches(trx, userId, input.currentPassword ?? ''))) {
    throw new DomainError('privilegeDenied', 'CurrentPassword is not the current password of this user.');
  }
  const now = context.services.clock.now();
  await storePassword(trx, userId, input.newPassword, now);
  await revokeSessionsOfUser(trx, userId, now);
};
