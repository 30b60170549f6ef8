/**
 * Browser sessions on the Sales Hub, one context per user: the token is exchanged for the session
 * cookie as the sign-in page's token form does (sign-in itself is tested through its forms), and screenshots land in
 * docs/screenshots/ for the README.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { type StoreKind, TEST_STORES } from '../../support/test-stores.js';

const SCREENSHOTS = fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url));
/** How long a locator or an assertion waits for the page to catch up before the test fails. */
export const PAGE_TIMEOUT = 10_000;

export const WIDE = { width: 1280, height: 900 };
export const NARROW = { width: 400, height: 860 };

export async function openAs(
  browser: Browser,
  baseUrl: string,
  token: string | undefined,
  viewport: { width: number; height: number } = WIDE,
): Promise<Page> {
  const context = await browser.newContext({ viewport, baseURL: baseUrl });
  if (token) {
    // Signed in as the sign-in page's token form does: the token is exchanged for the session cookie,
    // which the context's request API shares with its pages.
    const signedIn = await context.request.post('/auth/token', {
      headers: { authorization: `Bearer ${token}`, origin: new URL(baseUrl).origin },
    });
    if (!signedIn.ok())
      throw new Error(`signing in with a token failed: ${signedIn.status()} ${await signedIn.text()}`);
  }
  const page = await context.newPage();
  page.setDefaultTimeout(PAGE_TIMEOUT);
  return page;
}

/** Waits until the locator's text (or an input's value) is `expected`; fails showing the last one seen. */
export async function expectText(locator: Locator, expected: string): Promise<void> {
  await expect
    .poll(
      async () => {
        const tag = await locator.evaluate((element) => element.tagName);
        return tag === 'INPUT' || tag === 'TEXTAREA' ? locator.inputValue() : locator.textContent();
      },
      { timeout: PAGE_TIMEOUT },
    )
    .toBe(expected);
}

/** Checks, once the page has shown what it waits for, that something is not on it. */
export async function expectAbsent(locator: Locator, what: string): Promise<void> {
  expect(await locator.count(), `${what} should not be on the page`).toBe(0);
}

/**
 * A field of a form (text box, select, or a read-only total) by its accessible name: the label without
 * the required-field asterisk, which Fluent hides from assistive technologies.
 */
export const field = (page: Page, label: string) =>
  page.getByRole('textbox', { name: label, exact: true }).or(page.getByRole('combobox', { name: label, exact: true }));

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage: true });
}

/**
 * A screenshot from a suite that runs on each store, taken on the first store's run only (SQLite by
 * default): the runs would otherwise draw one file twice.
 */
export async function screenshotOnFirstStore(kind: StoreKind, page: Page, name: string): Promise<void> {
  if (kind === TEST_STORES[0]) await screenshot(page, name);
}

/** The texts of a table's column headers, as a screen reader announces them above each cell. */
export const columnHeaders = (table: Locator) => table.getByRole('columnheader').allTextContents();

/** Whether the keyboard focus is on the element or inside it (a dialog keeps it in). */
export const holdsFocus = (locator: Locator) =>
  locator.evaluate((element) => {
    const focused = element.ownerDocument.activeElement;
    return focused !== null && element.contains(focused);
  });

/** How a cell's text is aligned: amounts are read down the right edge. */
export const textAlignOf = (locator: Locator) =>
  locator.evaluate((element) => element.ownerDocument.defaultView?.getComputedStyle(element).textAlign);
