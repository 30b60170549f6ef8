/**
 * The session cookie against a real browser (issue #14), in Chromium: page script cannot read it
 * (HttpOnly), and a form another page posts to the Web API with it creates nothing, whether the other
 * page is another site (SameSite=Lax keeps the cookie back) or another origin of the same site, such as
 * another port of the same host (the cookie goes along; the Sec-Fetch-Site check refuses it).
 */
import { createServer, type Server } from 'node:http';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../e2e/support/chromium.js';
import { freePort } from '../support/openid-provider.js';
import { startTestServer, type TestServer } from '../support/test-app.js';

const PASSWORD = 'browser test password 1';

/** A page that posts a JSON-looking form to `target` as soon as it loads (text/plain, as attackers do). */
function forgingPage(target: string, name: string): string {
  return `<!doctype html><html lang="en"><head><title>Win a prize</title></head><body>
<form id="forge" method="post" enctype="text/plain" action="${target}">
<input type="hidden" name='{"name":"${name}","ignore":"' value='"}'>
</form><script>document.getElementById('forge').submit();</script></body></html>`;
}

describe('the session cookie in Chromium', { timeout: 60_000 }, () => {
  let server: TestServer;
  let browser: Browser;
  let attacker: Server;
  let attackerPort: number;

  beforeAll(async () => {
    server = await startTestServer('sqlite', { config: { adminPassword: PASSWORD } });
    attackerPort = await freePort();
    attacker = createServer((request, response) => {
      const name = new URL(request.url ?? '/', 'http://x').searchParams.get('name') ?? 'Forged';
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(forgingPage(`${server.serviceRoot}accounts`, name));
    });
    await new Promise<void>((resolve) => attacker.listen(attackerPort, '127.0.0.1', resolve));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => attacker?.close(resolve));
    await server?.close();
  });

  async function signedInContext() {
    const context = await browser.newContext({ baseURL: server.baseUrl });
    const signedIn = await context.request.post('/auth/login', {
      headers: { origin: new URL(server.baseUrl).origin },
      data: { username: 'admin', password: PASSWORD },
    });
    expect(signedIn.status()).toBe(200);
    return context;
  }

  const accountsNamed = async (name: string) =>
    (await server.api(`accounts?$filter=name eq '${name}'&$select=name`)).json.value as unknown[];

  it('is HttpOnly: page script does not see it, though the browser sends it', async () => {
    const context = await signedInContext();
    const page = await context.newPage();
    await page.goto('/api/data/v9.2/WhoAmI');
    expect(await page.evaluate<string>('document.cookie')).not.toContain('orderline_session');
    expect(await page.textContent('body')).toContain(server.app.provisioning.adminUserId);
    await context.close();
  });

  it('a form posted from another site creates nothing', async () => {
    const context = await signedInContext();
    const page = await context.newPage();
    // localhost and 127.0.0.1 are different sites: SameSite=Lax keeps the cookie back.
    const response = page.waitForResponse((answer) => answer.url().startsWith(server.serviceRoot));
    await page.goto(`http://localhost:${attackerPort}/?name=Forged%20cross-site`);
    expect([401, 403]).toContain((await response).status());
    expect(await accountsNamed('Forged cross-site')).toEqual([]);
    await context.close();
  });

  it('a form posted from another origin of the same site is refused although the cookie goes along', async () => {
    const context = await signedInContext();
    const page = await context.newPage();
    const response = page.waitForResponse((answer) => answer.url().startsWith(server.serviceRoot));
    await page.goto(`http://127.0.0.1:${attackerPort}/?name=Forged%20same-site`);
    const answer = await response;
    expect(answer.status()).toBe(403);
    expect(await answer.text()).toContain('Cross-site request refused');
    expect(await accountsNamed('Forged same-site')).toEqual([]);
    await context.close();
  });
});
