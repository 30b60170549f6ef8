/**
 * Parses `$apply` (OData's data aggregation extension) as far as Dataverse serves it (Learn: "Aggregate
 * data using OData"): `filter(<$filter>)` steps, then one `aggregate(...)` or `groupby((...))` /
 * `groupby((...),aggregate(...))`, joined by `/`. Aggregate expressions are `<property> with <method>
 * as <alias>` (sum, min, max, average, countdistinct) and `$count as <alias>`. Anything else is a 400
 * naming what was found; nothing here knows about tables (apply-plan.ts resolves the names).
 */
import type { FilterExpression } from '../filter/filter-ast.js';
import { type Token, tokenizeFilter } from '../filter/filter-lexer.js';
import { parseFilter } from '../filter/filter-parser.js';
import { quote, type SyntaxSource, syntaxError } from '../filter/syntax-error.js';

export type ApplyMethod = 'sum' | 'min' | 'max' | 'average' | 'countdistinct';
const methods: readonly ApplyMethod[] = ['sum', 'min', 'max', 'average', 'countdistinct'];

export type ApplyAggregate =
  | { readonly kind: 'count'; readonly alias: string }
  | {
      readonly kind: 'property';
      readonly path: readonly string[];
      readonly method: ApplyMethod;
      readonly alias: string;
    };

/** A parsed `$apply`: its filters (all must hold), then what is grouped and aggregated. */
export interface ApplyQuery {
  readonly filters: readonly FilterExpression[];
  /** Property paths of `groupby`; empty for a bare `aggregate(...)`. */
  readonly groupBy: readonly (readonly string[])[];
  readonly aggregates: readonly ApplyAggregate[];
}

const source: SyntaxSource = { name: '$apply', offset: 0 };

class Cursor {
  index = 0;
  constructor(
    readonly text: string,
    readonly tokens: readonly Token[],
  ) {}
  get current(): Token {
    return this.tokens[this.index]!;
  }
  /** Whether the current token is of `kind` (a method, so TypeScript does not narrow `current` for good). */
  at(kind: Token['kind']): boolean {
    return this.current.kind === kind;
  }
  next(): Token {
    const token = this.current;
    if (token.kind !== 'end') this.index += 1;
    return token;
  }
  expect(kind: Token['kind'], what: string): Token {
    const token = this.current;
    if (token.kind !== kind) throw unexpected(token, what);
    return this.next();
  }
  word(value: string): Token {
    const token = this.current;
    if (token.kind !== 'identifier' || token.value !== value) throw unexpected(token, `'${value}'`);
    return this.next();
  }
}

function unexpected(token: Token, what: string) {
  const found = token.kind === 'end' ? 'the end of $apply' : quote(token.text);
  return syntaxError(source, token.start, `expected ${what} but found ${found}`);
}

export function parseApply(text: string, aliases: Readonly<Record<string, string>>): ApplyQuery {
  const cursor = new Cursor(text, tokenizeFilter(text, source));
  const filters: FilterExpression[] = [];
  for (;;) {
    const name = cursor.current;
    if (name.kind === 'identifier' && name.value === 'filter') {
      cursor.next();
      filters.push(parseFilterStep(cursor, aliases));
      if (cursor.at('end')) {
        throw syntaxError(
          source,
          text.length,
          'after filter(...) Dataverse expects /groupby(...) or /aggregate(...): filter alone returns rows, use $filter',
        );
      }
      cursor.expect('/', "'/'");
      continue;
    }
    let result: ApplyQuery;
    if (name.kind === 'identifier' && name.value === 'aggregate') {
      cursor.next();
      result = { filters, groupBy: [], aggregates: parseAggregateList(cursor) };
    } else if (name.kind === 'identifier' && name.value === 'groupby') {
      cursor.next();
      result = { filters, ...parseGroupBy(cursor) };
    } else if (name.kind === 'identifier') {
      const lower = name.value.toLowerCase();
      const hint = ['filter', 'groupby', 'aggregate'].includes(lower)
        ? ` (transformation names are case-sensitive: write ${lower})`
        : ': Dataverse supports filter, groupby and aggregate';
      throw syntaxError(source, name.start, `the transformation ${quote(name.text)} is not supported${hint}`);
    } else {
      throw unexpected(name, 'a transformation (filter, groupby or aggregate)');
    }
    const after = cursor.current;
    if (after.kind === '/') {
      throw syntaxError(
        source,
        after.start,
        'nothing may follow groupby or aggregate: Dataverse applies filter steps first, then one groupby or aggregate',
      );
    }
    if (after.kind !== 'end') throw unexpected(after, "'/' or the end of $apply");
    return result;
  }
}

/** `filter(<boolean expression>)`: the text between the parentheses is a `$filter`. */
function parseFilterStep(cursor: Cursor, aliases: Readonly<Record<string, string>>): FilterExpression {
  const open = cursor.expect('(', "'(' after filter");
  let depth = 1;
  while (depth > 0) {
    const token = cursor.next();
    if (token.kind === 'end') throw syntaxError(source, open.start, "the '(' here is never closed");
    if (token.kind === '(') depth += 1;
    else if (token.kind === ')') depth -= 1;
  }
  const close = cursor.tokens[cursor.index - 1]!;
  const inner = cursor.text.slice(open.end, close.start);
  if (inner.trim() === '') throw syntaxError(source, open.start, 'filter() needs a condition');
  return parseFilter(inner, { aliases, source: { name: '$apply', offset: open.end } });
}

/** `((path, path), aggregate(...))` after `groupby`. */
function parseGroupBy(cursor: Cursor): Pick<ApplyQuery, 'groupBy' | 'aggregates'> {
  cursor.expect('(', "'(' after groupby");
  cursor.expect('(', "'(' opening the list of grouping properties, as in groupby((statuscode))");
  const groupBy: string[][] = [];
  for (;;) {
    groupBy.push(parsePath(cursor));
    if (cursor.at(',')) {
      cursor.next();
      continue;
    }
    cursor.expect(')', "',' or ')' in the list of grouping properties");
    break;
  }
  let aggregates: readonly ApplyAggregate[] = [];
  if (cursor.at(',')) {
    cursor.next();
    const step = cursor.current;
    if (step.kind !== 'identifier' || step.value !== 'aggregate') {
      throw syntaxError(
        source,
        step.start,
        `only aggregate(...) may follow the grouping properties of groupby, not ${quote(step.text)}`,
      );
    }
    cursor.next();
    aggregates = parseAggregateList(cursor);
  }
  cursor.expect(')', "')' closing groupby");
  return { groupBy, aggregates };
}

function parsePath(cursor: Cursor): string[] {
  const segments = [cursor.expect('identifier', 'a property name').value];
  while (cursor.at('/')) {
    cursor.next();
    segments.push(cursor.expect('identifier', 'a property name after /').value);
  }
  return segments;
}

/** `(expr as alias, ...)` after `aggregate`. */
function parseAggregateList(cursor: Cursor): ApplyAggregate[] {
  cursor.expect('(', "'(' after aggregate");
  const aggregates: ApplyAggregate[] = [];
  for (;;) {
    aggregates.push(parseAggregate(cursor));
    if (cursor.at(',')) {
      cursor.next();
      continue;
    }
    cursor.expect(')', "',' or ')' in aggregate(...)");
    return aggregates;
  }
}

function parseAggregate(cursor: Cursor): ApplyAggregate {
  const first = cursor.current;
  if (first.kind === 'systemName') {
    if (first.value !== '$count') throw unexpected(first, "a property or '$count'");
    cursor.next();
    cursor.word('as');
    return { kind: 'count', alias: cursor.expect('identifier', 'an alias after as').value };
  }
  const path = parsePath(cursor);
  cursor.word('with');
  const method = cursor.current;
  if (method.kind !== 'identifier' || !methods.includes(method.value as ApplyMethod)) {
    throw syntaxError(
      source,
      method.start,
      `the aggregation method ${method.kind === 'end' ? 'is missing' : quote(method.text)}${method.kind === 'end' ? '' : ' is not supported'}: Dataverse supports ${methods.join(', ')}`,
    );
  }
  cursor.next();
  cursor.word('as');
  const alias = cursor.expect('identifier', 'an alias after as').value;
  return { kind: 'property', path, method: method.value as ApplyMethod, alias };
}
