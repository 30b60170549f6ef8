/**
 * The SQL of passwords and browser sessions (src/security/passwords.ts and sessions.ts keep what they
 * are and when they are valid). Neither table is described by metadata, so no Web API read, filter,
 * expansion, FetchXML query, export or audit entry can reach a password hash.
 */
import type { TypedExecutor } from '../database/database.js';

export async function findPasswordHash(db: TypedExecutor, userId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('ol_userpassword')
    .select('passwordhash')
    .where('systemuserid', '=', userId)
    .executeTakeFirst();
  return row?.passwordhash;
}

export async function storePasswordHash(db: TypedExecutor, userId: string, hash: string, now: string): Promise<void> {
  await db
    .insertInto('ol_userpassword')
    .values({ systemuserid: userId, passwordhash: hash, changedon: now })
    .onConflict((conflict) => conflict.column('systemuserid').doUpdateSet({ passwordhash: hash, changedon: now }))
    .execute();
}

/** The user signing in by name, with whether they are disabled (a disabled user may not sign in). */
export async function userSigningIn(
  db: TypedExecutor,
  domainName: string,
): Promise<{ userId: string; isDisabled: boolean } | undefined> {
  const row = await db
    .selectFrom('systemuser')
    .select(['systemuserid', 'isdisabled'])
    .where('domainname', '=', domainName)
    .executeTakeFirst();
  if (!row) return undefined;
  const disabled = row.isdisabled as unknown;
  return { userId: String(row.systemuserid), isDisabled: disabled === true || disabled === 1n || disabled === 1 };
}

export interface StoredSession {
  readonly sessionId: string;
  readonly sessionHash: string;
  readonly userId: string;
  readonly createdOn: string;
  readonly expiresOn: string;
}

export async function insertSession(db: TypedExecutor, session: StoredSession): Promise<void> {
  await db
    .insertInto('ol_session')
    .values({
      sessionid: session.sessionId,
      sessionhash: session.sessionHash,
      systemuserid: session.userId,
      createdon: session.createdOn,
      lastseenon: session.createdOn,
      expireson: session.expiresOn,
      revokedon: null,
    })
    .execute();
}

export interface SessionValidity {
  readonly sessionId: string;
  readonly userId: string;
  readonly lastSeenOn: string;
  readonly expiresOn: string;
  readonly revokedOn: string | null;
}

export async function findSessionByHash(db: TypedExecutor, sessionHash: string): Promise<SessionValidity | undefined> {
  const row = await db
    .selectFrom('ol_session')
    .select(['sessionid', 'systemuserid', 'lastseenon', 'expireson', 'revokedon'])
    .where('sessionhash', '=', sessionHash)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    sessionId: String(row.sessionid),
    userId: String(row.systemuserid),
    lastSeenOn: String(row.lastseenon),
    expiresOn: String(row.expireson),
    revokedOn: row.revokedon === null ? null : String(row.revokedon),
  };
}

export async function touchSession(db: TypedExecutor, sessionId: string, now: string): Promise<void> {
  await db.updateTable('ol_session').set({ lastseenon: now }).where('sessionid', '=', sessionId).execute();
}

export async function revokeSessionByHash(db: TypedExecutor, sessionHash: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('ol_session')
    .set({ revokedon: now })
    .where('sessionhash', '=', sessionHash)
    .where('revokedon', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Ends every session of a user (a password changed); how many were open. */
export async function revokeSessionsOfUser(db: TypedExecutor, userId: string, now: string): Promise<number> {
  const result = await db
    .updateTable('ol_session')
    .set({ revokedon: now })
    .where('systemuserid', '=', userId)
    .where('revokedon', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The users whose primary e-mail is this one, compared without case (OpenID Connect sign-in). */
export async function usersWithEmail(db: TypedExecutor, email: string): Promise<string[]> {
  const rows = await db
    .selectFrom('systemuser')
    .select('systemuserid')
    .where((eb) => eb(eb.fn('lower', ['internalemailaddress']), '=', email.toLowerCase()))
    .limit(2)
    .execute();
  return rows.map((row) => String(row.systemuserid));
}
