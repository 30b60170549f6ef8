/**
 * Quotes, opportunities, invoices and products show only the commands the server allows (issue #14), and every
 * irreversible one asks first: Create Order from a quote (offering to close its opportunity as won, in
 * one change set), Close Quote, Fulfill Order, Create Invoice, Mark as Paid and Cancel Invoice. Each
 * dialog passes the accessibility check, and its Cancel changes nothing. On both stores.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support/test-app.js';
import { TEST_STORES } from '../support/test-stores.js';
import { expectAccessible } from './support/accessibility.js';
import { launchChromium } from './support/chromium.js';
import { expectAbsent, openAs } from './support/hub-pages.js';
import { createSalesRecord, createUser, type HubUser, setIntegration, startHubServer } from './support/hub-server.js';

const idIn = (entityId: string | null) => /\(([0-9a-f-]{36})\)/.exec(entityId ?? '')![1]!;

describe.each(TEST_STORES)('sales record commands and their dialogs, in Chromium (%s)', { timeout: 90_000 }, (kind) => {
  let server: TestServer;
  let browser: Browser;
  let owner: HubUser;
  let colleague: HubUser;
  let accountId: string;

  beforeAll(async () => {
    server = await startHubServer({}, kind);
    browser = await launchChromium();
    owner = await createUser(server, { firstName: 'Quinn', lastName: 'Quoter', roles: ['Salesperson'], license: 3 });
    colleague = await createUser(server, {
      firstName: 'Cody',
      lastName: 'Colleague',
      roles: ['Salesperson'],
      license: 3,
    });
    accountId = (await read(`accounts?$filter=name eq 'Contoso Ltd'&$select=accountid`)).value[0].accountid;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function read(path: string) {
    const response = await server.api(path);
    expect(response.status, response.text).toBe(200);
    return response.json;
  }
  /** A write as the owner; answers the created record's id, if any. */
  async function write(path: string, body: Record<string, unknown>, method = 'POST'): Promise<any> {
    const response = await server.api(path, { method, body, token: owner.token });
    expect(response.status, response.text).toBeLessThan(300);
    return response.headers.get('odata-entityid') ? idIn(response.headers.get('odata-entityid')) : response.json;
  }
  const newOpportunity = (name: string): Promise<string> =>
    write('opportunities', { name, 'customerid_account@odata.bind': `/accounts(${accountId})` });
  async function newInvoice(name: string): Promise<string> {
    const id = await write('invoices', { name, 'customerid_account@odata.bind': `/accounts(${accountId})` });
    await write('invoicedetails', {
      'invoiceid@odata.bind': `/invoices(${id})`,
      isproductoverridden: true,
      productdescription: 'Installation',
      quantity: 1,
      priceperunit: 120,
    });
    return id;
  }
  const open = async (user: HubUser, path: string, heading: string): Promise<Page> => {
    const page = await openAs(browser, server.baseUrl, user.token);
    await page.goto(path);
    await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Refresh' }).waitFor();
    return page;
  };
  /** Opens a command's dialog, checks it, and answers it. */
  async function dialogOf(page: Page, command: string, title: string): Promise<Locator> {
    await page.getByRole('button', { name: command, exact: true }).click();
    const dialog = page.getByRole('dialog', { name: title });
    await dialog.waitFor();
    // expectAccessible waits for the dialog's opening animation to end (axe measures what is painted).
    await expectAccessible(page, `the ${command} dialog`);
    return dialog;
  }
  async function cancel(dialog: Locator) {
    await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
  }

  it('offers the owner the commands of each state and a colleague none that change the record', async () => {
    const opportunityId = await newOpportunity('Quinn’s opportunity');
    const quoteId = await createSalesRecord(server, { set: 'quotes', name: 'Quinn’s quote', desks: 1 }, owner.token);
    const invoiceId = await newInvoice('Quinn’s invoice');
    const screens = [
      {
        path: `/opportunities/${opportunityId}`,
        heading: 'Quinn’s opportunity',
        owner: ['Save', 'Create Quote', 'Close as Won', 'Close as Lost'],
        neither: ['Reopen Opportunity'],
        // Any salesperson may make a quote of their own from an opportunity they can read.
        colleague: ['Create Quote'],
      },
      {
        path: `/quotes/${quoteId}`,
        heading: 'Quinn’s quote',
        owner: ['Save', 'Activate Quote'],
        neither: ['Create Order', 'Revise', 'Close Quote'],
        colleague: [],
      },
      {
        path: `/invoices/${invoiceId}`,
        heading: 'Quinn’s invoice',
        owner: ['Save', 'Lock Pricing', 'Recalculate', 'Mark as Paid', 'Cancel Invoice'],
        neither: ['Reactivate Invoice', 'Use Current Pricing'],
        colleague: [],
      },
    ];
    for (const screen of screens) {
      const mine = await open(owner, screen.path, screen.heading);
      for (const name of screen.owner) await mine.getByRole('button', { name, exact: true }).waitFor();
      for (const name of screen.neither) await expectAbsent(mine.getByRole('button', { name, exact: true }), name);
      await mine.context().close();

      const theirs = await open(colleague, screen.path, screen.heading);
      await expectAccessible(theirs, `a colleague's view of ${screen.heading}`);
      for (const name of screen.colleague) await theirs.getByRole('button', { name, exact: true }).waitFor();
      for (const name of [...screen.owner, ...screen.neither].filter((n) => !screen.colleague.includes(n))) {
        await expectAbsent(theirs.getByRole('button', { name, exact: true }), `${name} for a colleague`);
      }
      await theirs.context().close();
    }
  });

  it('offers Publish on a Draft product to a Sales Manager, who may change the catalog, and not to a salesperson', async () => {
    const manager = await createUser(server, {
      firstName: 'Morgan',
      lastName: 'Manager',
      roles: ['Sales Manager'],
      license: 3,
    });
    const created = await server.api('products', {
      method: 'POST',
      body: { name: 'Draft lamp', productnumber: `LAMP-${kind}` },
    });
    expect(created.status, created.text).toBe(204);
    const productId = idIn(created.headers.get('odata-entityid'));
    const theirs = await open(owner, `/products/${productId}`, 'Draft lamp');
    await expectAbsent(theirs.getByRole('button', { name: 'Publish' }), 'Publish for a salesperson');
    await theirs.context().close();

    const page = await open(manager, `/products/${productId}`, 'Draft lamp');
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText('The product is published').waitFor();
    expect((await read(`products(${productId})?$select=statecode`)).statecode).toBe(0);
    await page.getByLabel('Status: Active').waitFor();
    await expectAbsent(page.getByRole('button', { name: 'Publish' }), 'Publish on an Active product');
    await page.context().close();
  });

  it('Create Order says what happens, and closes the opportunity as won in the same change when chosen', async () => {
    const opportunityId = await newOpportunity('Standing desks for Contoso');
    const quote = await write('GenerateQuoteFromOpportunity', {
      OpportunityId: opportunityId,
      ColumnSet: { AllColumns: true },
    });
    await write('quotedetails', {
      'quoteid@odata.bind': `/quotes(${quote.quoteid})`,
      isproductoverridden: true,
      productdescription: 'Desk',
      quantity: 2,
      priceperunit: 450,
    });
    await write(`quotes(${quote.quoteid})`, { statecode: 1, statuscode: 2 }, 'PATCH');
    const page = await open(owner, `/quotes/${quote.quoteid}`, 'Standing desks for Contoso');

    let dialog = await dialogOf(page, 'Create Order', 'Create an order from this quote?');
    await dialog.getByText(/The quote is closed as Won/).waitFor();
    const offer = dialog.getByRole('checkbox', { name: 'Close the opportunity Standing desks for Contoso as won' });
    expect(await offer.isChecked()).toBe(true);
    await cancel(dialog);
    const orders = `salesorders?$filter=_quoteid_value eq ${quote.quoteid}&$select=salesorderid`;
    expect((await read(orders)).value).toEqual([]);
    expect((await read(`quotes(${quote.quoteid})?$select=statecode`)).statecode).toBe(1);

    dialog = await dialogOf(page, 'Create Order', 'Create an order from this quote?');
    await dialog.getByRole('textbox', { name: 'Actual Revenue' }).fill('900');
    await dialog.getByLabel('Date Won').fill('2026-12-01');
    await dialog.getByRole('button', { name: 'Create Order' }).click();
    await page
      .getByText('The order was created from the quote, and Standing desks for Contoso is closed as won.')
      .waitFor();
    expect(page.url()).toMatch(/\/orders\/[0-9a-f-]{36}$/);
    // The order is shown to assistive technologies too, once the dialog has given the page back.
    await page.getByRole('heading', { name: 'Standing desks for Contoso', level: 1 }).waitFor();
    await expectAccessible(page, 'the order Create Order opened');
    expect((await read(orders)).value).toHaveLength(1);
    expect((await read(`quotes(${quote.quoteid})?$select=statecode`)).statecode).toBe(2);
    const won = await read(`opportunities(${opportunityId})?$select=statecode,actualvalue,actualclosedate`);
    expect(won).toMatchObject({ statecode: 1, actualvalue: 900, actualclosedate: '2026-12-01' });
    await page.context().close();
  });

  it('Create Order changes nothing when the opportunity can no longer be won, and says why', async () => {
    const opportunityId = await newOpportunity('Contested deal');
    const quote = await write('GenerateQuoteFromOpportunity', {
      OpportunityId: opportunityId,
      ColumnSet: { AllColumns: true },
    });
    await write(`quotes(${quote.quoteid})`, { statecode: 1, statuscode: 2 }, 'PATCH');
    const page = await open(owner, `/quotes/${quote.quoteid}`, 'Contested deal');
    const dialog = await dialogOf(page, 'Create Order', 'Create an order from this quote?');
    await dialog.getByRole('checkbox', { name: 'Close the opportunity Contested deal as won' }).waitFor();
    // Someone else closes the opportunity while the dialog is open.
    await write('LoseOpportunity', {
      OpportunityClose: { subject: 'Lost', 'opportunityid@odata.bind': `/opportunities(${opportunityId})` },
      Status: -1,
    });
    await dialog.getByRole('button', { name: 'Create Order' }).click();
    await dialog
      .getByRole('alert')
      .getByText(/cannot move the opportunity .* from Lost to Won/)
      .waitFor();
    const orders = await read(`salesorders?$filter=_quoteid_value eq ${quote.quoteid}&$select=salesorderid`);
    expect(orders.value).toEqual([]);
    expect((await read(`quotes(${quote.quoteid})?$select=statecode`)).statecode).toBe(1);
    await page.context().close();
  });

  it('Close Quote takes the outcome, the close date and a description', async () => {
    const quoteId = await createSalesRecord(server, { set: 'quotes', name: 'Quote to close', desks: 1 }, owner.token);
    await write(`quotes(${quoteId})`, { statecode: 1, statuscode: 2 }, 'PATCH');
    const page = await open(owner, `/quotes/${quoteId}`, 'Quote to close');
    let dialog = await dialogOf(page, 'Close Quote', 'Close this quote?');
    await cancel(dialog);
    expect((await read(`quotes(${quoteId})?$select=statecode`)).statecode).toBe(1);

    dialog = await dialogOf(page, 'Close Quote', 'Close this quote?');
    for (const outcome of ['Won', 'Lost', 'Canceled']) await dialog.getByRole('radio', { name: outcome }).waitFor();
    await dialog.getByRole('radio', { name: 'Canceled' }).check();
    await dialog.getByLabel('Close Date').fill('2026-11-20');
    await dialog.getByRole('textbox', { name: 'Description' }).fill('The customer chose another supplier.');
    await dialog.getByRole('button', { name: 'Close Quote' }).click();
    await page.getByText('The quote is closed as Canceled.').waitFor();
    const closed = await read(`quotes(${quoteId})?$select=statecode,statuscode`);
    expect([closed.statecode, closed.statuscode]).toEqual([3, 6]);
    const closes = await read(`quotecloses?$filter=_quoteid_value eq ${quoteId}&$select=description,actualend`);
    expect(closes.value).toMatchObject([{ description: 'The customer chose another supplier.' }]);
    expect(closes.value[0].actualend).toMatch(/^2026-11-20/);
    await page.getByRole('button', { name: 'Revise' }).waitFor();
    await expectAbsent(page.getByRole('button', { name: 'Close Quote' }), 'Close Quote on a closed quote');
    await page.context().close();
  });

  it('Fulfill Order and Create Invoice ask first', async () => {
    await setIntegration(server, false);
    const orderId = await createSalesRecord(
      server,
      { set: 'salesorders', name: 'Order to ship', desks: 1 },
      owner.token,
    );
    const page = await open(owner, `/orders/${orderId}`, 'Order to ship');
    await cancel(await dialogOf(page, 'Create Invoice', 'Create an invoice from this order?'));
    let dialog = await dialogOf(page, 'Fulfill Order', 'Fulfill this order?');
    await cancel(dialog);
    expect((await read(`salesorders(${orderId})?$select=statecode`)).statecode).toBe(0);

    dialog = await dialogOf(page, 'Fulfill Order', 'Fulfill this order?');
    await dialog.getByRole('combobox', { name: 'Status Reason' }).selectOption({ label: 'Partial' });
    await dialog.getByRole('textbox', { name: 'Description' }).fill('Half shipped today.');
    await dialog.getByRole('button', { name: 'Fulfill Order' }).click();
    await page.getByText('The order is fulfilled.').waitFor();
    const order = await read(`salesorders(${orderId})?$select=statecode,statuscode`);
    expect([order.statecode, order.statuscode]).toEqual([3, 100002]);
    const closes = await read(`ordercloses?$filter=_salesorderid_value eq ${orderId}&$select=description`);
    expect(closes.value).toMatchObject([{ description: 'Half shipped today.' }]);
    await page.context().close();
  });

  it('Mark as Paid takes the status reason and Cancel Invoice asks first; a closed invoice can be reactivated', async () => {
    const paidId = await newInvoice('Invoice to pay');
    const page = await open(owner, `/invoices/${paidId}`, 'Invoice to pay');
    let dialog = await dialogOf(page, 'Mark as Paid', 'Mark this invoice as paid?');
    await cancel(dialog);
    expect((await read(`invoices(${paidId})?$select=statecode`)).statecode).toBe(0);
    dialog = await dialogOf(page, 'Mark as Paid', 'Mark this invoice as paid?');
    await dialog.getByRole('combobox', { name: 'Status Reason' }).selectOption({ label: 'Partial' });
    await dialog.getByRole('button', { name: 'Mark as Paid' }).click();
    await page.getByText('The invoice is paid.').waitFor();
    const paid = await read(`invoices(${paidId})?$select=statecode,statuscode`);
    expect([paid.statecode, paid.statuscode]).toEqual([2, 100002]);
    await expectAbsent(page.getByRole('button', { name: 'Save' }), 'Save on a paid invoice');
    await page.getByRole('button', { name: 'Reactivate Invoice' }).click();
    await page.getByText('The invoice is active again and can be edited.').waitFor();
    expect((await read(`invoices(${paidId})?$select=statecode`)).statecode).toBe(0);
    await page.context().close();

    const canceledId = await newInvoice('Invoice to cancel');
    const other = await open(owner, `/invoices/${canceledId}`, 'Invoice to cancel');
    dialog = await dialogOf(other, 'Cancel Invoice', 'Cancel this invoice?');
    await cancel(dialog);
    expect((await read(`invoices(${canceledId})?$select=statecode`)).statecode).toBe(0);
    dialog = await dialogOf(other, 'Cancel Invoice', 'Cancel this invoice?');
    await dialog.getByRole('button', { name: 'Cancel Invoice' }).click();
    await other.getByText('The invoice is canceled.').waitFor();
    expect((await read(`invoices(${canceledId})?$select=statecode`)).statecode).toBe(3);
    await other.context().close();
  });
});
