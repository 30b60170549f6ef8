/**
 * Bearer tokens: random, per user, stored only as a SHA-256 hash, with an expiry and a revocation
 * time. The token text is shown once, when issued.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { TypedExecutor } from '../storage/database/database.js';
import { findTokenByHash, insertTokenOnce, revokeTokenByHash } from '../storage/repositories/access-token-store.js';

export const TOKEN_PREFIX = 'olt_';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function generateToken(): string {
  return `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}

function addDays(now: string, days: number): string {
  return `${new Date(new Date(now).getTime() + days * 86_400_000).toISOString().slice(0, 19)}Z`;
}

export interface IssuedToken {
  readonly token: string;
  readonly expiresOn: string;
}

/** Stores a token for a user; `token` may be given (ORDERLINE_ADMIN_TOKEN), else one is generated. */
export async function issueToken(
  db: TypedExecutor,
  userId: string,
  now: string,
  expiresInDays: number,
  options: { token?: string; description?: string } = {},
): Promise<IssuedToken> {
  const token = options.token ?? generateToken();
  const expiresOn = addDays(now, expiresInDays);
  await insertTokenOnce(db, {
    tokenId: randomUUID(),
    userId,
    tokenHash: hashToken(token),
    description: options.description ?? null,
    createdOn: now,
    expiresOn,
  });
  return { token, expiresOn };
}

/** The user a token belongs to, if it is known, unexpired and not revoked. */
export async function userOfToken(db: TypedExecutor, token: string, now: string): Promise<string | undefined> {
  const stored = await findTokenByHash(db, hashToken(token));
  if (!stored || stored.revokedOn !== null) return undefined;
  if (new Date(stored.expiresOn).getTime() <= new Date(now).getTime()) return undefined;
  return stored.userId;
}

export function revokeToken(db: TypedExecutor, token: string, now: string): Promise<boolean> {
  return revokeTokenByHash(db, hashToken(token), now);
}
