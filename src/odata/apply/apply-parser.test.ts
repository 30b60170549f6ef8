import { describe, expect, it } from 'vitest';
import { DomainError } from '../../domain/errors.js';
import { parseQueryOptions } from '../query/query-options.js';
import { parseApply } from './apply-parser.js';

const refusal = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).status).toBe(400);
    return (error as DomainError).message;
  }
  throw new Error('expected a refusal');
};

describe('parseApply', () => {
  it('reads aggregate expressions: property with method as alias, and $count as alias', () => {
    expect(parseApply('aggregate(revenue with sum as total, revenue with average as mean,$count as n)', {})).toEqual({
      filters: [],
      groupBy: [],
      aggregates: [
        { kind: 'property', path: ['revenue'], method: 'sum', alias: 'total' },
        { kind: 'property', path: ['revenue'], method: 'average', alias: 'mean' },
        { kind: 'count', alias: 'n' },
      ],
    });
  });

  it('reads groupby with and without aggregates, lookups by their _value name', () => {
    expect(parseApply('groupby((statuscode,_ownerid_value))', {})).toEqual({
      filters: [],
      groupBy: [['statuscode'], ['_ownerid_value']],
      aggregates: [],
    });
    expect(parseApply('groupby((statuscode),aggregate(x with countdistinct as d))', {}).aggregates).toEqual([
      { kind: 'property', path: ['x'], method: 'countdistinct', alias: 'd' },
    ]);
  });

  it('reads filter steps as $filter expressions, parameter aliases included', () => {
    const parsed = parseApply("filter(name eq 'a(b)')/filter(revenue gt @p)/aggregate($count as n)", { '@p': '5' });
    expect(parsed.filters).toHaveLength(2);
    expect(parsed.filters[0]).toMatchObject({ kind: 'compare', operator: 'eq', right: { value: 'a(b)' } });
    expect(parsed.filters[1]).toMatchObject({ kind: 'compare', operator: 'gt', right: { kind: 'number' } });
  });

  it.each([
    ['aggregate(revenue with median as m)', /'median' is not supported/],
    ['aggregate(revenue with sum)', /expected 'as'/],
    ['aggregate(revenue sum as x)', /expected 'with'/],
    ['groupby(statuscode)', /opening the list of grouping properties/],
    ['groupby((statuscode),filter(x eq 1))', /only aggregate/],
    ['groupby((a))/aggregate($count as n)', /nothing may follow/],
    ['filter(name eq 1', /never closed/],
    ['filter()/aggregate($count as n)', /needs a condition/],
    ['GroupBy((a))', /case-sensitive: write groupby/],
    ['topcount(1,x)', /'topcount' is not supported/],
    ['aggregate($count as n))', /expected '\/' or the end/],
    ['', /expected a transformation/],
  ])('refuses %s', (text, pattern) => {
    expect(refusal(() => parseApply(text, {}))).toMatch(pattern);
  });
});

describe('$apply among the query options', () => {
  it('combines with $orderby and $top only', () => {
    expect(parseQueryOptions({ $apply: 'groupby((name))', $orderby: 'name desc', $top: '2' })).toMatchObject({
      apply: { groupBy: [['name']] },
      orderby: [{ path: ['name'], direction: 'desc' }],
      top: 2,
    });
    expect(refusal(() => parseQueryOptions({ $apply: 'groupby((name))', $select: 'name' }))).toMatch(
      /\$select cannot be combined with \$apply/,
    );
  });

  it('counts the related tables of every filter step against one budget of 15', () => {
    const hops = (count: number) =>
      Array.from({ length: count }, () => "filter(customerid_account/name eq 'x')").join('/');
    expect(parseQueryOptions({ $apply: `${hops(15)}/aggregate($count as n)` }).apply?.filters).toHaveLength(15);
    expect(refusal(() => parseQueryOptions({ $apply: `${hops(16)}/aggregate($count as n)` }))).toMatch(
      /more than 15 related tables/,
    );
  });
});
