/**
 * Administration > Integration in Chromium, on both stores (issue #14): a System Administrator turns
 * the order processing integration on from the page, warned first that no connector is active, and off
 * again; a salesperson sees the same status read-only, with the server's own reason why they may not
 * change it. The steps run in the order written.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, type TestServer } from '../support/test-app.js';
import { TEST_STORES } from '../support/test-stores.js';
import { expectAccessible } from './support/accessibility.js';
import { launchChromium } from './support/chromium.js';
import { expectAbsent, openAs } from './support/hub-pages.js';
import { createUser, type HubUser, startHubServer } from './support/hub-server.js';

const WARNING = /No back office is connected: submitted orders are locked and wait here/;

async function openIntegration(page: Page): Promise<void> {
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Site map' }).getByRole('link', { name: 'Integration' }).click();
  await page.getByRole('heading', { level: 1, name: 'Order processing integration' }).waitFor();
}

const status = (page: Page) => page.getByRole('list', { name: 'Integration status' });

describe.each(TEST_STORES)('Administration > Integration, in Chromium (%s)', { timeout: 60_000 }, (kind) => {
  let server: TestServer;
  let browser: Browser;
  let salesperson: HubUser;

  const integrationEnabled = async () =>
    (await server.api('ol_RetrieveIntegrationStatus()')).json.IntegrationEnabled as boolean;

  beforeAll(async () => {
    server = await startHubServer({}, kind);
    browser = await launchChromium();
    salesperson = await createUser(server, {
      firstName: 'Ivy',
      lastName: 'Seller',
      roles: ['Salesperson'],
      license: 3,
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('an administrator turns it on with no connector, warned first, and the page then says nothing is connected', async () => {
    expect(await integrationEnabled()).toBe(false);
    const page = await openAs(browser, server.baseUrl, ADMIN_TOKEN);
    await openIntegration(page);
    await status(page).getByText('Off.').waitFor();
    await status(page).getByText('0 back-office connectors active.').waitFor();
    await expectAccessible(page, 'the Integration page, off');

    await page.getByRole('button', { name: 'Turn on' }).click();
    const dialog = page.getByRole('dialog', { name: 'Turn the integration on?' });
    await dialog
      .getByLabel('No back office connected')
      .getByText(/No connector is active/)
      .waitFor();
    await dialog.getByText(/Orders will offer Submit Order instead of Create Invoice/).waitFor();
    await expectAccessible(page, 'the confirmation before turning the integration on with no connector');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await integrationEnabled(), 'Cancel changes nothing').toBe(false);

    await page.getByRole('button', { name: 'Turn on' }).click();
    await dialog.getByRole('button', { name: 'Turn on' }).click();
    await page
      .getByRole('status')
      .getByText(/integration is on: orders offer Submit Order/)
      .waitFor();
    await status(page).getByText('On.').waitFor();
    await page.getByLabel('No back office connected').getByText(WARNING).waitFor();
    await page.getByRole('button', { name: 'Turn off' }).waitFor();
    expect(await integrationEnabled()).toBe(true);
    await expectAccessible(page, 'the Integration page, on with no connector');
    await page.context().close();
  });

  it('a salesperson sees the status read-only, with the server’s reason, and no switch', async () => {
    const page = await openAs(browser, server.baseUrl, salesperson.token);
    await openIntegration(page);
    await status(page).getByText('On.').waitFor();
    await page
      .getByLabel('Read only')
      .getByText(/The server's reason: Turning the order processing integration .* requires the System Customizer/)
      .waitFor();
    await expectAbsent(page.getByRole('button', { name: /Turn (on|off)/ }), 'The switch');
    // What the page says is what the server does: the write it would make is refused.
    const organizationId = (await server.api('organizations?$select=organizationid')).json.value[0].organizationid;
    const refused = await server.api(`organizations(${organizationId})`, {
      method: 'PATCH',
      token: salesperson.token,
      body: { issopintegrationenabled: false },
    });
    expect(refused.status).toBe(403);
    await expectAccessible(page, 'the Integration page, read-only for a salesperson');
    await page.context().close();
  });

  it('an administrator turns it off, told what submitted orders become', async () => {
    const page = await openAs(browser, server.baseUrl, ADMIN_TOKEN);
    await openIntegration(page);
    await page.getByRole('button', { name: 'Turn off' }).click();
    const dialog = page.getByRole('dialog', { name: 'Turn the integration off?' });
    await dialog.getByText(/Orders already submitted stay Submitted and read-only/).waitFor();
    await expectAbsent(dialog.getByLabel('No back office connected'), 'The no-connector warning when turning off');
    await dialog.getByRole('button', { name: 'Turn off' }).click();
    await page
      .getByRole('status')
      .getByText(/integration is off: orders offer Create Invoice again/)
      .waitFor();
    await status(page).getByText('Off.').waitFor();
    await expectAbsent(page.getByText(WARNING), 'The no-connector warning');
    expect(await integrationEnabled()).toBe(false);
    await page.context().close();
  });
});
