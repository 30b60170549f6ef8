/**
 * Money travels through the browser as exact decimal text (issue #15): an amount with more digits than
 * a binary float holds (99999999999999.99 becomes 99999999999999.98 through a JS number) reaches the
 * server exactly and comes back exactly on screen; a money input shows the currency's precision
 * ("45.50"), and saving "45.50" clears the unsaved indicator. On both stores.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support/test-app.js';
import { TEST_STORES } from '../support/test-stores.js';
import { expectAccessible } from './support/accessibility.js';
import { launchChromium } from './support/chromium.js';
import { expectAbsent, expectText, field, openAs } from './support/hub-pages.js';
import { createUser, type HubUser, startHubServer } from './support/hub-server.js';

/** Sixteen significant digits: `Number('99999999999999.99')` is 99999999999999.98. */
const MANY_DIGITS = '99999999999999.99';

describe.each(TEST_STORES)('exact money in the browser, in Chromium (%s)', { timeout: 60_000 }, (kind) => {
  let server: TestServer;
  let browser: Browser;
  let seller: HubUser;
  let accountId: string;
  let page: Page;

  /** The credit limit as the server's JSON writes it: the number token, not a parsed float. */
  async function storedCreditLimit(): Promise<string | undefined> {
    const response = await server.api(`accounts(${accountId})?$select=creditlimit`);
    return /"creditlimit":(-?[\d.]+)/.exec(response.text)?.[1];
  }

  const unsaved = () => page.getByRole('status').filter({ hasText: 'Unsaved changes' });

  async function saveCreditLimit(text: string): Promise<void> {
    await field(page, 'Credit Limit').fill(text);
    await unsaved().waitFor();
    await page.keyboard.press('Control+s');
    await page.getByText('Saved.', { exact: true }).waitFor();
  }

  beforeAll(async () => {
    server = await startHubServer({}, kind);
    browser = await launchChromium();
    seller = await createUser(server, { firstName: 'Exa', lastName: 'Ct', roles: ['Salesperson'], license: 3 });
    // The seller's own account, which a salesperson may change.
    const created = await server.api('accounts', {
      method: 'POST',
      token: seller.token,
      body: { name: 'Exact Money Ltd' },
    });
    expect(created.status).toBe(204);
    accountId = /\(([^)]+)\)$/.exec(created.headers.get('odata-entityid') ?? '')![1]!;
    page = await openAs(browser, server.baseUrl, seller.token);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('sends an amount with many digits exactly and shows it back exactly', async () => {
    await page.goto(`/accounts/${accountId}`);
    await saveCreditLimit(MANY_DIGITS);
    expect(await storedCreditLimit()).toBe(MANY_DIGITS);
    await page.reload();
    await expectText(field(page, 'Credit Limit'), MANY_DIGITS);
    await expectAbsent(unsaved(), 'The unsaved indicator');
    await expectAccessible(page, 'an account form showing an exact credit limit');
  });

  it('shows a money input to the currency’s precision, and saving "45.50" leaves nothing unsaved', async () => {
    await page.goto(`/accounts/${accountId}`);
    await saveCreditLimit('45.50');
    expect(Number(await storedCreditLimit())).toBe(45.5);
    await expectAbsent(unsaved(), 'The unsaved indicator');
    await page.reload();
    await expectText(field(page, 'Credit Limit'), '45.50');
    await expectAbsent(unsaved(), 'The unsaved indicator');

    // The same amount written differently is no change at all.
    await field(page, 'Credit Limit').fill('45.5');
    await expectAbsent(unsaved(), 'The unsaved indicator');
    await expectAccessible(page, 'an account form with a money input at the currency’s precision');
  });
});
