/**
 * Optimistic concurrency under load (PRODUCT.md, "Reliability to prove"): 50 writers race on one order
 * with the ETag they read; exactly one wins, every other gets 412, and no update is lost.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-app.js';
import { TEST_STORES } from '../support/test-stores.js';

const WRITERS = 50;

for (const kind of TEST_STORES) {
  describe(`concurrent writers on ${kind}`, () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer(kind);
    });
    afterAll(async () => {
      await server?.close();
    });

    it('lets exactly one of 50 If-Match writers win and answers 412 to the others', async () => {
      const order = await server.api('salesorders', {
        method: 'POST',
        headers: { prefer: 'return=representation' },
        body: { name: 'Race' },
      });
      const etag = order.json['@odata.etag'];
      const results = await Promise.all(
        Array.from({ length: WRITERS }, (_, writer) =>
          server.api(`salesorders(${order.json.salesorderid})`, {
            method: 'PATCH',
            headers: { 'if-match': etag },
            body: { description: `writer ${writer}` },
          }),
        ),
      );
      const winners = results.filter((result) => result.status === 204);
      const losers = results.filter((result) => result.status === 412);
      expect(winners).toHaveLength(1);
      expect(losers).toHaveLength(WRITERS - 1);
      for (const loser of losers) expect(loser.json.error.code).toBe('0x80060882');
      const final = await server.api(`salesorders(${order.json.salesorderid})`);
      expect(final.json['@odata.etag']).toBe(winners[0]!.headers.get('etag'));
      expect(final.json.description).toMatch(/^writer \d+$/);
    });

    it('loses no update when 50 writers each re-read and retry until they succeed', async () => {
      // Each writer appends its mark to the description; a lost update would drop a mark.
      const account = await server.api('accounts', {
        method: 'POST',
        headers: { prefer: 'return=representation' },
        body: { name: 'Counter' },
      });
      const id = account.json.accountid;
      const writer = async (index: number) => {
        for (;;) {
          const current = await server.api(`accounts(${id})?$select=description`);
          const log = current.json.description ?? '';
          const response = await server.api(`accounts(${id})`, {
            method: 'PATCH',
            headers: { 'if-match': current.json['@odata.etag'] },
            body: { description: `${log}[${index}]` },
          });
          if (response.status === 204) return;
          expect(response.status).toBe(412);
        }
      };
      await Promise.all(Array.from({ length: WRITERS }, (_, index) => writer(index)));
      const final = await server.api(`accounts(${id})?$select=description`);
      const entries = final.json.description.match(/\[\d+\]/g) ?? [];
      expect(new Set(entries).size).toBe(WRITERS);
    });
  });
}
