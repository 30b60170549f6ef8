/**
 * Issue #18: `orderline backup` taken while a server writes (orders created, lines added, orders
 * submitted and delivered to a webhook that fails one request in three), restored with `orderline
 * restore` into a fresh database, serves the same store as of the backup: the restore command's own
 * check against the backup's manifest, `orderline verify`, every order acknowledged before the backup
 * began is there with its total, nothing is there that the source never acknowledged, the outbox has
 * the same events and delivery states, and a `$deltatoken` issued before the backup still works and
 * reports exactly the orders created since it.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Receiver, startReceiver } from '../bridge/receiver.js';
import { addWebhook, startBridgeServer } from '../bridge/support.js';
import { readTracked, TRACK } from '../change-tracking/support.js';
import { runOrderline } from '../cli/run-orderline.js';
import { type Api, newOrder } from '../lifecycle/support.js';
import { startTestServer, type TestServer } from '../support/test-app.js';
import { createTestDatabase, TEST_STORES, type TestDatabase } from '../support/test-stores.js';

const WRITERS = 4;

interface Acknowledged {
  readonly id: string;
  /** performance.now() when the answer came. */
  readonly at: number;
}

/** Writers creating an order with two lines and submitting every other one, until told to stop. */
function startLoad(api: Api) {
  const acknowledged: Acknowledged[] = [];
  let stopping = false;
  const writer = async (index: number) => {
    for (let round = 0; !stopping; round += 1) {
      const id = await newOrder(api, 2);
      if ((round + index) % 2 === 0) {
        const submitted = await api(`salesorders(${id})`, { method: 'PATCH', body: { statecode: 1, statuscode: 3 } });
        expect(submitted.status, submitted.text).toBe(204);
      }
      acknowledged.push({ id, at: performance.now() });
    }
  };
  const running = Promise.all(Array.from({ length: WRITERS }, (_, index) => writer(index)));
  return {
    acknowledged,
    async stop() {
      stopping = true;
      await running;
    },
  };
}

async function orderTotals(api: Api): Promise<Map<string, string>> {
  const totals = new Map<string, string>();
  let next: string | undefined = 'salesorders?$select=totalamount';
  while (next) {
    const response = await api(next, { headers: { prefer: 'odata.maxpagesize=500' } });
    expect(response.status, response.text).toBe(200);
    for (const row of response.json.value) totals.set(row.salesorderid, String(row.totalamount));
    next = response.json['@odata.nextLink']?.replace(/^.*\/api\/data\/v9\.2\//, '');
  }
  return totals;
}

describe.each(TEST_STORES)('backup and restore under load (%s)', (kind) => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('restores a backup taken while orders are written and delivered into a store that serves the same data and delta tokens', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'orderline-backup-'));
    cleanups.push(async () => rmSync(folder, { recursive: true, force: true }));
    const receiver: Receiver = await startReceiver();
    cleanups.push(() => receiver.close());
    let requests = 0;
    receiver.answerWith(() => {
      requests += 1;
      return { status: requests % 3 === 0 ? 503 : 204 };
    });
    const { server, admin } = await startBridgeServer(kind);
    cleanups.push(() => server.close());
    await addWebhook(admin, receiver.url, { name: `backup-${randomBytes(3).toString('hex')}` });
    const before = await Promise.all(Array.from({ length: 5 }, () => newOrder(admin, 1)));
    const tracked = await readTracked(server, 'salesorders?$select=name', { headers: TRACK });
    expect(tracked.entries.map((entry) => entry.salesorderid).sort()).toEqual([...before].sort());

    const load = startLoad(admin);
    await expect.poll(() => load.acknowledged.length, { timeout: 60_000 }).toBeGreaterThanOrEqual(20);
    const backupStarted = performance.now();
    const backupFile = join(folder, kind === 'sqlite' ? 'orderline.backup.db' : 'orderline.dump');
    const backup = await runOrderline(server.location, ['backup', backupFile]);
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(/^Backed up to .* \d+ orders totalling [\d.]+, \d+ outbox events/);
    // Writes go on after the backup: they must not be in the restored store.
    const countAtBackupEnd = load.acknowledged.length;
    await expect.poll(() => load.acknowledged.length, { timeout: 60_000 }).toBeGreaterThan(countAtBackupEnd + 4);
    await load.stop();
    await expect.poll(() => receiver.requests.length, { timeout: 60_000 }).toBeGreaterThan(0);

    const restoredDatabase: TestDatabase = await createTestDatabase(kind);
    cleanups.push(() => restoredDatabase.drop());
    const restore = await runOrderline(restoredDatabase.location, ['restore', backupFile]);
    expect(restore.code, restore.stderr).toBe(0);
    expect(restore.stdout).toMatch(/^The restored database matches the backup taken at/);
    const verify = await runOrderline(restoredDatabase.location, ['verify', backupFile]);
    expect(verify.code, verify.stderr).toBe(0);
    // The source has moved on since: verify tells the difference rather than passing anything.
    const drifted = await runOrderline(server.location, ['verify', backupFile]);
    expect(drifted.code).toBe(1);
    expect(drifted.stderr).toMatch(/salesorder: \d+ rows expected, \d+ found/);

    const restored: TestServer = await startTestServer(kind, {
      database: { ...restoredDatabase, drop: async () => {} },
      config: { dispatcher: 'off' },
    });
    cleanups.push(() => restored.close());
    const sourceTotals = await orderTotals(admin);
    const restoredTotals = await orderTotals(restored.api.bind(restored));
    const acknowledgedBeforeBackup = load.acknowledged.filter((entry) => entry.at < backupStarted).map((e) => e.id);
    for (const id of [...before, ...acknowledgedBeforeBackup]) expect(restoredTotals.has(id), id).toBe(true);
    for (const [id, total] of restoredTotals) {
      // Every restored order was acknowledged by the source; an order's lines are written in their own
      // requests, so one caught mid-way by the backup may have fewer lines (and a lower total) there.
      expect(sourceTotals.has(id), id).toBe(true);
      if (acknowledgedBeforeBackup.includes(id)) expect(total, id).toBe(sourceTotals.get(id));
    }
    expect(restoredTotals.size).toBeLessThan(sourceTotals.size);

    // Outbox: the same events, each with its delivery state of the moment of the backup (compared by the
    // manifest's digest above); here, every restored submitted event belongs to a restored order.
    const events = await restored.api('ol_outboxevents?$select=ol_orderid,ol_eventtype');
    expect(events.status, events.text).toBe(200);
    for (const event of events.json.value) expect(restoredTotals.has(event.ol_orderid)).toBe(true);

    // The delta token from before the backup: on the restored store it reports the orders created since.
    const delta = await readTracked(restored, tracked.deltaLink);
    const changed = new Set(delta.entries.map((entry) => entry.salesorderid));
    const createdSince = [...restoredTotals.keys()].filter((id) => !before.includes(id));
    expect([...changed].sort()).toEqual(createdSince.sort());
    console.info(
      `backup under load (${kind}): ${load.acknowledged.length} orders acknowledged by the source, ` +
        `${restoredTotals.size} in the backup (${acknowledgedBeforeBackup.length} acknowledged before it began), ` +
        `${events.json.value.length} outbox events, ${receiver.requests.length} webhook requests; ${backup.stdout.trim()}`,
    );
  }, 600_000);
});
