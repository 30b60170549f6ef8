/**
 * Administration > Sales settings in Chromium (issue #14): an administrator changes the order prefix and
 * the pricing precision and the server holds them (a new order is numbered with the prefix); a bad value
 * is refused beside its field in the server's words and nothing is saved; a salesperson reads the same
 * settings without a way to change them. On both stores.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, type TestServer } from '../support/test-app.js';
import { TEST_STORES } from '../support/test-stores.js';
import { expectAccessible } from './support/accessibility.js';
import { launchChromium } from './support/chromium.js';
import { expectAbsent, expectText, openAs, screenshotOnFirstStore } from './support/hub-pages.js';
import { createUser, startHubServer } from './support/hub-server.js';

async function openSalesSettings(page: Page): Promise<void> {
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Site map' }).getByRole('link', { name: 'Sales settings' }).click();
  await page.getByRole('heading', { name: 'Sales settings', level: 1 }).waitFor();
  await page.getByRole('form', { name: 'Sales settings' }).waitFor();
}

const setting = (page: Page, name: string) => page.getByRole('textbox', { name, exact: true });

/** The texts aria-describedby points an element at (this file is compiled without the DOM's types). */
const descriptionOf = (locator: Locator) =>
  locator.evaluate((element: Described) =>
    (element.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => element.ownerDocument.getElementById(id)?.textContent ?? '')
      .join(' '),
  );

interface Described {
  getAttribute(name: string): string | null;
  readonly ownerDocument: { getElementById(id: string): { readonly textContent: string | null } | null };
}

describe.each(TEST_STORES)('Administration > Sales settings, in Chromium (%s)', { timeout: 60_000 }, (kind) => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startHubServer({}, kind);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const organization = async () =>
    (await server.api('organizations?$select=orderprefix,pricingdecimalprecision,quoteprefix')).json.value[0];

  it('an administrator changes the order prefix and the pricing precision, and new orders take the prefix', async () => {
    const page = await openAs(browser, server.baseUrl, ADMIN_TOKEN);
    await openSalesSettings(page);
    await expectText(setting(page, 'Order prefix'), 'ORD');
    await expectText(setting(page, 'Base currency'), 'US Dollar');
    await expectAccessible(page, 'the Sales settings page');
    await screenshotOnFirstStore(kind, page, 'sales-settings');

    await setting(page, 'Order prefix').fill('SO');
    await setting(page, 'Pricing decimal precision').fill('3');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').getByText('The sales settings were saved.').waitFor();
    expect(await organization()).toMatchObject({ orderprefix: 'SO', pricingdecimalprecision: 3 });

    const account = await server.api('accounts?$select=accountid&$top=1');
    const created = await server.api('salesorders', {
      method: 'POST',
      body: { name: 'Numbered', 'customerid_account@odata.bind': `/accounts(${account.json.value[0].accountid})` },
      headers: { prefer: 'return=representation' },
    });
    expect(created.json.ordernumber).toMatch(/^SO-/);
    await page.context().close();
  });

  it('a bad value is refused beside its field, in the server’s words, and nothing is saved', async () => {
    const page = await openAs(browser, server.baseUrl, ADMIN_TOKEN);
    await openSalesSettings(page);
    const before = await organization();
    await setting(page, 'Quote prefix').fill('Q 1');
    await setting(page, 'Order prefix').fill('NEW');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText(/^The server refused this change.*'quoteprefix'/).waitFor();
    // Beside its field: the refusal is the quote prefix's description, as a screen reader announces it.
    expect(await descriptionOf(setting(page, 'Quote prefix'))).toMatch(/^The server refused this change/);
    expect(await descriptionOf(setting(page, 'Order prefix'))).not.toMatch(/refused/);
    expect(await organization()).toEqual(before);
    await expectAccessible(page, 'the Sales settings page with a refused value');
    await page.context().close();
  });

  it('a salesperson reads the settings and is told they cannot change them', async () => {
    const salesperson = await createUser(server, {
      firstName: 'Rita',
      lastName: 'Reader',
      roles: ['Salesperson'],
      license: 1,
    });
    const page = await openAs(browser, server.baseUrl, salesperson.token);
    await openSalesSettings(page);
    await page.getByText(/^You can read these settings but not change them\./).waitFor();
    expect(await setting(page, 'Order prefix').getAttribute('readonly')).not.toBeNull();
    await expectAbsent(page.getByRole('button', { name: 'Save' }), 'the Save button');
    await expectAccessible(page, "a salesperson's Sales settings page");
    await page.context().close();
  });
});
