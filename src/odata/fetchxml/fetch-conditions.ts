/**
 * One FetchXML `condition` as the `$filter` syntax tree: the operators FetchXML shares with `$filter`
 * become comparisons, string functions and Dataverse query functions (`In`, `Between`, `LastXDays`,
 * `EqualUserId`...), so literal checks, money, dates and read scope behave exactly as in `$filter`.
 * Only `like` has no `$filter` form; it stays a pattern leaf the SQL translation writes as LIKE.
 */
import { isLookup } from '../../domain/metadata/metadata-registry.js';
import type { ColumnMetadata } from '../../domain/metadata/table-metadata.js';
import type { ComparisonOperator, FilterExpression, Literal } from '../filter/filter-ast.js';
import { fetchError } from './fetch-errors.js';

/** A condition on one column of one table of the query, ready for the SQL translation. */
export type ConditionLeaf =
  | { readonly kind: 'expression'; readonly expression: FilterExpression }
  | { readonly kind: 'like'; readonly column: string; readonly pattern: string; readonly negate: boolean };

const comparisons: Readonly<Record<string, ComparisonOperator>> = {
  eq: 'eq',
  ne: 'ne',
  neq: 'ne',
  gt: 'gt',
  ge: 'ge',
  lt: 'lt',
  le: 'le',
};

const stringFunctions: Readonly<Record<string, { name: 'startswith' | 'endswith'; negate: boolean }>> = {
  'begins-with': { name: 'startswith', negate: false },
  'not-begin-with': { name: 'startswith', negate: true },
  'ends-with': { name: 'endswith', negate: false },
  'not-end-with': { name: 'endswith', negate: true },
};

/** Operators without a value, and the query function each is. */
const noValueFunctions: Readonly<Record<string, string>> = {
  null: 'Null',
  'not-null': 'NotNull',
  today: 'Today',
  yesterday: 'Yesterday',
  tomorrow: 'Tomorrow',
  'this-week': 'ThisWeek',
  'last-week': 'LastWeek',
  'next-week': 'NextWeek',
  'this-month': 'ThisMonth',
  'last-month': 'LastMonth',
  'next-month': 'NextMonth',
  'this-year': 'ThisYear',
  'last-year': 'LastYear',
  'next-year': 'NextYear',
  'eq-userid': 'EqualUserId',
  'ne-userid': 'NotEqualUserId',
  'eq-businessid': 'EqualBusinessId',
  'ne-businessid': 'NotEqualBusinessId',
};

/** Operators with one value, and the query function each is. */
const singleValueFunctions: Readonly<Record<string, string>> = {
  on: 'On',
  'not-on': 'NotOn',
  'on-or-before': 'OnOrBefore',
  'on-or-after': 'OnOrAfter',
  'last-x-hours': 'LastXHours',
  'next-x-hours': 'NextXHours',
  'last-x-days': 'LastXDays',
  'next-x-days': 'NextXDays',
  'last-x-weeks': 'LastXWeeks',
  'next-x-weeks': 'NextXWeeks',
  'last-x-months': 'LastXMonths',
  'next-x-months': 'NextXMonths',
  'last-x-years': 'LastXYears',
  'next-x-years': 'NextXYears',
  'olderthan-x-minutes': 'OlderThanXMinutes',
  'olderthan-x-hours': 'OlderThanXHours',
  'olderthan-x-days': 'OlderThanXDays',
  'olderthan-x-weeks': 'OlderThanXWeeks',
  'olderthan-x-months': 'OlderThanXMonths',
  'olderthan-x-years': 'OlderThanXYears',
};

const listFunctions: Readonly<Record<string, { name: string; count?: number }>> = {
  in: { name: 'In' },
  'not-in': { name: 'NotIn' },
  between: { name: 'Between', count: 2 },
  'not-between': { name: 'NotBetween', count: 2 },
};

/** Hierarchy operators: they need a hierarchical relationship on the table, which no Orderline table has. */
const hierarchyOperators = new Set(['above', 'under', 'eq-or-above', 'eq-or-under', 'not-under']);

/** FetchXML operators Dataverse has and Orderline does not serve (fiscal periods, teams, languages, multi-select). */
const unsupportedOperators = new Set([
  'eq-userteams',
  'eq-useroruserteams',
  'eq-useroruserhierarchy',
  'eq-useroruserhierarchyandteams',
  'eq-userlanguage',
  'contain-values',
  'not-contain-values',
  'in-fiscal-period',
  'in-fiscal-period-and-year',
  'in-fiscal-year',
  'in-or-after-fiscal-period-and-year',
  'in-or-before-fiscal-period-and-year',
  'last-fiscal-period',
  'last-fiscal-year',
  'last-x-fiscal-periods',
  'last-x-fiscal-years',
  'next-fiscal-period',
  'next-fiscal-year',
  'next-x-fiscal-periods',
  'next-x-fiscal-years',
  'this-fiscal-period',
  'this-fiscal-year',
]);

/** The property name `$filter` uses for a column: `_x_value` for a lookup. */
export function propertyName(column: ColumnMetadata): string {
  return isLookup(column) ? `_${column.name}_value` : column.name;
}

function text(value: string): Literal {
  return { kind: 'string', value };
}

function expression(value: FilterExpression): ConditionLeaf {
  return { kind: 'expression', expression: value };
}

function expectValues(operator: string, column: ColumnMetadata, values: readonly string[], count: number): void {
  if (values.length !== count) {
    const wanted = count === 0 ? 'no value' : count === 1 ? 'exactly one value' : `exactly ${count} values`;
    throw fetchError(
      'invalidValue',
      `The condition operator '${operator}' on '${column.name}' takes ${wanted}; ${values.length} given.`,
    );
  }
}

/** Translates one condition on `column`; `other` is the column named by `valueof`, when there is one. */
export function conditionLeaf(
  column: ColumnMetadata,
  operator: string,
  values: readonly string[],
  tableName: string,
  other?: ColumnMetadata,
): ConditionLeaf {
  const property: FilterExpression = { kind: 'property', path: [propertyName(column)] };
  const comparison = comparisons[operator];
  if (other) {
    if (!comparison) {
      throw fetchError('badCondition', `'valueof' compares columns with eq, ne, gt, ge, lt or le, not '${operator}'.`);
    }
    expectValues(operator, column, values, 0);
    return expression({
      kind: 'compare',
      operator: comparison,
      left: property,
      right: { kind: 'property', path: [propertyName(other)] },
    });
  }
  if (comparison) {
    expectValues(operator, column, values, 1);
    return expression({ kind: 'compare', operator: comparison, left: property, right: text(values[0]!) });
  }
  if (operator === 'like' || operator === 'not-like') {
    expectValues(operator, column, values, 1);
    if (column.type !== 'string' && column.type !== 'memo') {
      throw fetchError(
        'invalidValue',
        `The condition operator '${operator}' needs a text column; ${column.name} is not text.`,
      );
    }
    return { kind: 'like', column: column.name, pattern: values[0]!, negate: operator === 'not-like' };
  }
  const stringFunction = stringFunctions[operator];
  if (stringFunction) {
    expectValues(operator, column, values, 1);
    const call: FilterExpression = { kind: 'call', name: stringFunction.name, args: [property, text(values[0]!)] };
    return expression(stringFunction.negate ? { kind: 'not', operand: call } : call);
  }
  const list = listFunctions[operator];
  if (list) {
    if (list.count !== undefined) expectValues(operator, column, values, list.count);
    else if (values.length === 0) {
      throw fetchError(
        'invalidValue',
        `The condition operator '${operator}' on '${column.name}' needs at least one <value>.`,
      );
    }
    return queryFunction(list.name, column, { PropertyValues: values.map(text) });
  }
  const noValue = noValueFunctions[operator];
  if (noValue) {
    expectValues(operator, column, values, 0);
    return queryFunction(noValue, column, {});
  }
  const single = singleValueFunctions[operator];
  if (single) {
    expectValues(operator, column, values, 1);
    return queryFunction(single, column, { PropertyValue: text(values[0]!) });
  }
  if (hierarchyOperators.has(operator)) {
    throw fetchError(
      'badCondition',
      `The condition operator '${operator}' needs a hierarchical relationship on ${tableName}; no Orderline table has one (account has no parentaccountid).`,
    );
  }
  if (unsupportedOperators.has(operator)) {
    throw fetchError('invalidConditionOperator', `The condition operator '${operator}' is not supported by Orderline.`);
  }
  throw fetchError('invalidConditionOperator', `'${operator.slice(0, 60)}' is not a FetchXML condition operator.`);
}

function queryFunction(
  name: string,
  column: ColumnMetadata,
  parameters: Record<string, Literal | readonly Literal[]>,
): ConditionLeaf {
  return expression({
    kind: 'queryFunction',
    name,
    parameters: { PropertyName: text(propertyName(column)), ...parameters },
  });
}
