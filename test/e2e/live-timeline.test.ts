/**
 * A live timeline (issue #14): while an order is open, the back office's acknowledgement appears
 * without a reload, written for a salesperson ("Acknowledged as ERP-…"), timed to the second, with the
 * technical summary one click away; every form has Refresh.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Receiver, startReceiver } from '../bridge/receiver.js';
import type { TestServer } from '../support/test-app.js';
import { expectAccessible } from './support/accessibility.js';
import { launchChromium } from './support/chromium.js';
import { field, openAs } from './support/hub-pages.js';
import { createSalesRecord, createUser, type HubUser, setIntegration, startHubServer } from './support/hub-server.js';

describe('the live integration timeline, in Chromium', { timeout: 60_000 }, () => {
  let server: TestServer;
  let browser: Browser;
  let receiver: Receiver;
  let seller: HubUser;
  let backOffice: HubUser;

  beforeAll(async () => {
    server = await startHubServer();
    browser = await launchChromium();
    receiver = await startReceiver();
    seller = await createUser(server, { firstName: 'Lia', lastName: 'Live', roles: ['Salesperson'], license: 3 });
    backOffice = await createUser(server, {
      firstName: 'Erp',
      lastName: 'System',
      roles: ['Sales Manager'],
      license: 3,
      integration: true,
    });
    await setIntegration(server, true);
    const connector = await server.api('ol_connectors', {
      method: 'POST',
      body: { ol_name: 'erp', ol_kind: 1, ol_url: receiver.url, ol_payloadformat: 1, ol_timeoutms: 2000 },
    });
    expect(connector.status).toBe(204);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await receiver?.close();
  });

  it('shows the acknowledgement without a reload, in plain words, to the second, details one click away', async () => {
    const orderId = await createSalesRecord(server, { set: 'salesorders', name: 'Live order', desks: 1 }, seller.token);
    const submitted = await server.api(`salesorders(${orderId})`, {
      method: 'PATCH',
      token: seller.token,
      body: { statecode: 1, statuscode: 3 },
    });
    expect(submitted.status).toBe(204);
    const page = await openAs(browser, server.baseUrl, seller.token);
    await page.goto(`/orders/${orderId}`);
    const timeline = page.getByRole('list', { name: 'Integration timeline' });
    await timeline.getByText('Submitted to the back office').waitFor();
    await timeline.getByText('Received by the back office').waitFor();
    await page.getByRole('button', { name: 'Refresh' }).waitFor();

    const acknowledged = await server.api(`salesorders(${orderId})`, {
      method: 'PATCH',
      token: backOffice.token,
      body: { ol_backofficeordernumber: 'ERP-000001', ol_backofficerevision: 1 },
    });
    expect(acknowledged.status).toBe(204);
    await timeline.getByText('Acknowledged as ERP-000001').waitFor();
    await expect.poll(() => field(page, 'Back Office Order Number').inputValue()).toBe('ERP-000001');

    const entry = timeline.getByRole('listitem').filter({ hasText: 'Acknowledged as ERP-000001' });
    expect(await entry.textContent()).toMatch(/\d{1,2}:\d{2}:\d{2}/);
    await entry.getByRole('button', { name: 'Details' }).click();
    await entry.getByText(/Acknowledged by the back office as ERP-000001/).waitFor();
    await expectAccessible(page, 'an order with its timeline details open');
    expect(await entry.getByRole('button', { name: 'Hide details' }).getAttribute('aria-expanded')).toBe('true');
    await page.context().close();
  });
});
