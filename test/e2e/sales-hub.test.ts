/**
 * The Sales Hub in a real browser (PRODUCT.md C7, issue #6): Debian's Chromium drives the built UI
 * served by a real Orderline server on loopback. The tests follow one order from a salesperson to the
 * back office and run in the order written: each step starts where the previous one left the order and
 * the integration switch. Every assertion reads what the page shows, waiting for it with Playwright's
 * locators, never for a fixed time.
 *
 * The demo catalog prices: Standing Desk 649.00; Ergonomic Chair 289.50; Monitor Arm 89.99, with 5% off
 * per unit from 10 units (4.50, rounded to the cent), so 10 arms cost 10 x 85.49 = 854.90.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, type TestServer } from '../support/test-app.js';
import { expectAccessible } from './support/accessibility.js';
import { launchChromium } from './support/chromium.js';
import {
  columnHeaders,
  expectAbsent,
  expectText,
  field,
  holdsFocus,
  NARROW,
  openAs,
  PAGE_TIMEOUT,
  screenshot,
  textAlignOf,
} from './support/hub-pages.js';
import {
  createAccounts,
  createSalesRecord,
  createUser,
  HUB_ADMIN_PASSWORD,
  type HubUser,
  setIntegration,
  startHubServer,
} from './support/hub-server.js';

const STEP_TIMEOUT = 60_000;

describe('the Sales Hub web UI in Chromium', { timeout: STEP_TIMEOUT }, () => {
  let server: TestServer;
  let browser: Browser;
  let salesperson: HubUser;
  let backOffice: HubUser;
  let licenselessCustomizer: HubUser;
  /** The order the salesperson builds, then submits. */
  let orderId: string;

  beforeAll(async () => {
    server = await startHubServer();
    browser = await launchChromium();
    salesperson = await createUser(server, {
      firstName: 'Sam',
      lastName: 'Seller',
      roles: ['Salesperson'],
      license: 3,
    });
    backOffice = await createUser(server, {
      firstName: 'Back',
      lastName: 'Office',
      roles: ['Sales Manager'],
      license: 3,
      integration: true,
    });
    licenselessCustomizer = await createUser(server, {
      firstName: 'Casey',
      lastName: 'Customizer',
      roles: ['System Customizer'],
      license: 1,
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function salespersonPage(): Promise<Page> {
    return openAs(browser, server.baseUrl, salesperson.token);
  }

  it('refuses a wrong token in plain words, then signs in with a good one', async () => {
    const page = await openAs(browser, server.baseUrl, undefined);
    await page.goto('/');
    await page.getByLabel('Access token').fill('not-a-token-anyone-issued');
    await page.getByRole('button', { name: 'Sign in with token' }).click();
    await page.getByText('This access token was not accepted: it may be mistyped, expired or revoked.').waitFor();

    await page.getByLabel('Access token').fill(salesperson.token);
    await page.getByRole('button', { name: 'Sign in with token' }).click();
    await page.getByRole('heading', { name: 'Orders', level: 1 }).waitFor();
    await page.getByText(salesperson.fullName).waitFor();
    await expectAccessible(page, 'the orders list');
    await page.context().close();
  });

  it('shows a refusal from the server in plain words: a salesperson may not create products', async () => {
    const page = await salespersonPage();
    await page.goto('/products/new');
    await field(page, 'Name').fill('Unlisted Lamp');
    await field(page, 'Product ID').fill('LAMP-09');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'You do not have permission to do this' });
    await alert.waitFor();
    await page.context().close();
  });

  it('builds an order with three products, and shows the totals the server computed after every change', async () => {
    const page = await salespersonPage();
    await page.goto('/orders');
    await page.getByRole('button', { name: 'New Order' }).click();
    await field(page, 'Name').fill('Fabrikam office fit-out');
    await field(page, 'Customer').selectOption({ label: 'Contoso Ltd' });
    await field(page, 'Price List').selectOption({ label: 'Retail USD' });
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('The order was created.').waitFor();
    await expectAccessible(page, 'a new order');
    orderId = /\/orders\/([0-9a-f-]{36})$/.exec(page.url())![1]!;

    async function addProduct(product: string, quantity: string) {
      await page.getByRole('button', { name: 'Add Product' }).click();
      const dialog = page.getByRole('dialog', { name: 'Add product' });
      await dialog.getByRole('combobox', { name: 'Product', exact: true }).selectOption({ label: product });
      await dialog.getByLabel('Quantity').fill(quantity);
      await dialog.getByRole('button', { name: 'Add', exact: true }).click();
      await dialog.waitFor({ state: 'detached' });
    }
    const extendedAmountOf = (product: string) =>
      page
        .getByRole('row', { name: new RegExp(`^${product}`) })
        .getByRole('cell')
        .nth(6);

    await addProduct('Standing Desk (DESK-01)', '2');
    await expectText(field(page, 'Detail Amount'), '$1,298.00');
    await addProduct('Ergonomic Chair (CHAIR-02)', '1');
    await expectText(field(page, 'Detail Amount'), '$1,587.50');
    await addProduct('Monitor Arm (ARM-03)', '10');
    await expectText(extendedAmountOf('Monitor Arm'), '$854.90');
    await expectText(field(page, 'Detail Amount'), '$2,442.40');
    await expectText(field(page, 'Total Amount'), '$2,442.40');

    // A second chair: 289.50 more.
    await page.getByRole('button', { name: 'Edit Ergonomic Chair' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit Ergonomic Chair' });
    await edit.getByLabel('Quantity').fill('2');
    await edit.getByRole('button', { name: 'Save line' }).click();
    await expectText(extendedAmountOf('Ergonomic Chair'), '$579.00');
    await expectText(field(page, 'Total Amount'), '$2,731.90');

    // A write-in line counts until it is removed.
    await page.getByRole('button', { name: 'Add Product' }).click();
    const writeIn = page.getByRole('dialog', { name: 'Add product' });
    await writeIn.getByRole('radio', { name: 'Write-in product' }).check();
    await writeIn.getByLabel('Product name').fill('Assembly service');
    await writeIn.getByLabel('Price Per Unit').fill('150');
    await writeIn.getByRole('button', { name: 'Add', exact: true }).click();
    await expectText(field(page, 'Total Amount'), '$2,881.90');
    await page.getByRole('button', { name: 'Remove Assembly service' }).click();
    await expectText(field(page, 'Total Amount'), '$2,731.90');
    await expectAbsent(page.getByRole('row', { name: /^Assembly service/ }), 'The removed line');

    // Freight is added after the header discount.
    await field(page, 'Freight Amount').fill('25');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expectText(field(page, 'Total Amount'), '$2,756.90');
    await expectText(field(page, 'Detail Amount'), '$2,731.90');

    // The integration is off: Create Invoice is offered and Submit Order is not.
    await page.getByRole('button', { name: 'Create Invoice' }).waitFor();
    await expectAbsent(page.getByRole('button', { name: 'Submit Order' }), 'Submit Order');
    await page.context().close();
  });

  it('submits the order while the integration is on, and then locks it for the salesperson', async () => {
    await setIntegration(server, true);
    const page = await salespersonPage();
    await page.goto(`/orders/${orderId}`);
    await page.getByRole('button', { name: 'Submit Order' }).click();
    await page
      .getByRole('dialog', { name: 'Submit this order?' })
      .getByRole('button', { name: 'Submit Order' })
      .click();
    await page.getByText('The order was submitted to the back office.').waitFor();

    await page.getByLabel('Status: Submitted').waitFor();
    await expectAccessible(page, 'a submitted order');
    await page.getByText('Submitted to the back office: read-only').waitFor();
    expect(await field(page, 'Name').isDisabled()).toBe(true);
    expect(await field(page, 'Freight Amount').isDisabled()).toBe(true);
    await expectAbsent(page.getByRole('button', { name: 'Add Product' }), 'Add Product');
    await expectAbsent(page.getByRole('button', { name: 'Save', exact: true }), 'Save');
    await expectAbsent(page.getByRole('button', { name: /^Remove / }), 'Remove buttons');
    await expectAbsent(page.getByRole('button', { name: 'Create Invoice' }), 'Create Invoice');
    await expectAbsent(page.getByRole('button', { name: 'Submit Order' }), 'Submit Order');
    await expectText(field(page, 'Total Amount'), '$2,756.90');
    await screenshot(page, 'order-form');
    await page.context().close();
  });

  it('keeps the submitted order editable for an integration user', async () => {
    const page = await openAs(browser, server.baseUrl, backOffice.token);
    await page.goto(`/orders/${orderId}`);
    // The notice, not the timeline entry of the same words that loads beside it.
    await page.getByText('You are an integration user: you can still change this order').waitFor();
    await expectAbsent(page.getByText('Submitted to the back office: read-only'), 'The read-only banner');
    expect(await field(page, 'Name').isEnabled()).toBe(true);
    await page.getByRole('button', { name: 'Add Product' }).waitFor();

    await field(page, 'Description').fill('Confirmed by the back office as SO-4711.');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved.').waitFor();
    await page.reload();
    await expectText(field(page, 'Description'), 'Confirmed by the back office as SO-4711.');
    await page.context().close();
  });

  it('shows the integration entry in App Settings only to users allowed to change it', async () => {
    for (const user of [salesperson, licenselessCustomizer]) {
      const page = await openAs(browser, server.baseUrl, user.token);
      await page.goto('/settings');
      await page.getByText('There are no general settings for you to manage.').waitFor();
      await expectAbsent(
        page.getByRole('heading', { name: 'Back office order processing integration' }),
        'The integration entry',
      );
      await page.context().close();
    }
  });

  it('turns the integration off in App Settings > General, and the entry disappears', async () => {
    const page = await openAs(browser, server.baseUrl, ADMIN_TOKEN);
    await page.goto('/settings');
    const entry = page.getByRole('heading', { name: 'Back office order processing integration' });
    await entry.waitFor();
    await screenshot(page, 'app-settings');

    await page.getByRole('button', { name: 'Manage' }).click();
    const dialog = page.getByRole('dialog', { name: 'Back office order processing integration' });
    const toggle = dialog.getByRole('switch', { name: 'Sales order processing integration' });
    expect(await toggle.isChecked()).toBe(true);
    await toggle.uncheck();
    await screenshot(page, 'app-settings-manage');
    await dialog.getByRole('button', { name: 'Save' }).click();

    await page.getByText('The back office order processing integration is off.').waitFor();
    await expectAbsent(entry, 'The integration entry');
    const organization = await server.api('organizations?$select=issopintegrationenabled');
    expect(organization.json.value[0].issopintegrationenabled).toBe(false);
    await page.context().close();
  });

  it('offers Create Invoice, not Submit Order, once the integration is off, and creates the invoice', async () => {
    const otherOrder = await createSalesRecord(
      server,
      { set: 'salesorders', name: 'Contoso follow-up order', desks: 1 },
      salesperson.token,
    );
    const page = await salespersonPage();
    await page.goto(`/orders/${otherOrder}`);
    await page.getByRole('button', { name: 'Create Invoice' }).click();
    await page
      .getByRole('dialog', { name: 'Create an invoice from this order?' })
      .getByRole('button', { name: 'Create Invoice' })
      .click();
    await page.getByText('The invoice was created from the order.').waitFor();
    expect(page.url()).toMatch(/\/invoices\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: 'Contoso follow-up order', level: 1 }).waitFor();
    await expectText(field(page, 'Total Amount'), '$649.00');

    await page.goto(`/orders/${otherOrder}`);
    await page.getByLabel('Status: Invoiced').waitFor();
    await expectAbsent(page.getByRole('button', { name: 'Submit Order' }), 'Submit Order');
    await page.context().close();
  });

  it('turns an activated quote into an order, whose prices can be locked and unlocked', async () => {
    const quoteId = await createSalesRecord(
      server,
      { set: 'quotes', name: 'Contoso standing desks', desks: 3 },
      salesperson.token,
    );
    const page = await salespersonPage();
    await page.goto(`/quotes/${quoteId}`);
    await page.getByLabel('Status: Draft').waitFor();
    await page.getByRole('button', { name: 'Activate Quote' }).click();
    await page.getByLabel('Status: Active').waitFor();
    await page.getByRole('button', { name: 'Create Order' }).click();
    await page
      .getByRole('dialog', { name: 'Create an order from this quote?' })
      .getByRole('button', { name: 'Create Order' })
      .click();
    await page.getByText('The order was created from the quote.').waitFor();
    expect(page.url()).toMatch(/\/orders\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: 'Contoso standing desks', level: 1 }).waitFor();
    await expectText(field(page, 'Total Amount'), '$1,947.00');

    await page.getByRole('button', { name: 'Lock Pricing' }).click();
    await page.getByText('Prices are locked').waitFor();
    await page.getByRole('button', { name: 'Use Current Pricing' }).click();
    await page.getByText('Prices are unlocked and recalculated from the price list.').waitFor();
    await page.getByRole('button', { name: 'Lock Pricing' }).waitFor();
    await expectText(field(page, 'Total Amount'), '$1,947.00');
    await page.context().close();
  });

  it('lists records a page at a time, and searches them', async () => {
    await createAccounts(server, 'Northwind branch', 30);
    const page = await salespersonPage();
    await page.goto('/accounts');
    const rows = page.getByRole('table', { name: 'Accounts' }).getByRole('row');
    await page.getByText('31 accounts').waitFor();
    await expectText(page.getByText(/^Page \d+$/), 'Page 1');
    expect(await rows.count(), 'the header row and 25 accounts').toBe(26);
    await page.getByRole('button', { name: 'Next page' }).click();
    await expectText(page.getByText(/^Page \d+$/), 'Page 2');
    await page.getByRole('link', { name: 'Northwind branch 30' }).waitFor();
    expect(await rows.count(), 'the header row and the last 6 accounts').toBe(7);
    expect(await page.getByRole('button', { name: 'Next page' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Previous page' }).click();
    await page.getByRole('link', { name: 'Contoso Ltd' }).waitFor();

    await page.getByRole('searchbox', { name: 'Search accounts' }).fill('branch 1');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByText('10 accounts matching “branch 1”').waitFor();
    expect(page.url()).toMatch(/\/accounts\?search=branch%201$/);
    await page.context().close();
  });

  it('names the product lines table and its columns, and keeps the focus in the line dialog until it closes', async () => {
    const order = await createSalesRecord(
      server,
      { set: 'salesorders', name: 'Contoso keyboard order', desks: 2 },
      salesperson.token,
    );
    const page = await salespersonPage();
    await page.goto(`/orders/${order}`);
    const table = page.getByRole('table', { name: 'Product lines' });
    const desk = table.getByRole('row', { name: /^Standing Desk/ });
    await desk.getByRole('button', { name: 'Remove Standing Desk' }).waitFor();
    expect(await columnHeaders(table)).toEqual([
      'Product',
      'Quantity',
      'Unit',
      'Price Per Unit',
      'Volume Discount',
      'Manual Discount',
      'Extended Amount',
      'Actions',
    ]);
    await expectText(desk.getByRole('cell').nth(6), '$1,298.00');
    expect(await textAlignOf(desk.getByRole('cell').nth(6))).toBe('right');

    const add = page.getByRole('button', { name: 'Add Product' });
    await add.click();
    const dialog = page.getByRole('dialog', { name: 'Add product' });
    expect(await dialog.getAttribute('aria-modal')).toBe('true');
    await expect.poll(() => holdsFocus(dialog), { timeout: PAGE_TIMEOUT }).toBe(true);
    // More Tabs than the dialog has controls: the focus goes round inside it, never to the page behind.
    for (let press = 0; press < 12; press += 1) {
      await page.keyboard.press('Tab');
      expect(await holdsFocus(dialog), `after ${press + 1} Tabs`).toBe(true);
    }
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => holdsFocus(add), { timeout: PAGE_TIMEOUT }).toBe(true);
    await page.context().close();
  });

  it('names the price list items table, and keeps a refusal in the dialog beside what was typed', async () => {
    const priceList = await server.api(`pricelevels?$filter=name eq 'Retail USD'&$select=pricelevelid`);
    const page = await salespersonPage();
    await page.goto(`/pricelists/${priceList.json.value[0].pricelevelid}`);
    const table = page.getByRole('table', { name: 'Price list items' });
    const desk = table.getByRole('row', { name: /^Standing Desk/ });
    await desk.getByRole('button', { name: 'Edit Standing Desk' }).waitFor();
    expect(await columnHeaders(table)).toEqual(['Product', 'Unit', 'Pricing Method', 'Amount', 'Actions']);
    expect(await textAlignOf(desk.getByRole('cell').nth(3))).toBe('right');

    // A salesperson may read the catalog, not price it: the server refuses, and the dialog stays open.
    const add = page.getByRole('button', { name: 'Add Price List Item' });
    await add.click();
    const dialog = page.getByRole('dialog', { name: 'Add price list item' });
    await dialog.getByRole('combobox', { name: 'Product' }).selectOption({ label: 'Monitor Arm (ARM-03)' });
    await dialog.getByRole('textbox', { name: 'Amount' }).fill('79.99');
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await dialog.getByRole('alert').filter({ hasText: 'You do not have permission to do this' }).waitFor();
    await expectText(dialog.getByRole('textbox', { name: 'Amount' }), '79.99');
    expect(await dialog.getByRole('button', { name: 'Add', exact: true }).isEnabled()).toBe(true);
    await screenshot(page, 'price-list-item-refused');

    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => holdsFocus(add), { timeout: PAGE_TIMEOUT }).toBe(true);
    await page.context().close();
  });

  it('works on a 400 px screen: the site map folds behind Menu and nothing overflows sideways', async () => {
    const page = await openAs(browser, server.baseUrl, salesperson.token, NARROW);
    await page.goto(`/orders/${orderId}`);
    await page.getByRole('heading', { name: 'Fabrikam office fit-out', level: 1 }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Site map' }).isVisible()).toBe(false);
    const overflow = await page.locator('html').evaluate((html) => html.scrollWidth - html.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'order-form-narrow');

    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('link', { name: 'Invoices' }).click();
    await page.getByRole('heading', { name: 'Invoices', level: 1 }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Site map' }).isVisible()).toBe(false);
    await page.context().close();
  });

  it('can be used with the keyboard alone: sign in, then reach App Settings from the site map', async () => {
    const page = await openAs(browser, server.baseUrl, undefined);
    await page.goto('/');
    await page.getByRole('heading', { name: 'Sign in to Orderline' }).waitFor();
    // The page opens with the focus on its heading; the user name and password fields are next.
    await page.keyboard.press('Tab');
    expect(await page.locator(':focus').getAttribute('autocomplete')).toBe('username');
    await page.keyboard.type('admin');
    await page.keyboard.press('Tab');
    expect(await page.locator(':focus').getAttribute('type')).toBe('password');
    await page.keyboard.type(HUB_ADMIN_PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Orders', level: 1 }).waitFor();

    // From the page's heading, the site map is just before it: its last link is App Settings.
    await page.keyboard.press('Shift+Tab');
    expect(await page.locator(':focus').textContent()).toBe('App Settings');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'App Settings', level: 1 }).waitFor();
    expect(await page.locator(':focus').evaluate((element) => element.tagName)).toBe('H1');
    await page.context().close();
  });
});
