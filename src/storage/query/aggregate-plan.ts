/**
 * The aggregate query plan: what `$apply` (src/odata/apply) and FetchXML `aggregate="true"` both compile
 * to, and what `aggregateRows()` (aggregate-rows.ts) runs on either store. It names columns by their
 * logical names (a lookup by its column, `ownerid`, never `_ownerid_value`) and knows nothing of the
 * syntax that produced it, so a second query language only has to build one of these.
 *
 * Semantics are FetchXML's (Learn: "Aggregate data using FetchXml"): null values are left out of every
 * aggregate but `count`; at most 50,000 rows may be aggregated (`maxAggregatedRows`), beyond which the
 * query fails with Dataverse's AggregateQueryRecordLimitExceeded.
 */
import { DomainError } from '../../domain/errors.js';
import type { TableMetadata } from '../../domain/metadata/table-metadata.js';
import type { PlanCondition, PlanJoin, PlanScope } from '../../odata/fetchxml/fetch-plan.js';
import type { FilterExpression } from '../../odata/filter/filter-ast.js';

/**
 * FetchXML's `dategrouping` values Orderline computes, each an integer part of the date in UTC:
 * the day of the month, the week of the year (weeks start on Sunday, week 1 holds January 1st, as SQL
 * Server's DATEPART(week) counts them), the month (1-12), the quarter (1-4), the year.
 */
export type DateGrouping = 'day' | 'week' | 'month' | 'quarter' | 'year';
export const dateGroupings: readonly DateGrouping[] = ['day', 'week', 'month', 'quarter', 'year'];

/**
 * - `count`: rows (null or not); `countcolumn`: rows where `column` has a value; `countdistinct`: distinct
 *   values of `column` (FetchXML `countcolumn` with `distinct="true"`);
 * - `sum`, `avg`: numbers (whole numbers, decimals, money), exactly; `min`, `max`: numbers and dates.
 */
export type AggregateFunction = 'count' | 'countcolumn' | 'countdistinct' | 'sum' | 'avg' | 'min' | 'max';
export const aggregateFunctions: readonly AggregateFunction[] = [
  'count',
  'countcolumn',
  'countdistinct',
  'sum',
  'avg',
  'min',
  'max',
];

/** A grouping column of the result, under `alias`; a date column may be grouped by a part of its date. */
export interface GroupByColumn {
  readonly column: string;
  /** The joined table the column is of (one of the plan's `joins`); the plan's table when absent. */
  readonly link?: PlanScope;
  readonly alias: string;
  readonly dateGrouping?: DateGrouping;
}

/** An aggregate of the result, under `alias`. `count` takes no column. */
export interface AggregateColumn {
  readonly function: AggregateFunction;
  readonly column?: string;
  /** The joined table the column is of (one of the plan's `joins`); the plan's table when absent. */
  readonly link?: PlanScope;
  readonly alias: string;
}

/** Sorts the result by one of its aliases (a grouping column or an aggregate). */
export interface AggregateOrder {
  readonly alias: string;
  readonly direction: 'asc' | 'desc';
}

export interface AggregatePlan {
  readonly table: TableMetadata;
  /** The rows to aggregate, as the `$filter` tree (FetchXML filters compile to it too). */
  readonly filter?: FilterExpression;
  /**
   * FetchXML's conditions as its planner resolved them (src/odata/fetchxml/fetch-plan.ts), on the
   * table under the alias `t0`: FetchXML's `like` has no `$filter` form, so they are kept as they are.
   */
  readonly condition?: PlanCondition;
  /**
   * FetchXML's link-entities, joined as its row queries join them (src/storage/query/fetch-rows.ts):
   * each table through the reader's read scope, in the join itself.
   */
  readonly joins?: readonly PlanJoin[];
  readonly groupBy: readonly GroupByColumn[];
  readonly aggregates: readonly AggregateColumn[];
  /** Without an order, groups come sorted by their grouping columns, ascending. */
  readonly orderBy?: readonly AggregateOrder[];
  /** At most this many result rows. */
  readonly top?: number;
  /** A lower limit than `maxAggregatedRows` on the rows aggregated (FetchXML's `aggregatelimit`). */
  readonly recordLimit?: number;
}

/** One result row: each alias of the plan with its value (money and decimals as `Decimal`). */
export type AggregateRow = Readonly<Record<string, unknown>>;

/** Dataverse aggregates at most 50,000 rows per query (Learn: "Aggregate data using FetchXml", Limitations). */
export const maxAggregatedRows = 50_000;

/** Dataverse's AggregateQueryRecordLimitExceeded (0x8004E023, -2147164125), with its message. */
export function aggregateRecordLimitExceeded(): DomainError {
  return new DomainError('invalidArgument', 'The maximum record limit is exceeded. Reduce the number of records.', {
    code: '0x8004E023',
  });
}
