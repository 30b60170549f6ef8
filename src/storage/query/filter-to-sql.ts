/**
 * Translates a `$filter` tree into a SQL condition over metadata-described tables. Names are resolved
 * against metadata (an unknown property is a 400, never a SQL error); literals are converted to the
 * column's domain value and stored form, so money compares exactly on both dialects. Navigation paths
 * become `IN (subquery)` and lambdas `EXISTS (subquery)`, so a filter never multiplies rows.
 */

import { type RawBuilder, sql } from 'kysely';
import { Decimal, parseDecimal } from '../../domain/decimal.js';
import { querySyntax } from '../../domain/errors.js';
import { GUID_PATTERN } from '../../domain/guid.js';
import type { MetadataRegistry } from '../../domain/metadata/metadata-registry.js';
import { intersectColumns, isLookup } from '../../domain/metadata/metadata-registry.js';
import type {
  ColumnMetadata,
  DecimalColumn,
  MoneyColumn,
  TableMetadata,
} from '../../domain/metadata/table-metadata.js';
import { isWriteOnly } from '../../domain/metadata/table-metadata.js';
import type { FieldValue } from '../../domain/record.js';
import type {
  ComparisonOperator,
  FilterExpression,
  Literal,
  QueryFunctionParameter,
} from '../../odata/filter/filter-ast.js';
import { type Dialect, encodeValue, numericStorage } from '../column-codec.js';
import { dialectSpecifics } from '../dialects/dialect-specifics.js';
import { applyQueryFunction } from './query-functions.js';

type Condition = RawBuilder<unknown>;

/** The facts some query functions need (EqualUserId, Today, ...). */
export interface FilterEnvironment {
  readonly userId: string;
  readonly businessUnitId: string;
  /** Now, as an ISO instant. */
  readonly now: string;
}

/** A table as it appears in a query: its metadata and its SQL alias. */
export interface Scope {
  readonly table: TableMetadata;
  readonly alias: string;
}

export interface FilterCompiler {
  readonly metadata: MetadataRegistry;
  readonly dialect: Dialect;
  readonly environment: FilterEnvironment;
  /** Lambda variables in scope. */
  readonly variables: ReadonlyMap<string, Scope>;
  nextAlias(): string;
}

/** A property path resolved to one column of one table alias, plus how to reach it. */
interface ResolvedColumn {
  readonly scope: Scope;
  readonly column: ColumnMetadata;
  /** Single-valued navigation hops from the starting scope, outermost first. */
  readonly hops: readonly { readonly lookup: ColumnMetadata; readonly from: Scope; readonly to: Scope }[];
}

const OPERATORS: Readonly<Record<ComparisonOperator, string>> = {
  eq: '=',
  ne: '<>',
  gt: '>',
  ge: '>=',
  lt: '<',
  le: '<=',
};

export function createFilterCompiler(metadata: MetadataRegistry, dialect: Dialect, environment: FilterEnvironment) {
  let counter = 0;
  const compiler: FilterCompiler = {
    metadata,
    dialect,
    environment,
    variables: new Map(),
    nextAlias: () => `f${++counter}`,
  };
  return compiler;
}

export function columnRef(scope: Scope, column: string): RawBuilder<unknown> {
  return sql.ref(`${scope.alias}.${column}`);
}

function unknownProperty(table: TableMetadata, name: string) {
  return querySyntax(
    `Could not find a property named '${name}' on type 'Microsoft.Dynamics.CRM.${table.logicalName}'.`,
  );
}

/** Resolves `_x_value`, a column, or a path through single-valued navigation properties. */
function resolvePath(compiler: FilterCompiler, scope: Scope, path: readonly string[]): ResolvedColumn {
  let current = scope;
  let segments = path;
  const first = segments[0]!;
  const variable = compiler.variables.get(first);
  if (variable && segments.length > 1) {
    current = variable;
    segments = segments.slice(1);
  }
  const hops: { lookup: ColumnMetadata; from: Scope; to: Scope }[] = [];
  while (segments.length > 1) {
    const navigation = compiler.metadata.navigation(current.table, segments[0]!);
    if (!navigation || navigation.kind !== 'single') {
      throw querySyntax(
        `'${segments[0]}' is not a single-valued navigation property of ${current.table.logicalName}; collections are filtered with any() or all().`,
      );
    }
    const next = { table: navigation.target, alias: compiler.nextAlias() };
    hops.push({ lookup: navigation.column, from: current, to: next });
    current = next;
    segments = segments.slice(1);
  }
  const name = segments[0]!;
  const lookupMatch = /^_(.+)_value$/.exec(name);
  const column = compiler.metadata.column(current.table, lookupMatch ? lookupMatch[1]! : name);
  if (!column || (lookupMatch && !isLookup(column)) || (!lookupMatch && isLookup(column))) {
    throw unknownProperty(current.table, name);
  }
  if (isWriteOnly(column))
    throw querySyntax(`${current.table.logicalName}.${name} is a secret: it cannot be filtered on.`);
  return { scope: current, column, hops };
}

/** Wraps a condition on the last hop's table into `lookup IN (SELECT id FROM target WHERE ...)`. */
function throughHops(resolved: ResolvedColumn, condition: Condition): Condition {
  let result = condition;
  for (const hop of [...resolved.hops].reverse()) {
    result = sql`${columnRef(hop.from, hop.lookup.name)} in (select ${columnRef(hop.to, hop.to.table.primaryId)} from ${sql.table(hop.to.table.logicalName)} as ${sql.raw(hop.to.alias)} where ${result})`;
  }
  return result;
}

function literalText(literal: Literal): string {
  switch (literal.kind) {
    case 'null':
      return 'null';
    case 'boolean':
      return String(literal.value);
    case 'number':
    case 'datetime':
    case 'date':
      return literal.text;
    case 'string':
    case 'guid':
      return literal.value;
  }
}

const INT32_MAX = 2_147_483_647;
const INT64_MAX = 9_223_372_036_854_775_807n;

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:\d{2})?)?$/;

function toInstant(text: string): string | undefined {
  const match = DATE_TIME.exec(text);
  if (!match) return undefined;
  const time = match[2] ? (match[2].length === 5 ? `${match[2]}:00` : match[2]) : '00:00:00';
  const instant = new Date(`${match[1]}T${time}${match[3] ?? 'Z'}`);
  return Number.isNaN(instant.getTime()) ? undefined : `${instant.toISOString().slice(0, 19)}Z`;
}

/**
 * Converts a literal to the domain value of `column`. Query functions pass their values as strings
 * (`PropertyValues=['0','1']`), so strings are accepted for every type and read as that type.
 */
export function literalValue(column: ColumnMetadata, literal: Literal, table: TableMetadata): FieldValue {
  if (literal.kind === 'null') return null;
  const text = literalText(literal);
  const mismatch = () =>
    querySyntax(
      `A binary operator with incompatible types was detected: the literal '${text}' cannot be compared with ${table.logicalName}.${column.name} (${column.type}).`,
    );
  switch (column.type) {
    case 'string':
    case 'memo':
      if (literal.kind !== 'string') throw mismatch();
      return literal.value;
    case 'uniqueidentifier':
    case 'lookup':
    case 'customer':
    case 'owner': {
      const guid = GUID_PATTERN.exec(text);
      if (!guid || (literal.kind !== 'guid' && literal.kind !== 'string')) throw mismatch();
      return guid[1]!.toLowerCase();
    }
    case 'integer':
    case 'picklist':
    case 'state':
    case 'status': {
      const number = literal.kind === 'number' || literal.kind === 'string' ? parseDecimal(text) : undefined;
      // These are Edm.Int32: a literal outside Int32 is a type error, as it would be for the column itself.
      if (!number || !number.isInteger() || number.abs().gt(INT32_MAX)) throw mismatch();
      return number.toNumber();
    }
    case 'bigint': {
      // The row version is an Int64; a longer literal cannot be bound and no row could match it.
      if (!/^-?\d+$/.test(text) || BigInt(text) > INT64_MAX || BigInt(text) < -INT64_MAX - 1n) throw mismatch();
      return text;
    }
    case 'decimal':
    case 'money': {
      const number = literal.kind === 'number' || literal.kind === 'string' ? parseDecimal(text) : undefined;
      if (!number) throw mismatch();
      return number;
    }
    case 'boolean':
      if (literal.kind === 'boolean') return literal.value;
      if (literal.kind === 'number' || literal.kind === 'string') {
        if (text === '1' || text === 'true') return true;
        if (text === '0' || text === 'false') return false;
      }
      throw mismatch();
    case 'datetime': {
      if (literal.kind !== 'datetime' && literal.kind !== 'date' && literal.kind !== 'string') throw mismatch();
      if (column.format === 'dateonly') {
        const date = /^\d{4}-\d{2}-\d{2}/.exec(text);
        if (!date) throw mismatch();
        return date[0];
      }
      const instant = toInstant(text);
      if (!instant) throw mismatch();
      return instant;
    }
  }
}

function isText(column: ColumnMetadata): boolean {
  return column.type === 'string' || column.type === 'memo';
}

/** Binds a domain value in its stored form. Money beyond 4 decimals is compared exactly on PostgreSQL. */
export function bindValue(compiler: FilterCompiler, column: ColumnMetadata, value: FieldValue): RawBuilder<unknown> {
  return sql.val(encodeValue(column, value, compiler.dialect));
}

/** A condition that holds for every row with a value in `ref`, or for none. */
function allOrNone(ref: RawBuilder<unknown>, holds: boolean): Condition {
  return holds ? sql`${ref} is not null` : sql`1 = 0`;
}

/**
 * Money and decimals compared with a literal exactly, whatever the literal: one beyond anything the
 * column can hold (`1e400`) is decided without binding it (SQLite cannot bind it, PostgreSQL would
 * overflow), and on SQLite, where values are integers scaled by 10^scale, a literal with more
 * decimals is compared in that integer domain instead of being rounded (rounding made 5.00001 equal 5).
 */
function compareNumeric(
  compiler: FilterCompiler,
  ref: RawBuilder<unknown>,
  column: MoneyColumn | DecimalColumn,
  operator: ComparisonOperator,
  value: Decimal,
): Condition {
  const { scale, largest, asText } = numericStorage(column, compiler.dialect);
  if (value.abs().gt(largest)) {
    const above = value.isPositive();
    return allOrNone(
      ref,
      operator === 'ne' || (above ? operator === 'lt' || operator === 'le' : operator === 'gt' || operator === 'ge'),
    );
  }
  // SQLite keeps a decimal whose range does not fit a scaled integer as text (exchangerate): it holds
  // at most `precision` decimals, and must not be compared as text ('10' < '2').
  const textDecimal = asText === true;
  const places = textDecimal ? column.precision : scale;
  let bound = value;
  if (places !== undefined && value.decimalPlaces() > places) {
    // No stored value equals it; for order, x > 5.00001 is x > 5.0000 and x >= 5.00001 is x >= 5.0001.
    if (operator === 'eq' || operator === 'ne') return allOrNone(ref, operator === 'ne');
    const down = operator === 'gt' || operator === 'le';
    bound = value.toDecimalPlaces(places, down ? Decimal.ROUND_FLOOR : Decimal.ROUND_CEIL);
  }
  if (textDecimal) return compareTextDecimal(ref, operator, bound, places!);
  return sql`${ref} ${sql.raw(OPERATORS[operator])} ${bindValue(compiler, column, bound)}`;
}

/**
 * Compares a decimal stored as text (`-12.5`, as Decimal.toFixed writes it) with a literal of at most
 * `precision` decimals, exactly: both sides become the pair (whole part, fraction scaled to `precision`
 * digits), each signed like the value, and such pairs order as the values do. Both fit 64-bit integers:
 * the literal is within the column's range (checked by the caller) and precision is at most 18.
 */
function compareTextDecimal(ref: RawBuilder<unknown>, operator: ComparisonOperator, value: Decimal, precision: number) {
  const digits = sql`ltrim(${ref}, '-')`;
  const dot = sql`instr(${digits} || '.', '.')`;
  const sign = sql`(case when substr(${ref}, 1, 1) = '-' then -1 else 1 end)`;
  const whole = sql`(${sign} * cast(substr(${digits}, 1, ${dot} - 1) as integer))`;
  const padded = sql`substr(${digits}, ${dot} + 1) || ${sql.val('0'.repeat(precision))}`;
  const fraction = sql`(${sign} * cast(substr(${padded}, 1, ${sql.val(precision)}) as integer))`;
  const truncated = value.trunc();
  const literalWhole = sql.val(BigInt(truncated.toFixed()));
  const literalFraction = sql.val(BigInt(value.minus(truncated).mul(new Decimal(10).pow(precision)).toFixed()));
  const op = sql.raw(OPERATORS[operator]);
  switch (operator) {
    case 'eq':
      return sql`(${whole} = ${literalWhole} and ${fraction} = ${literalFraction})`;
    case 'ne':
      return sql`(${whole} <> ${literalWhole} or ${fraction} <> ${literalFraction})`;
    default: {
      const strict = sql.raw(operator === 'gt' || operator === 'ge' ? '>' : '<');
      return sql`(${whole} ${strict} ${literalWhole} or (${whole} = ${literalWhole} and ${fraction} ${op} ${literalFraction}))`;
    }
  }
}

/** `column <op> value`, case-insensitive for text as Dataverse compares. */
export function compareColumn(
  compiler: FilterCompiler,
  scope: Scope,
  column: ColumnMetadata,
  operator: ComparisonOperator,
  value: FieldValue,
): Condition {
  const ref = columnRef(scope, column.name);
  if (value === null) {
    if (operator === 'eq') return sql`${ref} is null`;
    if (operator === 'ne') return sql`${ref} is not null`;
    throw querySyntax(`The operator '${operator}' cannot be used with null.`);
  }
  const op = sql.raw(OPERATORS[operator]);
  if (isText(column)) {
    return dialectSpecifics(compiler.dialect).compareTextIgnoringCase(ref, OPERATORS[operator], value);
  }
  if ((column.type === 'money' || column.type === 'decimal') && value instanceof Decimal) {
    return compareNumeric(compiler, ref, column, operator, value);
  }
  return sql`${ref} ${op} ${bindValue(compiler, column, value)}`;
}

function compileCompare(
  compiler: FilterCompiler,
  scope: Scope,
  operator: ComparisonOperator,
  left: FilterExpression,
  right: FilterExpression,
): Condition {
  if (left.kind !== 'property' && right.kind === 'property') {
    const mirrored: Record<ComparisonOperator, ComparisonOperator> = {
      eq: 'eq',
      ne: 'ne',
      gt: 'lt',
      ge: 'le',
      lt: 'gt',
      le: 'ge',
    };
    return compileCompare(compiler, scope, mirrored[operator], right, left);
  }
  if (left.kind !== 'property') throw querySyntax('A comparison needs a property on at least one side.');
  const resolved = resolvePath(compiler, scope, left.path);
  if (right.kind === 'property') {
    // Column-to-column comparison: Dataverse allows it within one row only.
    const other = resolvePath(compiler, scope, right.path);
    if (resolved.hops.length > 0 || other.hops.length > 0 || other.scope !== resolved.scope) {
      throw querySyntax('Column comparisons are only supported between columns of the same row.');
    }
    if (other.column.type !== resolved.column.type) {
      throw querySyntax(
        `Cannot compare ${resolved.column.name} (${resolved.column.type}) with ${other.column.name} (${other.column.type}).`,
      );
    }
    return sql`${columnRef(resolved.scope, resolved.column.name)} ${sql.raw(OPERATORS[operator])} ${columnRef(other.scope, other.column.name)}`;
  }
  if (!isLiteral(right)) throw querySyntax('The right side of a comparison must be a value or a property.');
  const value = literalValue(resolved.column, right, resolved.scope.table);
  return throughHops(resolved, compareColumn(compiler, resolved.scope, resolved.column, operator, value));
}

function isLiteral(expression: FilterExpression): expression is Literal {
  return ['null', 'boolean', 'number', 'string', 'guid', 'datetime', 'date'].includes(expression.kind);
}

function likePattern(kind: 'contains' | 'startswith' | 'endswith', value: string): string {
  // Dataverse keeps % _ [ ] as wildcards in these functions; only the position of the text is added.
  if (kind === 'contains') return `%${value}%`;
  if (kind === 'startswith') return `${value}%`;
  return `%${value}`;
}

function compileStringCall(
  compiler: FilterCompiler,
  scope: Scope,
  expression: Extract<FilterExpression, { kind: 'call' }>,
) {
  const [target, argument] = expression.args;
  if (target?.kind !== 'property' || argument?.kind !== 'string') {
    throw querySyntax(`${expression.name}() takes a text property and a text literal.`);
  }
  const resolved = resolvePath(compiler, scope, target.path);
  if (!isText(resolved.column))
    throw querySyntax(`${expression.name}() needs a text property; ${resolved.column.name} is not text.`);
  const ref = columnRef(resolved.scope, resolved.column.name);
  const pattern = sql.val(likePattern(expression.name, argument.value));
  return throughHops(resolved, dialectSpecifics(compiler.dialect).likeIgnoringCase(ref, pattern));
}

function compileLambda(
  compiler: FilterCompiler,
  scope: Scope,
  expression: Extract<FilterExpression, { kind: 'lambda' }>,
) {
  if (expression.collection.length !== 1)
    throw querySyntax('any() and all() apply to one collection-valued navigation property.');
  const navigation = compiler.metadata.navigation(scope.table, expression.collection[0]!);
  if (!navigation || navigation.kind === 'single') {
    throw querySyntax(
      `'${expression.collection[0]}' is not a collection-valued navigation property of ${scope.table.logicalName}.`,
    );
  }
  const inner: Scope = { table: navigation.target, alias: compiler.nextAlias() };
  const variables = new Map(compiler.variables);
  if (expression.variable) variables.set(expression.variable, inner);
  const nested: FilterCompiler = { ...compiler, variables };
  let predicate: Condition = sql`1 = 1`;
  if (expression.predicate) {
    const compiled = compileCondition(nested, inner, expression.predicate);
    // all(): no related row for which the predicate is not true (false or, from a null, unknown).
    predicate = expression.operator === 'all' ? sql`(${compiled}) is not true` : compiled;
  }
  let source: Condition;
  if (navigation.kind === 'collection') {
    source = sql`select 1 from ${sql.table(navigation.target.logicalName)} as ${sql.raw(inner.alias)} where ${columnRef(inner, navigation.column.name)} = ${columnRef(scope, scope.table.primaryId)} and ${predicate}`;
  } else {
    const { association } = navigation;
    const { own: ownSide, other: otherSide } = intersectColumns(association, scope.table.logicalName);
    const link = compiler.nextAlias();
    source = sql`select 1 from ${sql.table(association.intersectTable)} as ${sql.raw(link)} join ${sql.table(navigation.target.logicalName)} as ${sql.raw(inner.alias)} on ${columnRef(inner, navigation.target.primaryId)} = ${sql.ref(`${link}.${otherSide}`)} where ${sql.ref(`${link}.${ownSide}`)} = ${columnRef(scope, scope.table.primaryId)} and ${predicate}`;
  }
  return expression.operator === 'all' ? sql`not exists (${source})` : sql`exists (${source})`;
}

/**
 * Joins conditions with `and` or `or` as a balanced tree. SQLite refuses an expression nested deeper
 * than 1000 levels, and a chain `a or b or c ...` (parsed left-deep, or joined flat) nests one level
 * per term; balanced, 1000 terms nest 10 levels. Both operators are associative, so the answer is the same.
 */
export function balanced(conditions: readonly Condition[], operator: 'and' | 'or'): Condition {
  if (conditions.length === 1) return conditions[0]!;
  const middle = Math.ceil(conditions.length / 2);
  const left = balanced(conditions.slice(0, middle), operator);
  const right = balanced(conditions.slice(middle), operator);
  return operator === 'and' ? sql`(${left} and ${right})` : sql`(${left} or ${right})`;
}

/** The operands of a chain of one operator, in order: `a or (b or c) or d` gives a, b, c, d. */
function chainOperands(expression: Extract<FilterExpression, { kind: 'and' | 'or' }>): FilterExpression[] {
  const operands: FilterExpression[] = [];
  const pending: FilterExpression[] = [expression];
  while (pending.length > 0) {
    const next = pending.pop()!;
    if (next.kind === expression.kind) pending.push(next.right, next.left);
    else operands.push(next);
  }
  return operands;
}

export function compileCondition(compiler: FilterCompiler, scope: Scope, expression: FilterExpression): Condition {
  switch (expression.kind) {
    case 'and':
    case 'or':
      return balanced(
        chainOperands(expression).map((operand) => compileCondition(compiler, scope, operand)),
        expression.kind,
      );
    case 'not':
      return sql`not (${compileCondition(compiler, scope, expression.operand)})`;
    case 'compare':
      return compileCompare(compiler, scope, expression.operator, expression.left, expression.right);
    case 'call':
      return compileStringCall(compiler, scope, expression);
    case 'lambda':
      return compileLambda(compiler, scope, expression);
    case 'queryFunction':
      return compileQueryFunction(compiler, scope, expression.name, expression.parameters);
    case 'property': {
      const resolved = resolvePath(compiler, scope, expression.path);
      if (resolved.column.type !== 'boolean') throw querySyntax(`'${expression.path.join('/')}' is not a condition.`);
      return throughHops(resolved, compareColumn(compiler, resolved.scope, resolved.column, 'eq', true));
    }
    case 'boolean':
      return expression.value ? sql`1 = 1` : sql`1 = 0`;
    default:
      throw querySyntax(`A ${expression.kind} literal is not a condition.`);
  }
}

function compileQueryFunction(
  compiler: FilterCompiler,
  scope: Scope,
  name: string,
  parameters: Readonly<Record<string, QueryFunctionParameter>>,
): Condition {
  const propertyName = parameters.PropertyName;
  if (!propertyName || Array.isArray(propertyName) || (propertyName as Literal).kind !== 'string') {
    throw querySyntax(`Microsoft.Dynamics.CRM.${name} needs PropertyName='<column>'.`);
  }
  const path = (propertyName as Extract<Literal, { kind: 'string' }>).value.split('/');
  const resolved = resolvePath(compiler, scope, path);
  const condition = applyQueryFunction(compiler, resolved.scope, resolved.column, name, parameters);
  return throughHops(resolved, condition);
}
