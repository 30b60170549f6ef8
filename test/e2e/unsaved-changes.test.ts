/**
 * Unsaved changes are never thrown away silently (issue #14): the form says it holds unsaved changes,
 * following a link in the app asks first (and staying keeps what was typed), closing the tab triggers
 * the browser's own prompt, and Ctrl+S saves. On both stores.
 */
import type { Browser, Dialog, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support/test-app.js';
import { TEST_STORES } from '../support/test-stores.js';
import { expectAccessible } from './support/accessibility.js';
import { launchChromium } from './support/chromium.js';
import { expectAbsent, expectText, field, openAs } from './support/hub-pages.js';
import { createSalesRecord, createUser, type HubUser, startHubServer } from './support/hub-server.js';

describe.each(TEST_STORES)('the unsaved-changes guard, in Chromium (%s)', { timeout: 60_000 }, (kind) => {
  let server: TestServer;
  let browser: Browser;
  let seller: HubUser;
  let orderId: string;

  beforeAll(async () => {
    server = await startHubServer({}, kind);
    browser = await launchChromium();
    seller = await createUser(server, { firstName: 'Gus', lastName: 'Guard', roles: ['Salesperson'], license: 3 });
    orderId = await createSalesRecord(server, { set: 'salesorders', name: 'Guarded order', desks: 1 }, seller.token);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function editedOrder(): Promise<Page> {
    const page = await openAs(browser, server.baseUrl, seller.token);
    await page.goto(`/orders/${orderId}`);
    await field(page, 'Description').fill('Typed but not saved.');
    await page.getByRole('status').filter({ hasText: 'Unsaved changes' }).waitFor();
    await expectAccessible(page, 'a form with unsaved changes');
    return page;
  }

  it('asks before following a link in the app, and staying keeps what was typed', async () => {
    const page = await editedOrder();
    const questions: string[] = [];
    page.once('dialog', (dialog: Dialog) => {
      questions.push(dialog.message());
      void dialog.dismiss();
    });
    await page.getByRole('link', { name: 'Accounts' }).click();
    await expect.poll(() => questions).toEqual(['You have unsaved changes. Leave this page and lose them?']);
    expect(new URL(page.url()).pathname).toBe(`/orders/${orderId}`);
    await expectText(field(page, 'Description'), 'Typed but not saved.');

    page.once('dialog', (dialog: Dialog) => void dialog.accept());
    await page.getByRole('link', { name: 'Accounts' }).click();
    await page.waitForURL(/\/accounts$/);
    await page.context().close();
  });

  it('lets the browser ask before the tab closes', async () => {
    const page = await editedOrder();
    const asked = new Promise<string>((resolve) => {
      page.once('dialog', (dialog: Dialog) => {
        resolve(dialog.type());
        void dialog.accept();
      });
    });
    const context = page.context();
    await page.close({ runBeforeUnload: true });
    expect(await asked).toBe('beforeunload');
    await context.close();
  });

  it('saves with Ctrl+S, and then lets the user leave without asking', async () => {
    const page = await editedOrder();
    await page.keyboard.press('Control+s');
    await page.getByText('Saved.', { exact: true }).waitFor();
    const order = (await server.api(`salesorders(${orderId})?$select=description`)).json;
    expect(order.description).toBe('Typed but not saved.');
    await expectAbsent(page.getByRole('status').filter({ hasText: 'Unsaved changes' }), 'The unsaved indicator');
    let asked = false;
    page.once('dialog', (dialog: Dialog) => {
      asked = true;
      void dialog.accept();
    });
    await page.getByRole('link', { name: 'Accounts' }).click();
    await page.waitForURL(/\/accounts$/);
    expect(asked).toBe(false);
    await page.context().close();
  });
});
