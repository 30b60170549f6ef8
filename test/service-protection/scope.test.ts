/**
 * What service protection limits and what it leaves alone: only authenticated Web API requests count,
 * against their effective user. Health, readiness, metrics and the web UI are never limited, and a
 * request refused 401 before anyone is authenticated counts against no one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from '../lifecycle/support.js';
import { startTestServer, type TestServer } from '../support/test-app.js';
import { TEST_STORES } from '../support/test-stores.js';
import { BURST_REMAINING, patient, TIME_REMAINING } from './support.js';

/** More than the administrator spends creating the two users. */
const LIMIT = 12;

describe.each(TEST_STORES)('what service protection limits on %s', (kind) => {
  let server: TestServer;
  let delegate: TestUser;
  let salesperson: TestUser;

  beforeAll(async () => {
    server = await startTestServer(kind, {
      config: { limitRequests: LIMIT, limitExecutionMs: 1_200_000, limitWindowSeconds: 60, limitConcurrent: 1 },
    });
    delegate = await createUser(patient(server), { roles: ['Salesperson', 'Delegate'] });
    salesperson = await createUser(patient(server), { roles: ['Salesperson'] });
  });
  afterAll(() => server?.close());

  it('never limits /health, /ready, /metrics or the web UI, and writes no rate-limit header there', async () => {
    for (const path of ['health', 'ready', 'metrics', '', 'api/data/v9.2']) {
      const answers = await Promise.all(
        Array.from({ length: 2 * LIMIT }, () => fetch(`${server.baseUrl}${path}`, { redirect: 'manual' })),
      );
      for (const answer of answers) {
        expect(answer.status, path).not.toBe(429);
        expect(answer.headers.get(BURST_REMAINING)).toBeNull();
      }
    }
  });

  it('counts nothing for a request refused 401', async () => {
    for (const token of [null, 'not-a-token-of-anyone']) {
      for (let index = 0; index < 2 * LIMIT; index += 1) {
        expect((await server.api('WhoAmI', { token })).status).toBe(401);
      }
    }
    const first = await server.api('WhoAmI', { token: salesperson.token });
    expect(first.headers.get(BURST_REMAINING)).toBe(String(LIMIT - 1));
    expect(first.headers.get(TIME_REMAINING)).toMatch(/^1,\d{3}\.\d{2}$/);
  });

  it('counts an impersonated request against the effective user, not the delegate', async () => {
    const impersonated = await server.api('WhoAmI', {
      token: delegate.token,
      headers: { MSCRMCallerID: salesperson.id },
    });
    expect(impersonated.status, impersonated.text).toBe(200);
    expect(impersonated.json.UserId).toBe(salesperson.id);
    expect(impersonated.headers.get(BURST_REMAINING)).toBe(String(LIMIT - 2));
    const own = await server.api('WhoAmI', { token: delegate.token });
    expect(own.headers.get(BURST_REMAINING)).toBe(String(LIMIT - 1));
  });
});
