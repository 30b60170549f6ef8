/**
 * The cost of a query, bounded before any SQL is built. Every related table a query reaches is a
 * subquery or a join in the translation: a navigation hop in `$filter` or `$orderby`
 * (`parentaccountid/name`), a lambda (`contact_customer_accounts/any(...)`), a query function on a
 * path, an `$expand`. Dataverse caps these at 15 per query (15 `link-entity` elements in FetchXML, 15
 * `$expand` options in the Web API) to protect the database; Orderline counts them all against that one
 * budget, because on PostgreSQL 80 lambdas joined by `and` ran for 18 seconds and a few such requests
 * held every pooled connection.
 *
 * This pass reads only the parsed options, so every path that parses query options (collections,
 * navigation, `$batch` parts, and later FetchXML translated to the same tree) inherits it.
 */
import { querySyntax } from '../../domain/errors.js';
import type { FilterExpression, Literal, QueryFunctionParameter } from '../filter/filter-ast.js';
import type { ExpandItem, ExpandOptions, OrderByItem } from './query-options.js';

/** Related tables one query may reach: Dataverse's limit of 15 link-entity elements and 15 `$expand` options. */
export const maxRelatedTables = 15;

/** Lambdas nested inside each other's predicates (each level is a correlated subquery of the one outside). */
export const maxLambdaNesting = 5;

interface Tally {
  relatedTables: number;
}

/** Refuses, with a 400 naming the limit, a query that reaches more related tables than Dataverse allows. */
export function checkQueryLimits(options: ExpandOptions): void {
  const tally: Tally = { relatedTables: 0 };
  countOptions(options, tally);
}

function countOptions(options: ExpandOptions, tally: Tally): void {
  if (options.filter) countFilter(options.filter, new Set(), 0, tally);
  for (const item of options.orderby ?? []) countOrderBy(item, tally);
  for (const item of options.expand ?? []) countExpand(item, tally);
}

function countExpand(item: ExpandItem, tally: Tally): void {
  add(tally, 1);
  countOptions(item.options, tally);
}

function countOrderBy(item: OrderByItem, tally: Tally): void {
  add(tally, item.path.length - 1);
}

/**
 * Walks the tree without recursion on `and`/`or` chains (a chain of thousands of terms is a
 * left-deep tree that deep); lambda predicates recurse, at most `maxLambdaNesting` levels.
 */
function countFilter(root: FilterExpression, variables: ReadonlySet<string>, nesting: number, tally: Tally): void {
  const pending: FilterExpression[] = [root];
  while (pending.length > 0) {
    const expression = pending.pop()!;
    switch (expression.kind) {
      case 'and':
      case 'or':
        pending.push(expression.left, expression.right);
        break;
      case 'not':
        pending.push(expression.operand);
        break;
      case 'compare':
        pending.push(expression.left, expression.right);
        break;
      case 'call':
        pending.push(...expression.args);
        break;
      case 'property':
        add(tally, hops(expression.path, variables));
        break;
      case 'queryFunction':
        countQueryFunction(expression.parameters, variables, tally);
        break;
      case 'lambda':
        countLambda(expression, variables, nesting, tally);
        break;
      default:
        break;
    }
  }
}

function countLambda(
  lambda: Extract<FilterExpression, { kind: 'lambda' }>,
  variables: ReadonlySet<string>,
  nesting: number,
  tally: Tally,
): void {
  // The collection itself is one related table, plus any hops before it (`c/contact_customer_accounts`).
  add(tally, hops(lambda.collection, variables) + 1);
  if (!lambda.predicate) return;
  if (nesting + 1 > maxLambdaNesting) {
    throw querySyntax(
      `The query nests any() and all() more than ${maxLambdaNesting} levels deep; Orderline allows at most ${maxLambdaNesting}.`,
    );
  }
  const inner = new Set(variables);
  if (lambda.variable) inner.add(lambda.variable);
  countFilter(lambda.predicate, inner, nesting + 1, tally);
}

function countQueryFunction(
  parameters: Readonly<Record<string, QueryFunctionParameter>>,
  variables: ReadonlySet<string>,
  tally: Tally,
): void {
  const name = parameters.PropertyName;
  if (name && !Array.isArray(name) && (name as Literal).kind === 'string') {
    add(tally, hops((name as Extract<Literal, { kind: 'string' }>).value.split('/'), variables));
  }
}

/** Single-valued navigation hops in a path: every segment but the last, not counting a lambda variable. */
function hops(path: readonly string[], variables: ReadonlySet<string>): number {
  const start = path.length > 1 && variables.has(path[0]!) ? 1 : 0;
  return Math.max(0, path.length - 1 - start);
}

function add(tally: Tally, count: number): void {
  tally.relatedTables += count;
  checkRelatedTableCount(tally.relatedTables);
}

/** The same budget for a query that counts its related tables itself (FetchXML's link-entity elements). */
export function checkRelatedTableCount(count: number): void {
  if (count > maxRelatedTables) {
    throw querySyntax(
      `The query reaches more than ${maxRelatedTables} related tables (navigation paths, any() and all(), $expand, link-entity); Dataverse and Orderline allow at most ${maxRelatedTables} per query.`,
    );
  }
}
