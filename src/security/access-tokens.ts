/**
 * Bearer tokens: random, per user, stored only as a SHA-256 hash, with an expiry and a revocation
 * time. The token text is shown once, when issued. No token lives longer than the configured maximum
 * lifetime (ORDERLINE_TOKEN_MAX_LIFETIME_DAYS): issuing refuses a longer one, and every start cuts back
 * tokens issued under a longer maximum.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { invalidArgument } from '../domain/errors.js';
import type { TypedExecutor } from '../storage/database/database.js';
import {
  capTokenExpiries,
  findTokenByHash,
  insertOrRenewToken,
  insertTokenOnce,
  isTokenRevoked,
  revokeTokenByHash,
  revokeTokensDescribed,
} from '../storage/repositories/access-token-store.js';
import { hashSecret } from './secret-digest.js';

export const TOKEN_PREFIX = 'olt_';

/** The lifetime of a token issued without one being asked for (at most the maximum). */
export const DEFAULT_LIFETIME_DAYS = 30;

/** How the tokens ORDERLINE_ADMIN_TOKEN stands for are described, so that a new value revokes them. */
export const CONFIGURED_ADMIN_TOKEN = 'ORDERLINE_ADMIN_TOKEN';
export const GENERATED_ADMIN_TOKEN = 'generated at first start';

export function generateToken(): string {
  return `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}

function addDays(now: string, days: number): string {
  return `${new Date(new Date(now).getTime() + days * 86_400_000).toISOString().slice(0, 19)}Z`;
}

/**
 * A requested lifetime, checked against the maximum. A longer one is refused rather than shortened: a
 * client that silently got less than it asked for would learn it only when its token stops working.
 */
export function checkedLifetimeDays(requested: number | undefined, maxDays: number): number {
  if (requested === undefined) return Math.min(DEFAULT_LIFETIME_DAYS, maxDays);
  if (!Number.isInteger(requested) || requested < 1 || requested > maxDays) {
    throw invalidArgument(
      `ExpiresInDays must be a whole number of days from 1 to ${maxDays}, the maximum lifetime of a token on this server.`,
    );
  }
  return requested;
}

export interface IssuedToken {
  readonly token: string;
  readonly expiresOn: string;
}

export interface TokenLifetime {
  /** Days until it expires; undefined for the default. */
  readonly days?: number;
  readonly maxDays: number;
}

/** Stores a new token for a user, valid for `lifetime` (checked against its maximum). */
export async function issueToken(
  db: TypedExecutor,
  userId: string,
  now: string,
  lifetime: TokenLifetime,
  options: { description?: string; token?: string } = {},
): Promise<IssuedToken> {
  const token = options.token ?? generateToken();
  const expiresOn = addDays(now, checkedLifetimeDays(lifetime.days, lifetime.maxDays));
  await insertTokenOnce(db, {
    tokenId: randomUUID(),
    userId,
    tokenHash: hashSecret(token),
    description: options.description ?? null,
    createdOn: now,
    expiresOn,
  });
  return { token, expiresOn };
}

/** ORDERLINE_ADMIN_TOKEN names a token that was revoked: it stays revoked, and the server does not start. */
export class RevokedAdminToken extends Error {
  constructor() {
    super(
      'ORDERLINE_ADMIN_TOKEN has been revoked and stays revoked: set a new value, or unset it and issue ' +
        'the administrator a token with `orderline token issue admin`.',
    );
    this.name = 'RevokedAdminToken';
  }
}

/**
 * Registers ORDERLINE_ADMIN_TOKEN for the administrator at start: new, or renewed for the maximum
 * lifetime. Any other administrator token it replaces, configured before or generated at first start,
 * is revoked. A value once revoked is refused (RevokedAdminToken), never brought back.
 */
export async function registerAdminToken(
  db: TypedExecutor,
  adminUserId: string,
  token: string,
  now: string,
  maxDays: number,
): Promise<void> {
  const tokenHash = hashSecret(token);
  if (await isTokenRevoked(db, tokenHash)) throw new RevokedAdminToken();
  await insertOrRenewToken(db, {
    tokenId: randomUUID(),
    userId: adminUserId,
    tokenHash,
    description: CONFIGURED_ADMIN_TOKEN,
    createdOn: now,
    expiresOn: addDays(now, maxDays),
  });
  await revokeTokensDescribed(db, adminUserId, [CONFIGURED_ADMIN_TOKEN, GENERATED_ADMIN_TOKEN], tokenHash, now);
}

/**
 * Cuts back every token that would outlive the maximum counted from now: tokens issued before the
 * maximum existed or was lowered expire within it, not years later. Returns how many were shortened.
 */
export function capTokenLifetimes(db: TypedExecutor, now: string, maxDays: number): Promise<number> {
  return capTokenExpiries(db, addDays(now, maxDays));
}

/** The user a token belongs to, if it is known, unexpired and not revoked. */
export async function userOfToken(db: TypedExecutor, token: string, now: string): Promise<string | undefined> {
  const stored = await findTokenByHash(db, hashSecret(token));
  if (!stored || stored.revokedOn !== null) return undefined;
  if (new Date(stored.expiresOn).getTime() <= new Date(now).getTime()) return undefined;
  return stored.userId;
}

export function revokeToken(db: TypedExecutor, token: string, now: string): Promise<boolean> {
  return revokeTokenByHash(db, hashSecret(token), now);
}
