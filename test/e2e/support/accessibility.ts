/**
 * The accessibility check every browser test runs on the pages it visits: axe-core, the engine behind
 * most accessibility tooling, injected into the page as it is and run against the rendered DOM. A serious
 * or critical violation fails the test with what axe says and where; lesser ones (best practices,
 * contrast close to the line) are left to review.
 */
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

const require = createRequire(import.meta.url);
const axeSource: string = require('axe-core').source;

interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly { readonly target: readonly unknown[] }[];
}

/** Fails when axe finds a serious or critical violation in the page as it is now; `what` names the page. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  await settle(page);
  const installed = await page.evaluate(() => 'axe' in globalThis);
  if (!installed) await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as { axe: { run: (context: unknown) => Promise<{ violations: AxeViolation[] }> } }
    ).axe;
    // Fluent UI's focus manager (Tabster) puts hidden, focusable <i> sentinels at the edges of focus
    // groups: they pass focus on at once and are never read, which axe's aria-hidden-focus rule cannot
    // know. Everything else on the page is checked.
    const result = await axe.run({ exclude: [['[data-tabster-dummy]']] });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.map((node) => ({ target: node.target })),
    }));
  });
  const blocking = violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help} at ${JSON.stringify(violation.nodes.map((node) => node.target))}`,
    );
  expect(blocking, `accessibility of ${what}`).toEqual([]);
}

/** The part of the page's `document` the wait reads (the server's type library has no DOM). */
interface SettlingDocument {
  getAnimations(): readonly {
    readonly playState: string;
    readonly effect: { getComputedTiming(): { readonly iterations?: number } } | null;
  }[];
  querySelector(selector: string): unknown;
}

/**
 * Waits until the page is at rest: no finite animation runs (a Fluent dialog fades in, and axe measuring
 * its text halfway through the fade reports colours the user never reads as they are), and, with no dialog
 * open, the app is no longer hidden from assistive technologies (Fluent gives the page back a moment after
 * a dialog closes). Endless animations (spinners) are not waited for. After five seconds the check runs on
 * the page as it is, so a page left hidden for good is still reported.
 */
async function settle(page: Page): Promise<void> {
  await page
    .waitForFunction(
      () => {
        const document = (globalThis as unknown as { document: SettlingDocument }).document;
        const animating = document
          .getAnimations()
          .some(
            (animation) =>
              animation.playState === 'running' && animation.effect?.getComputedTiming().iterations !== Infinity,
          );
        const hiddenWithoutDialog =
          document.querySelector('#root[aria-hidden="true"]') !== null &&
          document.querySelector('[role="dialog"], [role="alertdialog"]') === null;
        return !animating && !hiddenWithoutDialog;
      },
      undefined,
      { timeout: 5_000 },
    )
    .catch(() => undefined);
}
