/**
 * PRODUCT.md C1: random and hostile URLs (unknown sets, malformed keys, deep paths, broken
 * %-escapes, unknown API versions, URLs over Dataverse's 32 KB limit) never get a 5xx, and every
 * refusal is in Dataverse's error shape, whatever the method.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_STORES } from '../support/test-stores.js';
import { nastyText } from './support/arbitraries.js';
import {
  assertProperty,
  type DatabaseWatch,
  expectDataverseError,
  expectHandled,
  type HostileServer,
  RUNS,
  rawTarget,
  startHostileServer,
  watchDatabase,
} from './support/hostile-server.js';

const PROPERTY_TIMEOUT = 240_000;

/** Escapes a client should never send: truncated, non-hex, overlong UTF-8, lone surrogates, NUL, encoded slashes. */
const brokenEscape = fc.constantFrom(
  '%',
  '%2',
  '%zz',
  '%ZZ',
  '%%',
  '%C0%AF',
  '%ED%A0%80',
  '%FF',
  '%00',
  '%2F',
  '%2f..%2f',
  '%5C',
  '%25',
  '%u0041',
  '%E2%80%AE',
);

const keyText = fc.oneof(
  fc.constant('SEEDED'),
  fc.uuid(),
  fc.uuid().map((id) => `{${id}}`),
  fc.uuid().map((id) => id.toUpperCase()),
  fc.constantFrom(
    '',
    'abc',
    "name='x",
    "name='x'",
    "accountnumber='HI-1'",
    "accountnumber='HI-1',name='y'",
    'accountnumber=5',
    'accountnumber=1e400',
    "ordernumber='x'''",
    "ordernumber=''",
    '00000000-0000-0000-0000-000000000000',
    "'x'",
    'a=',
    '=1',
    ',',
    '((',
    "x='a/b'",
  ),
  nastyText,
);

const setName = fc.oneof(
  fc.constantFrom(
    'accounts',
    'salesorders',
    'salesorderdetails',
    'contacts',
    'systemusers',
    'roles',
    'organizations',
    'invoices',
    'ol_accesstokens',
    'nosuch',
    'Accounts',
    'account',
    '',
  ),
  nastyText,
);

const segment = fc.oneof(
  { arbitrary: setName, weight: 3 },
  { arbitrary: fc.tuple(setName, keyText).map(([set, key]) => `${set}(${key})`), weight: 3 },
  {
    arbitrary: fc.constantFrom(
      '$count',
      '$ref',
      '$value',
      '$metadata',
      '$batch',
      '$entity',
      '$each',
      'order_details',
      'customerid_account',
      'name',
      'Microsoft.Dynamics.CRM.ol_SubmitSalesOrder',
      'Microsoft.Dynamics.CRM.',
      'Microsoft.Dynamics.CRM.WhoAmI',
      'WhoAmI()',
      'WhoAmI(x=1)',
      "RetrieveTotalRecordCount(EntityNames=['account'])",
      '..',
      '.',
      '',
      '\\',
      ';',
      'api',
      'data',
      'v9.2',
    ),
    weight: 3,
  },
  { arbitrary: brokenEscape, weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 12 }), weight: 1 },
);

const version = fc.oneof(
  { arbitrary: fc.constant('v9.2'), weight: 6 },
  {
    arbitrary: fc.constantFrom(
      'v9.0',
      'v9.1',
      'v9.3',
      'v8.2',
      'V9.2',
      'v9.2.1',
      'v9',
      'v',
      '',
      '%76%39%2E%32',
      'v9.2;x',
      '..',
    ),
    weight: 2,
  },
);

const query = fc.oneof(
  fc.constant(''),
  fc.constantFrom(
    '?',
    '?&',
    '?$top=1',
    '?$select=name',
    '?=',
    '?$=1',
    '?%',
    '?%zz=1',
    '?a=%',
    '?$filter=%00',
    '?@p1=1&$filter=name eq @p1',
    '??',
  ),
  nastyText.map((text) => `?${text}`),
);

/** A path under the service root, or somewhere else on the server. */
const target = fc.oneof(
  {
    arbitrary: fc
      .tuple(version, fc.array(segment, { minLength: 0, maxLength: 5 }), query)
      .map(([v, segments, q]) => `/api/data/${v}/${segments.join('/')}${q}`),
    weight: 8,
  },
  {
    arbitrary: fc.constantFrom(
      '/',
      '/api',
      '/api/',
      '/api/data',
      '/api/data/',
      '/api/data/v9.2',
      '//api/data/v9.2/accounts',
      '/API/DATA/V9.2/accounts',
      '/api/data/v9.2//accounts',
      '/api/data/v9.2/./accounts',
      '/api/data/v9.2/../v9.2/accounts',
      '/health/x',
      '/metrics',
      '/ready',
      '/favicon.ico',
    ),
    weight: 2,
  },
  { arbitrary: fc.array(segment, { maxLength: 4 }).map((segments) => `/${segments.join('/')}`), weight: 1 },
);

for (const kind of TEST_STORES) {
  describe(`hostile URLs on ${kind}`, () => {
    let hostile: HostileServer;
    let database: DatabaseWatch;
    beforeAll(async () => {
      hostile = await startHostileServer(kind);
      database = await watchDatabase(hostile);
    });
    afterAll(async () => {
      await hostile?.close();
    });

    it(
      'a random URL gets no 5xx with any method, and every refusal is in the error shape',
      async () => {
        await assertProperty(
          fc.asyncProperty(
            target,
            fc.constantFrom('GET', 'GET', 'POST', 'PATCH', 'PUT', 'DELETE'),
            fc.constantFrom(undefined, '{}', '{"name":"url fuzz"}', '{"value":1}'),
            async (path, method, body) => {
              // Seeded rows are only ever read: a well-formed DELETE or PATCH must not be able to reach them.
              const sent = rawTarget(
                path.replaceAll('SEEDED', method === 'GET' ? hostile.seeded.orderId : crypto.randomUUID()),
              );
              const headers: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' };
              const response = await hostile.raw(sent, { method, headers, ...(body !== undefined ? { body } : {}) });
              const context = `${method} ${sent.slice(0, 400)}`;
              await database.settle(response.status, context);
              expectHandled(response, context);
            },
          ),
          RUNS * 2,
        );
      },
      PROPERTY_TIMEOUT,
    );

    it(
      'URLs and paths at and over 32 KB are served or refused in the error shape',
      async () => {
        await assertProperty(
          fc.asyncProperty(
            fc.integer({ min: 16_000, max: 70_000 }),
            fc.constantFrom('query', 'path', 'key'),
            async (length, where) => {
              const filler = 'a'.repeat(length);
              const path =
                where === 'query'
                  ? `/api/data/v9.2/salesorders?$filter=name eq '${filler}'`
                  : where === 'path'
                    ? `/api/data/v9.2/${filler}`
                    : `/api/data/v9.2/accounts(accountnumber='${filler}')`;
              const response = await hostile.raw(rawTarget(path));
              const context = `GET ${path.slice(0, 80)}... (${path.length} characters)`;
              expectHandled(response, context);
              if (path.length > 32_768) {
                expect(response.status, context).toBeGreaterThanOrEqual(400);
                expectDataverseError(response, context);
              }
            },
          ),
          Math.ceil(RUNS / 5),
        );
      },
      PROPERTY_TIMEOUT,
    );
  });
}
