/**
 * Hostile `$apply` (issue #13): malformed transformations, huge groupby and aggregate lists, nested and
 * chained transformations, random mutations of valid ones, and aggregates of every column type. Each is
 * answered 200 or 4xx in Dataverse's error shape, never a 5xx, within a bound, and changes nothing.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_STORES } from '../support/test-stores.js';
import { hostileFilter, nastyText, tableOf } from './support/arbitraries.js';
import {
  API,
  assertProperty,
  expectHandled,
  type HostileServer,
  percentEncode,
  startHostileServer,
} from './support/hostile-server.js';

const PROPERTY_TIMEOUT = 180_000;
const QUERY_BOUND_MS = 5_000;

const orderColumns = tableOf('salesorder').columns.map((column) =>
  ['lookup', 'customer', 'owner'].includes(column.type) ? `_${column.name}_value` : column.name,
);
const property = fc.oneof(
  fc.constantFrom(...orderColumns),
  fc.constantFrom('nosuch', 'customerid/name', '$count', '$it', 'ownerid', '_x_value', ''),
  nastyText,
);
const method = fc.oneof(
  fc.constantFrom('sum', 'min', 'max', 'average', 'countdistinct'),
  fc.constantFrom('count', 'avg', 'SUM', 'median', ''),
  nastyText,
);
const alias = fc.oneof(fc.constantFrom('a', 'total', 'n', 'count', 'a b', '1x', ''), nastyText);

const aggregateExpression = fc.oneof(
  fc.tuple(property, method, alias).map(([p, m, a]) => `${p} with ${m} as ${a}`),
  alias.map((a) => `$count as ${a}`),
);
const aggregate = fc
  .array(aggregateExpression, { minLength: 0, maxLength: 6 })
  .map((list) => `aggregate(${list.join(',')})`);
const groupby = fc
  .tuple(fc.array(property, { minLength: 0, maxLength: 6 }), fc.option(aggregate, { nil: undefined }))
  .map(([paths, inner]) => `groupby((${paths.join(',')})${inner ? `,${inner}` : ''})`);
const filterStep = hostileFilter.map((condition) => `filter(${condition})`);
const transformation = fc.oneof(
  aggregate,
  groupby,
  filterStep,
  fc.constantFrom('compute(1 as x)', 'top(1)', 'expand(x)', 'concat(a,b)', 'identity', 'search(x)'),
);

/** Chains of transformations, with the separators and brackets cut, doubled or left out at random. */
const hostileApply: fc.Arbitrary<string> = fc.oneof(
  fc.array(transformation, { minLength: 1, maxLength: 5 }).map((steps) => steps.join('/')),
  fc
    .tuple(
      fc.array(transformation, { minLength: 1, maxLength: 3 }),
      fc.nat(),
      fc.constantFrom('(', ')', ',', '/', "'", ''),
    )
    .map(([steps, cut, insert]) => {
      const text = steps.join('/');
      const at = text.length === 0 ? 0 : cut % text.length;
      return `${text.slice(0, at)}${insert}${text.slice(at + 1)}`;
    }),
  nastyText,
);

for (const kind of TEST_STORES) {
  describe(`hostile $apply on ${kind}`, () => {
    let hostile: HostileServer;
    beforeAll(async () => {
      hostile = await startHostileServer(kind);
    });
    afterAll(async () => {
      await hostile?.close();
    });

    const get = async (set: string, apply: string, extra = '') => {
      const target = `${API}${set}?$apply=${percentEncode(apply)}${extra}`;
      const started = Date.now();
      const response = await hostile.raw(target);
      expectHandled(response, `GET ${target.slice(0, 500)}`);
      expect(Date.now() - started, target.slice(0, 300)).toBeLessThan(QUERY_BOUND_MS);
      return response;
    };

    it(
      'random and malformed $apply is answered 200 or 4xx in the error shape, never 5xx, and changes nothing',
      async () => {
        const before = await hostile.fingerprint();
        await assertProperty(
          fc.asyncProperty(
            hostileApply,
            fc.constantFrom('salesorders', 'accounts', 'salesorderdetails', 'salesorders/$count', 'WhoAmI'),
            fc.constantFrom('', '&$top=1', '&$orderby=a%20desc', '&$select=name', '&$count=true'),
            async (apply, set, extra) => {
              const response = await get(set, apply, extra);
              if (response.status === 200 && !set.includes('$count') && set !== 'WhoAmI')
                expect(Array.isArray(response.json?.value)).toBe(true);
            },
          ),
        );
        expect(await hostile.fingerprint()).toEqual(before);
      },
      PROPERTY_TIMEOUT,
    );

    it('every aggregation method on every column of an order is 200 or 400, never 5xx', async () => {
      for (const column of orderColumns) {
        for (const name of ['sum', 'min', 'max', 'average', 'countdistinct']) {
          await get('salesorders', `aggregate(${column} with ${name} as x)`);
        }
        await get('salesorders', `groupby((${column}),aggregate($count as n))`);
      }
    });

    it('huge groupby and aggregate lists and long filter chains are refused or answered at once', async () => {
      const columns = Array.from({ length: 2_000 }, (_, index) => orderColumns[index % orderColumns.length]);
      await get('salesorders', `groupby((${columns.join(',')}))`);
      await get(
        'salesorders',
        `aggregate(${Array.from({ length: 2_000 }, (_, index) => `totalamount with sum as a${index}`).join(',')})`,
      );
      await get(
        'salesorders',
        `${Array.from({ length: 500 }, () => "filter(name ne 'x')").join('/')}/aggregate($count as n)`,
      );
      await get('salesorders', `groupby((${'('.repeat(5_000)}name${')'.repeat(5_000)}))`);
      await get('salesorders', `filter(${'('.repeat(5_000)}name eq 'x'${')'.repeat(5_000)})/aggregate($count as n)`);
      await get(
        'salesorders',
        `filter(${Array.from({ length: 40 }, () => 'customerid_account/primarycontactid/fullname eq 1').join(' and ')})/aggregate($count as n)`,
      );
    });

    it('nested transformations are refused with a 400', async () => {
      for (const apply of [
        'groupby((name),groupby((name)))',
        'aggregate(aggregate($count as n) as m)',
        'groupby((name))/groupby((name))',
        'aggregate($count as n)/filter(n gt 1)',
        'filter(filter(name eq 1))/aggregate($count as n)',
      ]) {
        const response = await get('salesorders', apply);
        expect(response.status, apply).toBe(400);
      }
    });
  });
}
