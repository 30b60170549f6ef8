/**
 * Under concurrency (issue #4, "Done means"): 20 orders created at once get 20 distinct numbers, and 20
 * submits of one order at once submit it once, stamp it once and change its row version once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-app.js';
import { TEST_STORES } from '../support/test-stores.js';
import { as, expectOk, idOf, newOrder, read, setIntegration } from './support.js';

const REQUESTS = 20;

for (const kind of TEST_STORES) {
  describe(`lifecycle under concurrency on ${kind}`, () => {
    let server: TestServer;

    beforeAll(async () => {
      server = await startTestServer(kind);
    });
    afterAll(async () => {
      await server?.close();
    });

    it('gives 20 concurrently created orders 20 distinct order numbers', async () => {
      const api = as(server);
      const responses = await Promise.all(
        Array.from({ length: REQUESTS }, (_, index) =>
          api('salesorders', { method: 'POST', body: { name: `Concurrent ${index}` } }),
        ),
      );
      for (const response of responses) expectOk(response);
      const numbers = await Promise.all(
        responses.map(
          async (response) => (await read(api, `salesorders(${idOf(response)})?$select=ordernumber`)).ordernumber,
        ),
      );
      for (const number of numbers) expect(number).toMatch(/^ORD-\d{5}-[A-Z0-9]{4}$/);
      expect(new Set(numbers).size).toBe(REQUESTS);
      const counters = numbers.map((number: string) => number.split('-')[1]);
      expect(new Set(counters).size).toBe(REQUESTS);
    });

    it('submits an order once when 20 submits arrive at once: one state change, one stamp, one version change, its number kept', async () => {
      await setIntegration(server, true);
      const api = as(server);
      const orderId = await newOrder(api, 2);
      const before = await read(api, `salesorders(${orderId})`);
      const responses = await Promise.all(
        Array.from({ length: REQUESTS }, (_, index) =>
          index % 2 === 0
            ? api(`salesorders(${orderId})`, { method: 'PATCH', body: { statecode: 1, statuscode: 3 } })
            : api(`salesorders(${orderId})/Microsoft.Dynamics.CRM.ol_SubmitSalesOrder`, { method: 'POST', body: {} }),
        ),
      );
      for (const response of responses) expectOk(response);
      const after = await read(api, `salesorders(${orderId})`);
      expect([after.statecode, after.statuscode]).toEqual([1, 3]);
      expect(after.submitdate).toBe(new Date().toISOString().slice(0, 10));
      expect(after.ordernumber).toBe(before.ordernumber);
      expect(after['@odata.etag']).not.toBe(before['@odata.etag']);
      // Every PATCH answered with the version the single submit wrote: none wrote another.
      const etags = responses.filter((_, index) => index % 2 === 0).map((response) => response.headers.get('etag'));
      expect(new Set(etags)).toEqual(new Set([after['@odata.etag']]));
      // The audit log saw exactly one change of the order after its creation: the submit.
      const audits = await read(api, `audits?$filter=_objectid_value eq ${orderId} and operation eq 2`);
      expect(audits.value).toHaveLength(1);
      const changed = JSON.parse(audits.value[0].changedata).changedAttributes.map(
        (change: { logicalName: string }) => change.logicalName,
      );
      // ol_submittedon: the hand-over to the back office, stamped by the bridge in the same write.
      expect(changed.sort()).toEqual(['ol_submittedon', 'statecode', 'statuscode', 'submitdate']);
    });
  });
}
