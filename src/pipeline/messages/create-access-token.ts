/**
 * ol_CreateAccessToken (PRODUCT.md C6): a new bearer token for a user, for at most the server's maximum
 * lifetime. A System Administrator may issue tokens for anyone; every user may issue one for themself
 * (./security/token-management.ts says who "themself" is under impersonation).
 */
import { recordDoesNotExist } from '../../domain/errors.js';
import { issueToken } from '../../security/access-tokens.js';
import { requireTokenManagement } from '../../security/token-management.js';
import { userExists } from '../../storage/repositories/user-store.js';
import type { Message } from './message.js';

export interface CreateAccessTokenInput {
  readonly systemUserId: string;
  /** Undefined for the default lifetime. */
  readonly expiresInDays?: number;
  readonly maxLifetimeDays: number;
  readonly description?: string;
}

export interface CreatedAccessToken {
  readonly token: string;
  readonly expiresOn: string;
}

export const createAccessToken: Message<CreateAccessTokenInput, CreatedAccessToken> = async (context, input) => {
  const userId = input.systemUserId;
  requireTokenManagement(context.caller, userId, 'create');
  if (!(await userExists(context.trx, userId))) throw recordDoesNotExist('systemuser', userId);
  const issued = await issueToken(
    context.trx,
    userId,
    context.services.clock.now(),
    { ...(input.expiresInDays === undefined ? {} : { days: input.expiresInDays }), maxDays: input.maxLifetimeDays },
    input.description === undefined ? {} : { description: input.description },
  );
  return { token: issued.token, expiresOn: issued.expiresOn };
};
