/**
 * Stopping the dispatcher ends every claim loop at once: a server's close never waits out a poll
 * interval, whether a loop is idle or in the middle of a round when the stop comes. The interval here is
 * an hour, so a loop left waiting would hold the close past the test's timeout.
 */
import { describe, expect, it } from 'vitest';
import { startTestServer } from '../support/test-app.js';
import { TEST_STORES } from '../support/test-stores.js';

const AN_HOUR = 3_600_000;

describe.each(TEST_STORES)('stopping the dispatcher (%s)', (kind) => {
  it('ends all its loops, the idle ones included, without waiting for their next poll', async () => {
    const server = await startTestServer(kind, { app: { dispatcher: { pollMs: AN_HOUR, workers: 3 } } });
    try {
      // Requests give the loops time to finish their first round and go idle.
      for (let request = 0; request < 3; request++) expect((await server.api('WhoAmI()')).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('ends a loop whose round was still running when stop() was called', async () => {
    const server = await startTestServer(kind, { app: { dispatcher: { pollMs: AN_HOUR } } });
    // Closed at once: the loops' first round (reading the connectors) is still under way.
    await server.close();
  });
});
