/**
 * Signing in with an OpenID Connect provider (issue #14): the authorization code flow with PKCE (S256),
 * state and nonce, through openid-client. The provider is discovered once, on first use, from
 * `ORDERLINE_OIDC_ISSUER`, so a provider down at start does not stop the server.
 *
 * Who signed in is matched to an existing user, never created (no auto-provisioning: an administrator
 * creates people and their roles first):
 * 1. the provider's object id (`oid`, Microsoft Entra's) or its `sub`, when a GUID, against
 *    `systemuser.azureactivedirectoryobjectid`, the column Dataverse keeps Entra's object id in;
 * 2. otherwise its `email`, only when the provider says it is verified, against
 *    `systemuser.internalemailaddress`, when exactly one user has it.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import * as client from 'openid-client';
import { GUID_PATTERN as GUID } from '../domain/guid.js';
import type { TypedExecutor } from '../storage/database/database.js';
import { usersWithEmail } from '../storage/repositories/credential-store.js';
import { userIdOfObjectId } from '../storage/repositories/user-store.js';

export interface OpenIdConnectSettings {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The button's name on the sign-in page. */
  readonly name: string;
}

/** What the browser keeps between leaving for the provider and coming back, signed by the server. */
export interface PendingSignIn {
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
  /** Unix milliseconds after which the callback is refused. */
  readonly expiresAt: number;
}

export interface SignedInIdentity {
  readonly subject: string;
  readonly objectId?: string;
  readonly email?: string;
}

/** Long enough to type a password and a second factor at the provider; short enough to be useless later. */
const PENDING_MILLISECONDS = 10 * 60_000;

export interface OpenIdConnect {
  readonly name: string;
  /** Where to send the browser, and what it must bring back. */
  start(redirectUri: string): Promise<{ url: string; pending: PendingSignIn }>;
  /** Checks the provider's answer (state, nonce, PKCE, the ID token) and says who signed in. */
  finish(callbackUrl: URL, pending: PendingSignIn): Promise<SignedInIdentity>;
  /** Signs and checks the pending sign-in as a cookie value, so no process needs to remember it. */
  seal(pending: PendingSignIn): string;
  unseal(sealed: string | undefined, now: number): PendingSignIn | undefined;
}

export function createOpenIdConnect(settings: OpenIdConnectSettings): OpenIdConnect {
  let discovered: Promise<client.Configuration> | undefined;
  const issuerUrl = new URL(settings.issuer);
  const configuration = (): Promise<client.Configuration> => {
    discovered ??= client
      .discovery(
        issuerUrl,
        settings.clientId,
        undefined,
        client.ClientSecretBasic(settings.clientSecret),
        // A provider on plain http is only accepted on loopback (a test, a local provider).
        isLoopback(issuerUrl) && issuerUrl.protocol === 'http:' ? { execute: [client.allowInsecureRequests] } : {},
      )
      .catch((error: unknown) => {
        discovered = undefined;
        throw error;
      });
    return discovered;
  };
  // The key signing pending sign-ins: derived from the client secret, which every process shares.
  const key = createHmac('sha256', settings.clientSecret).update('orderline oidc pending sign-in').digest();
  const mac = (payload: string) => createHmac('sha256', key).update(payload).digest('base64url');

  return {
    name: settings.name,
    async start(redirectUri) {
      const config = await configuration();
      const codeVerifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const nonce = client.randomNonce();
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: 'openid email profile',
        response_type: 'code',
        code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      });
      return { url: url.href, pending: { state, nonce, codeVerifier, expiresAt: Date.now() + PENDING_MILLISECONDS } };
    },
    async finish(callbackUrl, pending) {
      const config = await configuration();
      const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims()!;
      const objectId = typeof claims.oid === 'string' ? claims.oid : undefined;
      // Providers may keep the e-mail out of the ID token and give it from UserInfo only (OIDC Core 5.4).
      const profile =
        typeof claims.email === 'string'
          ? claims
          : await client.fetchUserInfo(config, tokens.access_token, claims.sub).catch(() => claims);
      const email = profile.email_verified === true && typeof profile.email === 'string' ? profile.email : undefined;
      return {
        subject: claims.sub,
        ...(objectId === undefined ? {} : { objectId }),
        ...(email === undefined ? {} : { email }),
      };
    },
    seal(pending) {
      const payload = Buffer.from(JSON.stringify(pending)).toString('base64url');
      return `${payload}.${mac(payload)}`;
    },
    unseal(sealed, now) {
      const [payload, signature] = (sealed ?? '').split('.');
      if (!payload || !signature) return undefined;
      const expected = Buffer.from(mac(payload));
      const given = Buffer.from(signature);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
      const pending = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as PendingSignIn;
      return pending.expiresAt > now ? pending : undefined;
    },
  };
}

function isLoopback(url: URL): boolean {
  return ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

/** The user the identity is, by object id, then by verified e-mail; undefined when none (or several). */
export async function userOfIdentity(db: TypedExecutor, identity: SignedInIdentity): Promise<string | undefined> {
  const objectId = GUID.exec(identity.objectId ?? identity.subject);
  if (objectId) {
    const userId = await userIdOfObjectId(db, objectId[1]!.toLowerCase());
    if (userId) return userId;
  }
  if (!identity.email) return undefined;
  const users = await usersWithEmail(db, identity.email);
  return users.length === 1 ? users[0] : undefined;
}
