/**
 * The `orderline` command runs the built JavaScript in dist/server (issue #17), one folder deeper than the
 * sources: what it reads from beside itself must still be found there. `serve` from the build answers
 * /health and serves the web UI bundle of dist/ui at /, not the page saying the UI is not built.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freePort, type ProcessGroup, processGroup } from '../reliability/processes.js';
import { CLI_ADMIN_TOKEN } from './run-orderline.js';

const UI_INDEX = fileURLToPath(new URL('../../dist/ui/index.html', import.meta.url));

describe('orderline serve from the build', () => {
  let folder: string;
  let group: ProcessGroup;

  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'orderline-built-'));
  });
  afterEach(async () => {
    await group?.close();
  });
  afterAll(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it('answers /health and serves the web UI bundle built into dist/ui', { timeout: 120_000 }, async () => {
    group = processGroup();
    const server = group.orderline('built server', 'serve', {
      PORT: String(await freePort()),
      HOST: '127.0.0.1',
      ORDERLINE_DB: join(folder, 'orderline.db'),
      ORDERLINE_ADMIN_TOKEN: CLI_ADMIN_TOKEN,
      ORDERLINE_LOG_LEVEL: 'warn',
    });
    await server.start();

    const page = await fetch(server.baseUrl, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toBe(readFileSync(UI_INDEX, 'utf8'));
  });
});
