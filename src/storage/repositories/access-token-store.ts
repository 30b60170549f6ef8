/** The SQL of bearer tokens (src/security/access-tokens.ts keeps what a token is and when it is valid). */
import type { TypedExecutor } from '../database/database.js';

export interface StoredToken {
  readonly tokenId: string;
  readonly userId: string;
  readonly tokenHash: string;
  readonly description: string | null;
  readonly createdOn: string;
  readonly expiresOn: string;
}

/** Inserts the token unless one with the same hash exists. */
export async function insertTokenOnce(db: TypedExecutor, token: StoredToken): Promise<void> {
  await db
    .insertInto('ol_accesstoken')
    .values(tokenRow(token))
    .onConflict((conflict) => conflict.column('tokenhash').doNothing())
    .execute();
}

/**
 * Inserts the token, or, when one with the same hash is there and not revoked, moves its expiry to this
 * one's: a restart re-registering ORDERLINE_ADMIN_TOKEN renews it, but never brings a revoked one back
 * (see `isTokenRevoked`).
 */
export async function insertOrRenewToken(db: TypedExecutor, token: StoredToken): Promise<void> {
  await db
    .insertInto('ol_accesstoken')
    .values(tokenRow(token))
    .onConflict((conflict) =>
      conflict
        .column('tokenhash')
        .doUpdateSet({ expireson: token.expiresOn })
        .where('ol_accesstoken.revokedon', 'is', null),
    )
    .execute();
}

function tokenRow(token: StoredToken) {
  return {
    tokenid: token.tokenId,
    systemuserid: token.userId,
    tokenhash: token.tokenHash,
    description: token.description,
    createdon: token.createdOn,
    expireson: token.expiresOn,
    revokedon: null,
  };
}

export interface TokenValidity {
  readonly userId: string;
  readonly expiresOn: string;
  readonly revokedOn: string | null;
}

export async function findTokenByHash(db: TypedExecutor, tokenHash: string): Promise<TokenValidity | undefined> {
  const row = await db
    .selectFrom('ol_accesstoken')
    .select(['systemuserid', 'expireson', 'revokedon'])
    .where('tokenhash', '=', tokenHash)
    .executeTakeFirst();
  if (!row) return undefined;
  return { userId: String(row.systemuserid), expiresOn: String(row.expireson), revokedOn: row.revokedon };
}

export async function isTokenRevoked(db: TypedExecutor, tokenHash: string): Promise<boolean> {
  const row = await db
    .selectFrom('ol_accesstoken')
    .select('revokedon')
    .where('tokenhash', '=', tokenHash)
    .executeTakeFirst();
  return row !== undefined && row.revokedon !== null;
}

/** What may be shown of a token: everything but its hash (the token itself is never stored). */
export interface TokenSummary {
  readonly tokenId: string;
  readonly userId: string;
  readonly domainName: string | null;
  readonly description: string | null;
  readonly createdOn: string;
  readonly expiresOn: string;
  readonly revokedOn: string | null;
}

/** `YYYY-MM-DDTHH:mm:ssZ` from SQLite's text or PostgreSQL's timestamptz text (`YYYY-MM-DD HH:mm:ss+00`). */
function instant(stored: string): string {
  return `${new Date(stored).toISOString().slice(0, 19)}Z`;
}

/** Tokens, newest first: one user's, or everyone's when `userId` is absent. */
export async function listTokens(db: TypedExecutor, filter: { userId?: string } = {}): Promise<TokenSummary[]> {
  let query = db
    .selectFrom('ol_accesstoken')
    .leftJoin('systemuser', 'systemuser.systemuserid', 'ol_accesstoken.systemuserid')
    .select([
      'ol_accesstoken.tokenid',
      'ol_accesstoken.systemuserid',
      'systemuser.domainname',
      'ol_accesstoken.description',
      'ol_accesstoken.createdon',
      'ol_accesstoken.expireson',
      'ol_accesstoken.revokedon',
    ])
    .orderBy('ol_accesstoken.createdon', 'desc')
    .orderBy('ol_accesstoken.tokenid');
  if (filter.userId !== undefined) query = query.where('ol_accesstoken.systemuserid', '=', filter.userId);
  const rows = await query.execute();
  return rows.map((row) => ({
    tokenId: String(row.tokenid),
    userId: String(row.systemuserid),
    domainName: row.domainname === null || row.domainname === undefined ? null : String(row.domainname),
    description: row.description,
    createdOn: instant(String(row.createdon)),
    expiresOn: instant(String(row.expireson)),
    revokedOn: row.revokedon === null ? null : instant(String(row.revokedon)),
  }));
}

/** The owner of a token, by its id; undefined when there is no such token. */
export async function ownerOfToken(db: TypedExecutor, tokenId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('ol_accesstoken')
    .select('systemuserid')
    .where('tokenid', '=', tokenId)
    .executeTakeFirst();
  return row ? String(row.systemuserid) : undefined;
}

/** Revokes the token if it is not revoked yet; true when it was. */
export async function revokeTokenByHash(db: TypedExecutor, tokenHash: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('ol_accesstoken')
    .set({ revokedon: now })
    .where('tokenhash', '=', tokenHash)
    .where('revokedon', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Revokes the token with this id if it is not revoked yet; true when it was. */
export async function revokeTokenById(db: TypedExecutor, tokenId: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('ol_accesstoken')
    .set({ revokedon: now })
    .where('tokenid', '=', tokenId)
    .where('revokedon', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Revokes every token of a user still valid; how many were. */
export async function revokeTokensOfUser(db: TypedExecutor, userId: string, now: string): Promise<number> {
  const result = await db
    .updateTable('ol_accesstoken')
    .set({ revokedon: now })
    .where('systemuserid', '=', userId)
    .where('revokedon', 'is', null)
    .where('expireson', '>', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Revokes a user's tokens with one of these descriptions, except the one whose hash is `keepHash`: the
 * administrator tokens a new ORDERLINE_ADMIN_TOKEN replaces.
 */
export async function revokeTokensDescribed(
  db: TypedExecutor,
  userId: string,
  descriptions: readonly string[],
  keepHash: string,
  now: string,
): Promise<number> {
  const result = await db
    .updateTable('ol_accesstoken')
    .set({ revokedon: now })
    .where('systemuserid', '=', userId)
    .where('description', 'in', [...descriptions])
    .where('tokenhash', '<>', keepHash)
    .where('revokedon', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Moves every expiry later than `latest` back to it; how many tokens it shortened. */
export async function capTokenExpiries(db: TypedExecutor, latest: string): Promise<number> {
  const result = await db
    .updateTable('ol_accesstoken')
    .set({ expireson: latest })
    .where('expireson', '>', latest)
    .where('revokedon', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
