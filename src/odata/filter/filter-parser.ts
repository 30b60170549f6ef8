import type { DomainError } from '../../domain/errors.js';
import {
  type ComparisonOperator,
  comparisonOperators,
  type FilterExpression,
  type Literal,
  type QueryFunctionParameter,
  queryFunctionNamespace,
  type StringFunctionName,
  stringFunctionNames,
} from './filter-ast.js';
import { type Token, tokenizeFilter } from './filter-lexer.js';
import { filterSource, quote, type SyntaxSource, syntaxError } from './syntax-error.js';

/** Dataverse's URL limit (reference 7.1); no single option can be longer than the URL that carries it. */
export const maxFilterLength = 32_768;
/** Parentheses, `not`, function calls and lambdas nested deeper than this are refused, before the stack is at risk. */
export const maxNestingDepth = 100;
/**
 * Height of the tree. A flat chain `a eq 1 or b eq 2 or ...` nests to the left without any parenthesis;
 * the cap keeps every recursive walk over the tree (translation, printing) far from the stack limit.
 */
export const maxExpressionDepth = 1_000;

export interface ParseFilterOptions {
  /**
   * Parameter aliases: the raw text of the request's `@p1=...` query parameters, keyed `@p1` (a key
   * without the `@` is accepted too). A value is parsed when the filter uses it, as a literal, a
   * property path, or (for a query function parameter) a collection; see parseAliasValue.
   */
  readonly aliases?: Readonly<Record<string, string>>;
  /** Where the text sits, for messages; defaults to a whole `$filter` value. */
  readonly source?: SyntaxSource;
  /** Dataverse does not allow aliases inside `$expand`; false refuses them with that explanation. */
  readonly allowAliases?: boolean;
}

// Binding powers, lowest first: or < and < not < comparison. `not` binds looser than a comparison so
// that `not a eq 1` means `not (a eq 1)`, the way Dataverse filters are written.
const orPower = 10;
const andPower = 20;
const notPower = 30;
const comparisonPower = 40;

const arithmeticOperators = new Set(['add', 'sub', 'mul', 'div', 'divby', 'mod']);
/** Words that stand between two operands; they cannot start a value. */
const binaryKeywords = new Set<string>(['and', 'or', ...comparisonOperators, ...arithmeticOperators, 'has', 'in']);
/** Words that cannot name a lambda variable or be read as a property in value position. */
const reservedWords = new Set<string>([...binaryKeywords, 'not', 'true', 'false', 'null']);

/** OData functions Dataverse's `$filter` does not have; named so the refusal can say what is missing. */
const unsupportedFunctions = new Set([
  'concat',
  'indexof',
  'length',
  'substring',
  'tolower',
  'toupper',
  'trim',
  'matchesPattern',
  'year',
  'month',
  'day',
  'hour',
  'minute',
  'second',
  'fractionalseconds',
  'totalseconds',
  'date',
  'time',
  'totaloffsetminutes',
  'now',
  'mindatetime',
  'maxdatetime',
  'round',
  'floor',
  'ceiling',
  'hassubset',
  'hassubsequence',
  'case',
  'geo.distance',
  'geo.intersects',
  'geo.length',
]);

const supportedFunctionsNote =
  'supported functions are contains, startswith, endswith and the Microsoft.Dynamics.CRM query functions';

/** What a parameter alias can stand for. */
export type AliasValue = Literal | { readonly kind: 'property'; readonly path: readonly string[] } | readonly Literal[];

interface Parser {
  readonly tokens: readonly Token[];
  index: number;
  nesting: number;
  readonly source: SyntaxSource;
  readonly aliases: Readonly<Record<string, string>> | undefined;
  readonly allowAliases: boolean;
  readonly aliasValues: Map<string, AliasValue>;
  /** Height of every operator node built so far (leaves count 1). */
  readonly heights: WeakMap<object, number>;
}

/**
 * Parses a `$filter` value into the syntax tree, without metadata: names are checked only for their
 * form. Every refusal is a querySyntax DomainError whose message names the position (1-based) and the
 * construct; unsupported OData features (arithmetic, `has`, `in`, `$it`, casts, other functions) are
 * named as such.
 */
export function parseFilter(text: string, options: ParseFilterOptions = {}): FilterExpression {
  const source = options.source ?? filterSource;
  if (text.length > maxFilterLength) {
    throw syntaxError(source, maxFilterLength, `the text is longer than the limit of ${maxFilterLength} characters`);
  }
  const tokens = tokenizeFilter(text, source);
  if (tokens.length === 1) throw syntaxError(source, 0, 'the filter is empty');
  const parser: Parser = {
    tokens,
    index: 0,
    nesting: 0,
    source,
    aliases: options.aliases,
    allowAliases: options.allowAliases ?? true,
    aliasValues: new Map(),
    heights: new WeakMap(),
  };
  const expression = parseExpression(parser, 0);
  const rest = peek(parser);
  if (rest.kind !== 'end') {
    if (rest.kind === ')') throw fail(parser, rest, "unexpected ')' without a matching '('");
    throw unexpectedAfterOperand(parser, rest, "an operator such as 'eq', 'and' or 'or'");
  }
  return expression;
}

function parseExpression(parser: Parser, rightPower: number): FilterExpression {
  let left = parsePrefix(parser, rightPower);
  for (;;) {
    const token = peek(parser);
    const operator = infixOperator(parser, token);
    if (operator === undefined) return left;
    const power = operator === 'or' ? orPower : operator === 'and' ? andPower : comparisonPower;
    if (power <= rightPower) return left;
    advance(parser);
    const right = parseExpression(parser, power);
    if (operator === 'and' || operator === 'or') {
      left = build(parser, token, { kind: operator, left, right }, left, right);
      continue;
    }
    left = build(parser, token, { kind: 'compare', operator, left, right }, left, right);
    // OData would read `a eq b eq c` as `(a eq b) eq c`; Dataverse never means that, so ask for parentheses.
    const following = peek(parser);
    if (following.kind === 'identifier' && isComparison(following.value)) {
      throw fail(
        parser,
        following,
        `comparison operators cannot be chained: put parentheses around one of the comparisons before '${following.value}'`,
      );
    }
  }
}

function infixOperator(parser: Parser, token: Token): ComparisonOperator | 'and' | 'or' | undefined {
  if (token.kind !== 'identifier') return undefined;
  const word = token.value;
  if (word === 'and' || word === 'or' || isComparison(word)) return word;
  if (arithmeticOperators.has(word)) {
    throw fail(parser, token, `the arithmetic operator '${word}' is not supported in $filter`);
  }
  if (word === 'has') throw fail(parser, token, "the 'has' operator is not supported in $filter");
  if (word === 'in') {
    throw fail(
      parser,
      token,
      "the 'in' operator is not supported in $filter; use Microsoft.Dynamics.CRM.In(PropertyName='name',PropertyValues=['a','b'])",
    );
  }
  return undefined;
}

function isComparison(word: string): word is ComparisonOperator {
  return (comparisonOperators as readonly string[]).includes(word);
}

function parsePrefix(parser: Parser, rightPower: number): FilterExpression {
  const token = advance(parser);
  switch (token.kind) {
    case '(':
      return nest(parser, token, () => {
        const inner = parseExpression(parser, 0);
        closeParenthesis(parser, token, 'an operator or');
        return inner;
      });
    case 'string':
    case 'number':
    case 'guid':
    case 'datetime':
    case 'date':
      return literalOf(token, false)!;
    case 'jsonString':
      throw fail(
        parser,
        token,
        "double-quoted strings are only allowed in query function collections such as PropertyValues=[...]; write strings in single quotes ('...')",
      );
    case 'alias': {
      const value = resolveAlias(parser, token);
      if (isCollection(value)) {
        throw fail(
          parser,
          token,
          `the parameter alias '${token.text}' holds a collection, which is only allowed as a query function parameter value`,
        );
      }
      return value;
    }
    case 'systemName':
      if (token.value === '$it' || token.value === '$root' || token.value === '$this') {
        throw fail(parser, token, `'${token.value}' is not supported in $filter`);
      }
      throw expectedValue(parser, token);
    case '[':
      throw fail(parser, token, 'collection literals [...] are only allowed as query function parameter values');
    case 'identifier':
      return parseIdentifier(parser, token, rightPower);
    case 'qualifiedName':
      return parseQualifiedName(parser, token);
    default:
      throw expectedValue(parser, token);
  }
}

function parseIdentifier(parser: Parser, token: Token, rightPower: number): FilterExpression {
  const name = token.value;
  if (name === 'not') {
    if (rightPower >= comparisonPower) {
      throw fail(
        parser,
        token,
        "'not' cannot be the operand of a comparison; put the negated expression in parentheses",
      );
    }
    return nest(parser, token, () => {
      const operand = parseExpression(parser, notPower);
      return build(parser, token, { kind: 'not', operand }, operand);
    });
  }
  if (name === 'true' || name === 'false') return { kind: 'boolean', value: name === 'true' };
  if (name === 'null') return { kind: 'null' };
  if (binaryKeywords.has(name)) throw expectedValue(parser, token);
  const next = peek(parser);
  // `NOT (a eq 1)` would otherwise read as a property named NOT followed by a stray parenthesis.
  if (name !== 'not' && name.toLowerCase() === 'not' && (next.kind === '(' || startsOperand(next))) {
    throw fail(parser, token, `operators are case-sensitive: write 'not' instead of '${name}'`);
  }
  if (next.kind === 'string' && next.start === token.end) {
    throw fail(parser, token, `typed literals such as ${name}'...' are not supported in $filter`);
  }
  if (next.kind === '(') return parseFunctionCall(parser, token);
  return parsePath(parser, token);
}

/** Whether a token can begin a value, so that a preceding word must have been meant as an operator. */
function startsOperand(token: Token): boolean {
  return token.kind === 'qualifiedName' || (token.kind === 'identifier' && !binaryKeywords.has(token.value));
}

function parseFunctionCall(parser: Parser, nameToken: Token): FilterExpression {
  const name = nameToken.value;
  if (isStringFunction(name)) {
    const open = advance(parser);
    return nest(parser, open, () => {
      const args: FilterExpression[] = [];
      if (peek(parser).kind !== ')') {
        for (;;) {
          args.push(parseExpression(parser, 0));
          if (peek(parser).kind !== ',') break;
          advance(parser);
        }
      }
      closeParenthesis(parser, open, "',' or");
      if (args.length !== 2) {
        throw fail(parser, nameToken, `${name}() takes exactly 2 arguments but was given ${args.length}`);
      }
      return build(parser, nameToken, { kind: 'call', name, args }, ...args);
    });
  }
  if (name === 'any' || name === 'all') {
    throw fail(
      parser,
      nameToken,
      `${name}() must follow a collection-valued navigation property, as in order_details/${name}(d:d/quantity gt 5)`,
    );
  }
  if (name === 'cast' || name === 'isof') {
    throw fail(parser, nameToken, `type casts and type tests ('${name}') are not supported in $filter`);
  }
  const lower = name.toLowerCase();
  if (isStringFunction(lower)) {
    throw fail(parser, nameToken, `function names are case-sensitive: write '${lower}' instead of '${name}'`);
  }
  if (unsupportedFunctions.has(name)) {
    throw fail(parser, nameToken, `the function '${name}' is not supported in $filter; ${supportedFunctionsNote}`);
  }
  throw fail(parser, nameToken, `unknown function ${quote(name)}; ${supportedFunctionsNote}`);
}

function isStringFunction(name: string): name is StringFunctionName {
  return (stringFunctionNames as readonly string[]).includes(name);
}

function parsePath(parser: Parser, first: Token): FilterExpression {
  const path = [first.value];
  while (peek(parser).kind === '/') {
    advance(parser);
    const segment = advance(parser);
    if (segment.kind === 'identifier') {
      if ((segment.value === 'any' || segment.value === 'all') && peek(parser).kind === '(') {
        return parseLambda(parser, path, segment);
      }
      path.push(segment.value);
      continue;
    }
    if (segment.kind === 'systemName' && segment.value === '$count') {
      throw fail(parser, segment, "'/$count' is not supported in $filter");
    }
    if (segment.kind === 'qualifiedName') {
      throw fail(parser, segment, `type casts such as ${quote(segment.text)} are not supported in $filter`);
    }
    throw fail(parser, segment, `expected a property name after '/'${found(segment)}`);
  }
  return { kind: 'property', path };
}

function parseLambda(parser: Parser, collection: readonly string[], operatorToken: Token): FilterExpression {
  const operator = operatorToken.value as 'any' | 'all';
  const open = advance(parser);
  return nest(parser, open, () => {
    if (peek(parser).kind === ')') {
      advance(parser);
      if (operator === 'all') {
        throw fail(
          parser,
          operatorToken,
          'all() requires a lambda expression, as in order_details/all(d:d/quantity gt 5)',
        );
      }
      return build(parser, operatorToken, { kind: 'lambda', operator, collection });
    }
    const variable = advance(parser);
    if (variable.kind !== 'identifier' || reservedWords.has(variable.value)) {
      throw fail(
        parser,
        variable,
        `expected a lambda variable name after '${operator}(', as in ${operator}(d:d/quantity gt 5)${found(variable)}`,
      );
    }
    const colon = advance(parser);
    if (colon.kind !== ':') {
      throw fail(parser, colon, `expected ':' after the lambda variable '${variable.value}'${found(colon)}`);
    }
    const predicate = parseExpression(parser, 0);
    closeParenthesis(parser, open, 'an operator or');
    const lambda: FilterExpression = { kind: 'lambda', operator, collection, variable: variable.value, predicate };
    return build(parser, operatorToken, lambda, predicate);
  });
}

function parseQualifiedName(parser: Parser, token: Token): FilterExpression {
  const name = token.value;
  const next = peek(parser);
  if (next.kind === 'string' && next.start === token.end) {
    throw fail(parser, token, `enumeration and typed literals such as ${name}'...' are not supported in $filter`);
  }
  const isQueryFunction =
    name.startsWith(queryFunctionNamespace) && !name.slice(queryFunctionNamespace.length).includes('.');
  if (next.kind !== '(') {
    if (isQueryFunction) {
      throw fail(
        parser,
        token,
        `the query function '${name}' needs a parameter list, as in ${name}(PropertyName='createdon')`,
      );
    }
    throw fail(parser, token, `type casts and qualified names such as ${quote(name)} are not supported in $filter`);
  }
  if (isQueryFunction) return parseQueryFunction(parser, token, name.slice(queryFunctionNamespace.length));
  if (name.toLowerCase().startsWith(queryFunctionNamespace.toLowerCase())) {
    throw fail(
      parser,
      token,
      `unknown function ${quote(name)}: the namespace is case-sensitive, write ${queryFunctionNamespace}<Name>`,
    );
  }
  if (unsupportedFunctions.has(name)) {
    throw fail(parser, token, `the function '${name}' is not supported in $filter; ${supportedFunctionsNote}`);
  }
  throw fail(parser, token, `unknown function ${quote(name)}; ${supportedFunctionsNote}`);
}

/** `Microsoft.Dynamics.CRM.In(PropertyName='statecode',PropertyValues=['0','1'])`: named parameters only. */
function parseQueryFunction(parser: Parser, nameToken: Token, name: string): FilterExpression {
  const open = advance(parser);
  return nest(parser, open, () => {
    const parameters = new Map<string, QueryFunctionParameter>();
    if (peek(parser).kind !== ')') {
      for (;;) {
        const parameter = advance(parser);
        if (parameter.kind !== 'identifier') {
          throw fail(
            parser,
            parameter,
            `expected a parameter name such as PropertyName in ${nameToken.value}(...)${found(parameter)}`,
          );
        }
        if (parameters.has(parameter.value)) {
          throw fail(parser, parameter, `the parameter '${parameter.value}' is given more than once`);
        }
        const equals = advance(parser);
        if (equals.kind !== '=') {
          throw fail(parser, equals, `expected '=' after the parameter name '${parameter.value}'${found(equals)}`);
        }
        parameters.set(parameter.value, parseParameterValue(parser, parameter.value));
        if (peek(parser).kind !== ',') break;
        advance(parser);
      }
    }
    closeParenthesis(parser, open, "',' or");
    // fromEntries defines own properties, so a parameter named __proto__ stays a plain entry.
    return build(parser, nameToken, { kind: 'queryFunction', name, parameters: Object.fromEntries(parameters) });
  });
}

function parseParameterValue(parser: Parser, parameterName: string): QueryFunctionParameter {
  const token = advance(parser);
  if (token.kind === '[') return parseCollection(parser, token);
  if (token.kind === 'alias') {
    const value = resolveAlias(parser, token);
    if (!isCollection(value) && value.kind === 'property') {
      throw fail(
        parser,
        token,
        `the parameter alias '${token.text}' names a property, but query function parameters take literal values`,
      );
    }
    return value;
  }
  const literal = literalOf(token, false);
  if (literal !== undefined) return literal;
  if (token.kind === 'jsonString') {
    throw fail(
      parser,
      token,
      "double-quoted strings are only allowed inside collections [...]; write single values in single quotes ('...')",
    );
  }
  throw fail(
    parser,
    token,
    `expected a literal value or a [...] collection for the parameter '${parameterName}'${found(token)}`,
  );
}

function parseCollection(parser: Parser, open: Token): readonly Literal[] {
  const items: Literal[] = [];
  if (peek(parser).kind === ']') {
    advance(parser);
    return items;
  }
  for (;;) {
    const token = advance(parser);
    const literal = literalOf(token, true);
    if (literal === undefined) throw fail(parser, token, `expected a literal value in the collection${found(token)}`);
    items.push(literal);
    const separator = advance(parser);
    if (separator.kind === ']') return items;
    if (separator.kind === ',') continue;
    if (separator.kind === 'end') {
      throw fail(parser, separator, `missing ']' to close the '[' at position ${positionOf(parser, open)}`);
    }
    throw fail(parser, separator, `expected ',' or ']' in the collection${found(separator)}`);
  }
}

/** Literal tokens and the literal keywords; double-quoted strings only where collections allow them. */
function literalOf(token: Token, allowDoubleQuotes: boolean): Literal | undefined {
  switch (token.kind) {
    case 'string':
      return { kind: 'string', value: token.value };
    case 'jsonString':
      return allowDoubleQuotes ? { kind: 'string', value: token.value } : undefined;
    case 'number':
      return { kind: 'number', text: token.value };
    case 'guid':
      return { kind: 'guid', value: token.value };
    case 'datetime':
      return { kind: 'datetime', text: token.value };
    case 'date':
      return { kind: 'date', text: token.value };
    case 'identifier':
      if (token.value === 'null') return { kind: 'null' };
      if (token.value === 'true' || token.value === 'false') return { kind: 'boolean', value: token.value === 'true' };
      return undefined;
    default:
      return undefined;
  }
}

function resolveAlias(parser: Parser, token: Token): AliasValue {
  if (!parser.allowAliases) {
    throw fail(
      parser,
      token,
      `parameter aliases such as '${token.text}' cannot be used here: Dataverse allows them in $filter and $orderby, not inside $expand`,
    );
  }
  const cached = parser.aliasValues.get(token.value);
  if (cached !== undefined) return cached;
  const raw = aliasText(parser.aliases, token.value);
  if (raw === undefined) {
    throw fail(
      parser,
      token,
      `the parameter alias '${token.text}' is not defined; pass it as a query parameter, as in &${token.text}='value'`,
    );
  }
  const value = parseAliasValue(raw, token.value);
  parser.aliasValues.set(token.value, value);
  return value;
}

/** The raw text of alias `name` (without `@`), looked up as `@name` first, then as `name`. */
export function aliasText(aliases: Readonly<Record<string, string>> | undefined, name: string): string | undefined {
  if (aliases === undefined) return undefined;
  if (Object.hasOwn(aliases, `@${name}`)) return aliases[`@${name}`];
  return Object.hasOwn(aliases, name) ? aliases[name] : undefined;
}

/**
 * Parses the text of parameter alias `@name`: a literal, a property path (Dataverse's own example is
 * `$filter=@p1 gt @p2&@p1=revenue&@p2=100000`), or a collection for a query function parameter.
 */
export function parseAliasValue(text: string, name: string): AliasValue {
  const source: SyntaxSource = { name: `@${name}`, offset: 0 };
  if (text.length > maxFilterLength) {
    throw syntaxError(source, maxFilterLength, `the text is longer than the limit of ${maxFilterLength} characters`);
  }
  const parser: Parser = {
    tokens: tokenizeFilter(text, source),
    index: 0,
    nesting: 0,
    source,
    aliases: undefined,
    allowAliases: false,
    aliasValues: new Map(),
    heights: new WeakMap(),
  };
  const first = advance(parser);
  if (first.kind === 'end') throw fail(parser, first, 'the value of a parameter alias must not be empty');
  let value: AliasValue | undefined;
  if (first.kind === '[') value = parseCollection(parser, first);
  else if (first.kind === 'identifier' && !reservedWords.has(first.value) && peek(parser).kind !== '(') {
    const path = parsePath(parser, first);
    if (path.kind === 'property') value = path;
  } else value = literalOf(first, false);
  if (value === undefined) {
    throw fail(
      parser,
      first,
      `the value of a parameter alias must be a literal such as 'text', 5 or null, or a property name${found(first)}`,
    );
  }
  const rest = peek(parser);
  if (rest.kind !== 'end') throw fail(parser, rest, `unexpected ${quote(rest.text)} after the alias value`);
  return value;
}

function isCollection(value: AliasValue): value is readonly Literal[] {
  return Array.isArray(value);
}

/** Records the node's height and refuses trees taller than maxExpressionDepth. */
function build(
  parser: Parser,
  token: Token,
  node: FilterExpression,
  ...children: readonly FilterExpression[]
): FilterExpression {
  let height = 1;
  for (const child of children) height = Math.max(height, (parser.heights.get(child) ?? 1) + 1);
  if (height > maxExpressionDepth) {
    throw fail(
      parser,
      token,
      `the filter is too complex: more than ${maxExpressionDepth} nested operators (combine values with Microsoft.Dynamics.CRM.In instead of long 'or' chains)`,
    );
  }
  parser.heights.set(node, height);
  return node;
}

function nest<T>(parser: Parser, token: Token, parse: () => T): T {
  parser.nesting += 1;
  if (parser.nesting > maxNestingDepth) {
    throw fail(
      parser,
      token,
      `the filter is nested too deeply (more than ${maxNestingDepth} levels of parentheses, 'not' and function calls)`,
    );
  }
  const result = parse();
  parser.nesting -= 1;
  return result;
}

function closeParenthesis(parser: Parser, open: Token, alternatives: string): void {
  const token = peek(parser);
  if (token.kind === ')') {
    advance(parser);
    return;
  }
  if (token.kind === 'end') {
    throw fail(parser, token, `missing ')' to close the '(' at position ${positionOf(parser, open)}`);
  }
  throw unexpectedAfterOperand(parser, token, `${alternatives} ')'`);
}

function unexpectedAfterOperand(parser: Parser, token: Token, expectation: string): DomainError {
  const lower = token.value.toLowerCase();
  if (token.kind === 'identifier' && lower !== token.value && (binaryKeywords.has(lower) || lower === 'not')) {
    return fail(parser, token, `operators are case-sensitive: write '${lower}' instead of '${token.value}'`);
  }
  const previous = parser.tokens[parser.tokens.indexOf(token) - 1];
  const after = previous === undefined ? '' : ` after ${quote(previous.text)}`;
  return fail(parser, token, `expected ${expectation}${after}${found(token)}`);
}

function expectedValue(parser: Parser, token: Token): DomainError {
  const previous = parser.tokens[parser.tokens.indexOf(token) - 1];
  const after = previous === undefined ? '' : ` after ${quote(previous.text)}`;
  if (token.kind === 'identifier' && binaryKeywords.has(token.value)) {
    return fail(parser, token, `expected a value${after} but found the operator '${token.value}'`);
  }
  return fail(parser, token, `expected a value${after}${found(token)}`);
}

/** " but found 'x'", or nothing at the end of the text (the position already says where). */
function found(token: Token): string {
  return token.kind === 'end' ? '' : ` but found ${quote(token.text)}`;
}

function positionOf(parser: Parser, token: Token): number {
  return parser.source.offset + token.start + 1;
}

function fail(parser: Parser, token: Token, detail: string): DomainError {
  return syntaxError(parser.source, token.start, detail);
}

function peek(parser: Parser): Token {
  return parser.tokens[parser.index]!;
}

/** Returns the current token and moves on; the final `end` token is never passed. */
function advance(parser: Parser): Token {
  const token = parser.tokens[parser.index]!;
  if (token.kind !== 'end') parser.index += 1;
  return token;
}
