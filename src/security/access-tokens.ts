/**
 * Bearer tokens: random, per user, stored only as a SHA-256 hash, with an expiry and a revocation
 * time. The token text is shown once, when issued.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';

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
  db: Kysely<any>,
  userId: string,
  now: string,
  expiresInDays: number,
  options: { token?: string; description?: string } = {},
): Promise<IssuedToken> {
  const token = options.token ?? generateToken();
  const expiresOn = addDays(now, expiresInDays);
  await db
    .insertInto('ol_accesstoken')
    .values({
      tokenid: randomUUID(),
      systemuserid: userId,
      tokenhash: hashToken(token),
      description: options.description ?? null,
      createdon: now,
      expireson: expiresOn,
      revokedon: null,
    })
    .onConflict((conflict) => conflict.column('tokenhash').doNothing())
    .execute();
  return { token, expiresOn };
}

/** The user a token belongs to, if it is known, unexpired and not revoked. */
export async function userOfToken(db: Kysely<any>, token: string, now: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('ol_accesstoken')
    .select(['systemuserid', 'expireson', 'revokedon'])
    .where('tokenhash', '=', hashToken(token))
    .executeTakeFirst();
  if (!row || row.revokedon !== null) return undefined;
  if (new Date(String(row.expireson)).getTime() <= new Date(now).getTime()) return undefined;
  return String(row.systemuserid);
}

export async function revokeToken(db: Kysely<any>, token: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('ol_accesstoken')
    .set({ revokedon: now })
    .where('tokenhash', '=', hashToken(token))
    .where('revokedon', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
