/**
 * `oobpricecalculationenabled = 0` hands pricing to the module named by ORDERLINE_PRICING_MODULE
 * (here the sample of examples/custom-pricing), at the same trigger points; without a module, prices
 * stay as written.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../src/app.js';
import { configWith } from '../../src/config/app-config.js';
import { createLogger } from '../../src/observability/logger.js';
import { ADMIN_TOKEN, startTestServer, type TestServer } from '../support/test-app.js';
import { createTestDatabase, TEST_STORES, type TestDatabase } from '../support/test-stores.js';
import { type Api, action, addOrderLine, order, orderLine, post, setOrganization, writeIn } from './support.js';

const SAMPLE = fileURLToPath(new URL('../../examples/custom-pricing/sample-pricing.ts', import.meta.url));

/** A server like startTestServer's, configured with the sample module. */
async function startWithModule(kind: (typeof TEST_STORES)[number]) {
  const database: TestDatabase = await createTestDatabase(kind, { schema: 'migrated' });
  const app: App = await createApp(
    configWith({ database: database.location, adminToken: ADMIN_TOKEN, logLevel: 'silent', pricingModule: SAMPLE }),
    { logger: createLogger('silent') },
  );
  await app.server.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const root = `http://127.0.0.1:${port}/api/data/v9.2/`;
  const api: Api = async (path, init = {}) => {
    const response = await fetch(`${root}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        accept: 'application/json',
        authorization: `Bearer ${ADMIN_TOKEN}`,
        'content-type': 'application/json',
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, json: text ? JSON.parse(text) : undefined };
  };
  return {
    api,
    async close() {
      await app.close();
      await database.drop();
    },
  };
}

for (const kind of TEST_STORES) {
  describe(`custom pricing module on ${kind}`, () => {
    let custom: Awaited<ReturnType<typeof startWithModule>>;
    let plain: TestServer;

    beforeAll(async () => {
      custom = await startWithModule(kind);
      plain = await startTestServer(kind);
    });
    afterAll(async () => {
      await custom?.close();
      await plain?.close();
    });

    it('prices with the sample module while system pricing is off', async () => {
      const api = custom.api;
      await setOrganization(api, { oobpricecalculationenabled: false });
      const id = await post(api, 'salesorders', { name: 'Custom priced' });
      const first = await addOrderLine(api, id, writeIn(100, 10));
      expect((await orderLine(api, first)).extendedamount).toBe(1000);
      // Detail 1,000: no discount; tax 10% = 100.
      expect((await order(api, id)).totalamount).toBe(1100);
      await addOrderLine(api, id, writeIn(100, 20));
      // Detail 3,000: 5% discount 150, pre-freight 2,850, tax 10% 285, total 3,135.
      const header = await order(api, id);
      expect([header.totallineitemamount, header.discountamount, header.totaltax, header.totalamount]).toEqual([
        3000, 150, 285, 3135,
      ]);
      await action(api, 'RecalculatePrice', { entityLogicalName: 'salesorder', entityId: id });
      expect((await order(api, id)).totalamount).toBe(3135);
      await setOrganization(api, { oobpricecalculationenabled: true });
    });

    it('leaves prices as written when no module is configured and system pricing is off', async () => {
      const api = plain.api;
      await setOrganization(api, { oobpricecalculationenabled: false });
      try {
        const id = await post(api, 'salesorders', { name: 'Unpriced' });
        const line = await addOrderLine(api, id, writeIn(100, 10));
        const row = await orderLine(api, line);
        expect([row.priceperunit, row.extendedamount]).toEqual([100, null]);
        expect((await order(api, id)).totalamount).toBeNull();
      } finally {
        await setOrganization(api, { oobpricecalculationenabled: true });
      }
    });
  });
}
