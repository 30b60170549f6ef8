import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../domain/errors.js';
import type { FilterExpression } from '../filter/filter-ast.js';
import { maxExpandDepth, parseQueryOptions, type QueryOptions } from './query-options.js';

const prop = (...path: string[]): FilterExpression => ({ kind: 'property', path });

function refusal(params: Record<string, string>): DomainError {
  try {
    parseQueryOptions(params);
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).kind).toBe('querySyntax');
    expect((error as DomainError).status).toBe(400);
    return error as DomainError;
  }
  throw new Error(`expected ${JSON.stringify(params)} to be refused`);
}

describe('parseQueryOptions', () => {
  it('reads no options as an empty object', () => {
    expect(parseQueryOptions({})).toStrictEqual({});
    expect(parseQueryOptions(new Map())).toStrictEqual({});
  });

  it('reads a Map and a record alike', () => {
    const params = { $select: 'name', $top: '5' };
    expect(parseQueryOptions(new Map(Object.entries(params)))).toStrictEqual(parseQueryOptions(params));
  });

  it('reads what dynamics-web-api sends for a retrieveMultiple', () => {
    const options = parseQueryOptions({
      $select: 'name,totalamount,_customerid_value',
      $filter: "statecode eq 0 and contains(name,'a''b')",
      $orderby: 'createdon desc,name',
      $top: '10',
      $count: 'true',
      $expand: 'order_details($select=quantity;$filter=quantity gt 1;$top=3)',
    });
    expect(options).toStrictEqual<QueryOptions>({
      select: ['name', 'totalamount', '_customerid_value'],
      filter: {
        kind: 'and',
        left: { kind: 'compare', operator: 'eq', left: prop('statecode'), right: { kind: 'number', text: '0' } },
        right: { kind: 'call', name: 'contains', args: [prop('name'), { kind: 'string', value: "a'b" }] },
      },
      orderby: [
        { path: ['createdon'], direction: 'desc' },
        { path: ['name'], direction: 'asc' },
      ],
      top: 10,
      count: true,
      expand: [
        {
          navigation: 'order_details',
          options: {
            select: ['quantity'],
            filter: { kind: 'compare', operator: 'gt', left: prop('quantity'), right: { kind: 'number', text: '1' } },
            top: 3,
          },
        },
      ],
    });
  });

  it('ignores names without $ or @: they may be function parameters', () => {
    expect(parseQueryOptions({ tag: 'x', partitionid: "'p'", savedQuery: 'abc', select: 'a', '': '' })).toStrictEqual(
      {},
    );
  });

  it('passes $skiptoken and $deltatoken through untouched', () => {
    const cookie =
      '<cookie pagenumber="2" pagingcookie="%253ccookie%2520page%253d%25221%2522%253e" istracking="False" />';
    expect(parseQueryOptions({ $skiptoken: cookie, $deltatoken: '919042!08/22/2017 08:10:44' })).toStrictEqual({
      skiptoken: cookie,
      deltatoken: '919042!08/22/2017 08:10:44',
    });
  });

  describe('refused and unknown options', () => {
    it.each([
      ['$skip', 'The query parameter $skip is not supported'],
      ['$search', 'The query parameter $search is not supported'],
      ['$format', 'The query parameter $format is not supported'],
      ['$compute', 'The query parameter $compute is not supported'],
      ['$levels', 'The query parameter $levels is not supported'],
      ['$index', 'The query parameter $index is not supported'],
      ['$schemaversion', 'The query parameter $schemaversion is not supported'],
      ['$xyz', 'The query parameter $xyz is not supported'],
      ['$', 'The query parameter $ is not supported'],
      [
        '$Select',
        'The query parameter $Select is not supported (query option names are case-sensitive: write $select)',
      ],
      [
        '$FILTER',
        'The query parameter $FILTER is not supported (query option names are case-sensitive: write $filter)',
      ],
    ])('refuses %s', (name, message) => {
      expect(refusal({ [name]: '1' }).message).toBe(message);
    });

    it.each(['$select', '$filter', '$orderby', '$top', '$expand', '$count', '$skiptoken', '$deltatoken'])(
      'refuses an empty %s',
      (name) => {
        expect(refusal({ [name]: '' }).message).toBe(`The value of the ${name} query option must not be empty`);
        expect(refusal({ [name]: '  ' }).message).toBe(`The value of the ${name} query option must not be empty`);
      },
    );

    it('refuses values longer than a URL can be', () => {
      expect(refusal({ $select: `a${',a'.repeat(20_000)}` }).message).toBe(
        'The value of the $select query option is longer than the limit of 32768 characters',
      );
    });
  });

  describe('$select', () => {
    it.each([
      ['name', ['name']],
      ['name,_customerid_value', ['name', '_customerid_value']],
      [' name , total ', ['name', 'total']],
      ['a,b,a,c,b', ['a', 'b', 'c']],
    ])('reads %j', (text, expected) => {
      expect(parseQueryOptions({ $select: text }).select).toStrictEqual(expected);
    });

    it.each([
      ['a,,b', "Syntax error at position 3 in '$select': expected a column name after ',' but found ','"],
      ['a,', "Syntax error at position 3 in '$select': expected a column name after ','"],
      [',a', "Syntax error at position 1 in '$select': expected a column name but found ','"],
      ['a b', "Syntax error at position 3 in '$select': expected ',' between column names but found 'b'"],
      ['primarycontactid/fullname', "Syntax error at position 17 in '$select': paths are not supported in $select"],
      ['*', "Syntax error at position 1 in '$select': '*' is not supported in $select"],
      ['a,*', "Syntax error at position 3 in '$select': unexpected character '*'"],
      ["'name'", "Syntax error at position 1 in '$select': expected a column name but found ''name''"],
      ['Microsoft.Dynamics.CRM.x', 'type casts and qualified names such as'],
    ])('refuses %j', (text, message) => {
      expect(refusal({ $select: text }).message).toContain(message);
    });
  });

  describe('$orderby', () => {
    it.each([
      ['name', [{ path: ['name'], direction: 'asc' }]],
      ['name asc', [{ path: ['name'], direction: 'asc' }]],
      [
        'createdon desc, name',
        [
          { path: ['createdon'], direction: 'desc' },
          { path: ['name'], direction: 'asc' },
        ],
      ],
      ['primarycontactid/fullname desc', [{ path: ['primarycontactid', 'fullname'], direction: 'desc' }]],
      ['_customerid_value', [{ path: ['_customerid_value'], direction: 'asc' }]],
    ])('reads %j', (text, expected) => {
      expect(parseQueryOptions({ $orderby: text }).orderby).toStrictEqual(expected);
    });

    it('reads parameter aliases that name a property', () => {
      expect(parseQueryOptions({ $orderby: '@p1 desc', '@p1': 'revenue' }).orderby).toStrictEqual([
        { path: ['revenue'], direction: 'desc' },
      ]);
    });

    it.each([
      [
        { $orderby: 'name DESC' },
        "Syntax error at position 6 in '$orderby': sort directions are case-sensitive: write 'desc'",
      ],
      [
        { $orderby: 'name desc desc' },
        "Syntax error at position 11 in '$orderby': expected 'asc', 'desc', ',' or the end",
      ],
      [{ $orderby: 'a,,b' }, "Syntax error at position 3 in '$orderby': expected a property name after ','"],
      [{ $orderby: 'a/' }, "Syntax error at position 3 in '$orderby': expected a property name after '/'"],
      [{ $orderby: 'contains(a,b)' }, "Syntax error at position 9 in '$orderby': expected 'asc', 'desc', ','"],
      [{ $orderby: '@p1' }, "Syntax error at position 1 in '$orderby': the parameter alias '@p1' is not defined"],
      [{ $orderby: '@p1', '@p1': "'x'" }, "the parameter alias '@p1' must name a property to sort by"],
    ])('refuses %j', (params, message) => {
      expect(refusal(params).message).toContain(message);
    });
  });

  describe('$top and $count', () => {
    it.each([
      ['0', 0],
      ['5000', 5000],
      ['100000', 100000],
      ['2147483647', 2147483647],
      ['007', 7],
    ])('reads $top=%s', (text, expected) => {
      expect(parseQueryOptions({ $top: text }).top).toBe(expected);
    });

    it.each(['-1', '1.5', '2147483648', '99999999999999999999', 'abc', '1e3', '+5', '0x10', '5 5'])(
      'refuses $top=%s',
      (text) => {
        expect(refusal({ $top: text }).message).toBe(
          `Invalid value '${text}' for $top query option found. The $top query option requires a non-negative integer value no greater than 2147483647.`,
        );
      },
    );

    it('reads $count', () => {
      expect(parseQueryOptions({ $count: 'true' }).count).toBe(true);
      expect(parseQueryOptions({ $count: 'false' }).count).toBe(false);
    });

    it.each(['True', '1', 'yes'])('refuses $count=%s', (text) => {
      expect(refusal({ $count: text }).message).toBe(
        `Invalid value '${text}' for $count query option found. Valid values are 'true' and 'false'.`,
      );
    });
  });

  describe('$filter', () => {
    it('resolves parameter aliases from the other query parameters', () => {
      expect(parseQueryOptions({ $filter: '@p1 gt @p2', '@p1': 'revenue', '@p2': '100000' }).filter).toStrictEqual({
        kind: 'compare',
        operator: 'gt',
        left: prop('revenue'),
        right: { kind: 'number', text: '100000' },
      });
    });

    it('reports syntax errors with their position', () => {
      expect(refusal({ $filter: 'statecode eq ' }).message).toBe(
        "Syntax error at position 14 in '$filter': expected a value after 'eq'",
      );
    });
  });

  describe('$expand', () => {
    it('reads a list of navigation properties', () => {
      expect(parseQueryOptions({ $expand: 'customerid_account, order_details' }).expand).toStrictEqual([
        { navigation: 'customerid_account', options: {} },
        { navigation: 'order_details', options: {} },
      ]);
    });

    it('reads nested options, nested $expand and separators inside strings and functions', () => {
      const expand =
        "order_details($select=quantity,priceperunit;$filter=Microsoft.Dynamics.CRM.In(PropertyName='x',PropertyValues=['a;b','c,d']) or name eq 'it''s (1);2';" +
        '$orderby=quantity desc;$top=3;$expand=productid($select=name;$expand=defaultuomid($select=name))),ownerid ( $select = fullname )';
      expect(parseQueryOptions({ $expand: expand }).expand).toStrictEqual([
        {
          navigation: 'order_details',
          options: {
            select: ['quantity', 'priceperunit'],
            filter: {
              kind: 'or',
              left: {
                kind: 'queryFunction',
                name: 'In',
                parameters: {
                  PropertyName: { kind: 'string', value: 'x' },
                  PropertyValues: [
                    { kind: 'string', value: 'a;b' },
                    { kind: 'string', value: 'c,d' },
                  ],
                },
              },
              right: {
                kind: 'compare',
                operator: 'eq',
                left: prop('name'),
                right: { kind: 'string', value: "it's (1);2" },
              },
            },
            orderby: [{ path: ['quantity'], direction: 'desc' }],
            top: 3,
            expand: [
              {
                navigation: 'productid',
                options: {
                  select: ['name'],
                  expand: [{ navigation: 'defaultuomid', options: { select: ['name'] } }],
                },
              },
            ],
          },
        },
        { navigation: 'ownerid', options: { select: ['fullname'] } },
      ]);
    });

    it('reads double-quoted strings with escapes inside nested query functions', () => {
      const expand = 'a($filter=Microsoft.Dynamics.CRM.In(PropertyName=\'x\',PropertyValues=["a\\")",";"]))';
      const filter = parseQueryOptions({ $expand: expand }).expand?.[0]?.options.filter;
      expect(filter).toStrictEqual({
        kind: 'queryFunction',
        name: 'In',
        parameters: {
          PropertyName: { kind: 'string', value: 'x' },
          PropertyValues: [
            { kind: 'string', value: 'a")' },
            { kind: 'string', value: ';' },
          ],
        },
      });
    });

    it(`accepts ${maxExpandDepth} levels of $expand and refuses one more`, () => {
      const nested = (levels: number): string => (levels === 1 ? 'n1' : `n${levels}($expand=${nested(levels - 1)})`);
      expect(() => parseQueryOptions({ $expand: nested(maxExpandDepth) })).not.toThrow();
      expect(refusal({ $expand: nested(maxExpandDepth + 1) }).message).toContain(
        `$expand is nested more than ${maxExpandDepth} levels deep`,
      );
    });

    it.each([
      ['a,,b', "Syntax error at position 3 in '$expand': expected a navigation property name"],
      ['a,', "Syntax error at position 3 in '$expand': expected a navigation property name"],
      ['*', "Syntax error at position 1 in '$expand': '*' is not supported in $expand"],
      ['1a', "Syntax error at position 1 in '$expand': expected a navigation property name but found '1a'"],
      [
        'a b',
        "Syntax error at position 3 in '$expand': expected '(' or ',' after the navigation property 'a' but found 'b'",
      ],
      [
        'a/$ref',
        "Syntax error at position 2 in '$expand': paths and type casts after a navigation property are not supported",
      ],
      ['a()', "Syntax error at position 2 in '$expand': empty parentheses after 'a'"],
      [
        'a(b)',
        "Syntax error at position 3 in '$expand': expected a query option such as $select=... in the options of 'a' but found 'b'",
      ],
      ['a($select)', "Syntax error at position 10 in '$expand': expected '=' after $select"],
      [
        'a($select=)',
        "Syntax error at position 10 in '$expand': the value of $select in the options of 'a' must not be empty",
      ],
      ['a($select=x;)', "Syntax error at position 13 in '$expand': empty query option in the options of 'a'"],
      ['a($skip=1)', "Syntax error at position 3 in '$expand': the query option $skip is not supported inside $expand"],
      ['a($levels=2)', 'the query option $levels is not supported inside $expand'],
      ['a($count=true)', 'the query option $count is not supported inside $expand'],
      [
        'a($Select=x)',
        'the query option $Select is not supported inside $expand (query option names are case-sensitive: write $select)',
      ],
      ['a($top=1;$top=2)', "Syntax error at position 10 in '$expand': the query option $top appears more than once"],
      ['a,a', "Syntax error at position 3 in '$expand': the navigation property 'a' is expanded more than once"],
      ['a($select=x', "Syntax error at position 2 in '$expand': the '(' here is never closed"],
      ['a($select=x))', "Syntax error at position 13 in '$expand': unexpected ')' without a matching opening bracket"],
      ['a($select=x)b', "Syntax error at position 13 in '$expand': unexpected 'b' after the options of 'a'"],
      ["a($filter=name eq 'x)", "Syntax error at position 19 in '$expand': unterminated string literal"],
      ['a($top=-1)', "Invalid value '-1' for $top query option found"],
      // positions of nested errors count from the start of the $expand value
      ['a($select=x;$filter=quantity gt )', "Syntax error at position 32 in '$expand': expected a value after 'gt'"],
      ['a($select=x,)', "Syntax error at position 13 in '$expand': expected a column name after ','"],
      ['a($orderby=x DESC)', "Syntax error at position 14 in '$expand': sort directions are case-sensitive"],
      [
        'a($filter=x eq @p1)',
        "Syntax error at position 16 in '$expand': parameter aliases such as '@p1' cannot be used here: Dataverse allows them in $filter and $orderby, not inside $expand",
      ],
      [
        'a($orderby=@p1)',
        "Syntax error at position 12 in '$expand': parameter aliases such as '@p1' cannot be used here",
      ],
    ])('refuses %j', (text, message) => {
      expect(refusal({ $expand: text, '@p1': "'x'" }).message).toContain(message);
    });
  });

  it('parses or refuses arbitrary option values with a querySyntax DomainError, never anything else', () => {
    const names = fc.constantFrom(
      '$select',
      '$filter',
      '$orderby',
      '$top',
      '$expand',
      '$count',
      '$skiptoken',
      '@p1',
      'x',
    );
    const fragments = fc.constantFrom(
      'a',
      ',',
      ';',
      '(',
      ')',
      "'",
      '"',
      '$select=',
      '$filter=',
      '$expand=',
      '$top=',
      '$orderby=',
      ' eq ',
      '1',
      ' desc',
      '/',
      '@p1',
      '[',
      ']',
      '\\',
      ' ',
    );
    const value = fc.oneof(
      fc.string({ maxLength: 60 }),
      fc.string({ unit: 'binary', maxLength: 60 }),
      fc.array(fragments, { maxLength: 30 }).map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(fc.dictionary(names, value, { maxKeys: 4 }), (params) => {
        try {
          parseQueryOptions(params);
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          expect(error.kind).toBe('querySyntax');
        }
      }),
      { numRuns: 5000 },
    );
  });
});
