/**
 * A real OpenID Connect provider for tests: oidc-provider on loopback, with one confidential client
 * (PKCE required) and the accounts a suite gives it. Its development sign-in pages accept any password
 * for a known account, which is all a test of Orderline's side needs; the protocol is the real one.
 */

import type { Server } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import Provider from 'oidc-provider';

export interface TestAccount {
  readonly sub: string;
  readonly email?: string;
  readonly emailVerified?: boolean;
}

export interface TestOpenIdProvider {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  close(): Promise<void>;
}

/** A free loopback port, so Orderline can be configured with the issuer before the provider starts. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createNetServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export async function startOpenIdProvider(
  port: number,
  redirectUri: string,
  accounts: readonly TestAccount[],
): Promise<TestOpenIdProvider> {
  const issuer = `http://127.0.0.1:${port}`;
  const clientId = 'orderline-test';
  const clientSecret = 'orderline-test-client-secret-0123456789';
  const byId = new Map(accounts.map((account) => [account.sub, account]));
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    pkce: { required: () => true },
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    cookies: { keys: ['orderline-test-cookie-key'] },
    async findAccount(_context, id) {
      const account = byId.get(id);
      if (!account) return undefined;
      return {
        accountId: id,
        async claims() {
          return {
            sub: id,
            ...(account.email ? { email: account.email, email_verified: account.emailVerified ?? true } : {}),
          };
        },
      };
    },
  });
  const server: Server = await new Promise((resolve) => {
    const listening = provider.listen(port, '127.0.0.1', () => resolve(listening));
  });
  return {
    issuer,
    clientId,
    clientSecret,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Cookies per origin, enough for a redirect dance between two loopback servers. */
class CookieJar {
  readonly #cookies = new Map<string, Map<string, string>>();

  header(url: URL): string {
    return [...(this.#cookies.get(url.origin) ?? new Map()).entries()].map(([n, v]) => `${n}=${v}`).join('; ');
  }

  take(url: URL, response: Response): void {
    const jar = this.#cookies.get(url.origin) ?? new Map<string, string>();
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) jar.delete(name);
      else jar.set(name, value);
    }
    this.#cookies.set(url.origin, jar);
  }

  get(origin: string, name: string): string | undefined {
    return this.#cookies.get(origin)?.get(name);
  }
}

function formOf(html: string, base: URL): { action: URL; fields: URLSearchParams } | undefined {
  const form = /<form[^>]*action="([^"]+)"[^>]*method="post"[^>]*>([\s\S]*?)<\/form>/i.exec(html);
  if (!form) return undefined;
  const fields = new URLSearchParams();
  for (const input of form[2]!.matchAll(/<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"/gi)) {
    fields.set(input[1]!, input[2]!);
  }
  return { action: new URL(form[1]!.replace(/&amp;/g, '&'), base), fields };
}

export interface BrowserDance {
  readonly jar: CookieJar;
  /** The last response: where the dance stopped (a page that is not a form, or Orderline's `/`). */
  readonly final: Response;
  readonly finalUrl: URL;
}

/**
 * Walks a browser's way from `start`: follows redirects, keeps cookies, and submits the provider's
 * sign-in and consent forms as `login`, until it lands on a page without a form.
 */
export async function signInThroughProvider(start: URL, login: string, jar = new CookieJar()): Promise<BrowserDance> {
  let url = start;
  let init: RequestInit = { method: 'GET' };
  for (let step = 0; step < 20; step += 1) {
    const headers: Record<string, string> = { accept: 'text/html' };
    const cookie = jar.header(url);
    if (cookie) headers.cookie = cookie;
    const response = await fetch(url, {
      ...init,
      headers: { ...headers, ...(init.headers as object) },
      redirect: 'manual',
    });
    jar.take(url, response);
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      url = new URL(location, url);
      init = { method: 'GET' };
      continue;
    }
    const html = await response.text();
    const form = url.origin === start.origin ? undefined : formOf(html, url);
    if (!form) return { jar, final: response, finalUrl: url };
    if (form.fields.get('prompt') === 'login') {
      form.fields.set('login', login);
      form.fields.set('password', 'any password will do');
    }
    url = form.action;
    init = {
      method: 'POST',
      body: form.fields.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    };
  }
  throw new Error('the sign-in did not finish in 20 steps');
}
