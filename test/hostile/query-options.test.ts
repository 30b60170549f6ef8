/**
 * PRODUCT.md C1 and "Reliability to prove": random and hostile `$filter` and other query options on
 * GET get a 200 or a 4xx in Dataverse's error shape, never a 5xx, and never change a row.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_STORES } from '../support/test-stores.js';
import { extremeLiteralFilter, hostileFilter, hostileQuery, manyRelatedTables } from './support/arbitraries.js';
import {
  API,
  assertProperty,
  expectHandled,
  type HostileServer,
  percentEncode,
  RUNS,
  rawTarget,
  startHostileServer,
} from './support/hostile-server.js';

const PROPERTY_TIMEOUT = 180_000;
/** A generous bound for one hostile query on a loaded machine: the lambda bomb once took minutes. */
const QUERY_BOUND_MS = 5_000;

/** How a client may have written the value into the URL: encoded properly, or sloppily. */
const encoding = fc.constantFrom('component', 'raw', 'spaces-as-plus');

function encodeValue(value: string, how: string): string {
  if (how === 'raw') return rawTarget(value);
  if (how === 'spaces-as-plus') return percentEncode(value).replace(/%20/g, '+');
  return percentEncode(value);
}

for (const kind of TEST_STORES) {
  describe(`hostile query options on ${kind}`, () => {
    let hostile: HostileServer;
    beforeAll(async () => {
      hostile = await startHostileServer(kind);
    });
    afterAll(async () => {
      await hostile?.close();
    });

    it(
      'a random $filter on salesorders is answered 200 or 4xx in the error shape, never 5xx',
      async () => {
        const before = await hostile.fingerprint();
        await assertProperty(
          fc.asyncProperty(
            hostileFilter,
            encoding,
            fc.constantFrom('salesorders', 'salesorders/$count', 'accounts'),
            async (filter, how, set) => {
              const target = `${API}${set}?$filter=${encodeValue(filter, how)}`;
              const response = await hostile.raw(target);
              expectHandled(response, `GET ${target.slice(0, 500)}`);
              if (response.status === 200 && set !== 'salesorders/$count')
                expect(Array.isArray(response.json?.value)).toBe(true);
            },
          ),
        );
        expect(await hostile.fingerprint()).toEqual(before);
      },
      PROPERTY_TIMEOUT,
    );

    it(
      'random $select, $orderby, $expand, $top, $count, $skiptoken, unknown options and aliases never get a 5xx',
      async () => {
        const before = await hostile.fingerprint();
        await assertProperty(
          fc.asyncProperty(
            hostileQuery,
            encoding,
            fc.constantFrom(
              'salesorders',
              `salesorders(SEEDED)`,
              'salesorders(SEEDED)/order_details',
              'accounts',
              'salesorderdetails',
              'WhoAmI',
            ),
            async (options, how, set) => {
              const query = options
                .map(([name, value]) => `${encodeValue(name, how)}=${encodeValue(value, how)}`)
                .join('&');
              const target = `${API}${set.replace('SEEDED', hostile.seeded.orderId)}?${query}`;
              expectHandled(await hostile.raw(target), `GET ${target.slice(0, 500)}`);
            },
          ),
        );
        expect(await hostile.fingerprint()).toEqual(before);
      },
      PROPERTY_TIMEOUT,
    );

    it(
      'extreme numbers and dates in comparisons, query functions and aliases are answered at once, never a 5xx',
      async () => {
        await assertProperty(
          fc.asyncProperty(extremeLiteralFilter, async ({ filter, aliases }) => {
            const target = `${API}salesorders?$select=name&$filter=${percentEncode(filter)}${aliases}`;
            const started = Date.now();
            const response = await hostile.raw(target);
            expectHandled(response, `GET ${target.slice(0, 500)}`);
            expect(Date.now() - started, target.slice(0, 500)).toBeLessThan(QUERY_BOUND_MS);
          }),
        );
      },
      PROPERTY_TIMEOUT,
    );

    it(
      'many lambdas, hops and expansions are answered or refused at once, never a 5xx or a hang',
      async () => {
        await assertProperty(
          fc.asyncProperty(manyRelatedTables, async (option) => {
            const equals = option.indexOf('=');
            const target = `${API}salesorders?${option.slice(0, equals)}=${percentEncode(option.slice(equals + 1))}`;
            const started = Date.now();
            const response = await hostile.raw(target);
            expectHandled(response, `GET ${target.slice(0, 500)}`);
            expect(Date.now() - started, target.slice(0, 500)).toBeLessThan(QUERY_BOUND_MS);
          }),
          Math.ceil(RUNS / 2),
        );
      },
      PROPERTY_TIMEOUT,
    );

    it(
      'query options on a write are refused or applied, never a 5xx or a partial write',
      async () => {
        await assertProperty(
          fc.asyncProperty(hostileQuery, async (options) => {
            const query = options.map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`).join('&');
            const before = await hostile.fingerprint();
            const target = `${API}salesorders(${hostile.seeded.orderId})?${query}`;
            const response = await hostile.raw(target, {
              method: 'PATCH',
              headers: { 'content-type': 'application/json', prefer: 'return=representation' },
              body: JSON.stringify({ description: 'query options on a write' }),
            });
            expectHandled(response, `PATCH ${target.slice(0, 500)}`);
            if (response.status >= 400) expect(await hostile.fingerprint()).toEqual(before);
          }),
          Math.ceil(RUNS / 3),
        );
      },
      PROPERTY_TIMEOUT,
    );
  });
}
