/**
 * People signing in (issue #14), against a real server on loopback: a password opens a session whose
 * id lives only in an HttpOnly cookie; the Web API takes the cookie instead of a bearer token; writes by
 * cookie must come from the server's own origin; wrong passwords are throttled and audited; a disabled
 * user's sessions and tokens stop at once; sign-out ends the session for every tab; ol_SetPassword sets
 * passwords only for the user themself (with their current one) or an administrator; and neither a
 * password nor its hash is ever read back or logged.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/observability/logger.js';
import { startTestServer, type TestServer } from '../support/test-app.js';
import { TEST_STORES } from '../support/test-stores.js';
import { createPrincipal, tokenFor } from './matrix-fixtures.js';

const ADMIN_PASSWORD = 'correct horse battery staple';

interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

async function answer(response: Response): Promise<Answer> {
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** The session cookie a sign-in answer set, as a `Cookie` header value. */
function sessionCookie(signedIn: Answer): string {
  const setCookie = signedIn.headers.get('set-cookie') ?? '';
  const match = /orderline_session=([^;]+)/.exec(setCookie);
  if (!match) throw new Error(`no session cookie in ${setCookie}`);
  return `orderline_session=${match[1]}`;
}

for (const kind of TEST_STORES) {
  describe(`signing in with a password on ${kind}`, () => {
    let server: TestServer;
    const logLines: string[] = [];
    let origin: string;

    const signIn = async (username: string, password: string, headers: Record<string, string> = {}) =>
      answer(
        await fetch(`${server.baseUrl}auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin, ...headers },
          body: JSON.stringify({ username, password }),
        }),
      );
    const withCookie = async (cookie: string, path: string, init: RequestInit = {}) =>
      answer(
        await fetch(`${server.serviceRoot}${path}`, {
          ...init,
          headers: { accept: 'application/json', cookie, ...(init.headers as Record<string, string>) },
        }),
      );
    const rootBusinessUnit = async () => (await server.api('WhoAmI')).json.BusinessUnitId as string;
    const roleIds = async () => {
      const roles = await server.api('roles?$select=name');
      return new Map<string, string>(
        (roles.json.value as { roleid: string; name: string }[]).map((role) => [role.name, role.roleid]),
      );
    };

    beforeAll(async () => {
      const logs = new Writable({
        write(chunk, _encoding, done) {
          logLines.push(String(chunk));
          done();
        },
      });
      server = await startTestServer(kind, {
        config: { adminPassword: ADMIN_PASSWORD, authFailureLimit: 10, authFailureWindowSeconds: 60 },
        app: { logger: createLogger('trace', logs) },
      });
      origin = new URL(server.baseUrl).origin;
    });
    afterAll(async () => {
      await server?.close();
    });

    it('the administrator signs in with ORDERLINE_ADMIN_PASSWORD and the HttpOnly, SameSite=Lax cookie reads the Web API', async () => {
      const signedIn = await signIn('admin', ADMIN_PASSWORD);
      expect(signedIn.status, signedIn.text).toBe(200);
      const setCookie = signedIn.headers.get('set-cookie') ?? '';
      expect(setCookie).toMatch(/HttpOnly/i);
      expect(setCookie).toMatch(/SameSite=Lax/i);
      expect(setCookie).toMatch(/Path=\//i);
      // The server is served over http here: a Secure cookie would never be sent back.
      expect(setCookie).not.toMatch(/Secure/i);
      const whoAmI = await withCookie(sessionCookie(signedIn), 'WhoAmI');
      expect(whoAmI.status, whoAmI.text).toBe(200);
      expect(JSON.parse(whoAmI.text).UserId).toBe(server.app.provisioning.adminUserId);
    });

    it('a wrong password and an unknown name get the same 401, and neither opens a session', async () => {
      const wrong = await signIn('admin', 'not the password');
      const unknown = await signIn('nobody', 'not the password');
      for (const refused of [wrong, unknown]) {
        expect(refused.status).toBe(401);
        expect(JSON.parse(refused.text).error.message).toBe('The user name or password is incorrect.');
        expect(refused.headers.get('set-cookie')).toBeNull();
      }
    });

    it('a form posted from another site with the session cookie is refused, and changes nothing', async () => {
      const cookie = sessionCookie(await signIn('admin', ADMIN_PASSWORD));
      const attempts: Record<string, string>[] = [
        { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
        { 'sec-fetch-site': 'cross-site', 'content-type': 'application/x-www-form-urlencoded' },
        // A cookie-carrying request that says nothing of where it comes from.
        { 'content-type': 'application/json' },
      ];
      for (const headers of attempts) {
        const posted = await withCookie(cookie, 'accounts', {
          method: 'POST',
          headers,
          body: JSON.stringify({ name: 'Forged' }),
        });
        expect(posted.status, posted.text).toBe(403);
        expect(JSON.parse(posted.text).error.message).toMatch(/Cross-site request refused/);
      }
      const forged = await server.api("accounts?$filter=name eq 'Forged'");
      expect(forged.json.value).toEqual([]);
      const sameSite = await withCookie(cookie, 'accounts', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
        body: JSON.stringify({ name: 'From the Sales Hub' }),
      });
      expect(sameSite.status, sameSite.text).toBe(204);
      const sameOrigin = await withCookie(cookie, 'accounts', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin },
        body: JSON.stringify({ name: 'From the Sales Hub too' }),
      });
      expect(sameOrigin.status, sameOrigin.text).toBe(204);
    });

    it('a sign-in form posted from another site is refused (login CSRF)', async () => {
      const forged = await answer(
        await fetch(`${server.baseUrl}auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
          body: new URLSearchParams({ username: 'admin', password: ADMIN_PASSWORD }).toString(),
        }),
      );
      expect(forged.status).toBe(403);
      expect(forged.headers.get('set-cookie')).toBeNull();
    });

    it('signing out ends the session for every tab that shares the cookie', async () => {
      const cookie = sessionCookie(await signIn('admin', ADMIN_PASSWORD));
      expect((await withCookie(cookie, 'WhoAmI')).status).toBe(200);
      const signedOut = await answer(
        await fetch(`${server.baseUrl}auth/logout`, { method: 'POST', headers: { cookie, origin } }),
      );
      expect(signedOut.status).toBe(204);
      expect(signedOut.headers.get('set-cookie')).toMatch(/orderline_session=;/);
      const afterwards = await withCookie(cookie, 'WhoAmI');
      expect(afterwards.status).toBe(401);
      expect(JSON.parse(afterwards.text).error.message).toBe('The session has ended: sign in again.');
    });

    it('GET /auth/options says which ways in the server offers', async () => {
      const options = await answer(await fetch(`${server.baseUrl}auth/options`));
      expect(options.status).toBe(200);
      expect(JSON.parse(options.text)).toEqual({ password: true, accessToken: true, openIdConnect: null });
    });

    it('ol_SetPassword: users set their own with their current password, an administrator anyone’s, nobody else', async () => {
      const roles = await roleIds();
      const seller = await createPrincipal(server, await rootBusinessUnit(), roles, 'Password Seller', ['Salesperson']);
      const other = await createPrincipal(server, await rootBusinessUnit(), roles, 'Password Other', ['Salesperson']);
      const byAdmin = await server.api('ol_SetPassword', {
        method: 'POST',
        body: { SystemUserId: seller.id, NewPassword: 'first password 1' },
      });
      expect(byAdmin.status, byAdmin.text).toBe(204);
      const sellerName = 'password-seller@orderline.test';
      const cookie = sessionCookie(await signIn(sellerName, 'first password 1'));

      const byOther = await server.api('ol_SetPassword', {
        method: 'POST',
        token: other.token,
        body: { SystemUserId: seller.id, NewPassword: 'taken over 123' },
      });
      expect(byOther.status).toBe(403);
      const withoutCurrent = await server.api('ol_SetPassword', {
        method: 'POST',
        token: seller.token,
        body: { SystemUserId: seller.id, NewPassword: 'second password 2' },
      });
      expect(withoutCurrent.status).toBe(403);
      const tooShort = await server.api('ol_SetPassword', {
        method: 'POST',
        token: seller.token,
        body: { SystemUserId: seller.id, NewPassword: 'short', CurrentPassword: 'first password 1' },
      });
      expect(tooShort.status).toBe(400);
      const own = await server.api('ol_SetPassword', {
        method: 'POST',
        token: seller.token,
        body: { SystemUserId: seller.id, NewPassword: 'second password 2', CurrentPassword: 'first password 1' },
      });
      expect(own.status, own.text).toBe(204);
      // A new password ends the sessions opened with the old one.
      expect((await withCookie(cookie, 'WhoAmI')).status).toBe(401);
      expect((await signIn(sellerName, 'first password 1')).status).toBe(401);
      expect((await signIn(sellerName, 'second password 2')).status).toBe(200);
    });

    it("a disabled user's sessions and tokens stop working at once, and they cannot sign in", async () => {
      const roles = await roleIds();
      const user = await createPrincipal(server, await rootBusinessUnit(), roles, 'Soon Disabled', ['Salesperson']);
      await server.api('ol_SetPassword', {
        method: 'POST',
        body: { SystemUserId: user.id, NewPassword: 'disabled soon 1' },
      });
      const cookie = sessionCookie(await signIn('soon-disabled@orderline.test', 'disabled soon 1'));
      const token = await tokenFor(server, user.id);
      expect((await withCookie(cookie, 'WhoAmI')).status).toBe(200);
      expect((await server.api('WhoAmI', { token })).status).toBe(200);

      const disabled = await server.api(`systemusers(${user.id})`, { method: 'PATCH', body: { isdisabled: true } });
      expect(disabled.status, disabled.text).toBe(204);
      expect((await withCookie(cookie, 'WhoAmI')).status).toBe(401);
      expect((await server.api('WhoAmI', { token })).status).toBe(401);
      expect((await server.api('WhoAmI', { token: user.token })).status).toBe(401);
      expect((await signIn('soon-disabled@orderline.test', 'disabled soon 1')).status).toBe(401);
    });

    it('every sign-in attempt leaves an audit row, success or failure, without the password', async () => {
      const audits = await server.api(
        'audits?$select=action,operation,changedata,_objectid_value&$filter=operation eq 4&$orderby=createdon desc',
      );
      expect(audits.status, audits.text).toBe(200);
      const rows = audits.json.value as { action: number; changedata: string; _objectid_value: string | null }[];
      const admin = server.app.provisioning.adminUserId;
      expect(rows.some((row) => row.action === 64 && row._objectid_value === admin)).toBe(true);
      expect(rows.some((row) => row.action === 100000000 && row._objectid_value === admin)).toBe(true);
      const unknown = rows.find((row) => row.action === 100000000 && row._objectid_value === null);
      expect(JSON.parse(unknown!.changedata)).toMatchObject({ userName: 'nobody', reason: 'unknown user name' });
      expect(audits.text).not.toContain(ADMIN_PASSWORD);
      expect(audits.text).not.toContain('not the password');
    });

    it('no read, filter or expansion reaches a password hash, and the logs hold no password', async () => {
      const users = await server.api('systemusers?$expand=systemuserroles_association($select=name)');
      expect(users.status).toBe(200);
      expect(users.text).not.toMatch(/argon2|passwordhash/i);
      for (const query of [
        'systemusers?$select=passwordhash',
        'systemusers?$filter=passwordhash ne null',
        'systemusers?$orderby=passwordhash',
      ]) {
        expect((await server.api(query)).status, query).toBe(400);
      }
      const logs = logLines.join('');
      expect(logs).not.toContain(ADMIN_PASSWORD);
      expect(logs).not.toContain('first password 1');
      expect(logs).not.toMatch(/\$argon2id\$/);
    });

    it('ten wrong passwords from one address are throttled (429, Retry-After), even before the right one', async () => {
      // The suites above failed a few times from this address already: the limit counts them too.
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 10; attempt += 1)
        statuses.push((await signIn('admin', `wrong ${attempt}`)).status);
      expect(statuses[0]).toBe(401);
      expect(statuses.at(-1)).toBe(429);
      const throttled = await signIn('admin', ADMIN_PASSWORD);
      expect(throttled.status).toBe(429);
      expect(throttled.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(throttled.headers.get('set-cookie')).toBeNull();
      // The address is throttled now, even for the administrator's token: read the audit from the store.
      const failures = await server.app.store.db
        .selectFrom('audit')
        .select('changedata')
        .where('action', '=', 100000000)
        .execute();
      const wrongOnes = failures.filter((row) => String(row.changedata).includes('wrong password'));
      expect(wrongOnes.length).toBeGreaterThanOrEqual(statuses.filter((status) => status === 401).length);
    });
  });
}

describe('the session cookie over https', () => {
  it('is Secure when the public URL is https', async () => {
    const server = await startTestServer('sqlite', {
      config: { adminPassword: ADMIN_PASSWORD, publicUrl: 'https://orders.example.com' },
    });
    try {
      const signedIn = await fetch(`${server.baseUrl}auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'https://orders.example.com' },
        body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
      });
      expect(signedIn.status).toBe(200);
      expect(signedIn.headers.get('set-cookie')).toMatch(/;\s*Secure/i);
    } finally {
      await server.close();
    }
  });
});
