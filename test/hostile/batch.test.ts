/**
 * PRODUCT.md "Reliability to prove" and reference 7.4: random `$batch` bodies never get a 5xx, for the
 * batch or for any operation in it; a refused batch changes nothing; and a change set commits whole or
 * not at all, whichever of its operations fails.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_STORES } from '../support/test-stores.js';
import { contentType, nastyText } from './support/arbitraries.js';
import { type BatchPart, brokenBatch, hostileEnvelope, partStatuses, writeBatch } from './support/batch-bodies.js';
import {
  API,
  assertProperty,
  type DatabaseWatch,
  expectHandled,
  type HostileServer,
  RUNS,
  startHostileServer,
  watchDatabase,
} from './support/hostile-server.js';

const PROPERTY_TIMEOUT = 240_000;

const batchContentType = fc.oneof(
  { arbitrary: fc.constant('multipart/mixed; boundary=BOUNDARY'), weight: 6 },
  {
    arbitrary: fc.constantFrom(
      'multipart/mixed; boundary="BOUNDARY"',
      'multipart/mixed',
      'multipart/mixed; boundary=',
      'multipart/mixed; boundary=other',
      'multipart/mixed; boundary=BOUNDARY; boundary=other',
      'multipart/form-data; boundary=BOUNDARY',
      `multipart/mixed; boundary=${'b'.repeat(200)}`,
      'multipart/mixed; boundary="unterminated',
    ),
    weight: 2,
  },
  { arbitrary: contentType, weight: 1 },
);

for (const kind of TEST_STORES) {
  describe(`hostile $batch on ${kind}`, () => {
    let hostile: HostileServer;
    let database: DatabaseWatch;
    beforeAll(async () => {
      hostile = await startHostileServer(kind);
      database = await watchDatabase(hostile);
    });
    afterAll(async () => {
      await hostile?.close();
    });

    const seed = () => hostile.seeded;

    it(
      'a random $batch body gets no 5xx for the batch or any operation in it, and a refused batch changes nothing',
      async () => {
        const root = hostile.server.serviceRoot;
        const body = fc.oneof(
          {
            arbitrary: fc
              .constant(null)
              .chain(() => hostileEnvelope(root, seed))
              .map((envelope) => ({ envelope, text: writeBatch(envelope) })),
            weight: 5,
          },
          {
            arbitrary: hostileEnvelope(root, seed).chain((envelope) =>
              brokenBatch(fc.constant(writeBatch(envelope))).map((text) => ({ envelope, text })),
            ),
            weight: 3,
          },
          { arbitrary: nastyText.map((text) => ({ envelope: undefined, text })), weight: 1 },
        );
        await assertProperty(
          fc.asyncProperty(
            body,
            batchContentType,
            fc.constantFrom('', 'odata.continue-on-error'),
            async ({ envelope, text }, type, prefer) => {
              const headers = { 'content-type': type.replace('BOUNDARY', envelope?.boundary ?? 'batch_fuzz'), prefer };
              const response = await hostile.raw(`${API}$batch`, { method: 'POST', headers, body: text });
              const context = `POST $batch (${headers['content-type']}, prefer ${prefer || 'none'})\n${text.slice(0, 1500)}`;
              await database.settle(response.status, context);
              expectHandled(response, context);
              if (response.status === 200) {
                const statuses = partStatuses(response.text);
                expect(
                  statuses.every((status) => status < 500),
                  `${context}\n--- answer ---\n${response.text.slice(0, 3000)}`,
                ).toBe(true);
              }
            },
          ),
        );
      },
      PROPERTY_TIMEOUT,
    );

    it(
      'a change set commits whole or not at all: a failing operation anywhere in it leaves none of its writes behind',
      async () => {
        /** Operations that must fail, whatever came before them in the change set. */
        const failing = fc.constantFrom<(id: string) => BatchPart>(
          (id) => ({
            method: 'PATCH',
            url: `accounts(${id})`,
            headers: { 'if-match': '*', 'content-type': 'application/json' },
            body: '{"name":"x"}',
          }),
          () => ({
            method: 'POST',
            url: 'accounts',
            headers: { 'content-type': 'application/json' },
            body: '{"nosuchcolumn":1}',
          }),
          () => ({
            method: 'POST',
            url: 'accounts',
            headers: { 'content-type': 'application/json' },
            body: '{"name":',
          }),
          () => ({ method: 'POST', url: 'accounts', headers: { 'content-type': 'text/plain' }, body: '{"name":"x"}' }),
          (id) => ({ method: 'DELETE', url: `salesorders(${id})` }),
          (id) => ({
            method: 'POST',
            url: 'salesorderdetails',
            headers: { 'content-type': 'application/json' },
            body: `{"salesorderid@odata.bind":"/salesorders(${id})","isproductoverridden":true,"productdescription":"x","quantity":1}`,
          }),
          () => ({
            method: 'POST',
            url: 'accounts',
            headers: { 'content-type': 'application/json' },
            body: `{"name":"${'n'.repeat(161)}"}`,
          }),
          () => ({ method: 'PATCH', url: '$9', headers: { 'content-type': 'application/json' }, body: '{"name":"x"}' }),
          () => ({ method: 'POST', url: 'nosuch', headers: { 'content-type': 'application/json' }, body: '{}' }),
          () => ({
            method: 'POST',
            url: 'accounts',
            headers: { 'content-type': 'application/json' },
            body: '{"name":"x","accountnumber":"HI-1"}',
          }),
          () => ({
            method: 'PATCH',
            url: '$1',
            headers: { 'content-type': 'application/json', 'if-match': 'W/"1"' },
            body: '{"name":"stale"}',
          }),
        );
        await assertProperty(
          fc.asyncProperty(
            fc.integer({ min: 1, max: 4 }),
            fc.nat(),
            failing,
            fc.uuid(),
            fc.boolean(),
            fc.constantFrom('', 'odata.continue-on-error'),
            async (writes, at, makeFailure, missingId, touchSeeded, prefer) => {
              const marker = `atomic-${crypto.randomUUID()}`;
              const parts: BatchPart[] = Array.from({ length: writes }, (_, index) => ({
                method: 'POST',
                url: 'accounts',
                contentId: String(index + 1),
                headers: { 'content-type': 'application/json' },
                body: JSON.stringify({ name: marker, description: `part ${index + 1}` }),
              }));
              if (touchSeeded) {
                parts.push({
                  method: 'PATCH',
                  url: `salesorders(${hostile.seeded.orderId})`,
                  headers: { 'content-type': 'application/json' },
                  body: JSON.stringify({ description: marker }),
                });
              }
              parts.splice(at % (parts.length + 1), 0, makeFailure(missingId));
              const text = writeBatch({
                boundary: 'batch_atomic',
                lineBreak: '\r\n',
                items: [{ kind: 'changeset', parts }],
              });
              const response = await hostile.raw(`${API}$batch`, {
                method: 'POST',
                headers: { 'content-type': 'multipart/mixed; boundary=batch_atomic', prefer },
                body: text,
              });
              const context = `change set:\n${text}\n--- answer ---\n${response.text.slice(0, 2000)}`;
              expectHandled(response, context);
              expect(
                partStatuses(response.text).some((status) => status >= 400),
                context,
              ).toBe(true);
              const created = await hostile.server.api(
                `accounts/$count?$filter=${encodeURIComponent(`name eq '${marker}'`)}`,
              );
              expect(created.text, context).toBe('0');
              const order = await hostile.server.api(`salesorders(${hostile.seeded.orderId})?$select=description`);
              expect(order.json.description, context).not.toBe(marker);
              await database.settle(400, context);
            },
          ),
          Math.ceil(RUNS / 2),
        );
      },
      PROPERTY_TIMEOUT,
    );
  });
}
