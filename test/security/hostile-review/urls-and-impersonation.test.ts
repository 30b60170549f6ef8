/**
 * The holes a hostile review of the running server found (issue #19), one regression test each, named
 * after the hole; each failed before its fix. This file: absolute URLs taken from the `Host` header
 * (hole 12), and impersonation that borrowed the impersonated user's privileges whole.
 */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createUser, expectRefused, read } from '../../lifecycle/support.js';
import { ADMIN_TOKEN, startTestServer, type TestServer } from '../../support/test-app.js';
import { TEST_STORES } from '../../support/test-stores.js';

interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly json: Record<string, unknown>;
}

/**
 * A request with headers `fetch` will not send as given (`Host`), from a chosen local address so a
 * test can play a trusted proxy (127.0.0.2) or anyone else (127.0.0.1).
 */
function rawRequest(
  server: TestServer,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: unknown; from?: string } = {},
): Promise<RawResponse> {
  const url = new URL(`${server.serviceRoot}${path}`);
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: `${url.pathname}${url.search}`,
        method: options.method ?? 'GET',
        localAddress: options.from ?? '127.0.0.1',
        headers: {
          authorization: `Bearer ${ADMIN_TOKEN}`,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...options.headers,
        },
      },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, json: text ? JSON.parse(text) : {} });
        });
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

const EVIL = { host: 'evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' };

/** Creates an account and lists accounts one to a page, answering the absolute URLs the server wrote. */
async function linksWritten(server: TestServer, headers: Record<string, string>, from?: string) {
  const created = await rawRequest(server, 'accounts', {
    method: 'POST',
    body: { name: 'Linked account' },
    headers,
    ...(from ? { from } : {}),
  });
  expect(created.status).toBe(204);
  await rawRequest(server, 'accounts', { method: 'POST', body: { name: 'Second linked account' } });
  const page = await rawRequest(server, 'accounts?$select=name', {
    headers: { ...headers, prefer: 'odata.maxpagesize=1' },
    ...(from ? { from } : {}),
  });
  expect(page.status).toBe(200);
  return {
    entityId: String(created.headers['odata-entityid']),
    nextLink: String(page.json['@odata.nextLink']),
    context: String(page.json['@odata.context']),
  };
}

function expectAllUnder(links: Record<string, string>, base: string): void {
  for (const [name, link] of Object.entries(links)) expect(link.startsWith(base), `${name}: ${link}`).toBe(true);
}

describe.each(TEST_STORES)('hostile review: absolute URLs and impersonation (%s)', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('hole 12: a request with Host: evil.example gets its links on the address the server listens on', async () => {
    const links = await linksWritten(server, EVIL);
    expectAllUnder(links, server.serviceRoot);
  });

  describe('with ORDERLINE_PUBLIC_URL', () => {
    let configured: TestServer;
    beforeAll(async () => {
      configured = await startTestServer(kind, { config: { publicUrl: 'https://orders.example.com/crm' } });
    });
    afterAll(async () => {
      await configured?.close();
    });

    it('hole 12: every absolute URL starts with the configured public URL, whatever Host says', async () => {
      const links = await linksWritten(configured, EVIL);
      expectAllUnder(links, 'https://orders.example.com/crm/api/data/v9.2/');
    });
  });

  describe('with a trusted proxy', () => {
    let proxied: TestServer;
    beforeAll(async () => {
      proxied = await startTestServer(kind, { config: { trustedProxies: ['127.0.0.2'] } });
    });
    afterAll(async () => {
      await proxied?.close();
    });

    it('hole 12: X-Forwarded-Proto and X-Forwarded-Host count only when the trusted proxy sends them', async () => {
      const forwarded = { host: 'evil.example', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'shop.example' };
      expectAllUnder(await linksWritten(proxied, forwarded, '127.0.0.2'), 'https://shop.example/api/data/v9.2/');
      expectAllUnder(await linksWritten(proxied, forwarded, '127.0.0.1'), proxied.serviceRoot);
      // A trusted proxy passing a malformed host on does not get it into a link either.
      const malformed = { ...forwarded, 'x-forwarded-host': 'evil.example/steal?x=' };
      expectAllUnder(await linksWritten(proxied, malformed, '127.0.0.2'), 'https://127.0.0.1:');
    });
  });

  it('impersonation: a Delegate + Salesperson cannot mint an administrator token', async () => {
    const admin = as(server);
    const adminId = (await read(admin, 'WhoAmI')).UserId as string;
    const delegate = await createUser(server, { roles: ['Delegate', 'Salesperson'] });
    const asAdmin = (path: string, init: { method?: string; body?: unknown } = {}) =>
      server.api(path, { ...init, token: delegate.token, headers: { MSCRMCallerID: adminId } });

    // Impersonation itself is allowed: the effective user is the administrator.
    expect((await read(asAdmin, 'WhoAmI')).UserId).toBe(adminId);
    expectRefused(
      await asAdmin('ol_CreateAccessToken', { method: 'POST', body: { SystemUserId: adminId, ExpiresInDays: 30 } }),
      403,
    );
    // Nor any other privilege only the administrator holds: a new user, or a role for oneself.
    expectRefused(
      await asAdmin('systemusers', {
        method: 'POST',
        body: { domainname: 'minted@orderline.test', firstname: 'Minted', lastname: 'User' },
      }),
      403,
    );
    const roles = await read(admin, "roles?$select=roleid&$filter=name eq 'System Administrator'");
    expectRefused(
      await asAdmin(`systemusers(${delegate.id})/systemuserroles_association/$ref`, {
        method: 'POST',
        body: { '@odata.id': `${server.serviceRoot}roles(${roles.value[0].roleid})` },
      }),
      403,
    );
    const found = await read(admin, "systemusers?$select=systemuserid&$filter=domainname eq 'minted@orderline.test'");
    expect(found.value).toEqual([]);
  });
});
