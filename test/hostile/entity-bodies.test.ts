/**
 * PRODUCT.md "Reliability to prove": random and hostile JSON bodies on POST, PATCH (update and
 * upsert) and PUT get a 2xx or a 4xx in Dataverse's error shape, never a 5xx, and a refused write
 * leaves every seeded row and every row count exactly as it was.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { TEST_STORES } from '../support/test-stores.js';
import { contentType, hostileEntityBody, metadata, tableOf } from './support/arbitraries.js';
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

/** Where a body can be written: the set, and how to address a row of it. */
const TARGETS = [
  { table: 'account', set: 'accounts', seededId: (server: HostileServer) => server.seeded.accountId },
  { table: 'salesorder', set: 'salesorders', seededId: (server: HostileServer) => server.seeded.orderId },
  {
    table: 'salesorderdetail',
    set: 'salesorderdetails',
    seededId: (server: HostileServer) => server.seeded.lineIds[0]!,
  },
] as const;

type How = 'create' | 'update' | 'upsert' | 'update-only' | 'create-only' | 'navigation' | 'put-property';
const hows: How[] = ['create', 'update', 'upsert', 'update-only', 'create-only', 'navigation', 'put-property'];

for (const kind of TEST_STORES) {
  describe(`hostile entity bodies on ${kind}`, () => {
    let hostile: HostileServer;
    let database: DatabaseWatch;
    beforeAll(async () => {
      hostile = await startHostileServer(kind);
      database = await watchDatabase(hostile);
    });
    afterAll(async () => {
      await hostile?.close();
    });

    for (const target of TARGETS) {
      it(
        `a random body written to ${target.set} is accepted or refused whole, never a 5xx or a changed row`,
        async () => {
          const seed = () => hostile.seeded;
          const columns = tableOf(target.table).columns.map((column) => column.name);
          await assertProperty(
            fc.asyncProperty(
              hostileEntityBody(target.table, seed),
              contentType,
              fc.constantFrom(...hows),
              fc.constantFrom(...columns),
              fc.constantFrom('', 'return=representation'),
              async (body, type, how, property, prefer) => {
                const id = target.seededId(hostile);
                const request = writeRequest(target.set, id, how, property);
                const headers: Record<string, string> = { 'content-type': type, prefer, ...request.headers };
                const response = await hostile.raw(`${API}${request.path}`, { method: request.method, headers, body });
                const context = `${request.method} ${request.path} (${type})\n${body.slice(0, 500)}`;
                await database.settle(response.status, context);
                expectHandled(response, context);
              },
            ),
          );
        },
        PROPERTY_TIMEOUT,
      );
    }

    it(
      'a random body written to any entity set is accepted or refused whole, never a 5xx or a changed row',
      async () => {
        const seed = () => hostile.seeded;
        // Existing rows of other tables are left alone (disabling the administrator would end the run):
        // creates, and upserts on new ids.
        const target = fc
          .constantFrom(...metadata.tables)
          .chain((table) =>
            fc.tuple(
              fc.constant(table),
              hostileEntityBody(table.logicalName, seed),
              contentType,
              fc.constantFrom('create', 'upsert', 'update-only'),
            ),
          );
        await assertProperty(
          fc.asyncProperty(target, async ([table, body, type, how]) => {
            const request = writeRequest(table.entitySetName, crypto.randomUUID(), how as How, '');
            const response = await hostile.raw(`${API}${request.path}`, {
              method: request.method,
              headers: { 'content-type': type, ...request.headers },
              body,
            });
            const context = `${request.method} ${request.path} (${type})\n${body.slice(0, 500)}`;
            await database.settle(response.status, context);
            expectHandled(response, context);
          }),
          RUNS * 2,
        );
      },
      PROPERTY_TIMEOUT,
    );
  });
}

function writeRequest(
  set: string,
  id: string,
  how: How,
  property: string,
): { method: string; path: string; headers: Record<string, string> } {
  const fresh = crypto.randomUUID();
  switch (how) {
    case 'create':
      return { method: 'POST', path: set, headers: {} };
    case 'update':
      return { method: 'PATCH', path: `${set}(${id})`, headers: {} };
    case 'upsert':
      return { method: 'PATCH', path: `${set}(${fresh})`, headers: {} };
    case 'update-only':
      return { method: 'PATCH', path: `${set}(${fresh})`, headers: { 'if-match': '*' } };
    case 'create-only':
      return { method: 'PATCH', path: `${set}(${id})`, headers: { 'if-none-match': '*' } };
    case 'navigation':
      return {
        method: 'POST',
        path: set === 'salesorders' ? `${set}(${id})/order_details` : `${set}(${id})/${property}`,
        headers: {},
      };
    case 'put-property':
      return { method: 'PUT', path: `${set}(${id})/${property}`, headers: {} };
  }
}
