/**
 * `orderline outbox list` with the integration on and no connector (issue #14): it used to answer
 * "No deliveries." while submitted orders waited forever. It now lists the waiting events and says
 * what the integration is doing; purging never drops them.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { configWith } from '../../src/config/app-config.js';
import { createLogger } from '../../src/observability/logger.js';
import { orderlineCommand } from '../cli/orderline-command.js';
import type { Api } from '../lifecycle/support.js';
import { createTestDatabase, TEST_STORES, type TestDatabase } from '../support/test-stores.js';
import { addWebhook, FAST_DISPATCH, submittedOrder } from './support.js';

const run = promisify(execFile);
const TOKEN = 'cli-waiting-token-0123456789';

describe.each(TEST_STORES)('orderline outbox list while nothing is connected (%s)', (kind) => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof createApp>>;
  let api: Api;
  let orderId: string;

  beforeAll(async () => {
    database = await createTestDatabase(kind, { schema: 'migrated' });
    app = await createApp(configWith({ database: database.location, adminToken: TOKEN, logLevel: 'silent' }), {
      logger: createLogger('silent'),
      dispatcher: FAST_DISPATCH,
    });
    await app.server.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.server.address() as { port: number };
    api = async (path, init = {}) => {
      const response = await fetch(`http://127.0.0.1:${port}/api/data/v9.2/${path}`, {
        method: init.method ?? 'GET',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
      const text = await response.text();
      return { status: response.status, headers: response.headers, text, json: text ? JSON.parse(text) : undefined };
    };
    const organization = (await api('organizations?$select=organizationid')).json.value[0].organizationid;
    await api(`organizations(${organization})`, { method: 'PATCH', body: { issopintegrationenabled: true } });
    orderId = await submittedOrder(api);
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  const orderline = (...args: string[]) =>
    run(process.execPath, [orderlineCommand(), ...args], {
      env: { ...process.env, ORDERLINE_DB: database.location, ORDERLINE_LOG_LEVEL: 'warn' },
    });

  it('lists the waiting event, says nothing is connected, and purging keeps it', { timeout: 120_000 }, async () => {
    const table = await orderline('outbox', 'list');
    expect(table.stdout).toMatch(/^DELIVERY\s+EVENT\s+TYPE/);
    expect(table.stdout).toContain('waiting for a connector');
    expect(table.stdout).toContain(orderId);
    expect(table.stdout).toMatch(/integration is on but no back office is connected: submitted orders are locked/);
    expect(table.stdout).toMatch(/1 event waits for a connector \(the oldest since \d{4}-\d\d-\d\dT/);

    const waiting = await orderline('outbox', 'list', '--status', 'waiting', '--json');
    const rows = waiting.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(rows).toEqual([
      expect.objectContaining({ orderId, eventType: 'salesorder.submitted', status: 'waiting for a connector' }),
    ]);

    const purged = await orderline('outbox', 'purge', '--older-than-days', '0');
    expect(purged.stdout).toMatch(/^Purged 0 deliveries and 0 events/);
    const pending = await orderline('outbox', 'list', '--status', 'pending', '--json');
    expect(pending.stdout).toBe('');

    // A connector added: the waiting event becomes its delivery (here to a receiver that is not there).
    await addWebhook(api, 'http://127.0.0.1:9/unreachable');
    const after = await orderline('outbox', 'list', '--status', 'waiting', '--json');
    expect(after.stdout).toBe('');
    const table2 = await orderline('outbox', 'list');
    expect(table2.stdout).toMatch(/integration is on and 1 back-office connector is active/);
  });
});
