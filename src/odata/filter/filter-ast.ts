/**
 * The `$filter` syntax tree shared by the parser, the printer and the SQL translation. It is the
 * protocol-level shape only: names are not checked against metadata and literals keep their text, so
 * the translation decides types (a number stays text so decimals never pass through a binary float).
 */

export type Literal =
  | { readonly kind: 'null' }
  | { readonly kind: 'boolean'; readonly value: boolean }
  /** Exact text as written, without the m/M/d/D/f/F/l/L suffix: "12.50", "-3", "1E5". */
  | { readonly kind: 'number'; readonly text: string }
  /** Unescaped value ('' already turned into '). */
  | { readonly kind: 'string'; readonly value: string }
  /** Lower-case 8-4-4-4-12. */
  | { readonly kind: 'guid'; readonly value: string }
  /** Date and time with an offset: 2024-05-01T10:00:00Z, 2024-05-01T10:00:00.123+02:00. */
  | { readonly kind: 'datetime'; readonly text: string }
  /** Date only: 2024-05-01. */
  | { readonly kind: 'date'; readonly text: string };

export type ComparisonOperator = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';

/** The string functions Dataverse supports in `$filter`. */
export type StringFunctionName = 'contains' | 'startswith' | 'endswith';

/** A Dataverse query function parameter: a single literal or a `[...]` collection of literals. */
export type QueryFunctionParameter = Literal | readonly Literal[];

export type FilterExpression =
  | Literal
  /** `name`, `_x_value`, `nav/name`, or `lambdaVar/name` inside a lambda predicate. */
  | { readonly kind: 'property'; readonly path: readonly string[] }
  | {
      readonly kind: 'compare';
      readonly operator: ComparisonOperator;
      readonly left: FilterExpression;
      readonly right: FilterExpression;
    }
  | { readonly kind: 'and' | 'or'; readonly left: FilterExpression; readonly right: FilterExpression }
  | { readonly kind: 'not'; readonly operand: FilterExpression }
  /** Always exactly two arguments. */
  | { readonly kind: 'call'; readonly name: StringFunctionName; readonly args: readonly FilterExpression[] }
  /**
   * `Microsoft.Dynamics.CRM.In(PropertyName='statecode',PropertyValues=['0','1'])`: `name` is the part
   * after `Microsoft.Dynamics.CRM.`; parameters are always named.
   */
  | {
      readonly kind: 'queryFunction';
      readonly name: string;
      readonly parameters: Readonly<Record<string, QueryFunctionParameter>>;
    }
  /**
   * `order_details/any(d:d/quantity gt 5)`. `x/any()` has neither variable nor predicate; `all` always
   * has both.
   */
  | {
      readonly kind: 'lambda';
      readonly operator: 'any' | 'all';
      readonly collection: readonly string[];
      readonly variable?: string;
      readonly predicate?: FilterExpression;
    };

export const comparisonOperators: readonly ComparisonOperator[] = ['eq', 'ne', 'gt', 'ge', 'lt', 'le'];

export const stringFunctionNames: readonly StringFunctionName[] = ['contains', 'startswith', 'endswith'];

/** The namespace every Dataverse query function is called with. */
export const queryFunctionNamespace = 'Microsoft.Dynamics.CRM.';
