/**
 * Who a request acts as: the bearer token's user (or, without an Authorization header, the user of the
 * browser session whose id the cookie carries: ./sessions.ts), or, with `MSCRMCallerID` (a systemuserid) or
 * `CallerObjectId` (an Entra object id), the user they impersonate, provided the token's user holds
 * the Delegate privilege (prvActOnBehalfOfAnotherUser). An impersonated user acts with the privileges
 * both users hold (./impersonation.ts).
 */
import { DomainError } from '../domain/errors.js';
import { GUID_PATTERN as GUID } from '../domain/guid.js';
import type { TypedExecutor } from '../storage/database/database.js';
import { userIdOfObjectId } from '../storage/repositories/user-store.js';
import { userOfToken } from './access-tokens.js';
import { impersonating } from './impersonation.js';
import type { Caller } from './principal.js';
import type { PrincipalLoader } from './principal-loader.js';
import { type SessionSettings, userOfSession } from './sessions.js';

function unauthenticated(message: string): DomainError {
  return new DomainError('unauthenticated', message, { headers: { 'www-authenticate': 'Bearer' } });
}

/** A browser session presented by its cookie, with the settings that say how long sessions last. */
export interface PresentedSession {
  readonly sessionId: string;
  readonly settings: SessionSettings;
}

async function authenticatedUserId(
  db: TypedExecutor,
  headers: Readonly<Record<string, string | undefined>>,
  now: string,
  session: PresentedSession | undefined,
): Promise<string> {
  const authorization = headers.authorization ?? '';
  // A bearer token, when sent, decides alone: a client choosing its credential gets exactly that one.
  if (!authorization && session) {
    const userId = await userOfSession(db, session.sessionId, now, session.settings);
    if (!userId) throw unauthenticated('The session has ended: sign in again.');
    return userId;
  }
  const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  if (!match) throw unauthenticated('The request has no bearer token: send Authorization: Bearer <token>.');
  const userId = await userOfToken(db, match[1]!, now);
  if (!userId) throw unauthenticated('The bearer token is unknown, expired or revoked.');
  return userId;
}

export async function authenticate(
  db: TypedExecutor,
  principals: PrincipalLoader,
  headers: Readonly<Record<string, string | undefined>>,
  now: string,
  session?: PresentedSession,
): Promise<Caller> {
  const userId = await authenticatedUserId(db, headers, now, session);
  // The principal loader refuses a disabled user on every request, whichever credential they hold.
  const user = await principals.load(db, userId);
  if (!user) throw unauthenticated('The user of this token or session is disabled or no longer exists.');

  const callerId = headers.mscrmcallerid?.trim();
  const objectId = headers.callerobjectid?.trim();
  if (!callerId && !objectId) return { user };
  const requested = GUID.exec(callerId || objectId || '');
  if (!requested) throw new DomainError('invalidArgument', 'MSCRMCallerID and CallerObjectId take a GUID.');
  if (!user.holds('prvActOnBehalfOfAnotherUser')) {
    throw new DomainError(
      'privilegeDenied',
      `User ${user.userId} does not hold the privilege prvActOnBehalfOfAnotherUser (Delegate) needed to impersonate.`,
      { code: '0x80040224' },
    );
  }
  const wanted = requested[1]!.toLowerCase();
  let effectiveId = wanted;
  if (!callerId) {
    const userId = await userIdOfObjectId(db, wanted);
    if (!userId) throw new DomainError('notFound', `No user has the object id ${wanted}.`);
    effectiveId = userId;
  }
  const effective = await principals.load(db, effectiveId);
  if (!effective)
    throw new DomainError('notFound', `systemuser With Id = ${effectiveId} Does Not Exist or is disabled`);
  return effective.userId === user.userId ? { user } : { user: impersonating(effective, user), onBehalfOf: user };
}
