/**
 * The number-of-requests limit (reference 7.6, 0x80072322), per user over a sliding window, on every
 * store. The window is 3 s so that waiting out `Retry-After` keeps the suite short.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestUser } from '../lifecycle/support.js';
import { startTestServer, type TestServer } from '../support/test-app.js';
import { TEST_STORES } from '../support/test-stores.js';
import { BURST_REMAINING, expectThrottled, salesperson, sleep } from './support.js';

const LIMIT = 20;
const WINDOW_SECONDS = 3;
const REFUSAL = `Number of requests exceeded the limit of ${LIMIT} over time window of ${WINDOW_SECONDS} seconds.`;

describe.each(TEST_STORES)('number of requests per user on %s', (kind) => {
  let server: TestServer;
  let flooder: TestUser;
  let bystander: TestUser;

  beforeAll(async () => {
    server = await startTestServer(kind, {
      config: { limitRequests: LIMIT, limitWindowSeconds: WINDOW_SECONDS, limitSyncMs: 100 },
    });
    flooder = await salesperson(server);
    bystander = await salesperson(server);
  });
  afterAll(() => server?.close());

  it('refuses the request past the limit with 429 and Retry-After, while another user is served as usual', async () => {
    const flood = async () => {
      const statuses: number[] = [];
      let refusal: Awaited<ReturnType<TestServer['api']>> | undefined;
      for (let index = 0; index < LIMIT + 5; index += 1) {
        const response = await server.api('WhoAmI', { token: flooder.token });
        statuses.push(response.status);
        if (index < LIMIT) expect(response.headers.get(BURST_REMAINING)).toBe(String(LIMIT - 1 - index));
        if (response.status === 429) refusal ??= response;
      }
      return { statuses, refusal: refusal! };
    };
    const meanwhile = async () => {
      const seen: { status: number; remaining: string | null }[] = [];
      for (let index = 0; index < 10; index += 1) {
        const response = await server.api('WhoAmI', { token: bystander.token });
        seen.push({ status: response.status, remaining: response.headers.get(BURST_REMAINING) });
      }
      return seen;
    };
    const [flooded, bystanderSaw] = await Promise.all([flood(), meanwhile()]);

    expect(flooded.statuses).toEqual([...Array(LIMIT).fill(200), ...Array(5).fill(429)]);
    const retryAfter = expectThrottled(flooded.refusal, '0x80072322', REFUSAL);
    expect(retryAfter).toBeLessThanOrEqual(WINDOW_SECONDS + 1);
    // The other user's budget is their own: neither refused nor charged for the flood.
    expect(bystanderSaw).toEqual(
      Array.from({ length: 10 }, (_, index) => ({ status: 200, remaining: String(LIMIT - 1 - index) })),
    );
  });

  it('serves the user again once the window has slid past Retry-After', async () => {
    const refused = await server.api('WhoAmI', { token: flooder.token });
    const retryAfter = expectThrottled(refused, '0x80072322', REFUSAL);
    await sleep(retryAfter * 1000);
    const served = await server.api('WhoAmI', { token: flooder.token });
    expect(served.status, served.text).toBe(200);
    expect(Number(served.headers.get(BURST_REMAINING))).toBeGreaterThanOrEqual(0);
  });

  it('counts the refusals in orderline_http_throttled_total by limit', async () => {
    const metrics = await (await fetch(`${server.baseUrl}metrics`)).text();
    const throttled = /^orderline_http_throttled_total\{limit="requests"\} (\d+)$/m.exec(metrics);
    expect(Number(throttled?.[1])).toBeGreaterThanOrEqual(6);
  });
});
