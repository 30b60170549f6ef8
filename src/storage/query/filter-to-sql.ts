/**
 * Translates a `$filter` tree into a SQL condition over metadata-described tables. Names are resolved
 * against metadata (an unknown property is a 400, never a SQL error); literals are converted to the
 * column's domain value and stored form, so money compares exactly on both dialects. Navigation paths
 * become `IN (subquery)` and lambdas `EXISTS (subquery)`, so a filter never multiplies rows; every
 * table they reach is read through `readableSubquery()`, so a filter only ever sees related rows the
 * reader may read.
 */

import { sql } from 'kysely';
import { querySyntax } from '../../domain/errors.js';
import type { MetadataRegistry } from '../../domain/metadata/metadata-registry.js';
import { intersectColumns, isLookup } from '../../domain/metadata/metadata-registry.js';
import type { ColumnMetadata, TableMetadata } from '../../domain/metadata/table-metadata.js';
import { isWriteOnly } from '../../domain/metadata/table-metadata.js';
import type {
  ComparisonOperator,
  FilterExpression,
  Literal,
  QueryFunctionParameter,
} from '../../odata/filter/filter-ast.js';
import type { Dialect } from '../column-codec.js';
import { dialectSpecifics } from '../dialects/dialect-specifics.js';
import {
  balanced,
  type Condition,
  columnRef,
  compareColumn,
  isText,
  literalValue,
  OPERATORS,
} from './column-conditions.js';
import { applyQueryFunction } from './query-functions.js';
import { type ReadScopeOf, readableSubquery } from './readable-rows.js';

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
  /** The rows of each table the reader may see; applied to every table the query reaches. */
  readonly readScope: ReadScopeOf;
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

export function createFilterCompiler(
  metadata: MetadataRegistry,
  dialect: Dialect,
  environment: FilterEnvironment,
  readScope: ReadScopeOf,
) {
  let counter = 0;
  const compiler: FilterCompiler = {
    metadata,
    dialect,
    environment,
    readScope,
    variables: new Map(),
    nextAlias: () => `f${++counter}`,
  };
  return compiler;
}

function unknownProperty(table: TableMetadata, name: string) {
  return querySyntax(
    `Could not find a property named '${name}' on type 'Microsoft.Dynamics.CRM.${table.logicalName}'.`,
  );
}

/**
 * Resolves `_x_value`, a column, or a path through single-valued navigation properties. A lookup is
 * named `_x_value` in `$filter` comparisons; query functions name columns by logical name, as
 * Dataverse's do (`EqualUserId(PropertyName='ownerid')`), so `lookupsByLogicalName` accepts `x` too.
 */
function resolvePath(
  compiler: FilterCompiler,
  scope: Scope,
  path: readonly string[],
  lookupsByLogicalName = false,
): ResolvedColumn {
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
    if (navigation?.kind !== 'single') {
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
  if (!column || (lookupMatch && !isLookup(column)) || (!lookupMatch && isLookup(column) && !lookupsByLogicalName)) {
    throw unknownProperty(current.table, name);
  }
  if (isWriteOnly(column))
    throw querySyntax(`${current.table.logicalName}.${name} is a secret: it cannot be filtered on.`);
  return { scope: current, column, hops };
}

/**
 * Wraps a condition on the last hop's table into `lookup IN (SELECT id FROM target WHERE readable AND
 * ...)`, each hop kept to the rows the reader may see: through a row they may not read, the path
 * leads nowhere and the condition is false.
 */
function throughHops(compiler: FilterCompiler, resolved: ResolvedColumn, condition: Condition): Condition {
  let result = condition;
  for (const hop of [...resolved.hops].reverse()) {
    result = sql`${columnRef(hop.from, hop.lookup.name)} in (${readableSubquery(compiler.readScope, hop.to, result)})`;
  }
  return result;
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
  return throughHops(compiler, resolved, compareColumn(compiler, resolved.scope, resolved.column, operator, value));
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
  return throughHops(compiler, resolved, dialectSpecifics(compiler.dialect).likeIgnoringCase(ref, pattern));
}

function compileLambda(
  compiler: FilterCompiler,
  scope: Scope,
  expression: Extract<FilterExpression, { kind: 'lambda' }>,
) {
  // Inside a lambda, `o/lines/any(...)` ranges over the lines of the outer lambda's row `o`.
  const variable = expression.collection.length === 2 ? compiler.variables.get(expression.collection[0]!) : undefined;
  const owner = variable ?? scope;
  const path = variable ? expression.collection.slice(1) : expression.collection;
  if (path.length !== 1) throw querySyntax('any() and all() apply to one collection-valued navigation property.');
  const navigation = compiler.metadata.navigation(owner.table, path[0]!);
  if (!navigation || navigation.kind === 'single') {
    throw querySyntax(`'${path[0]}' is not a collection-valued navigation property of ${owner.table.logicalName}.`);
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
  // Related rows the reader may not see are left out: any() cannot match them, all() does not wait on them.
  let source: Condition;
  if (navigation.kind === 'collection') {
    const related = sql`${columnRef(inner, navigation.column.name)} = ${columnRef(owner, owner.table.primaryId)} and ${predicate}`;
    source = readableSubquery(compiler.readScope, inner, related);
  } else {
    const { association } = navigation;
    const { own: ownSide, other: otherSide } = intersectColumns(association, owner.table.logicalName);
    const link = compiler.nextAlias();
    source = sql`select 1 from ${sql.table(association.intersectTable)} as ${sql.raw(link)} where ${sql.ref(`${link}.${ownSide}`)} = ${columnRef(owner, owner.table.primaryId)} and ${sql.ref(`${link}.${otherSide}`)} in (${readableSubquery(compiler.readScope, inner, predicate)})`;
  }
  return expression.operator === 'all' ? sql`not exists (${source})` : sql`exists (${source})`;
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
      return throughHops(compiler, resolved, compareColumn(compiler, resolved.scope, resolved.column, 'eq', true));
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
  const resolved = resolvePath(compiler, scope, path, true);
  const condition = applyQueryFunction(compiler, resolved.scope, resolved.column, name, parameters);
  return throughHops(compiler, resolved, condition);
}
