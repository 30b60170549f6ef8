/**
 * Browser sessions (issue #14): a random id sent only in an HttpOnly cookie, stored as its SHA-256, so
 * a copy of the database opens no session. A session ends when it is revoked (sign-out, a new
 * password), when it was idle longer than the idle timeout, or at its absolute expiry, whichever is
 * first. Every tab of the browser sends the same cookie, so they share one session and one sign-out.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { TypedExecutor } from '../storage/database/database.js';
import {
  findSessionByHash,
  insertSession,
  revokeSessionByHash,
  touchSession,
} from '../storage/repositories/credential-store.js';
import { hashSecret } from './secret-digest.js';

export const SESSION_COOKIE = 'orderline_session';

export interface SessionSettings {
  /** Minutes without a request after which a session ends. */
  readonly idleMinutes: number;
  /** Hours after sign-in after which a session ends, however active. */
  readonly maxHours: number;
}

/** `lastseenon` is written at most this often: a request per second must not be a write per second. */
const TOUCH_EVERY_MS = 60_000;

function instantAfter(now: string, milliseconds: number): string {
  return `${new Date(Date.parse(now) + milliseconds).toISOString().slice(0, 19)}Z`;
}

/** Stores a new session for a user; returns the id for the cookie, which is never stored. */
export async function openSession(
  db: TypedExecutor,
  userId: string,
  now: string,
  settings: SessionSettings,
): Promise<{ sessionId: string; expiresOn: string }> {
  const sessionId = randomBytes(32).toString('base64url');
  const expiresOn = instantAfter(now, settings.maxHours * 3_600_000);
  await insertSession(db, {
    sessionId: randomUUID(),
    sessionHash: hashSecret(sessionId),
    userId,
    createdOn: now,
    expiresOn,
  });
  return { sessionId, expiresOn };
}

/** The user of a session still open, marking it used; undefined when unknown, revoked, idle or expired. */
export async function userOfSession(
  db: TypedExecutor,
  sessionId: string,
  now: string,
  settings: SessionSettings,
): Promise<string | undefined> {
  const stored = await findSessionByHash(db, hashSecret(sessionId));
  if (!stored || stored.revokedOn !== null) return undefined;
  const at = Date.parse(now);
  const lastSeen = Date.parse(stored.lastSeenOn);
  if (Date.parse(stored.expiresOn) <= at) return undefined;
  if (lastSeen + settings.idleMinutes * 60_000 <= at) return undefined;
  if (at - lastSeen >= TOUCH_EVERY_MS) await touchSession(db, stored.sessionId, now);
  return stored.userId;
}

export function closeSession(db: TypedExecutor, sessionId: string, now: string): Promise<boolean> {
  return revokeSessionByHash(db, hashSecret(sessionId), now);
}
