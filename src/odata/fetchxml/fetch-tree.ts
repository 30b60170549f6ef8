/**
 * The parsed form of a FetchXML query, before any name is checked against metadata. It keeps every
 * element and attribute Orderline reads, aggregate ones included (`aggregate`, `groupby`,
 * `dategrouping`, `alias`, `distinct` on attributes), so the aggregation engine can take the same tree
 * the row queries take.
 */

export type FilterType = 'and' | 'or';

export type DateGrouping = 'day' | 'week' | 'month' | 'quarter' | 'year' | 'fiscal-period' | 'fiscal-year';

export type AggregateFunction = 'count' | 'countcolumn' | 'sum' | 'avg' | 'min' | 'max';

export interface FetchAttribute {
  readonly name: string;
  /** Required with `aggregate` or `groupby`; otherwise the column is returned as `alias`. */
  readonly alias?: string;
  readonly aggregate?: AggregateFunction;
  readonly groupby?: boolean;
  readonly dategrouping?: DateGrouping;
  /** `countcolumn` of distinct values. */
  readonly distinct?: boolean;
  readonly usertimezone?: boolean;
}

export interface FetchOrder {
  /** A column of the entity or link-entity the order sits in; absent when ordering by an aggregate alias. */
  readonly attribute?: string;
  /** An aggregate query orders by the alias of one of its attributes. */
  readonly alias?: string;
  /** A link-entity's alias, for an order in the entity that sorts by a linked column. */
  readonly entityname?: string;
  readonly descending: boolean;
}

export interface FetchCondition {
  readonly kind: 'condition';
  readonly attribute: string;
  readonly operator: string;
  /** The `value` attribute, or the text of each `<value>` child. */
  readonly values: readonly string[];
  /** The link-entity alias the column belongs to, when the condition sits outside it. */
  readonly entityname?: string;
  /** Another column of the same row to compare with (`valueof`). */
  readonly valueof?: string;
}

export interface FetchFilter {
  readonly kind: 'filter';
  readonly type: FilterType;
  readonly items: readonly (FetchCondition | FetchFilter)[];
}

export type LinkType = 'inner' | 'outer';

export interface FetchLink {
  readonly name: string;
  /** Column of the linked table. */
  readonly from: string;
  /** Column of the table the link-entity sits in. */
  readonly to: string;
  readonly linkType: LinkType;
  readonly alias?: string;
  readonly entity: FetchEntityBody;
}

/** What an `entity` and a `link-entity` both hold. */
export interface FetchEntityBody {
  /** `all-attributes`, or (for the entity) no `attribute` at all. */
  readonly allAttributes: boolean;
  readonly attributes: readonly FetchAttribute[];
  readonly orders: readonly FetchOrder[];
  readonly filters: readonly FetchFilter[];
  readonly links: readonly FetchLink[];
}

export interface FetchQuery {
  readonly entityName: string;
  readonly entity: FetchEntityBody;
  readonly top?: number;
  readonly count?: number;
  readonly page?: number;
  readonly pagingCookie?: string;
  readonly distinct: boolean;
  readonly aggregate: boolean;
  /** `aggregatelimit`: a lower limit than 50,000 on the rows an aggregate query may aggregate. */
  readonly aggregateLimit?: number;
  readonly returnTotalRecordCount: boolean;
  readonly noLock: boolean;
}
