/**
 * The concurrent-requests limit (reference 7.6, 0x80072326): requests of one user being served at once,
 * counted per process as Dataverse counts them per web server. Requests are held in flight by bodies
 * that have not finished arriving, the way a slow client holds them, so no sleep decides the outcome:
 * of one request more than the limit, whichever the server admits last is refused at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestUser } from '../lifecycle/support.js';
import { startTestServer, type TestServer } from '../support/test-app.js';
import { TEST_STORES } from '../support/test-stores.js';
import { expectThrottled, type HeldRequest, holdRequest, salesperson } from './support.js';

const LIMIT = 3;
const REFUSAL = `Number of concurrent requests exceeded the limit of ${LIMIT}.`;

describe.each(TEST_STORES)('concurrent requests per user on %s', (kind) => {
  let server: TestServer;
  let busy: TestUser;
  let other: TestUser;
  let held: HeldRequest[] = [];

  beforeAll(async () => {
    server = await startTestServer(kind, { config: { limitConcurrent: LIMIT } });
    busy = await salesperson(server);
    other = await salesperson(server);
  });
  afterAll(async () => {
    // A failed expectation must not leave requests hanging, or closing the server would wait for them.
    await Promise.allSettled(held.map((request) => request.finish()));
    await server?.close();
  });

  it('refuses a request while the user has the limit in flight, serves other users, and frees places as requests end', async () => {
    held = Array.from({ length: LIMIT + 1 }, (_, index) =>
      holdRequest(server, 'accounts', busy.token, JSON.stringify({ name: `Held ${index}` })),
    );
    const refused = await Promise.race(held.map((request, index) => request.answer.then(() => index)));
    expect(expectThrottled(await held[refused]!.answer, '0x80072326', REFUSAL)).toBe(1);
    const inFlight = held.filter((_, index) => index !== refused);

    // The user's places are full: any further request is refused until one ends.
    expectThrottled(await server.api('WhoAmI', { token: busy.token }), '0x80072326', REFUSAL);
    const meanwhile = await Promise.all(
      Array.from({ length: LIMIT }, () => server.api('WhoAmI', { token: other.token })),
    );
    expect(meanwhile.map((response) => response.status)).toEqual(Array(LIMIT).fill(200));

    const [first, ...rest] = inFlight;
    expect((await first!.finish()).status).toBe(204);
    const freed = await server.api('WhoAmI', { token: busy.token });
    expect(freed.status, freed.text).toBe(200);

    const finished = await Promise.all(rest.map((request) => request.finish()));
    expect(finished.map((answer) => answer.status)).toEqual(Array(LIMIT - 1).fill(204));
  });
});
