/**
 * The price list page's Add button opens a Fluent dialog; while it is open Fluent hides the rest of the
 * page from assistive technologies (aria-hidden), and it must show it again once the dialog closes,
 * whichever way (Cancel, Escape, a saved item), with the focus back on Add (issue #14).
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, type TestServer } from '../support/test-app.js';
import { expectAccessible } from './support/accessibility.js';
import { launchChromium } from './support/chromium.js';
import { holdsFocus, openAs, PAGE_TIMEOUT } from './support/hub-pages.js';
import { startHubServer } from './support/hub-server.js';

/** Whether the page's main content sits under an element hidden from assistive technologies. */
const mainIsHidden = (page: Page) =>
  // By tag, not by role: a role query does not find what is hidden from assistive technologies.
  page.locator('h1').evaluate((heading: Hideable) => heading.closest('[aria-hidden="true"]') !== null);

interface Hideable {
  closest(selector: string): unknown;
}

describe('the price list page’s Add dialog, in Chromium', { timeout: 60_000 }, () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let add: Locator;

  beforeAll(async () => {
    server = await startHubServer();
    browser = await launchChromium();
    const priceList = await server.api(`pricelevels?$filter=name eq 'Retail USD'&$select=pricelevelid`);
    page = await openAs(browser, server.baseUrl, ADMIN_TOKEN);
    await page.goto(`/pricelists/${priceList.json.value[0].pricelevelid}`);
    await page
      .getByRole('table', { name: 'Price list items' })
      .getByRole('row', { name: /^Standing Desk/ })
      .waitFor();
    add = page.getByRole('button', { name: 'Add Price List Item' });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it.each(['Cancel', 'Escape'])('shows the page again after the dialog closes with %s', async (how) => {
    await add.click();
    const dialog = page.getByRole('dialog', { name: 'Add price list item' });
    await dialog.waitFor();
    // Fluent hides the page once the dialog has mounted, which may be a frame after it shows.
    await expect.poll(() => mainIsHidden(page), { timeout: PAGE_TIMEOUT }).toBe(true);
    if (how === 'Escape') await page.keyboard.press('Escape');
    else await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => holdsFocus(add), { timeout: PAGE_TIMEOUT }).toBe(true);
    await expect.poll(() => mainIsHidden(page), { timeout: PAGE_TIMEOUT }).toBe(false);
    await expectAccessible(page, `the price list page after the Add dialog closed with ${how}`);
  });

  it('shows the page again after a row’s Edit dialog closes', async () => {
    const edit = page.getByRole('button', { name: 'Edit Standing Desk' });
    await edit.click();
    const dialog = page.getByRole('dialog', { name: /^Edit/ });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => mainIsHidden(page), { timeout: PAGE_TIMEOUT }).toBe(false);
    await expectAccessible(page, 'the price list page after an Edit dialog closed');
  });

  it('shows the page again after an item is added', async () => {
    await add.click();
    const dialog = page.getByRole('dialog', { name: 'Add price list item' });
    await dialog.getByRole('combobox', { name: 'Product' }).selectOption({ label: 'Monitor Arm (ARM-03)' });
    await dialog.getByRole('textbox', { name: 'Amount' }).fill('79.99');
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await page
      .getByRole('table', { name: 'Price list items' })
      .getByRole('row', { name: /^Monitor Arm .*\$79\.99/ })
      .waitFor();
    await expect.poll(() => mainIsHidden(page), { timeout: PAGE_TIMEOUT }).toBe(false);
    await expectAccessible(page, 'the price list page after an item was added');
  });
});
