/**
 * A live timeline (issue #14): while an order is open, the back office's acknowledgement appears
 * without a reload, written for a salesperson ("Acknowledged as ERP-…"), timed to the second, with the
 * technical summary one click away; every form has Refresh. As the back office moves the order on,
 * each status it reports appears in the same words (Confirmed, Picked, Shipped, Delivered, Invoiced),
 * and the polls in between are answered 304 (nothing new, no body). On both stores.
 */
import type { Browser, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Receiver, startReceiver } from '../bridge/receiver.js';
import type { TestServer } from '../support/test-app.js';
import { TEST_STORES } from '../support/test-stores.js';
import { expectAccessible } from './support/accessibility.js';
import { launchChromium } from './support/chromium.js';
import { field, openAs } from './support/hub-pages.js';
import { createSalesRecord, createUser, type HubUser, setIntegration, startHubServer } from './support/hub-server.js';

describe.each(TEST_STORES)('the live integration timeline, in Chromium (%s)', { timeout: 60_000 }, (kind) => {
  let server: TestServer;
  let browser: Browser;
  let receiver: Receiver;
  let seller: HubUser;
  let backOffice: HubUser;

  beforeAll(async () => {
    server = await startHubServer({}, kind);
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

  it('shows each status the back office reports as it comes, and polls with nothing new are answered 304', async () => {
    const orderId = await createSalesRecord(
      server,
      { set: 'salesorders', name: 'Moving order', desks: 1 },
      seller.token,
    );
    const submitted = await server.api(`salesorders(${orderId})`, {
      method: 'PATCH',
      token: seller.token,
      body: { statecode: 1, statuscode: 3 },
    });
    expect(submitted.status).toBe(204);
    const page = await openAs(browser, server.baseUrl, seller.token);
    const polls: number[] = [];
    page.on('response', (response: Response) => {
      if (response.url().includes('/ol_timelineentries?') && response.url().includes('$top=1')) {
        polls.push(response.status());
      }
    });
    await page.goto(`/orders/${orderId}`);
    const timeline = page.getByRole('list', { name: 'Integration timeline' });
    await timeline.getByText('Received by the back office').waitFor();
    // Nothing new for a while: the polls are answered 304.
    await expect.poll(() => polls.filter((status) => status === 304).length, { timeout: 20_000 }).toBeGreaterThan(0);

    let revision = 0;
    const report = async (path: string, body: Record<string, unknown>) => {
      revision += 1;
      const answer = await server.api(path, {
        method: 'PATCH',
        token: backOffice.token,
        body: { ...body, ol_backofficerevision: revision },
      });
      expect(answer.status, answer.text).toBe(204);
    };
    const [line] = (
      await server.api(`salesorderdetails?$filter=_salesorderid_value eq ${orderId}&$select=quantity,productname`)
    ).json.value;
    await report(`salesorders(${orderId})`, { ol_backofficeordernumber: 'ERP-000002', ol_processingstatus: 2 });
    await timeline.getByText('Acknowledged as ERP-000002').waitFor();
    await timeline.getByText('Confirmed', { exact: true }).waitFor();
    await report(`salesorders(${orderId})`, { ol_processingstatus: 3 });
    await timeline.getByText('Picked', { exact: true }).waitFor();
    await report(`salesorderdetails(${line.salesorderdetailid})`, { quantityshipped: line.quantity });
    await timeline.getByText(`Shipped ${line.quantity} × ${line.productname}`, { exact: true }).waitFor();
    await report(`salesorders(${orderId})`, { ol_processingstatus: 5 });
    await timeline.getByText('Delivered', { exact: true }).waitFor();
    await report(`salesorders(${orderId})`, { ol_processingstatus: 7 });
    await timeline.getByText('Invoiced', { exact: true }).waitFor();
    await expectAccessible(page, 'an order the back office moved on');
    await page.context().close();
  });
});
