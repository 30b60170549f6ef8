/**
 * No silent stuck orders, in the browser (issue #14): with the integration on and no back office
 * connected, App Settings and a submitted order say so; a connector added later receives the waiting
 * order and the warning goes; turned off, the Manage dialog, the order form and the server agree that
 * a submitted order stays read-only and may be reopened. The steps run in the order written. On both stores.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Receiver, startReceiver } from '../bridge/receiver.js';
import { ADMIN_TOKEN, type TestServer } from '../support/test-app.js';
import { TEST_STORES } from '../support/test-stores.js';
import { expectAccessible } from './support/accessibility.js';
import { launchChromium } from './support/chromium.js';
import { expectAbsent, expectText, field, openAs, screenshotOnFirstStore } from './support/hub-pages.js';
import { createSalesRecord, createUser, type HubUser, setIntegration, startHubServer } from './support/hub-server.js';

const WARNING = /No back office is connected: submitted orders are locked and wait here/;

describe.each(TEST_STORES)('an order waiting for a back office, in Chromium (%s)', { timeout: 60_000 }, (kind) => {
  let server: TestServer;
  let browser: Browser;
  let receiver: Receiver;
  let salesperson: HubUser;
  let orderId: string;

  beforeAll(async () => {
    server = await startHubServer({}, kind);
    browser = await launchChromium();
    receiver = await startReceiver();
    salesperson = await createUser(server, {
      firstName: 'Wendy',
      lastName: 'Waiting',
      roles: ['Salesperson'],
      license: 3,
    });
    await setIntegration(server, true);
    orderId = await createSalesRecord(
      server,
      { set: 'salesorders', name: 'Order nobody receives', desks: 2 },
      salesperson.token,
    );
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await receiver?.close();
  });

  it('App Settings says the integration is on with no back office connected', async () => {
    const page = await openAs(browser, server.baseUrl, ADMIN_TOKEN);
    await page.goto('/settings');
    await page.getByText('On, no back office connected').waitFor();
    const warning = page
      .getByRole('group', { name: 'No back office connected' })
      .or(page.getByLabel('No back office connected'));
    await warning.first().waitFor();
    await expectAccessible(page, 'App Settings with no back office connected');
    expect(await warning.first().textContent()).toMatch(WARNING);
    await page.context().close();
  });

  it('a submitted order says it is waiting for a back office', async () => {
    const page = await openAs(browser, server.baseUrl, salesperson.token);
    await page.goto(`/orders/${orderId}`);
    await page.getByRole('button', { name: 'Submit Order' }).click();
    await page
      .getByRole('dialog', { name: 'Submit this order?' })
      .getByRole('button', { name: 'Submit Order' })
      .click();
    await page.getByText('The order was submitted to the back office.').waitFor();
    await page.getByText('Waiting for a back office').waitFor();
    await page.getByText(WARNING).waitFor();
    await expectAccessible(page, 'an order waiting for a back office');
    await expectText(field(page, 'Processing Status'), 'Not sent: no back office connected');
    await screenshotOnFirstStore(kind, page, 'order-waiting-for-back-office');
    await page.context().close();
  });

  it('a connector added later receives the order, and the warning goes', async () => {
    const created = await server.api('ol_connectors', {
      method: 'POST',
      body: { ol_name: 'erp', ol_kind: 1, ol_url: receiver.url, ol_payloadformat: 1, ol_timeoutms: 2000 },
    });
    expect(created.status).toBe(204);
    await receiver.waitFor((r) => r.accepted().some((request) => request.json?.orderId === orderId));
    expect(receiver.requests.filter((request) => request.json?.orderId === orderId)).toHaveLength(1);

    const page = await openAs(browser, server.baseUrl, salesperson.token);
    await page.goto(`/orders/${orderId}`);
    await page.getByText('Submitted to the back office: read-only').waitFor();
    await expectText(field(page, 'Processing Status'), 'Not sent yet');
    await expectAbsent(page.getByText('Waiting for a back office'), 'The waiting warning');
    await page.context().close();

    const admin = await openAs(browser, server.baseUrl, ADMIN_TOKEN);
    await admin.goto('/settings');
    await admin.getByText('On, 1 back-office connector active').waitFor();
    await expectAbsent(admin.getByText(WARNING), 'The warning in App Settings');
    await admin.context().close();
  });

  it('turned off, the Manage dialog and the order agree: the submitted order stays read-only and can be reopened', async () => {
    const admin = await openAs(browser, server.baseUrl, ADMIN_TOKEN);
    await admin.goto('/settings');
    await admin.getByRole('button', { name: 'Manage' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Back office order processing integration' });
    await dialog.getByText(/Orders already submitted stay Submitted and read-only/).waitFor();
    await expectAccessible(admin, 'the Manage integration dialog');
    await dialog.getByText(/can reopen them to edit, fulfill, cancel or invoice them/).waitFor();
    await dialog.getByRole('switch', { name: 'Sales order processing integration' }).uncheck();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await admin.getByText('The back office order processing integration is off.').waitFor();
    await admin.context().close();

    const page = await openAs(browser, server.baseUrl, salesperson.token);
    await page.goto(`/orders/${orderId}`);
    await page.getByText(/no longer belongs to the back office\. Reopen it to edit it/).waitFor();
    expect(await field(page, 'Name').isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Reopen Order' }).click();
    await page.getByText('The order is active again and can be edited.').waitFor();
    await page.getByLabel('Status: Active').waitFor();
    expect(await field(page, 'Name').isEnabled()).toBe(true);
    await page.context().close();
  });
});
