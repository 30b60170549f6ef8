/**
 * On PostgreSQL the limits hold across every Orderline process sharing the database (issue #7): two
 * apps on one database, each with its own in-memory counts, pooled every `limitSyncMs`. The
 * concurrent-request limit stays per process, as Dataverse counts it per web server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestUser } from '../lifecycle/support.js';
import type { TestServer } from '../support/test-app.js';
import { createTestDatabase, TEST_STORES, type TestDatabase } from '../support/test-stores.js';
import { BURST_REMAINING, expectThrottled, salesperson, sleep, startAppOn } from './support.js';

const LIMIT = 20;
const WINDOW_SECONDS = 10;
const SYNC_MS = 50;
/** Long enough for one process to report and the other to read back, with room for a busy machine. */
const POOLED = 10 * SYNC_MS;
const REFUSAL = `Number of requests exceeded the limit of ${LIMIT} over time window of ${WINDOW_SECONDS} seconds.`;

describe.runIf(TEST_STORES.includes('postgres'))('service protection across two processes on one PostgreSQL', () => {
  let database: TestDatabase;
  let first: TestServer;
  let second: TestServer;

  beforeAll(async () => {
    database = await createTestDatabase('postgres', { schema: 'migrated' });
    const config = { limitRequests: LIMIT, limitWindowSeconds: WINDOW_SECONDS, limitSyncMs: SYNC_MS };
    first = await startAppOn(database.location, config);
    second = await startAppOn(database.location, config);
  });
  afterAll(async () => {
    await first?.close();
    await second?.close();
    await database?.drop();
  });

  const whoAmI = (server: TestServer, user: TestUser) => server.api('WhoAmI', { token: user.token });

  it("reads a user's usage from the other process before judging their first request", async () => {
    const user = await salesperson(first);
    for (let index = 0; index < 12; index += 1) expect((await whoAmI(first, user)).status).toBe(200);
    await sleep(POOLED);
    const there = await whoAmI(second, user);
    expect(there.status).toBe(200);
    expect(there.headers.get(BURST_REMAINING)).toBe(String(LIMIT - 13));
  });

  it('counts requests spread over both processes against one limit', async () => {
    const user = await salesperson(first);
    const statuses: number[] = [];
    // Four rounds of five requests to each process in turn, the counts pooled between rounds.
    for (let round = 0; round < 4; round += 1) {
      const server = round % 2 === 0 ? first : second;
      for (let index = 0; index < 5; index += 1) statuses.push((await whoAmI(server, user)).status);
      await sleep(POOLED);
    }
    expect(statuses).toEqual(Array(LIMIT).fill(200));
    expectThrottled(await whoAmI(first, user), '0x80072322', REFUSAL);
    expectThrottled(await whoAmI(second, user), '0x80072322', REFUSAL);
  });

  it('keeps each user apart across processes', async () => {
    const busy = await salesperson(second);
    const calm = await salesperson(second);
    for (let index = 0; index < LIMIT; index += 1) await whoAmI(index % 2 === 0 ? first : second, busy);
    await sleep(POOLED);
    expect((await whoAmI(first, busy)).status).toBe(429);
    const calmAnswer = await whoAmI(first, calm);
    expect(calmAnswer.status).toBe(200);
    expect(calmAnswer.headers.get(BURST_REMAINING)).toBe(String(LIMIT - 1));
  });
});
