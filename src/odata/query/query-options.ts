import { type DomainError, querySyntax } from '../../domain/errors.js';
import { type ApplyQuery, parseApply } from '../apply/apply-parser.js';
import type { FilterExpression } from '../filter/filter-ast.js';
import { type Token, tokenizeFilter } from '../filter/filter-lexer.js';
import { type AliasValue, aliasText, maxFilterLength, parseAliasValue, parseFilter } from '../filter/filter-parser.js';
import { quote, type SyntaxSource, syntaxError } from '../filter/syntax-error.js';
import { checkQueryLimits } from './query-limits.js';

export interface OrderByItem {
  readonly path: readonly string[];
  readonly direction: 'asc' | 'desc';
}

export interface ExpandItem {
  readonly navigation: string;
  readonly options: ExpandOptions;
}

export interface ExpandOptions {
  readonly select?: readonly string[];
  readonly filter?: FilterExpression;
  readonly orderby?: readonly OrderByItem[];
  readonly top?: number;
  readonly expand?: readonly ExpandItem[];
}

export interface QueryOptions extends ExpandOptions {
  readonly count?: boolean;
  readonly skiptoken?: string;
  readonly deltatoken?: string;
  /** `$apply`: aggregation (src/odata/apply); other options combine with it only as Dataverse allows. */
  readonly apply?: ApplyQuery;
  /** `fetchXml=<FetchXML>`: the query is FetchXML rather than OData options (src/odata/fetchxml/). */
  readonly fetchXml?: string;
}

/** Largest `$top`: Dataverse takes any Int32 (the page size still caps what one response holds). */
export const maxTop = 2_147_483_647;
/** `$expand` inside `$expand` deeper than this is refused; each level is a join for the translation. */
export const maxExpandDepth = 10;

/** Options Dataverse itself refuses; Orderline refuses them with the same words. */
const refusedOptions = new Set(['$skip', '$search', '$format']);
const topLevelOptions = new Set([
  '$select',
  '$filter',
  '$orderby',
  '$top',
  '$expand',
  '$count',
  '$skiptoken',
  '$deltatoken',
  '$apply',
]);
/** What a query with `$apply` may also say: how to sort the groups and how many to return. */
const optionsBesideApply = new Set(['$apply', '$orderby', '$top']);
const nestedOptions = new Set(['$select', '$filter', '$orderby', '$top', '$expand']);

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Reads the OData system query options of a request (already URL-decoded, one value per name) into
 * their parsed form. Names are case-sensitive as in Dataverse. `@name` parameters are parameter
 * aliases for `$filter` and `$orderby`; other names without `$` are left alone (function parameters,
 * for example). Refusals are querySyntax DomainErrors.
 */
export function parseQueryOptions(params: ReadonlyMap<string, string> | Record<string, string>): QueryOptions {
  const entries: readonly (readonly [string, string])[] =
    params instanceof Map ? [...(params as ReadonlyMap<string, string>)] : Object.entries(params);
  const aliases = Object.fromEntries(entries.filter(([name]) => name.startsWith('@')));
  const options: Mutable<QueryOptions> = {};
  for (const [name, value] of entries) {
    // Not a system query option: parsed by src/odata/fetchxml/ when the collection is read.
    if (name === 'fetchXml') options.fetchXml = value;
    if (!name.startsWith('$')) continue;
    checkOptionName(name);
    if (value.trim() === '') throw querySyntax(`The value of the ${name} query option must not be empty`);
    if (value.length > maxFilterLength) {
      throw querySyntax(
        `The value of the ${name} query option is longer than the limit of ${maxFilterLength} characters`,
      );
    }
    const source: SyntaxSource = { name, offset: 0 };
    switch (name) {
      case '$select':
        options.select = parseSelect(value, source);
        break;
      case '$filter':
        options.filter = parseFilter(value, { aliases, source });
        break;
      case '$orderby':
        options.orderby = parseOrderBy(value, source, aliases);
        break;
      case '$top':
        options.top = parseTop(value);
        break;
      case '$expand':
        options.expand = parseExpandList(value, { start: 0, end: value.length }, source, 1);
        break;
      case '$count':
        options.count = parseCount(value);
        break;
      case '$skiptoken':
        options.skiptoken = value;
        break;
      case '$deltatoken':
        options.deltatoken = value;
        break;
      case '$apply':
        options.apply = parseApply(value, aliases);
        break;
    }
  }
  if (options.apply) checkBesideApply(entries);
  checkQueryLimits(options);
  // The filter steps of $apply reach related tables like $filter does: together, one query's budget.
  const [first, ...rest] = options.apply?.filters ?? [];
  if (first) checkQueryLimits({ filter: rest.reduce((all, next) => ({ kind: 'and', left: all, right: next }), first) });
  return options;
}

/**
 * `$apply` answers groups, not rows: `$select`, `$expand` and `$count` have nothing to act on, and a
 * `$filter` of the rows belongs inside it as `filter(...)`; Orderline refuses these rather than guess.
 */
function checkBesideApply(entries: readonly (readonly [string, string])[]): void {
  for (const [name] of entries) {
    if (!name.startsWith('$') || optionsBesideApply.has(name)) continue;
    const hint = name === '$filter' ? ': filter the rows inside $apply, as in $apply=filter(...)/groupby(...)' : '';
    throw querySyntax(`The query option ${name} cannot be combined with $apply${hint}`);
  }
}

function checkOptionName(name: string): void {
  if (topLevelOptions.has(name)) return;
  if (refusedOptions.has(name)) throw querySyntax(`The query parameter ${name} is not supported`);
  throw querySyntax(`The query parameter ${name} is not supported${caseHint(name, topLevelOptions)}`);
}

function caseHint(name: string, known: ReadonlySet<string>): string {
  const lower = name.toLowerCase();
  return lower !== name && known.has(lower) ? ` (query option names are case-sensitive: write ${lower})` : '';
}

/** `$select=name,_customerid_value`: column names only; repeats are dropped, first position kept. */
function parseSelect(text: string, source: SyntaxSource): readonly string[] {
  if (text.trim() === '*') {
    throw syntaxError(source, text.indexOf('*'), "'*' is not supported in $select; list the columns to return");
  }
  const tokens = tokenizeFilter(text, source);
  const names: string[] = [];
  let index = 0;
  for (;;) {
    const name = tokens[index]!;
    if (name.kind !== 'identifier') throw unexpectedName(tokens, index, source, 'a column name');
    names.push(name.value);
    const separator = tokens[index + 1]!;
    index += 2;
    if (separator.kind === 'end') break;
    if (separator.kind === '/') {
      throw syntaxError(
        source,
        separator.start,
        'paths are not supported in $select; use $expand to read columns of related rows',
      );
    }
    if (separator.kind !== ',') {
      throw syntaxError(
        source,
        separator.start,
        `expected ',' between column names but found ${quote(separator.text)}`,
      );
    }
  }
  return [...new Set(names)];
}

/** `$orderby=name desc,_customerid_value`: property paths, each optionally `asc` or `desc`. */
function parseOrderBy(
  text: string,
  source: SyntaxSource,
  aliases: Readonly<Record<string, string>> | undefined,
): readonly OrderByItem[] {
  const tokens = tokenizeFilter(text, source);
  const items: OrderByItem[] = [];
  let index = 0;
  for (;;) {
    const first = tokens[index]!;
    let path: readonly string[];
    if (first.kind === 'alias') {
      path = aliasPath(first, source, aliases);
      index += 1;
    } else {
      if (first.kind !== 'identifier') throw unexpectedName(tokens, index, source, 'a property name');
      const segments = [first.value];
      index += 1;
      while (tokens[index]!.kind === '/') {
        const segment = tokens[index + 1]!;
        if (segment.kind !== 'identifier') throw unexpectedName(tokens, index + 1, source, 'a property name');
        segments.push(segment.value);
        index += 2;
      }
      path = segments;
    }
    let direction: 'asc' | 'desc' = 'asc';
    const word = tokens[index]!;
    if (word.kind === 'identifier' && (word.value === 'asc' || word.value === 'desc')) {
      direction = word.value;
      index += 1;
    } else if (word.kind === 'identifier' && ['asc', 'desc'].includes(word.value.toLowerCase())) {
      throw syntaxError(
        source,
        word.start,
        `sort directions are case-sensitive: write '${word.value.toLowerCase()}' instead of '${word.value}'`,
      );
    }
    items.push({ path, direction });
    const separator = tokens[index]!;
    index += 1;
    if (separator.kind === 'end') return items;
    if (separator.kind !== ',') {
      throw syntaxError(
        source,
        separator.start,
        `expected 'asc', 'desc', ',' or the end of ${source.name} after ${quote(tokens[index - 2]!.text)} but found ${quote(separator.text)}`,
      );
    }
  }
}

/** In `$orderby`, an alias must hold a property name (`$orderby=@p1 desc&@p1=revenue`). */
function aliasPath(
  token: Token,
  source: SyntaxSource,
  aliases: Readonly<Record<string, string>> | undefined,
): readonly string[] {
  if (aliases === undefined) {
    throw syntaxError(
      source,
      token.start,
      `parameter aliases such as '${token.text}' cannot be used here: Dataverse allows them in $filter and $orderby, not inside $expand`,
    );
  }
  const raw = aliasText(aliases, token.value);
  if (raw === undefined) {
    throw syntaxError(
      source,
      token.start,
      `the parameter alias '${token.text}' is not defined; pass it as a query parameter, as in &${token.text}=name`,
    );
  }
  const value = parseAliasValue(raw, token.value);
  if (!isPropertyAlias(value)) {
    throw syntaxError(source, token.start, `the parameter alias '${token.text}' must name a property to sort by`);
  }
  return value.path;
}

function isPropertyAlias(value: AliasValue): value is { readonly kind: 'property'; readonly path: readonly string[] } {
  return !Array.isArray(value) && (value as Exclude<AliasValue, readonly unknown[]>).kind === 'property';
}

function unexpectedName(tokens: readonly Token[], index: number, source: SyntaxSource, what: string): DomainError {
  const token = tokens[index]!;
  const previous = tokens[index - 1];
  const after = previous === undefined ? '' : ` after ${quote(previous.text)}`;
  if (token.kind === 'qualifiedName') {
    return syntaxError(
      source,
      token.start,
      `type casts and qualified names such as ${quote(token.text)} are not supported`,
    );
  }
  const found = token.kind === 'end' ? '' : ` but found ${quote(token.text)}`;
  return syntaxError(source, token.start, `expected ${what}${after}${found}`);
}

/** The non-negative Int32 Dataverse accepts, with the words of its own refusal. */
function parseTop(text: string): number {
  const digits = text.trim();
  const significant = digits.replace(/^0+(?=\d)/, '');
  if (!/^\d+$/.test(digits) || significant.length > 10 || Number(significant) > maxTop) {
    throw querySyntax(
      `Invalid value ${quote(text)} for $top query option found. The $top query option requires a non-negative integer value no greater than ${maxTop}.`,
    );
  }
  return Number(significant);
}

function parseCount(text: string): boolean {
  const word = text.trim();
  if (word === 'true') return true;
  if (word === 'false') return false;
  throw querySyntax(`Invalid value ${quote(text)} for $count query option found. Valid values are 'true' and 'false'.`);
}

/** A range of the `$expand` value: nested options are read in place so positions stay in the client's text. */
interface Span {
  readonly start: number;
  readonly end: number;
}

/** `nav($select=a;$filter=...;$expand=nav2($select=x)),other`. */
function parseExpandList(text: string, span: Span, source: SyntaxSource, depth: number): readonly ExpandItem[] {
  const items: ExpandItem[] = [];
  const seen = new Set<string>();
  for (const part of splitTopLevel(text, span, ',', source)) {
    const item = parseExpandItem(text, part, source, depth);
    if (seen.has(item.navigation)) {
      throw syntaxError(
        source,
        trim(text, part).start,
        `the navigation property '${item.navigation}' is expanded more than once`,
      );
    }
    seen.add(item.navigation);
    items.push(item);
  }
  return items;
}

const navigationPattern = /[A-Za-z_][A-Za-z0-9_]*/y;

function parseExpandItem(text: string, span: Span, source: SyntaxSource, depth: number): ExpandItem {
  const { start, end } = trim(text, span);
  if (start === end) throw syntaxError(source, start, 'expected a navigation property name');
  navigationPattern.lastIndex = start;
  const navigation = navigationPattern.exec(text)?.[0];
  if (navigation === undefined || start + navigation.length > end) {
    if (text[start] === '*') {
      throw syntaxError(source, start, "'*' is not supported in $expand; name the navigation properties to expand");
    }
    throw syntaxError(source, start, `expected a navigation property name but found ${quote(text.slice(start, end))}`);
  }
  let index = start + navigation.length;
  if (index === end) return { navigation, options: {} };
  while (/\s/.test(text[index]!)) index += 1;
  const char = text[index]!;
  if (char === '/' || char === '.') {
    throw syntaxError(
      source,
      index,
      `paths and type casts after a navigation property are not supported in $expand; nest options in parentheses, as in ${navigation}($select=name)`,
    );
  }
  if (char !== '(') {
    throw syntaxError(
      source,
      index,
      `expected '(' or ',' after the navigation property '${navigation}' but found ${quote(text.slice(index, end))}`,
    );
  }
  const close = findClosing(text, index, end, source);
  if (close !== end - 1) {
    throw syntaxError(
      source,
      close + 1,
      `unexpected ${quote(text.slice(close + 1, end))} after the options of '${navigation}'`,
    );
  }
  const inner = trim(text, { start: index + 1, end: close });
  if (inner.start === inner.end) {
    throw syntaxError(
      source,
      index,
      `empty parentheses after '${navigation}': write options such as ${navigation}($select=name)`,
    );
  }
  return { navigation, options: parseExpandOptions(text, inner, source, depth, navigation) };
}

const optionNamePattern = /\$?[A-Za-z_][A-Za-z0-9_]*/y;

function parseExpandOptions(
  text: string,
  span: Span,
  source: SyntaxSource,
  depth: number,
  navigation: string,
): ExpandOptions {
  const options: Mutable<ExpandOptions> = {};
  const seen = new Set<string>();
  for (const part of splitTopLevel(text, span, ';', source)) {
    const { start, end } = trim(text, part);
    if (start === end) throw syntaxError(source, start, `empty query option in the options of '${navigation}'`);
    optionNamePattern.lastIndex = start;
    const name = optionNamePattern.exec(text)?.[0];
    if (name === undefined || !name.startsWith('$')) {
      throw syntaxError(
        source,
        start,
        `expected a query option such as $select=... in the options of '${navigation}' but found ${quote(text.slice(start, end))}`,
      );
    }
    let equals = start + name.length;
    while (equals < end && /\s/.test(text[equals]!)) equals += 1;
    if (equals >= end || text[equals] !== '=') {
      throw syntaxError(source, equals, `expected '=' after ${name}`);
    }
    if (!nestedOptions.has(name)) {
      throw syntaxError(
        source,
        start,
        `the query option ${name} is not supported inside $expand${caseHint(name, nestedOptions)}`,
      );
    }
    if (seen.has(name)) {
      throw syntaxError(
        source,
        start,
        `the query option ${name} appears more than once in the options of '${navigation}'`,
      );
    }
    seen.add(name);
    const valueSpan = trim(text, { start: equals + 1, end });
    if (valueSpan.start === valueSpan.end) {
      throw syntaxError(source, equals, `the value of ${name} in the options of '${navigation}' must not be empty`);
    }
    const value = text.slice(valueSpan.start, valueSpan.end);
    const valueSource: SyntaxSource = { name: source.name, offset: source.offset + valueSpan.start };
    switch (name) {
      case '$select':
        options.select = parseSelect(value, valueSource);
        break;
      case '$filter':
        options.filter = parseFilter(value, { source: valueSource, allowAliases: false });
        break;
      case '$orderby':
        options.orderby = parseOrderBy(value, valueSource, undefined);
        break;
      case '$top':
        options.top = parseTop(value);
        break;
      case '$expand':
        if (depth >= maxExpandDepth) {
          throw syntaxError(source, start, `$expand is nested more than ${maxExpandDepth} levels deep`);
        }
        options.expand = parseExpandList(text, valueSpan, source, depth + 1);
        break;
    }
  }
  return options;
}

/**
 * Splits a range at `separator` where it is outside string literals, parentheses and brackets: commas
 * and semicolons inside `'a;b'` or `In(PropertyValues=['0','1'])` belong to the nested option.
 */
function splitTopLevel(text: string, span: Span, separator: ',' | ';', source: SyntaxSource): readonly Span[] {
  const parts: Span[] = [];
  const open: number[] = [];
  let partStart = span.start;
  let index = span.start;
  while (index < span.end) {
    const char = text[index]!;
    if (char === "'" || char === '"') {
      index = skipString(text, index, span.end, source);
      continue;
    }
    if (char === '(' || char === '[') open.push(index);
    else if (char === ')' || char === ']') {
      if (open.pop() === undefined)
        throw syntaxError(source, index, `unexpected '${char}' without a matching opening bracket`);
    } else if (char === separator && open.length === 0) {
      parts.push({ start: partStart, end: index });
      partStart = index + 1;
    }
    index += 1;
  }
  const unclosed = open.at(-1);
  if (unclosed !== undefined) throw syntaxError(source, unclosed, `the '${text[unclosed]}' here is never closed`);
  parts.push({ start: partStart, end: span.end });
  return parts;
}

/** Index of the `)` matching the `(` at `open`; the range is known to be balanced. */
function findClosing(text: string, open: number, end: number, source: SyntaxSource): number {
  let depth = 0;
  let index = open;
  while (index < end) {
    const char = text[index]!;
    if (char === "'" || char === '"') {
      index = skipString(text, index, end, source);
      continue;
    }
    if (char === '(' || char === '[') depth += 1;
    else if (char === ')' || char === ']') {
      depth -= 1;
      if (depth === 0) return index;
    }
    index += 1;
  }
  throw syntaxError(source, open, "the '(' here is never closed");
}

/** Index just past the string literal starting at `start` ('' and \" escapes as the lexer reads them). */
function skipString(text: string, start: number, end: number, source: SyntaxSource): number {
  const quoteChar = text[start]!;
  let index = start + 1;
  while (index < end) {
    const char = text[index]!;
    if (quoteChar === '"' && char === '\\') {
      index += 2;
      continue;
    }
    if (char === quoteChar) {
      if (quoteChar === "'" && text[index + 1] === "'" && index + 1 < end) {
        index += 2;
        continue;
      }
      return index + 1;
    }
    index += 1;
  }
  throw syntaxError(source, start, 'unterminated string literal');
}

function trim(text: string, span: Span): Span {
  let { start, end } = span;
  while (start < end && /\s/.test(text[start]!)) start += 1;
  while (end > start && /\s/.test(text[end - 1]!)) end -= 1;
  return { start, end };
}
