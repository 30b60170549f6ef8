/**
 * Irreversible actions ask first (issue #14): Submit Order says what happens next and whether a back
 * office is connected; Cancel Order takes a status reason and a description; Close Opportunity takes
 * won or lost, the status reason, the actual revenue, the close date and a description; a closed
 * opportunity can be reopened. Each dialog's Cancel changes nothing. On both stores.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support/test-app.js';
import { TEST_STORES } from '../support/test-stores.js';
import { expectAccessible } from './support/accessibility.js';
import { launchChromium } from './support/chromium.js';
import { field, openAs } from './support/hub-pages.js';
import { createSalesRecord, createUser, type HubUser, setIntegration, startHubServer } from './support/hub-server.js';

describe.each(TEST_STORES)('confirmation dialogs, in Chromium (%s)', { timeout: 60_000 }, (kind) => {
  let server: TestServer;
  let browser: Browser;
  let seller: HubUser;

  beforeAll(async () => {
    server = await startHubServer({}, kind);
    browser = await launchChromium();
    seller = await createUser(server, { firstName: 'Dana', lastName: 'Dialog', roles: ['Salesperson'], license: 3 });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const read = async (path: string) => (await server.api(path)).json;
  const open = async (path: string): Promise<Page> => {
    const page = await openAs(browser, server.baseUrl, seller.token);
    await page.goto(path);
    return page;
  };

  it('Submit Order says what happens next, and Cancel in the dialog submits nothing', async () => {
    await setIntegration(server, true);
    const orderId = await createSalesRecord(server, { set: 'salesorders', name: 'To submit', desks: 1 }, seller.token);
    const page = await open(`/orders/${orderId}`);
    await page.getByRole('button', { name: 'Submit Order' }).click();
    const dialog = page.getByRole('dialog', { name: 'Submit this order?' });
    await dialog.getByText(/read-only here: only the back office changes it/).waitFor();
    await dialog.getByText(/No back office is connected/).waitFor();
    await expectAccessible(page, 'the Submit Order dialog');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect((await read(`salesorders(${orderId})?$select=statecode`)).statecode).toBe(0);

    await page.getByRole('button', { name: 'Submit Order' }).click();
    await dialog.getByRole('button', { name: 'Submit Order' }).click();
    await page.getByText('The order was submitted to the back office.').waitFor();
    expect((await read(`salesorders(${orderId})?$select=statecode`)).statecode).toBe(1);
    await page.context().close();
  });

  it('Cancel Order asks for the status reason and a description, kept on the order close', async () => {
    await setIntegration(server, false);
    const orderId = await createSalesRecord(server, { set: 'salesorders', name: 'To cancel', desks: 1 }, seller.token);
    const page = await open(`/orders/${orderId}`);
    await page.getByRole('button', { name: 'Cancel Order' }).click();
    const dialog = page.getByRole('dialog', { name: 'Cancel this order?' });
    await dialog.getByRole('combobox', { name: 'Status Reason' }).selectOption({ label: 'No Money' });
    await dialog.getByRole('textbox', { name: 'Description' }).fill('The customer’s budget was cut.');
    await dialog.getByRole('button', { name: 'Cancel Order' }).click();
    await page.getByText('The order is canceled.').waitFor();
    const order = await read(`salesorders(${orderId})?$select=statecode,statuscode`);
    expect([order.statecode, order.statuscode]).toEqual([2, 4]);
    const closes = await read(`ordercloses?$filter=_salesorderid_value eq ${orderId}&$select=description`);
    expect(closes.value.map((close: { description: string }) => close.description)).toEqual([
      'The customer’s budget was cut.',
    ]);
    await page.context().close();
  });

  it('Close Opportunity takes the outcome, revenue and date; a won opportunity can be reopened', async () => {
    const account = (await read(`accounts?$filter=name eq 'Contoso Ltd'&$select=accountid`)).value[0].accountid;
    const created = await server.api('opportunities', {
      method: 'POST',
      token: seller.token,
      body: { name: 'Big desk deal', 'customerid_account@odata.bind': `/accounts(${account})` },
    });
    expect(created.status).toBe(204);
    const opportunityId = /\(([0-9a-f-]{36})\)/.exec(created.headers.get('odata-entityid') ?? '')![1]!;
    const page = await open(`/opportunities/${opportunityId}`);
    await page.getByRole('button', { name: 'Close as Won' }).click();
    const dialog = page.getByRole('dialog', { name: 'Close Opportunity' });
    expect(await dialog.getByRole('radio', { name: 'Won' }).isChecked()).toBe(true);
    await dialog.getByRole('textbox', { name: 'Actual Revenue' }).fill('12500.50');
    await dialog.getByLabel('Close Date').fill('2026-11-30');
    await dialog.getByRole('textbox', { name: 'Description' }).fill('Signed after the demo.');
    await dialog.getByRole('button', { name: 'Close Opportunity' }).click();
    await page.getByText('The opportunity is won.').waitFor();
    const won = await read(`opportunities(${opportunityId})?$select=statecode,actualvalue,actualclosedate`);
    expect(won).toMatchObject({ statecode: 1, actualvalue: 12500.5, actualclosedate: '2026-11-30' });

    await page.getByRole('button', { name: 'Reopen Opportunity' }).click();
    await page.getByText('The opportunity is open again.').waitFor();
    expect((await read(`opportunities(${opportunityId})?$select=statecode`)).statecode).toBe(0);
    expect(await field(page, 'Topic').isEnabled()).toBe(true);
    await page.context().close();
  });
});
