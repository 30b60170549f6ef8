import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../domain/errors.js';
import {
  comparisonOperators,
  type FilterExpression,
  type Literal,
  type QueryFunctionParameter,
  stringFunctionNames,
} from './filter-ast.js';
import { parseFilter } from './filter-parser.js';
import { printFilter } from './filter-printer.js';

// Words the parser reads as keywords where a value starts; a property cannot begin with one.
const reserved = new Set([
  'and',
  'or',
  'not',
  'eq',
  'ne',
  'gt',
  'ge',
  'lt',
  'le',
  'add',
  'sub',
  'mul',
  'div',
  'divby',
  'mod',
  'has',
  'in',
  'true',
  'false',
  'null',
]);

/** Trees the parser builds are plain objects; fast-check would otherwise sometimes use a null prototype. */
const record = <T extends object>(model: { [K in keyof T]: fc.Arbitrary<T[K]> }): fc.Arbitrary<T> =>
  fc.record(model, { noNullPrototype: true }) as fc.Arbitrary<T>;

const name = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,7}$/).filter((text) => text !== '__proto__');
const leadingName = name.filter((text) => !reserved.has(text));
/** After a `/` any name is a segment, keywords included. */
const path = fc.tuple(leadingName, fc.array(name, { maxLength: 3 })).map(([first, rest]) => [first, ...rest]);

const twoDigits = (max: number) => fc.integer({ min: 0, max }).map((value) => String(value).padStart(2, '0'));
const dateText = fc
  .date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));
const dateTimeText = fc
  .record({
    date: dateText,
    hour: twoDigits(23),
    minute: twoDigits(59),
    second: fc.option(fc.tuple(twoDigits(59), fc.option(fc.stringMatching(/^[0-9]{1,7}$/), { nil: undefined })), {
      nil: undefined,
    }),
    offset: fc.oneof(
      fc.constant('Z'),
      fc
        .tuple(fc.constantFrom('+', '-'), twoDigits(14), twoDigits(59))
        .map(([sign, hours, minutes]) => `${sign}${hours}:${minutes}`),
    ),
  })
  .map(({ date, hour, minute, second, offset }) => {
    const seconds = second === undefined ? '' : `:${second[0]}${second[1] === undefined ? '' : `.${second[1]}`}`;
    return `${date}T${hour}:${minute}${seconds}${offset}`;
  });

const stringValue = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: fc.constantFrom("'", '"', ' ', ';', ',', '(', ')', '[', ']', '\\', 'a', '%') }),
);

const literal: fc.Arbitrary<Literal> = fc.oneof(
  fc.constant<Literal>({ kind: 'null' }),
  fc.boolean().map((value): Literal => ({ kind: 'boolean', value })),
  fc
    .stringMatching(/^[+-]?(0|[1-9][0-9]{0,9})(\.[0-9]{1,6})?([eE][+-]?[0-9]{1,3})?$/)
    .map((text): Literal => ({ kind: 'number', text })),
  stringValue.map((value): Literal => ({ kind: 'string', value })),
  fc.uuid().map((value): Literal => ({ kind: 'guid', value: value.toLowerCase() })),
  dateTimeText.map((text): Literal => ({ kind: 'datetime', text })),
  dateText.map((text): Literal => ({ kind: 'date', text })),
);

const queryFunction: fc.Arbitrary<FilterExpression> = record({
  kind: fc.constant('queryFunction' as const),
  name,
  parameters: fc.dictionary(
    name,
    fc.oneof(literal, fc.array(literal, { maxLength: 4 })) as fc.Arbitrary<QueryFunctionParameter>,
    { maxKeys: 3, noNullPrototype: true },
  ),
});

const { expression } = fc.letrec<{
  expression: FilterExpression;
  compare: FilterExpression;
  logical: FilterExpression;
  not: FilterExpression;
  call: FilterExpression;
  lambda: FilterExpression;
}>((tie) => ({
  expression: fc.oneof(
    { depthSize: 'small', maxDepth: 6, withCrossShrink: true },
    literal,
    path.map((segments): FilterExpression => ({ kind: 'property', path: segments })),
    tie('compare'),
    tie('logical'),
    tie('not'),
    tie('call'),
    queryFunction,
    tie('lambda'),
  ),
  compare: record({
    kind: fc.constant('compare' as const),
    operator: fc.constantFrom(...comparisonOperators),
    left: tie('expression'),
    right: tie('expression'),
  }),
  logical: record({
    kind: fc.constantFrom('and' as const, 'or' as const),
    left: tie('expression'),
    right: tie('expression'),
  }),
  not: record({ kind: fc.constant('not' as const), operand: tie('expression') }),
  call: record({
    kind: fc.constant('call' as const),
    name: fc.constantFrom(...stringFunctionNames),
    args: fc.tuple(tie('expression'), tie('expression')),
  }),
  lambda: fc.oneof(
    record({ kind: fc.constant('lambda' as const), operator: fc.constant('any' as const), collection: path }),
    record({
      kind: fc.constant('lambda' as const),
      operator: fc.constantFrom('any' as const, 'all' as const),
      collection: path,
      variable: leadingName,
      predicate: tie('expression'),
    }),
  ),
}));

const aliases = { '@p1': "'x'", '@p2': '[\'a\',"b"]', '@p3': 'revenue', '@p4': '' };

/** Parsing either succeeds or refuses with a querySyntax DomainError carrying a position. */
function parsesOrRefuses(text: string): void {
  try {
    parseFilter(text, { aliases });
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    expect(error.kind).toBe('querySyntax');
    expect(error.message).toMatch(/^Syntax error at position \d+ in '[^']+': \S/);
  }
}

const fragments = [
  'a',
  'nav/name',
  ' ',
  ' eq ',
  ' and ',
  ' or ',
  'not ',
  '(',
  ')',
  "'",
  "'x'",
  '"',
  '1',
  '-',
  '12.5m',
  '/',
  ':',
  ',',
  '[',
  ']',
  '=',
  ';',
  'any(',
  'all(',
  'd:d/q gt 1',
  'contains(',
  'Microsoft.Dynamics.CRM.In(',
  'PropertyName=',
  'PropertyValues=',
  '@p1',
  '@p2',
  '@p3',
  '@p4',
  '@',
  '$it',
  '$',
  '5f4b1c2a-0000-0000-0000-000000000001',
  '2024-05-01',
  'T10:00:00Z',
  '+02:00',
  'null',
  'true',
  ' add ',
  ' in ',
  '{',
  '\u0000',
  '😀',
  '\ud800',
];

type Mutation = { readonly kind: 'delete' | 'insert' | 'duplicate'; readonly at: number; readonly text: string };

const mutation: fc.Arbitrary<Mutation> = record({
  kind: fc.constantFrom('delete' as const, 'insert' as const, 'duplicate' as const),
  at: fc.nat(),
  text: fc.oneof(fc.constantFrom(...fragments), fc.string({ maxLength: 3 })),
});

function mutate(text: string, mutations: readonly Mutation[]): string {
  let result = text;
  for (const { kind, at, text: inserted } of mutations) {
    const index = result.length === 0 ? 0 : at % result.length;
    if (kind === 'delete') result = result.slice(0, index) + result.slice(index + 1 + (at % 3));
    else if (kind === 'insert') result = result.slice(0, index) + inserted + result.slice(index);
    else result = result.slice(0, index) + result.slice(index, index + 1 + (at % 8)) + result.slice(index);
  }
  return result;
}

describe('printFilter', () => {
  it.each([
    'a eq 1 and (b eq 2 or c eq 3)',
    'a eq 1 or b eq 2 and c eq 3',
    'a eq 1 or (b eq 2 or c eq 3)',
    'not (a eq 1 or b eq 2) and c ne null',
    'not a eq 1',
    '(a eq 1) eq true',
    'a eq (not b)',
    "contains(name,'a''b')",
    "Microsoft.Dynamics.CRM.In(PropertyName='statecode',PropertyValues=['0','1'])",
    'order_details/any(d:d/quantity gt 5)',
    'order_details/any()',
    'createdon ge 2024-01-01T00:00:00Z',
    '_customerid_value eq 5f4b1c2a-0000-0000-0000-000000000001',
  ])('writes %s canonically', (text) => {
    expect(printFilter(parseFilter(text))).toBe(text);
  });

  it('normalizes what has more than one spelling', () => {
    expect(
      printFilter(
        parseFilter(
          'Microsoft.Dynamics.CRM.Between(PropertyName = \'q\', PropertyValues = ["1","10"]) and ((x eq 12.50m))',
        ),
      ),
    ).toBe("Microsoft.Dynamics.CRM.Between(PropertyName='q',PropertyValues=['1','10']) and x eq 12.50");
  });

  it('prints a long left-leaning chain without recursing once per term', () => {
    let chain: FilterExpression = { kind: 'property', path: ['a'] };
    for (let index = 0; index < 100_000; index += 1) {
      chain = { kind: 'or', left: chain, right: { kind: 'property', path: ['a'] } };
    }
    expect(printFilter(chain)).toHaveLength(100_001 * 5 - 4);
  });

  it('round-trips every tree: parseFilter(printFilter(tree)) deep-equals the tree', () => {
    fc.assert(
      fc.property(expression, (tree) => {
        expect(parseFilter(printFilter(tree))).toStrictEqual(tree);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('parseFilter on arbitrary text', () => {
  it('parses or refuses arbitrary strings (fc.string)', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), parsesOrRefuses), { numRuns: 3000 });
  });

  it('parses or refuses arbitrary full-Unicode strings (fc.string with binary units)', () => {
    // fast-check 4 dropped fullUnicodeString; unit 'binary' draws from every code point, lone surrogates included.
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), parsesOrRefuses), { numRuns: 3000 });
  });

  it('parses or refuses soups of filter fragments', () => {
    const soup = fc.array(fc.constantFrom(...fragments), { maxLength: 40 }).map((parts) => parts.join(''));
    fc.assert(fc.property(soup, parsesOrRefuses), { numRuns: 5000 });
  });

  it('parses or refuses mutated valid filters', () => {
    const mutated = fc
      .tuple(expression, fc.array(mutation, { minLength: 1, maxLength: 4 }))
      .map(([tree, mutations]) => mutate(printFilter(tree), mutations));
    fc.assert(fc.property(mutated, parsesOrRefuses), { numRuns: 5000 });
  });
});
