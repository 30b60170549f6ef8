/**
 * Administration > Back office in Chromium (issue #14): an administrator with the integration on and no
 * connector sees the warning, adds a webhook connector through the page (the server refusing a
 * malformed secret first, in its own words) and the order that waited is received and signed; the
 * connector deactivated reads Inactive; a salesperson opening the page sees the server's refusals in
 * plain words. The steps run in the order written. On both stores.
 */
import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Receiver, startReceiver } from '../bridge/receiver.js';
import { ADMIN_TOKEN, type TestServer } from '../support/test-app.js';
import { TEST_STORES } from '../support/test-stores.js';
import { expectAccessible } from './support/accessibility.js';
import { launchChromium } from './support/chromium.js';
import { expectAbsent, openAs, screenshotOnFirstStore } from './support/hub-pages.js';
import { createSalesRecord, createUser, type HubUser, setIntegration, startHubServer } from './support/hub-server.js';

const WARNING = /No back office is connected: submitted orders are locked and wait here/;
const SECRET = `whsec_${randomBytes(24).toString('base64')}`;

async function openBackOffice(page: Page): Promise<void> {
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Site map' }).getByRole('link', { name: 'Back office' }).click();
  await page.getByRole('heading', { level: 1, name: 'Back office' }).waitFor();
}

const connectorRow = (page: Page, name: string) =>
  page.getByRole('table', { name: 'Connectors' }).getByRole('row').filter({ hasText: name });

describe.each(TEST_STORES)('Administration > Back office, in Chromium (%s)', { timeout: 60_000 }, (kind) => {
  let server: TestServer;
  let browser: Browser;
  let receiver: Receiver;
  let salesperson: HubUser;
  let orderId: string;

  beforeAll(async () => {
    server = await startHubServer({}, kind);
    browser = await launchChromium();
    receiver = await startReceiver(SECRET);
    salesperson = await createUser(server, {
      firstName: 'Sam',
      lastName: 'Seller',
      roles: ['Salesperson'],
      license: 3,
    });
    await setIntegration(server, true);
    orderId = await createSalesRecord(
      server,
      { set: 'salesorders', name: 'Order for the new connector', desks: 2 },
      salesperson.token,
    );
    const submitted = await server.api(`salesorders(${orderId})`, {
      method: 'PATCH',
      token: salesperson.token,
      body: { statecode: 1, statuscode: 3 },
    });
    expect(submitted.status, submitted.text).toBe(204);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await receiver?.close();
  });

  it('with the integration on and no connector, the page warns; an added webhook connector receives the waiting order', async () => {
    const page = await openAs(browser, server.baseUrl, ADMIN_TOKEN);
    await openBackOffice(page);
    await page.getByText('The integration is on, and no back office is connected.').waitFor();
    await page.getByLabel('No back office connected').getByText(WARNING).waitFor();
    await page.getByText('No connector yet.').waitFor();
    await page.getByRole('heading', { name: 'Dead letters (0)' }).waitFor();
    await page.getByText(/Replay sends it again at once, with a new retry period and its original event id/).waitFor();
    await expectAccessible(page, 'the Back office page with no connector');

    const form = page.getByRole('form', { name: 'Add webhook connector' });
    await form.getByRole('textbox', { name: 'Name' }).fill('erp');
    await form.getByRole('textbox', { name: 'URL' }).fill(receiver.url);
    await form.getByLabel('Signing secret').fill('not-a-secret');
    await form.getByRole('button', { name: 'Add webhook connector' }).click();
    await page.getByRole('alert').getByText('A webhook secret starts with whsec_.', { exact: false }).waitFor();
    await expectAbsent(connectorRow(page, 'erp'), 'A connector refused by the server');

    await form.getByLabel('Signing secret').fill(SECRET);
    await form.getByRole('button', { name: 'Add webhook connector' }).click();
    await page.getByText('The webhook connector erp was added.').waitFor();
    await connectorRow(page, 'erp').getByRole('cell', { name: 'Active', exact: true }).waitFor();
    expect(await connectorRow(page, 'erp').textContent()).toContain('Webhook');
    expect(await form.getByLabel('Signing secret').inputValue(), 'the secret is not kept on screen').toBe('');
    expect(await page.content(), 'the secret is never shown').not.toContain(SECRET.slice(6));

    await receiver.waitFor((r) => r.accepted().some((request) => request.json?.orderId === orderId));
    const received = receiver.requests.filter((request) => request.json?.orderId === orderId);
    expect(received.map((request) => [request.json.type, request.verified])).toEqual([['salesorder.submitted', true]]);

    await page.reload();
    await page.getByText('The integration is on, with 1 back-office connector active.').waitFor();
    const deliveries = page.getByRole('table', { name: 'Recent deliveries' });
    await deliveries.getByRole('row').filter({ hasText: orderId }).getByRole('cell', { name: 'Delivered' }).waitFor();
    await expectAbsent(page.getByText(WARNING), 'The no-connector warning');
    await expectAccessible(page, 'the Back office page with a connector');
    await screenshotOnFirstStore(kind, page, 'connectors-admin');
    await page.context().close();
  });

  it('a deactivated connector reads Inactive, and the server counts it so', async () => {
    const page = await openAs(browser, server.baseUrl, ADMIN_TOKEN);
    await openBackOffice(page);
    await connectorRow(page, 'erp').getByRole('button', { name: 'Deactivate erp' }).click();
    await page.getByText('erp is inactive: its events wait until it is activated.').waitFor();
    await connectorRow(page, 'erp').getByRole('cell', { name: 'Inactive', exact: true }).waitFor();
    await connectorRow(page, 'erp').getByRole('button', { name: 'Activate erp' }).waitFor();
    await page.getByText('The integration is on, and no back office is connected.').waitFor();
    await expectAccessible(page, 'the Back office page with an inactive connector');
    const status = await server.api('ol_RetrieveIntegrationStatus()');
    expect(status.json.ActiveConnectors).toBe(0);
    await page.context().close();
  });

  it('a salesperson sees the server refuse the connectors, the deliveries and the report, in plain words', async () => {
    const page = await openAs(browser, server.baseUrl, salesperson.token);
    await openBackOffice(page);
    await page.getByText(/The server does not let you see the connectors with your security role\./).waitFor();
    await page.getByText(/The server does not let you see the deliveries with your security role\./).waitFor();
    await page
      .getByText(/The server does not let you see the reconciliation report with your security role\./)
      .waitFor();
    await page.getByText('The integration is on, and no back office is connected.').waitFor();
    await expectAbsent(page.getByRole('table', { name: 'Connectors' }), 'The connectors table');
    await expectAbsent(page.getByRole('form', { name: 'Add webhook connector' }), 'The add form');
    await expectAccessible(page, 'the Back office page refused to a salesperson');
    await page.context().close();
  });
});
