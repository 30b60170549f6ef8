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

/** Inserts the token unless one with the same hash exists (a restart re-registering ORDERLINE_ADMIN_TOKEN). */
export async function insertTokenOnce(db: TypedExecutor, token: StoredToken): Promise<void> {
  await db
    .insertInto('ol_accesstoken')
    .values({
      tokenid: token.tokenId,
      systemuserid: token.userId,
      tokenhash: token.tokenHash,
      description: token.description,
      createdon: token.createdOn,
      expireson: token.expiresOn,
      revokedon: null,
    })
    .onConflict((conflict) => conflict.column('tokenhash').doNothing())
    .execute();
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
