/**
 * The order's command bar shows what the server allows (issue #14): the owner sees Save and the
 * commands of an Active order; another salesperson, whose role may not change orders they do not
 * own, sees none of them (no Save, no Submit Order, no Cancel Order) instead of being refused after a
 * click; a refusal that still happens reads as a sentence with what to do. On both stores.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { TestServer } from '../support/test-app.js';
import { TEST_STORES } from '../support/test-stores.js';
import { expectAccessible } from './support/accessibility.js';
import { launchChromium } from './support/chromium.js';
import { expectAbsent, openAs } from './support/hub-pages.js';
import { createSalesRecord, createUser, type HubUser, setIntegration, startHubServer } from './support/hub-server.js';

describe.each(TEST_STORES)('commands follow what the server allows, in Chromium (%s)', { timeout: 60_000 }, (kind) => {
  let server: TestServer;
  let browser: Browser;
  let owner: HubUser;
  let colleague: HubUser;
  let orderId: string;

  beforeAll(async () => {
    server = await startHubServer({}, kind);
    browser = await launchChromium();
    owner = await createUser(server, { firstName: 'Olive', lastName: 'Owner', roles: ['Salesperson'], license: 3 });
    colleague = await createUser(server, {
      firstName: 'Colin',
      lastName: 'Colleague',
      roles: ['Salesperson'],
      license: 3,
    });
    await setIntegration(server, true);
    orderId = await createSalesRecord(server, { set: 'salesorders', name: 'Olive’s order', desks: 1 }, owner.token);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('offers the owner Save, Submit Order, Fulfill Order and Cancel Order, and not Create Invoice', async () => {
    const page = await openAs(browser, server.baseUrl, owner.token);
    await page.goto(`/orders/${orderId}`);
    for (const name of ['Save', 'Submit Order', 'Fulfill Order', 'Cancel Order', 'Lock Pricing']) {
      await page.getByRole('button', { name, exact: true }).waitFor();
    }
    await expectAbsent(page.getByRole('button', { name: 'Create Invoice' }), 'Create Invoice');
    await page.context().close();
  });

  it('offers a colleague who may not change the order none of the commands that change it', async () => {
    const page = await openAs(browser, server.baseUrl, colleague.token);
    await page.goto(`/orders/${orderId}`);
    await page.getByRole('heading', { name: 'Olive’s order', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Back office' }).waitFor();
    await expectAccessible(page, "a colleague's view of an order");
    for (const name of ['Save', 'Submit Order', 'Fulfill Order', 'Cancel Order', 'Lock Pricing', 'Recalculate']) {
      await expectAbsent(page.getByRole('button', { name, exact: true }), name);
    }
    await page.context().close();
  });
});
