/**
 * The execution-time limit (reference 7.6, 0x80072321): the combined time a user's requests spend
 * executing, per sliding window. The expensive requests are real work (a `$batch` of 200 reads), not a
 * sleep, so the time is what the server actually spent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestUser } from '../lifecycle/support.js';
import { type ApiResponse, startTestServer, type TestServer } from '../support/test-app.js';
import { TEST_STORES } from '../support/test-stores.js';
import { batchOfReads, expectThrottled, salesperson, sleep, TIME_REMAINING } from './support.js';

const LIMIT_MS = 300;
const WINDOW_SECONDS = 3;
const REFUSAL = `Combined execution time of incoming requests exceeded limit of ${LIMIT_MS} milliseconds over time window of ${WINDOW_SECONDS} seconds.`;
const EXPENSIVE = batchOfReads(200);

describe.each(TEST_STORES)('execution time per user on %s', (kind) => {
  let server: TestServer;
  let heavy: TestUser;
  let light: TestUser;

  beforeAll(async () => {
    server = await startTestServer(kind, {
      config: { limitExecutionMs: LIMIT_MS, limitWindowSeconds: WINDOW_SECONDS, limitSyncMs: 100 },
    });
    heavy = await salesperson(server);
    light = await salesperson(server);
  });
  afterAll(() => server?.close());

  const expensiveBatch = () =>
    server.api('$batch', { method: 'POST', token: heavy.token, body: EXPENSIVE.body, headers: EXPENSIVE.headers });

  it('refuses a user whose requests used up the execution time, while another user is served', async () => {
    let stop = false;
    const heavyUse = async () => {
      const served: ApiResponse[] = [];
      try {
        for (let attempt = 0; attempt < 100; attempt += 1) {
          const response = await expensiveBatch();
          if (response.status === 429) return { served, refusal: response };
          expect(response.status, response.text).toBe(200);
          served.push(response);
        }
        throw new Error('100 expensive batches and no refusal');
      } finally {
        stop = true;
      }
    };
    // A few cheap requests at a human pace all along the flood: far from the light user's own budget.
    const lightUse = async () => {
      const answers: string[] = [];
      while (!stop && answers.length < 10) {
        const response = await server.api('WhoAmI', { token: light.token });
        answers.push(response.status === 200 ? 'served' : response.text);
        await sleep(20);
      }
      return answers;
    };
    const [heavyResult, lightAnswers] = await Promise.all([heavyUse(), lightUse()]);

    expect(heavyResult.served.length).toBeGreaterThanOrEqual(1);
    expectThrottled(heavyResult.refusal, '0x80072321', REFUSAL);
    expect(lightAnswers.length).toBeGreaterThan(0);
    expect(lightAnswers).toEqual(lightAnswers.map(() => 'served'));
    // The time left is told in seconds, two decimals, as Dataverse writes it.
    const [first] = heavyResult.served;
    expect(first!.headers.get(TIME_REMAINING)).toBe('0.30');
  });

  it('serves the user again once the expensive requests have slid out of the window', async () => {
    const refused = await expensiveBatch();
    const retryAfter = expectThrottled(refused, '0x80072321', REFUSAL);
    expect(retryAfter).toBeLessThanOrEqual(WINDOW_SECONDS + 1);
    await sleep(retryAfter * 1000);
    const served = await expensiveBatch();
    expect(served.status, served.text).toBe(200);
  });
});
