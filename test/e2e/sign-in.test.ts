/**
 * Signing in to the Sales Hub in Chromium (issue #14): with a password, with OpenID Connect against a
 * real provider (oidc-provider) on loopback, a second tab sharing the session, signing out every tab at
 * once, and the personal access tokens page creating and revoking a token. Accessibility is checked as
 * the other browser tests do: by role and accessible name, and with the keyboard. On both stores.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startOpenIdProvider, type TestOpenIdProvider } from '../support/openid-provider.js';
import type { TestServer } from '../support/test-app.js';
import { TEST_STORES } from '../support/test-stores.js';
import { expectAccessible } from './support/accessibility.js';
import { launchChromium } from './support/chromium.js';
import { expectText, openAs, PAGE_TIMEOUT } from './support/hub-pages.js';
import { HUB_ADMIN_PASSWORD, startHubServer } from './support/hub-server.js';

const STEP_TIMEOUT = 60_000;
const CLIENT_SECRET = 'orderline-test-client-secret-0123456789';

/**
 * Every form control and link on the page has an accessible name (a label, aria-label or text). Run in
 * the page as a script: this file is compiled without the DOM's types.
 */
const UNNAMED_CONTROLS = `[...document.querySelectorAll('input, button, a, select, textarea')]
  .filter((element) => {
    const labelledBy = element.getAttribute('aria-labelledby');
    const name =
      element.getAttribute('aria-label') ||
      (labelledBy ? document.getElementById(labelledBy)?.textContent : '') ||
      (element.labels?.[0]?.textContent ?? '') ||
      (element.tagName === 'INPUT' ? '' : element.textContent);
    return !name?.trim();
  })
  .map((element) => element.outerHTML.slice(0, 120))`;

const unnamedControls = (page: Page) => page.evaluate<string[]>(UNNAMED_CONTROLS);

async function signInWithPassword(page: Page, userName: string, password: string): Promise<void> {
  await page.goto('/');
  await page.getByLabel(/^User name\W*$/).fill(userName);
  await page.getByLabel(/^Password\W*$/).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

describe.each(TEST_STORES)('signing in to the Sales Hub in Chromium (%s)', { timeout: STEP_TIMEOUT }, (kind) => {
  let server: TestServer;
  let provider: TestOpenIdProvider;
  let browser: Browser;
  const adminObjectId = '4d2b1a6e-7c2f-4f3a-9a55-0b7d2c1e9f10';

  beforeAll(async () => {
    const port = await freePort();
    server = await startHubServer(
      {
        config: {
          oidcIssuer: `http://127.0.0.1:${port}`,
          oidcClientId: 'orderline-test',
          oidcClientSecret: CLIENT_SECRET,
          oidcName: 'Test Identity',
        },
      },
      kind,
    );
    provider = await startOpenIdProvider(port, new URL('/auth/oidc/callback', server.baseUrl).href, [
      { sub: adminObjectId },
    ]);
    const linked = await server.api(`systemusers(${server.app.provisioning.adminUserId})`, {
      method: 'PATCH',
      body: { azureactivedirectoryobjectid: adminObjectId },
    });
    expect(linked.status, linked.text).toBe(204);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await provider?.close();
    await server?.close();
  });

  it('offers a password, the OpenID Connect provider and an access token, every control named', async () => {
    const page = await openAs(browser, server.baseUrl, undefined);
    await page.goto('/');
    await page.getByRole('heading', { name: 'Sign in to Orderline', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Sign in with Test Identity' }).waitFor();
    await page.getByRole('form', { name: 'Password sign-in' }).waitFor();
    await page.getByRole('form', { name: 'Token sign-in' }).waitFor();
    expect(await unnamedControls(page)).toEqual([]);
    await expectAccessible(page, 'the sign-in page');
    await page.context().close();
  });

  it('refuses a wrong password in plain words, then signs in; the session cookie is out of reach of page script', async () => {
    const page = await openAs(browser, server.baseUrl, undefined);
    await signInWithPassword(page, 'admin', 'not the password');
    await page.getByText('The user name or password is incorrect.').waitFor();
    await expectAccessible(page, 'the sign-in page with its refusal');
    await page.getByLabel(/^Password\W*$/).fill(HUB_ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: 'Orders', level: 1 }).waitFor();
    const cookies = await page.context().cookies();
    expect(cookies.find((cookie) => cookie.name === 'orderline_session')?.httpOnly).toBe(true);
    expect(await page.evaluate<string>('document.cookie')).not.toContain('orderline_session');
    expect(await page.evaluate<string>('JSON.stringify(window.sessionStorage)')).toBe('{}');
    await page.context().close();
  });

  it('a second tab is signed in, and signing out in one signs every tab out', async () => {
    const first = await openAs(browser, server.baseUrl, undefined);
    await signInWithPassword(first, 'admin', HUB_ADMIN_PASSWORD);
    await first.getByRole('heading', { name: 'Orders', level: 1 }).waitFor();
    const second = await first.context().newPage();
    second.setDefaultTimeout(PAGE_TIMEOUT);
    await second.goto('/settings');
    await second.getByRole('heading', { name: 'App Settings', level: 1 }).waitFor();

    await first.getByRole('button', { name: 'Sign out' }).click();
    await first.getByRole('heading', { name: 'Sign in to Orderline' }).waitFor();
    await second.getByRole('heading', { name: 'Sign in to Orderline' }).waitFor();
    await second.getByText('You signed out in another tab.').waitFor();
    // The session ended on the server too: reloading does not sign the tab back in.
    await second.reload();
    await second.getByRole('heading', { name: 'Sign in to Orderline' }).waitFor();
    await first.context().close();
  });

  it('signs in with OpenID Connect through the provider’s own pages', async () => {
    const page = await openAs(browser, server.baseUrl, undefined);
    await page.goto('/');
    await page.getByRole('link', { name: 'Sign in with Test Identity' }).click();
    await page.getByPlaceholder('Enter any login').fill(adminObjectId);
    await page.getByPlaceholder('and password').fill('any password');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Orders', level: 1 }).waitFor();
    await page.getByText('System Administrator').first().waitFor();
    await page.context().close();
  });

  it('the personal access tokens page creates a token, shown once, and revokes it', async () => {
    const page = await openAs(browser, server.baseUrl, undefined);
    await signInWithPassword(page, 'admin', HUB_ADMIN_PASSWORD);
    await page.getByRole('heading', { name: 'Orders', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Personal access tokens' }).click();
    await page.getByRole('heading', { name: 'Personal access tokens', level: 1 }).waitFor();
    expect(await unnamedControls(page)).toEqual([]);
    await expectAccessible(page, 'the personal access tokens page');
    await page.getByLabel('Description').fill('Laptop script');
    await page.getByLabel('Lifetime in days').fill('7');
    await page.getByRole('button', { name: 'Create token' }).click();
    const shown = page.getByRole('textbox', { name: 'New token', exact: true });
    await shown.waitFor();
    const token = await shown.inputValue();
    expect(token).toMatch(/^olt_/);
    const whoAmI = await server.api('WhoAmI', { token });
    expect(whoAmI.status).toBe(200);

    const table = page.getByRole('table', { name: 'Your tokens' });
    const row = table.getByRole('row').filter({ hasText: 'Laptop script' });
    await expectText(row.getByRole('cell').nth(3), 'Valid');
    await row.getByRole('button', { name: 'Revoke Laptop script' }).click();
    await expectText(row.getByRole('cell').nth(3), `Revoked ${new Date().toISOString().slice(0, 10)}`);
    expect((await server.api('WhoAmI', { token })).status).toBe(401);
    await page.context().close();
  });
});
