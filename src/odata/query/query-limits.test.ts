import { describe, expect, it } from 'vitest';
import { DomainError } from '../../domain/errors.js';
import { maxLambdaNesting, maxRelatedTables } from './query-limits.js';
import { parseQueryOptions } from './query-options.js';

const refusal = (options: Record<string, string>) => {
  try {
    parseQueryOptions(options);
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected a refusal');
};

const lambdas = (count: number) =>
  Array.from({ length: count }, (_, i) => `order_details/any(d${i}:d${i}/quantity gt 1)`).join(' and ');
const hops = (count: number) => Array.from({ length: count }, () => "customerid_account/name eq 'x'").join(' or ');

describe('query limits', () => {
  it.each([
    ['lambdas', { $filter: lambdas(maxRelatedTables) }],
    ['navigation hops', { $filter: hops(maxRelatedTables) }],
    [
      'hops through a lambda variable, which are not hops',
      {
        $filter: `order_details/any(d:${lambdas(1).replace('order_details/any(d0:d0/quantity gt 1)', 'd/quantity gt 1')})`,
      },
    ],
    [
      'a mix of hops, lambdas, $orderby paths and $expand',
      {
        $filter: `${lambdas(5)} and ${hops(5)}`,
        $orderby: 'customerid_account/name',
        $expand: 'order_details,customerid_account,ownerid,transactioncurrencyid',
      },
    ],
  ])('accepts %s up to the limit of 15 related tables', (_name, options) => {
    expect(() => parseQueryOptions(options)).not.toThrow();
  });

  it.each([
    ['16 lambdas', { $filter: lambdas(maxRelatedTables + 1) }],
    ['300 lambdas (the hostile review’s bomb)', { $filter: lambdas(300) }],
    ['16 hops', { $filter: hops(maxRelatedTables + 1) }],
    ['a chain of 16 hops in one path', { $filter: `${'customerid_account/'.repeat(16)}name eq 'x'` }],
    [
      'hops in a query function',
      {
        $filter: Array.from(
          { length: 16 },
          () => "Microsoft.Dynamics.CRM.Null(PropertyName='customerid_account/name')",
        ).join(' or '),
      },
    ],
    ['hops in $orderby', { $orderby: Array.from({ length: 16 }, () => 'customerid_account/name').join(',') }],
    [
      '16 expansions',
      {
        $expand: `order_details($expand=${'salesorderid($expand='.repeat(8)}ownerid${')'.repeat(8)}),customerid_account($expand=primarycontactid),ownerid,transactioncurrencyid,createdby,modifiedby`,
      },
    ],
    ['lambdas in a nested $expand filter', { $expand: `order_details($filter=${lambdas(16)})` }],
  ])('refuses %s with a 400 naming the limit', (_name, options) => {
    const error = refusal(options);
    expect(error).toBeInstanceOf(DomainError);
    expect(error.status).toBe(400);
    expect(error.message).toContain('more than 15 related tables');
  });

  it('refuses lambdas nested deeper than the limit', () => {
    const depth = maxLambdaNesting + 1;
    const filter = `${'order_details/any(d:d/salesorderid/order_details/any(e:'.repeat(Math.ceil(depth / 2))}e/quantity gt 1${'))'.repeat(Math.ceil(depth / 2))}`;
    expect(refusal({ $filter: filter }).message).toMatch(
      /nests any\(\) and all\(\) more than 5 levels|more than 15 related tables/,
    );
  });

  it('walks the longest chain the parser takes (999 terms) without recursion', () => {
    const chain = Array.from({ length: 999 }, (_, i) => `name eq 'v${i}'`).join(' or ');
    expect(() => parseQueryOptions({ $filter: chain })).not.toThrow();
  });
});
