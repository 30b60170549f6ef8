/**
 * The holes a hostile review of the running server found (issue #19), one regression test each, named
 * after the hole; each failed before its fix. This file: tokens without a lifecycle (hole 7) — none
 * could be revoked, a new ORDERLINE_ADMIN_TOKEN left the old one valid for ten years, any user could
 * mint ten-year tokens, and nothing slowed a client guessing tokens.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../../src/app.js';
import { type AppConfig, configWith } from '../../../src/config/app-config.js';
import { hashSecret } from '../../../src/security/secret-digest.js';
import { as, createUser, expectOk, expectRefused } from '../../lifecycle/support.js';
import { startTestServer, type TestServer } from '../../support/test-app.js';
import { createTestDatabase, TEST_STORES, type TestDatabase } from '../../support/test-stores.js';

const DAY_MS = 86_400_000;

/** One entry of ol_ListAccessTokens. */
interface ListedToken {
  readonly AccessTokenId: string;
  readonly Description: string | null;
  readonly IsValid: boolean;
}

/** `WhoAmI` with a token, straight into an app that need not listen: the status it answers. */
async function whoAmIStatus(app: App, token: string): Promise<number> {
  const response = await app.server.inject({
    method: 'GET',
    url: '/api/data/v9.2/WhoAmI',
    headers: { authorization: `Bearer ${token}` },
  });
  return response.statusCode;
}

async function appOn(database: TestDatabase, config: Partial<AppConfig>): Promise<App> {
  return createApp(configWith({ database: database.location, logLevel: 'silent', dispatcher: 'off', ...config }));
}

describe.each(TEST_STORES)('hostile review: tokens with a lifecycle (%s)', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('hole 7: a token its owner revokes answers 401 at once; others may not revoke it, an administrator may', async () => {
    const owner = await createUser(server, { roles: ['Salesperson'] });
    const other = await createUser(server, { roles: ['Salesperson'] });
    const asOwner = as(server, owner);
    const second = await asOwner('ol_CreateAccessToken', {
      method: 'POST',
      body: { SystemUserId: owner.id, Description: 'second laptop' },
    });
    expectOk(second, 200);

    const listed = await asOwner('ol_ListAccessTokens()');
    expect(listed.status, listed.text).toBe(200);
    expect(listed.json.value).toHaveLength(2);
    for (const token of listed.json.value) expect(token.SystemUserId).toBe(owner.id);
    // The list never carries a token nor its hash.
    for (const secret of [owner.token, second.json.AccessToken]) {
      expect(listed.text).not.toContain(secret);
      expect(listed.text).not.toContain(hashSecret(secret));
    }
    const laptop = listed.json.value.find((token: ListedToken) => token.Description === 'second laptop');
    expect(laptop).toMatchObject({ IsValid: true, RevokedOn: null });

    // Another salesperson neither sees nor revokes it.
    const theirs = await as(server, other)('ol_ListAccessTokens()');
    expect(theirs.json.value.map((token: ListedToken) => token.AccessTokenId)).not.toContain(laptop.AccessTokenId);
    expectRefused(
      await as(server, other)('ol_RevokeAccessToken', {
        method: 'POST',
        body: { AccessTokenId: laptop.AccessTokenId },
      }),
      403,
    );
    expect((await server.api('WhoAmI', { token: second.json.AccessToken })).status).toBe(200);

    // The owner revokes it: 401 from then on, the other token still works, and a repeat changes nothing.
    expectOk(await asOwner('ol_RevokeAccessToken', { method: 'POST', body: { AccessTokenId: laptop.AccessTokenId } }));
    expectRefused(await server.api('WhoAmI', { token: second.json.AccessToken }), 401);
    expect((await asOwner('WhoAmI')).status).toBe(200);
    expectOk(await asOwner('ol_RevokeAccessToken', { method: 'POST', body: { AccessTokenId: laptop.AccessTokenId } }));

    // The administrator sees everyone's tokens and revokes the owner's last one.
    const all = await server.api(`ol_ListAccessTokens(SystemUserId=${owner.id})`);
    const remaining = all.json.value.find((token: ListedToken) => token.IsValid);
    expectOk(
      await server.api('ol_RevokeAccessToken', { method: 'POST', body: { AccessTokenId: remaining.AccessTokenId } }),
    );
    expectRefused(await asOwner('WhoAmI'), 401);
  });

  it('hole 7: no user mints a token that outlives the maximum lifetime (90 days by default)', async () => {
    const salesperson = await createUser(server, { roles: ['Salesperson'] });
    const asSalesperson = as(server, salesperson);
    const before = (await asSalesperson('ol_ListAccessTokens()')).json.value.length;
    for (const days of [3650, 91]) {
      expectRefused(
        await asSalesperson('ol_CreateAccessToken', {
          method: 'POST',
          body: { SystemUserId: salesperson.id, ExpiresInDays: days },
        }),
        400,
        /from 1 to 90/,
      );
    }
    expect((await asSalesperson('ol_ListAccessTokens()')).json.value).toHaveLength(before);
    const longest = await asSalesperson('ol_CreateAccessToken', {
      method: 'POST',
      body: { SystemUserId: salesperson.id, ExpiresInDays: 90 },
    });
    expectOk(longest, 200);
    expect(Date.parse(longest.json.ExpiresOn)).toBeLessThanOrEqual(Date.now() + 90 * DAY_MS);
    // The administrator's own token is bound by the same maximum.
    const admin = (await server.api('WhoAmI')).json.UserId;
    expectRefused(
      await server.api('ol_CreateAccessToken', { method: 'POST', body: { SystemUserId: admin, ExpiresInDays: 3650 } }),
      400,
    );
  });

  it('hole 7: a new ORDERLINE_ADMIN_TOKEN revokes the one it replaces; tokens issued under a longer maximum are cut back', async () => {
    const database = await createTestDatabase(kind, { schema: 'migrated' });
    try {
      const oldToken = 'old-admin-token-0123456789abcdef';
      const newToken = 'new-admin-token-0123456789abcdef';
      const first = await appOn(database, { adminToken: oldToken, tokenMaxLifetimeDays: 3650 });
      let tenYears: string;
      try {
        expect(await whoAmIStatus(first, oldToken)).toBe(200);
        const issued = await first.server.inject({
          method: 'POST',
          url: '/api/data/v9.2/ol_CreateAccessToken',
          headers: { authorization: `Bearer ${oldToken}`, 'content-type': 'application/json' },
          payload: JSON.stringify({ SystemUserId: first.provisioning.adminUserId, ExpiresInDays: 3650 }),
        });
        expect(issued.statusCode, issued.body).toBe(200);
        tenYears = issued.json().AccessToken;
      } finally {
        await first.close();
      }

      const second = await appOn(database, { adminToken: newToken });
      try {
        expect(await whoAmIStatus(second, oldToken)).toBe(401);
        expect(await whoAmIStatus(second, newToken)).toBe(200);
        const listed = await second.server.inject({
          method: 'GET',
          url: '/api/data/v9.2/ol_ListAccessTokens()',
          headers: { authorization: `Bearer ${newToken}` },
        });
        const tokens = listed.json().value as { ExpiresOn: string; RevokedOn: string | null }[];
        // Every token still valid, the ten-year one included, now expires within 90 days.
        for (const token of tokens.filter((candidate) => candidate.RevokedOn === null)) {
          expect(Date.parse(token.ExpiresOn)).toBeLessThanOrEqual(Date.now() + 90 * DAY_MS);
        }
        expect(await whoAmIStatus(second, tenYears)).toBe(200);
      } finally {
        await second.close();
      }
      // The old value, configured again, stays revoked: the server refuses to start on it.
      await expect(appOn(database, { adminToken: oldToken })).rejects.toThrow(/ORDERLINE_ADMIN_TOKEN has been revoked/);
    } finally {
      await database.drop();
    }
  });

  it('hole 7: a delegate impersonating a user neither mints, lists nor revokes that user’s tokens', async () => {
    const delegate = await createUser(server, { roles: ['Delegate', 'Salesperson'] });
    const victim = await createUser(server, { roles: ['Salesperson'] });
    const admin = (await server.api('WhoAmI')).json.UserId;
    const actingAs = (userId: string) => ({ token: delegate.token, headers: { MSCRMCallerID: userId } });
    for (const target of [victim.id, admin]) {
      expectRefused(
        await server.api('ol_CreateAccessToken', {
          method: 'POST',
          body: { SystemUserId: target },
          ...actingAs(target),
        }),
        403,
      );
      expectRefused(await server.api('ol_ListAccessTokens()', actingAs(target)), 403);
    }
    const victimTokens = (await server.api(`ol_ListAccessTokens(SystemUserId=${victim.id})`)).json.value;
    expectRefused(
      await server.api('ol_RevokeAccessToken', {
        method: 'POST',
        body: { AccessTokenId: victimTokens[0].AccessTokenId },
        ...actingAs(victim.id),
      }),
      403,
    );
    expect((await as(server, victim)('WhoAmI')).status).toBe(200);
  });

  it('hole 7: the token operations answer bad input with a 4xx in the Dataverse shape, and change nothing', async () => {
    const salesperson = await createUser(server, { roles: ['Salesperson'] });
    const asSalesperson = as(server, salesperson);
    const count = async () => (await asSalesperson('ol_ListAccessTokens()')).json.value.length;
    const before = await count();
    const create = (body: Record<string, unknown>) =>
      asSalesperson('ol_CreateAccessToken', { method: 'POST', body: { SystemUserId: salesperson.id, ...body } });
    for (const ExpiresInDays of [0, -1, 1.5, '30', 1e12, true]) expectRefused(await create({ ExpiresInDays }), 400);
    for (const Description of ['x'.repeat(201), 'line\nbreak', 42]) expectRefused(await create({ Description }), 400);
    expectRefused(await create({ SystemUserId: 'not-a-guid' }), 400);
    expect(await count()).toBe(before);

    const revoke = (body: unknown) => asSalesperson('ol_RevokeAccessToken', { method: 'POST', body });
    expectRefused(await revoke({}), 400);
    expectRefused(await revoke({ AccessTokenId: 'not-a-guid' }), 400);
    expectRefused(await revoke({ AccessTokenId: '00000000-0000-4000-8000-000000000000' }), 404);
    expectRefused(await asSalesperson("ol_ListAccessTokens(SystemUserId='x')"), 400);
    const admin = (await server.api('WhoAmI')).json.UserId;
    expectRefused(await asSalesperson(`ol_ListAccessTokens(SystemUserId=${admin})`), 403);
    expect((await asSalesperson('WhoAmI')).status).toBe(200);
  });

  it('hole 7: a source that keeps failing to authenticate gets 429 with Retry-After, without its token being looked up', async () => {
    const throttled = await startTestServer(kind, { config: { authFailureLimit: 3, authFailureWindowSeconds: 60 } });
    try {
      const salesperson = await createUser(throttled, { roles: ['Salesperson'] });
      // Successes do not count.
      for (let index = 0; index < 5; index += 1) expect((await as(throttled, salesperson)('WhoAmI')).status).toBe(200);
      for (const token of ['guess-1', 'guess-2', null]) expectRefused(await throttled.api('WhoAmI', { token }), 401);
      const refused = await throttled.api('WhoAmI', { token: 'guess-4' });
      expectRefused(refused, 429, /Too many failed authentication attempts/);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60);
      // Refused before the store is asked: a valid token from the same address waits too.
      expectRefused(await as(throttled, salesperson)('WhoAmI'), 429);
    } finally {
      await throttled.close();
    }
  });
});
