/**
 * Signing in with OpenID Connect (issue #14) against a real provider (oidc-provider) on loopback: the
 * authorization code flow with PKCE, state and nonce; the person is matched to an existing user by
 * object id (a GUID `sub`, kept in azureactivedirectoryobjectid) or by a verified e-mail, never created;
 * the result is the same session cookie as a password sign-in.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  freePort,
  signInThroughProvider,
  startOpenIdProvider,
  type TestOpenIdProvider,
} from '../support/openid-provider.js';
import { startTestServer, type TestServer } from '../support/test-app.js';
import { TEST_STORES } from '../support/test-stores.js';
import { idOf } from './matrix-fixtures.js';

for (const kind of TEST_STORES) {
  describe(`signing in with OpenID Connect on ${kind}`, () => {
    let server: TestServer;
    let provider: TestOpenIdProvider;
    const objectId = randomUUID();
    let byObjectId: string;
    let byEmail: string;
    let disabled: string;
    const disabledId = randomUUID();

    const createUser = async (fields: Record<string, unknown>) => {
      const businessUnit = (await server.api('WhoAmI')).json.BusinessUnitId as string;
      const created = await server.api('systemusers', {
        method: 'POST',
        body: { ...fields, 'businessunitid@odata.bind': `/businessunits(${businessUnit})` },
      });
      expect(created.status, created.text).toBe(204);
      return idOf(created);
    };
    const start = () => new URL('/auth/oidc/start', server.baseUrl);
    const whoAmI = async (session: string | undefined) =>
      fetch(`${server.serviceRoot}WhoAmI`, { headers: { cookie: `orderline_session=${session}` } });

    beforeAll(async () => {
      const port = await freePort();
      server = await startTestServer(kind, {
        config: {
          oidcIssuer: `http://127.0.0.1:${port}`,
          oidcClientId: 'orderline-test',
          oidcClientSecret: 'orderline-test-client-secret-0123456789',
          oidcName: 'Test Identity',
        },
      });
      provider = await startOpenIdProvider(port, new URL('/auth/oidc/callback', server.baseUrl).href, [
        { sub: objectId },
        { sub: 'pat-at-provider', email: 'Pat.Email@Example.com' },
        { sub: 'unverified', email: 'pat.email@example.com', emailVerified: false },
        { sub: 'stranger', email: 'stranger@example.com' },
        { sub: disabledId },
      ]);
      byObjectId = await createUser({
        domainname: 'oidc-object',
        lastname: 'By Object Id',
        azureactivedirectoryobjectid: objectId,
      });
      byEmail = await createUser({
        domainname: 'oidc-email',
        lastname: 'By Email',
        internalemailaddress: 'pat.email@example.com',
      });
      disabled = await createUser({
        domainname: 'oidc-disabled',
        lastname: 'Disabled',
        azureactivedirectoryobjectid: disabledId,
      });
      await server.api(`systemusers(${disabled})`, { method: 'PATCH', body: { isdisabled: true } });
    });
    afterAll(async () => {
      await server?.close();
      await provider?.close();
    });

    it('GET /auth/options offers the provider by name', async () => {
      const options = (await (await fetch(new URL('/auth/options', server.baseUrl))).json()) as Record<string, unknown>;
      expect(options.openIdConnect).toEqual({ name: 'Test Identity', start: '/auth/oidc/start' });
    });

    it('sends the browser to the provider with PKCE (S256), state and nonce', async () => {
      const started = await fetch(start(), { redirect: 'manual' });
      expect(started.status).toBe(303);
      const location = new URL(started.headers.get('location')!);
      expect(location.origin).toBe(provider.issuer);
      expect(location.searchParams.get('code_challenge_method')).toBe('S256');
      expect(location.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
      expect(location.searchParams.get('state')).toBeTruthy();
      expect(location.searchParams.get('nonce')).toBeTruthy();
      expect(location.searchParams.get('redirect_uri')).toBe(new URL('/auth/oidc/callback', server.baseUrl).href);
      expect(started.headers.get('set-cookie')).toMatch(/orderline_oidc=.*HttpOnly/i);
    });

    it('a person whose sub is a user’s object id signs in, with the same session cookie as a password', async () => {
      const dance = await signInThroughProvider(start(), objectId);
      const session = dance.jar.get(new URL(server.baseUrl).origin, 'orderline_session');
      expect(session).toBeTruthy();
      expect(dance.finalUrl.pathname).toBe('/');
      const me = await whoAmI(session);
      expect(me.status).toBe(200);
      expect(((await me.json()) as { UserId: string }).UserId).toBe(byObjectId);
    });

    it('a person is matched by a verified e-mail, without regard to case', async () => {
      const dance = await signInThroughProvider(start(), 'pat-at-provider');
      const me = await whoAmI(dance.jar.get(new URL(server.baseUrl).origin, 'orderline_session'));
      expect(((await me.json()) as { UserId: string }).UserId).toBe(byEmail);
    });

    it('an unverified e-mail, an unknown person and a disabled user get no session, and return with a message', async () => {
      for (const login of ['unverified', 'stranger', disabledId]) {
        const dance = await signInThroughProvider(start(), login);
        expect(dance.jar.get(new URL(server.baseUrl).origin, 'orderline_session'), login).toBeUndefined();
        expect(dance.finalUrl.searchParams.get('signInError'), login).toMatch(/did not sign you in/);
      }
      // Nobody was created for the stranger: no auto-provisioning.
      const strangers = await server.api("systemusers?$filter=internalemailaddress eq 'stranger@example.com'");
      expect(strangers.json.value).toEqual([]);
    });

    it('a callback with a forged state, or without the pending cookie, opens no session', async () => {
      const forged = await fetch(new URL('/auth/oidc/callback?code=x&state=forged', server.baseUrl), {
        redirect: 'manual',
      });
      expect(forged.status).toBe(303);
      expect(forged.headers.get('location')).toMatch(/signInError=/);
      expect(forged.headers.getSetCookie().some((line) => line.startsWith('orderline_session='))).toBe(false);
    });
  });
}
