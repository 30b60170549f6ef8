/**
 * Passwords of people signing in (issue #14): hashed with Argon2id at OWASP's recommended minimum
 * (Password Storage Cheat Sheet: 19 MiB of memory, 2 iterations, 1 lane), stored as a PHC string
 * (`$argon2id$v=19$m=19456,t=2,p=1$salt$hash`) which carries its own parameters, so raising them later
 * still verifies the hashes made before. The password itself is never stored, logged or returned.
 */
import { randomBytes } from 'node:crypto';
import { type Algorithm, hash, verify } from '@node-rs/argon2';
import { invalidArgument } from '../domain/errors.js';
import type { TypedExecutor } from '../storage/database/database.js';
import { findPasswordHash, storePasswordHash } from '../storage/repositories/credential-store.js';

/** `Algorithm.Argon2id`: the enum is a const enum, which this build cannot read at run time. */
const ARGON2ID = 2 as Algorithm;

export const ARGON2ID_PARAMETERS = {
  algorithm: ARGON2ID,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

/** NIST SP 800-63B: at least 8 characters; at most 256 so hashing one costs a bounded time. */
export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 256;

/** A hash of nothing anyone can type, verified when the user is unknown so the answer takes as long. */
let decoyHash: Promise<string> | undefined;

export function checkPasswordRules(password: string): void {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH || length > MAX_PASSWORD_LENGTH) {
    throw invalidArgument(`A password must have from ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters.`);
  }
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2ID_PARAMETERS);
}

/** A password for people to read once and type: 24 characters of base64url, 144 bits. */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}

export async function setPassword(db: TypedExecutor, userId: string, password: string, now: string): Promise<void> {
  checkPasswordRules(password);
  await storePasswordHash(db, userId, await hashPassword(password), now);
}

/**
 * Whether `password` is the user's. A user without a password never matches; when `userId` is
 * undefined (no such user) a decoy hash is verified anyway, so timing does not tell names apart.
 */
export async function passwordMatches(
  db: TypedExecutor,
  userId: string | undefined,
  password: string,
): Promise<boolean> {
  const stored = userId === undefined ? undefined : await findPasswordHash(db, userId);
  if (password.length > MAX_PASSWORD_LENGTH * 4) return false;
  if (stored === undefined) {
    decoyHash ??= hashPassword(generatePassword());
    await verify(await decoyHash, password).catch(() => false);
    return false;
  }
  return verify(stored, password).catch(() => false);
}
