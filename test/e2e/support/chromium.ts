/**
 * Debian's Chromium, driven by playwright-core: no browser is ever downloaded by a test tool
 * (`.ci/run` installs the `chromium` package when /usr/bin/chromium is missing).
 */
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

export const CHROMIUM = process.env.ORDERLINE_CHROMIUM ?? '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `No Chromium at ${CHROMIUM}: install Debian's package (apt-get install -y chromium), as .ci/run does.`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}
