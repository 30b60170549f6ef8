/**
 * Administration > Users in Chromium (issue #14): an administrator adds a salesperson with a Sales
 * license, the Salesperson role and a password from the page; the salesperson signs in with that
 * password and sees the orders; the administrator disables them and their session stops working at
 * once. A salesperson opening the same page sees what the server lets them read (their own row) and the
 * server's refusal, in plain words, when they try to add or change a user. On both stores.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support/test-app.js';
import { TEST_STORES } from '../support/test-stores.js';
import { expectAccessible } from './support/accessibility.js';
import { launchChromium } from './support/chromium.js';
import { expectText, openAs, screenshotOnFirstStore } from './support/hub-pages.js';
import { createUser, HUB_ADMIN_PASSWORD, type HubUser, startHubServer } from './support/hub-server.js';

const SAM = { userName: 'sam@orderline.test', password: 'sams-password-123' };

async function signInWithPassword(page: Page, userName: string, password: string): Promise<void> {
  await page.goto('/');
  await page.getByLabel(/^User name\W*$/).fill(userName);
  await page.getByLabel(/^Password\W*$/).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('heading', { name: 'Orders', level: 1 }).waitFor();
}

async function openUsersPage(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Site map' }).getByRole('link', { name: 'Users' }).click();
  await page.getByRole('heading', { name: 'Users', level: 1 }).waitFor();
}

const idIn = (entityId: string | null) => /\(([^)]+)\)$/.exec(entityId ?? '')?.[1];

const usersTable = (page: Page) => page.getByRole('table', { name: 'Users' });
const userRow = (page: Page, text: string) => usersTable(page).getByRole('row').filter({ hasText: text });

describe.each(TEST_STORES)('the Users administration page, in Chromium (%s)', { timeout: 90_000 }, (kind) => {
  let server: TestServer;
  let browser: Browser;
  let admin: Page;
  let sam: Page;
  let salesperson: HubUser;

  beforeAll(async () => {
    server = await startHubServer({}, kind);
    browser = await launchChromium();
    salesperson = await createUser(server, {
      firstName: 'Pat',
      lastName: 'Seller',
      roles: ['Salesperson'],
      license: 2,
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('an administrator adds a salesperson with a license, the Salesperson role and a password', async () => {
    admin = await openAs(browser, server.baseUrl, undefined);
    await admin.goto('/');
    await admin.getByRole('heading', { name: 'Sign in to Orderline', level: 1 }).waitFor();
    await screenshotOnFirstStore(kind, admin, 'sign-in');
    await signInWithPassword(admin, 'admin', HUB_ADMIN_PASSWORD);
    await openUsersPage(admin);
    await userRow(admin, 'pat.seller@orderline.test').waitFor();
    await expectAccessible(admin, 'the Users page');

    await admin.getByRole('button', { name: 'New user' }).click();
    const dialog = admin.getByRole('dialog', { name: 'New user' });
    await dialog.waitFor();
    await dialog.getByLabel(/^User name\W*$/).fill(SAM.userName);
    await dialog.getByLabel('First name').fill('Sam');
    await dialog.getByLabel('Last name').fill('Seller');
    await dialog.getByRole('combobox', { name: 'Sales license' }).selectOption({ label: 'Sales Enterprise' });
    await dialog.getByRole('checkbox', { name: 'Salesperson' }).check();
    await dialog.getByLabel('Password').fill(SAM.password);
    await expectAccessible(admin, 'the New user dialog');
    await dialog.getByRole('button', { name: 'Add user' }).click();

    await admin.getByText('Sam Seller was added.').waitFor();
    const row = userRow(admin, SAM.userName);
    await expectText(row.getByRole('cell').nth(0), 'Sam Seller');
    await expectText(row.getByRole('cell').nth(3), 'Sales Enterprise');
    await expectText(row.getByRole('cell').nth(4), 'No');
    await expectText(row.getByRole('cell').nth(5), 'Enabled');
    await expectText(row.getByRole('cell').nth(6), 'Salesperson');
    await screenshotOnFirstStore(kind, admin, 'users-admin');

    // What the page showed is what the server holds.
    const stored = await server.api(
      `systemusers?$filter=domainname eq '${SAM.userName}'&$select=ol_saleslicense,isintegrationuser&$expand=systemuserroles_association($select=name)`,
    );
    expect(stored.json.value).toMatchObject([
      { ol_saleslicense: 2, isintegrationuser: false, systemuserroles_association: [{ name: 'Salesperson' }] },
    ]);
  });

  it('the new salesperson signs in with the password and sees the orders list', async () => {
    sam = await openAs(browser, server.baseUrl, undefined);
    await signInWithPassword(sam, SAM.userName, SAM.password);
    await sam.getByText('Sam Seller').first().waitFor();
    await expectAccessible(sam, "the salesperson's orders list");
  });

  it('the administrator disables the salesperson, and their session stops working at once', async () => {
    const row = userRow(admin, SAM.userName);
    await row.getByRole('button', { name: 'Disable Sam Seller' }).click();
    await admin.getByText('Sam Seller is disabled: their sessions and tokens no longer work.').waitFor();
    await expectText(row.getByRole('cell').nth(5), 'Disabled');
    await expectAccessible(admin, 'the Users page after disabling a user');

    const refused = await sam.context().request.get('/api/data/v9.2/WhoAmI');
    expect(refused.status()).toBe(401);
    await sam.reload();
    await sam.getByRole('heading', { name: 'Sign in to Orderline', level: 1 }).waitFor();
    await sam.context().close();
  });

  it('an administrator changes a license, swaps roles and resets a password, and the user signs in with it', async () => {
    const eve = await createUser(server, { firstName: 'Eve', lastName: 'Editor', roles: ['Salesperson'], license: 1 });
    await admin.reload();
    await admin.getByRole('heading', { name: 'Users', level: 1 }).waitFor();
    await userRow(admin, 'eve.editor@orderline.test').getByRole('button', { name: 'Edit Eve Editor' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Edit Eve Editor' });
    await dialog.getByRole('combobox', { name: 'Sales license' }).selectOption({ label: 'Sales Premium' });
    await dialog.getByRole('checkbox', { name: 'Salesperson' }).uncheck();
    await dialog.getByRole('checkbox', { name: 'Sales Manager' }).check();
    await dialog.getByLabel('New password').fill('eves-new-password-1');
    await expectAccessible(admin, 'the Edit user dialog');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await admin.getByText('Eve Editor was updated and their password was reset.').waitFor();
    const row = userRow(admin, 'eve.editor@orderline.test');
    await expectText(row.getByRole('cell').nth(3), 'Sales Premium');
    await expectText(row.getByRole('cell').nth(6), 'Sales Manager');

    const stored = await server.api(
      `systemusers(${eve.id})?$select=ol_saleslicense&$expand=systemuserroles_association($select=name)`,
    );
    expect(stored.json).toMatchObject({ ol_saleslicense: 3, systemuserroles_association: [{ name: 'Sales Manager' }] });
    const page = await openAs(browser, server.baseUrl, undefined);
    await signInWithPassword(page, 'eve.editor@orderline.test', 'eves-new-password-1');
    await page.context().close();
  });

  it('an administrator moves a user to another business unit, and the list shows it', async () => {
    const root = await server.api(`businessunits?$filter=_parentbusinessunitid_value eq null&$select=businessunitid`);
    const division = await server.api('businessunits', {
      method: 'POST',
      body: {
        name: 'West Division',
        'parentbusinessunitid@odata.bind': `/businessunits(${root.json.value[0].businessunitid})`,
      },
    });
    expect(division.status).toBe(204);
    const ada = await createUser(server, { firstName: 'Ada', lastName: 'Mover', roles: ['Salesperson'], license: 1 });
    await admin.reload();
    await admin.getByRole('heading', { name: 'Users', level: 1 }).waitFor();
    const row = userRow(admin, 'ada.mover@orderline.test');
    await expectText(row.getByRole('cell').nth(2), 'Orderline');
    await row.getByRole('button', { name: 'Edit Ada Mover' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Edit Ada Mover' });
    await dialog.getByRole('combobox', { name: 'Business unit' }).selectOption({ label: 'West Division' });
    await expectAccessible(admin, 'the Edit user dialog with its business unit');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await admin.getByText('Ada Mover was updated.').waitFor();
    await expectText(row.getByRole('cell').nth(2), 'West Division');
    const stored = await server.api(`systemusers(${ada.id})?$select=_businessunitid_value`);
    expect(stored.json._businessunitid_value).toBe(idIn(division.headers.get('odata-entityid')));

    // A new user is placed in the unit chosen in the New user dialog.
    await admin.getByRole('button', { name: 'New user' }).click();
    const create = admin.getByRole('dialog', { name: 'New user' });
    await create.getByLabel(/^User name\W*$/).fill('west.seller@orderline.test');
    await create.getByLabel('Last name').fill('West');
    await create.getByRole('combobox', { name: 'Business unit' }).selectOption({ label: 'West Division' });
    await create.getByRole('button', { name: 'Add user' }).click();
    await admin.getByText('West was added.').waitFor();
    await expectText(userRow(admin, 'west.seller@orderline.test').getByRole('cell').nth(2), 'West Division');
  });

  it("an administrator issues and revokes an integration user's token from the Users page", async () => {
    const erp = await createUser(server, {
      firstName: 'Erp',
      lastName: 'Connector',
      roles: ['Salesperson'],
      license: 2,
      integration: true,
    });
    await admin.reload();
    await admin.getByRole('heading', { name: 'Users', level: 1 }).waitFor();
    await userRow(admin, 'erp.connector@orderline.test')
      .getByRole('button', { name: 'Tokens of Erp Connector' })
      .click();
    const dialog = admin.getByRole('dialog', { name: 'Access tokens of Erp Connector' });
    const tokens = dialog.getByRole('table', { name: 'Tokens of Erp Connector' });
    // The token createUser issued through the API is listed.
    await expect.poll(() => tokens.getByRole('row').count()).toBe(2);
    await dialog.getByRole('textbox', { name: 'Description' }).fill('Back office');
    await dialog.getByRole('spinbutton', { name: 'Lifetime in days' }).fill('7');
    await dialog.getByRole('button', { name: 'Issue token' }).click();
    const issued = await dialog.getByRole('textbox', { name: 'New token' }).inputValue();
    expect(issued).toMatch(/^olt_/);
    await tokens.getByRole('row').filter({ hasText: 'Back office' }).waitFor();
    await expectAccessible(admin, "the dialog of a user's tokens");

    const asErp = { token: issued };
    expect((await server.api('WhoAmI', asErp)).json.UserId).toBe(erp.id);
    await tokens.getByRole('button', { name: 'Revoke Back office' }).click();
    await tokens
      .getByRole('row')
      .filter({ hasText: 'Back office' })
      .getByRole('cell')
      .nth(3)
      .getByText(/^Revoked /)
      .waitFor();
    expect((await server.api('WhoAmI', asErp)).status).toBe(401);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });
    // The focus comes back to the row's Tokens button, and the page is shown to assistive technologies again.
    await expectAccessible(admin, 'the Users page after the tokens dialog closed');
  });

  it('a salesperson sees only their own row and the server’s refusal, in plain words, to add or change a user', async () => {
    const page = await openAs(browser, server.baseUrl, salesperson.token);
    await page.goto('/');
    await page.getByRole('heading', { name: 'Orders', level: 1 }).waitFor();
    await openUsersPage(page);
    await userRow(page, 'pat.seller@orderline.test').waitFor();
    // The header row and Pat's own: the server lets a salesperson read no one else.
    await expect.poll(() => usersTable(page).getByRole('row').count()).toBe(2);
    await expectAccessible(page, "a salesperson's Users page");

    await page.getByRole('button', { name: 'New user' }).click();
    const dialog = page.getByRole('dialog', { name: 'New user' });
    await dialog.getByLabel(/^User name\W*$/).fill('someone@orderline.test');
    await dialog.getByRole('button', { name: 'Add user' }).click();
    await dialog
      .getByRole('alert')
      .getByText(/^You do not have permission to do this: your security role does not let you create users/)
      .waitFor();
    await expectAccessible(page, 'the New user dialog with the server’s refusal');
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    await userRow(page, 'pat.seller@orderline.test').getByRole('button', { name: 'Disable Pat Seller' }).click();
    await page
      .getByRole('alert')
      .getByText(/^You do not have permission to do this: your security role does not let you change users/)
      .waitFor();
    await expectText(userRow(page, 'pat.seller@orderline.test').getByRole('cell').nth(5), 'Enabled');

    // Their own tokens, from their own row: the server lists exactly those.
    await userRow(page, 'pat.seller@orderline.test').getByRole('button', { name: 'Tokens of Pat Seller' }).click();
    const tokens = page.getByRole('dialog', { name: 'Access tokens of Pat Seller' });
    await expect
      .poll(() => tokens.getByRole('table', { name: 'Tokens of Pat Seller' }).getByRole('row').count())
      .toBe(2);
    await tokens.getByRole('button', { name: 'Close' }).click();
    // Another user's tokens are the server's to refuse, whatever a page would offer.
    const others = await server.api(`ol_ListAccessTokens(SystemUserId=${server.app.provisioning.adminUserId})`, {
      token: salesperson.token,
    });
    expect(others.status).toBe(403);
    const unchanged = await server.api(`systemusers?$filter=domainname eq 'someone@orderline.test'&$select=fullname`);
    expect(unchanged.json.value).toEqual([]);
    await page.context().close();
  });
});
