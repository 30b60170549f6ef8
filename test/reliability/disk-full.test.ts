/**
 * Issue #18: the disk under a SQLite store fills up, or turns read-only, while the server runs. Every
 * write that cannot be stored is answered 503 with Retry-After in the Dataverse error shape and leaves
 * nothing behind (the order row, its audit entry and its outbox event are kept together or not at all);
 * reads keep answering; /ready stays ready (reads work) while /metrics counts the refused writes; and the
 * same writes succeed as soon as the space is back. See small-disk.ts for how the fault is made.
 */
import { randomUUID } from 'node:crypto';
import SqliteDatabase from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/observability/logger.js';
import { type Api, as, newOrder, setIntegration } from '../lifecycle/support.js';
import { type ApiResponse, startTestServer, type TestServer } from '../support/test-app.js';
import { TEST_STORES } from '../support/test-stores.js';
import { type SmallDisk, smallDisk } from './small-disk.js';

const SEEDED_ORDERS = 12;

/** A write the fault may refuse, and what must (or must not) be stored depending on its answer. */
interface Attempt {
  readonly orderId: string;
  readonly kind: 'create' | 'submit';
  status: number;
}

function expectStorageRefusal(response: ApiResponse): void {
  expect(response.status, response.text).toBe(503);
  expect(response.headers.get('retry-after')).toBe('30');
  expect(response.json.error.code).toBe('0x80040216');
  expect(response.json.error.message).toMatch(/nothing of (this change|it) was kept/);
}

const submit = (api: Api, id: string) =>
  api(`salesorders(${id})`, { method: 'PATCH', body: { statecode: 1, statuscode: 3 } });
const create = (api: Api, id: string) =>
  api('salesorders', { method: 'POST', body: { salesorderid: id, name: `Order ${id.slice(0, 8)}` } });

async function stored(api: Api, orderId: string) {
  const order = await api(`salesorders(${orderId})?$select=statecode`);
  const audits = await api(`audits?$filter=_objectid_value eq ${orderId}&$select=operation,action`);
  const events = await api(`ol_outboxevents?$filter=ol_orderid eq ${orderId}&$select=ol_eventtype`);
  expect(audits.status, audits.text).toBe(200);
  expect(events.status, events.text).toBe(200);
  return {
    exists: order.status === 200,
    state: order.json?.statecode as number | undefined,
    audits: audits.json.value.length as number,
    submittedEvents: events.json.value.filter((event: any) => event.ol_eventtype === 'salesorder.submitted').length,
  };
}

/** Writes until `enough` consecutive ones are refused: the WAL may have room for a few after the disk is full. */
async function writeUntilRefused(api: Api, attempts: Attempt[], enough: number): Promise<void> {
  let refusedInARow = 0;
  for (let index = 0; index < 2_000 && refusedInARow < enough; index += 1) {
    const orderId = randomUUID();
    const response = await create(api, orderId);
    attempts.push({ orderId, kind: 'create', status: response.status });
    if (response.status === 503) {
      expectStorageRefusal(response);
      refusedInARow += 1;
    } else {
      expect(response.status, response.text).toBe(204);
      refusedInARow = 0;
    }
  }
  expect(refusedInARow, 'writes never failed on the full disk').toBe(enough);
}

/** Every answer is kept to: a 204 left its whole unit of work, a 503 none of it. */
async function expectAllOrNothing(api: Api, attempts: readonly Attempt[]): Promise<void> {
  for (const attempt of attempts) {
    const found = await stored(api, attempt.orderId);
    if (attempt.kind === 'create') {
      expect({ exists: found.exists, audited: found.audits > 0 }).toEqual(
        attempt.status === 204 ? { exists: true, audited: true } : { exists: false, audited: false },
      );
    } else {
      expect({ state: found.state, submittedEvents: found.submittedEvents }).toEqual(
        attempt.status === 204 ? { state: 1, submittedEvents: 1 } : { state: 0, submittedEvents: 0 },
      );
    }
  }
}

async function metricValue(server: TestServer, pattern: RegExp): Promise<number> {
  const text = await (await fetch(`${server.baseUrl}metrics`)).text();
  const line = text.split('\n').find((candidate) => pattern.test(candidate));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

describe.runIf(TEST_STORES.includes('sqlite'))('the disk under SQLite fails (issue #18)', () => {
  let disk: SmallDisk | undefined;
  let server: TestServer | undefined;

  afterEach(async () => {
    await server?.close();
    server = undefined;
    disk = undefined;
  });

  async function start(): Promise<{ server: TestServer; disk: SmallDisk; api: Api; seeded: string[] }> {
    disk = smallDisk(24);
    server = await startTestServer('sqlite', {
      database: disk.database,
      config: { dispatcher: 'off' },
      ...(process.env.DEBUG_DISK ? { app: { logger: createLogger('error') } } : {}),
    });
    await setIntegration(server, true);
    const api = as(server);
    const seeded: string[] = [];
    for (let index = 0; index < SEEDED_ORDERS; index += 1) seeded.push(await newOrder(api, 2));
    return { server, disk, api, seeded };
  }

  it('refuses writes with 503 on a full disk, keeps nothing half-written, answers reads, and writes again once space is back', async () => {
    const { server, disk, api, seeded } = await start();
    await disk.fill(server.app);
    const attempts: Attempt[] = [];
    await writeUntilRefused(api, attempts, 3);
    for (const orderId of seeded) {
      const response = await submit(api, orderId);
      if (response.status === 503) expectStorageRefusal(response);
      else expect(response.status, response.text).toBe(204);
      attempts.push({ orderId, kind: 'submit', status: response.status });
    }
    const refusedSubmits = attempts.filter((attempt) => attempt.kind === 'submit' && attempt.status === 503);
    expect(refusedSubmits.length, 'no submit met the full disk').toBeGreaterThan(0);

    // Reads answer, /ready stays ready (reads are served), /metrics says why writes fail.
    const list = await api(`salesorders?$select=name&$filter=statecode eq 0`);
    expect(list.status, list.text).toBe(200);
    expect((await fetch(`${server.baseUrl}ready`)).status).toBe(200);
    const refusedCount = attempts.filter((attempt) => attempt.status === 503).length;
    expect(await metricValue(server, /^orderline_storage_failures_total\{code="SQLITE_FULL"\}/)).toBe(refusedCount);
    expect(await metricValue(server, /^orderline_http_request_duration_seconds_count\{.*status="503"/)).toBeGreaterThan(
      0,
    );
    await expectAllOrNothing(api, attempts);

    // Space back: the refused submits go through on their first retry.
    const acknowledged = attempts.filter((attempt) => attempt.status === 204).length;
    await disk.release(server.app);
    const released = performance.now();
    for (const attempt of refusedSubmits) {
      const response = await submit(api, attempt.orderId);
      expect(response.status, response.text).toBe(204);
      attempt.status = 204;
    }
    const recoveryMs = performance.now() - released;
    await expectAllOrNothing(api, attempts);
    console.info(
      `disk full (${disk.method}): ${attempts.length} writes, ${acknowledged} acknowledged before release, ` +
        `${refusedCount} refused 503, 0 lost; ${refusedSubmits.length} refused submits stored ${recoveryMs.toFixed(0)} ms after the space came back`,
    );

    // The file is sound: SQLite's own check, on a connection of its own beside the server's.
    const check = new SqliteDatabase(disk.database.location, { readonly: true });
    try {
      expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      check.close();
    }
  }, 180_000);

  it('refuses writes with 503 while the database is read-only, serves reads, and writes again once it is writable', async () => {
    const { server, disk, api, seeded } = await start();
    await disk.readOnly(server.app);
    const created = randomUUID();
    const refusedCreate = await create(api, created);
    expectStorageRefusal(refusedCreate);
    const refusedSubmit = await submit(api, seeded[0]!);
    expectStorageRefusal(refusedSubmit);
    const read = await api(`salesorders(${seeded[0]})?$select=name`);
    expect(read.status, read.text).toBe(200);
    expect((await fetch(`${server.baseUrl}ready`)).status).toBe(200);
    expect(await metricValue(server, /^orderline_storage_failures_total\{code="SQLITE_READONLY/)).toBeGreaterThan(0);

    await disk.writable(server.app);
    expect((await create(api, created)).status).toBe(204);
    expect((await submit(api, seeded[0]!)).status).toBe(204);
    await expectAllOrNothing(api, [
      { orderId: created, kind: 'create', status: 204 },
      { orderId: seeded[0]!, kind: 'submit', status: 204 },
      { orderId: seeded[1]!, kind: 'submit', status: 503 },
    ]);
  }, 120_000);
});
