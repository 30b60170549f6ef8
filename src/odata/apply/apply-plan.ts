/**
 * Turns a parsed `$apply` into the aggregate plan the storage runs (src/storage/query/aggregate-plan.ts),
 * with Dataverse's Web API restrictions: lookups are grouped and aggregated by their `_<name>_value`
 * property (the plan names the column), grouping by a navigation path or a date-time column is refused
 * (Learn: "Aggregate data using OData" - "groupby with datetime values is not supported"), and so is
 * `$orderby` on an aggregate alias, with Dataverse's own message.
 */
import { querySyntax } from '../../domain/errors.js';
import { isLookup } from '../../domain/metadata/metadata-registry.js';
import type { ColumnMetadata, TableMetadata } from '../../domain/metadata/table-metadata.js';
import type {
  AggregateColumn,
  AggregateFunction,
  AggregateOrder,
  AggregatePlan,
  GroupByColumn,
} from '../../storage/query/aggregate-plan.js';
import type { FilterExpression } from '../filter/filter-ast.js';
import type { OrderByItem } from '../query/query-options.js';
import type { ApplyMethod, ApplyQuery } from './apply-parser.js';

const functions: Readonly<Record<ApplyMethod, AggregateFunction>> = {
  sum: 'sum',
  min: 'min',
  max: 'max',
  average: 'avg',
  countdistinct: 'countdistinct',
};

/** `_ownerid_value` -> the column `ownerid`; `name` -> `name`; lookups only by their `_…_value` name. */
function columnOf(table: TableMetadata, path: readonly string[]): ColumnMetadata {
  if (path.length > 1) {
    throw querySyntax(
      `'${path.join('/')}': Orderline groups and aggregates columns of ${table.logicalName} only, not of related tables; group by the lookup (_<name>_value) instead.`,
    );
  }
  const name = path[0]!;
  const lookup = /^_(.+)_value$/.exec(name);
  const column = table.columns.find((candidate) => candidate.name === (lookup ? lookup[1] : name));
  if (!column || Boolean(lookup) !== isLookup(column)) {
    throw querySyntax(
      `Could not find a property named '${name}' on type 'Microsoft.Dynamics.CRM.${table.logicalName}'.`,
    );
  }
  return column;
}

export interface ApplyOptions {
  readonly orderby?: readonly OrderByItem[];
  readonly top?: number;
}

export function applyPlan(table: TableMetadata, apply: ApplyQuery, options: ApplyOptions): AggregatePlan {
  const groupBy: GroupByColumn[] = apply.groupBy.map((path) => {
    const column = columnOf(table, path);
    if (column.type === 'datetime') {
      throw querySyntax(
        `groupby with datetime values is not supported: ${table.logicalName}.${column.name} is a date and time.`,
      );
    }
    return { column: column.name, alias: path[0]! };
  });
  const aggregates: AggregateColumn[] = apply.aggregates.map((aggregate) =>
    aggregate.kind === 'count'
      ? { function: 'count', alias: aggregate.alias }
      : {
          function: functions[aggregate.method],
          column: columnOf(table, aggregate.path).name,
          alias: aggregate.alias,
        },
  );
  const grouped = new Set(groupBy.map((group) => group.alias));
  const orderBy: AggregateOrder[] = (options.orderby ?? []).map((item) => {
    const alias = item.path.join('/');
    if (!grouped.has(alias)) {
      // Dataverse's words for $orderby on an aggregate (Learn: "Aggregate data using OData").
      throw querySyntax(
        aggregates.some((aggregate) => aggregate.alias === alias)
          ? 'The query node SingleValueOpenPropertyAccess is not supported.'
          : `$orderby with $apply may only name a grouping property; '${alias}' is not one.`,
      );
    }
    return { alias, direction: item.direction };
  });
  const filter = apply.filters.reduce<FilterExpression | undefined>(
    (combined, next) => (combined ? { kind: 'and', left: combined, right: next } : next),
    undefined,
  );
  return {
    table,
    ...(filter ? { filter } : {}),
    groupBy,
    aggregates,
    ...(orderBy.length > 0 ? { orderBy } : {}),
    ...(options.top !== undefined ? { top: options.top } : {}),
  };
}
