/**
 * A user's personal access tokens (the signed-in user's own, or another's from the Users page), through
 * the server's own operations: ol_ListAccessTokens, ol_CreateAccessToken and ol_RevokeAccessToken. The
 * server decides lifetimes and who may do what; the UI only shows its answers.
 */
import type { Client } from '../api/client';

export interface AccessTokenSummary {
  readonly id: string;
  readonly description: string;
  readonly createdOn: string;
  readonly expiresOn: string;
  readonly revokedOn: string | null;
  readonly isValid: boolean;
}

/** How a token's state reads in a table: revoked (when), valid or expired, as the server reports it. */
export function tokenState(token: AccessTokenSummary): string {
  if (token.revokedOn) return `Revoked ${token.revokedOn.slice(0, 10)}`;
  return token.isValid ? 'Valid' : 'Expired';
}

/** dynamics-web-api turns ISO dates in answers into Date objects; both read back as ISO text. */
type Instant = string | Date;

function isoText(value: Instant): string {
  return value instanceof Date ? value.toISOString() : String(value);
}

interface ListedToken {
  readonly AccessTokenId: string;
  readonly Description: string | null;
  readonly CreatedOn: Instant;
  readonly ExpiresOn: Instant;
  readonly RevokedOn: Instant | null;
  readonly IsValid: boolean;
}

export async function listOwnTokens(client: Client, userId: string): Promise<AccessTokenSummary[]> {
  const listed = await client.callFunction<{ value: ListedToken[] }>({
    name: 'ol_ListAccessTokens',
    parameters: { SystemUserId: userId },
  });
  return listed.value.map((token) => ({
    id: token.AccessTokenId,
    description: token.Description ?? '',
    createdOn: isoText(token.CreatedOn),
    expiresOn: isoText(token.ExpiresOn),
    revokedOn: token.RevokedOn === null ? null : isoText(token.RevokedOn),
    isValid: token.IsValid,
  }));
}

export async function createOwnToken(
  client: Client,
  userId: string,
  description: string,
  expiresInDays: number | undefined,
): Promise<{ token: string; expiresOn: string }> {
  const created = await client.callAction<{ AccessToken: string; ExpiresOn: Instant }>({
    actionName: 'ol_CreateAccessToken',
    action: {
      SystemUserId: userId,
      ...(description ? { Description: description } : {}),
      ...(expiresInDays === undefined ? {} : { ExpiresInDays: expiresInDays }),
    },
  });
  return { token: created.AccessToken, expiresOn: isoText(created.ExpiresOn) };
}

export async function revokeToken(client: Client, tokenId: string): Promise<void> {
  await client.callAction({ actionName: 'ol_RevokeAccessToken', action: { AccessTokenId: tokenId } });
}
