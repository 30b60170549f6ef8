/**
 * GET `<set>?$apply=…`: the groups and aggregates of the rows the caller may read, as Dataverse answers
 * them (Learn: "Aggregate data using OData"): `@odata.context` of the entity set and one object per group
 * holding each alias, with formatted values when the `Prefer` header asks for them (option labels and
 * lookup names for grouping properties, grouped digits for counts and numbers). Money and decimals are
 * exact JSON numbers.
 */
import { Decimal, formatDecimal } from '../domain/decimal.js';
import { querySyntax } from '../domain/errors.js';
import { isLookup } from '../domain/metadata/metadata-registry.js';
import type { ColumnMetadata, TableMetadata } from '../domain/metadata/table-metadata.js';
import type { FieldValue } from '../domain/record.js';
import { applyPlan } from '../odata/apply/apply-plan.js';
import { FORMATTED } from '../odata/entity/entity-serializer.js';
import { formattedValue } from '../odata/entity/formatted-values.js';
import { RawJson } from '../odata/json/json-number.js';
import { type Writable, writeJson } from '../odata/json/json-writer.js';
import type { QueryOptions } from '../odata/query/query-options.js';
import { requireReadAccess } from '../security/authorization.js';
import { primaryNames } from '../storage/primary-names.js';
import type { AggregateColumn, AggregatePlan, AggregateRow, GroupByColumn } from '../storage/query/aggregate-plan.js';
import { aggregateRows } from '../storage/query/aggregate-rows.js';
import { jsonResponse, type ODataResponse } from './odata-request.js';
import { wantsAnnotation } from './prefer.js';
import { preferenceApplied } from './read-handlers.js';
import type { RequestScope } from './request-scope.js';

/** `$apply` is served on the GET of an entity set only; elsewhere it is refused, never ignored. */
export function refuseMisplacedApply(options: QueryOptions, onEntitySet: boolean): void {
  if (options.apply && !onEntitySet) {
    throw querySyntax('$apply is supported on the GET of an entity set only, as in GET accounts?$apply=…');
  }
}

function jsonValue(value: unknown): Writable {
  if (value === null || value === undefined) return null;
  if (value instanceof Decimal) return new RawJson(formatDecimal(value));
  return value as Writable;
}

/** The table a grouping or aggregate column is of: a FetchXML link-entity's, or the plan's. */
function tableOf(plan: AggregatePlan, item: GroupByColumn | AggregateColumn): TableMetadata {
  return item.link?.table ?? plan.table;
}

/** Primary names of the rows each lookup grouping property holds, for their formatted values. */
async function lookupNames(scope: RequestScope, plan: AggregatePlan, rows: readonly AggregateRow[]) {
  const names = new Map<string, string>();
  for (const group of plan.groupBy) {
    const column = tableOf(plan, group).columns.find((candidate) => candidate.name === group.column)!;
    if (!isLookup(column)) continue;
    const ids = [...new Set(rows.map((row) => row[group.alias]).filter((id): id is string => typeof id === 'string'))];
    if (ids.length === 0) continue;
    for (const target of column.targets) {
      const table = scope.metadata.table(target.table);
      if (!table) continue;
      for (const [id, name] of await primaryNames(scope.executor, table, ids)) names.set(id.toLowerCase(), name);
    }
  }
  return names;
}

function formatted(table: TableMetadata, column: ColumnMetadata | undefined, value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  // Counts: digits grouped by thousands (a column's values are formatted as the column formats them).
  if (column === undefined) return (value as number).toLocaleString('en-US');
  return formattedValue(table, column, value as FieldValue, {});
}

export async function retrieveAggregates(scope: RequestScope, table: TableMetadata): Promise<ODataResponse> {
  const { options } = scope;
  requireReadAccess(scope.caller, table);
  const plan = applyPlan(table, options.apply!, {
    ...(options.orderby ? { orderby: options.orderby } : {}),
    ...(options.top !== undefined ? { top: options.top } : {}),
  });
  const rows = await aggregateRows(scope.executor, scope.compiler(), plan);
  const value = await aggregateEntities(scope, plan, rows, { withNulls: true });
  const body = { '@odata.context': `${scope.serviceRoot}$metadata#${table.entitySetName}`, value };
  return jsonResponse(200, writeJson(body), preferenceApplied(scope));
}

/**
 * The result rows of `plan` as JSON objects: each alias with its value and, when the `Prefer` header
 * asks, its formatted value. `$apply` writes null values; FetchXML (`withNulls: false`) leaves them
 * out, as its row results do.
 */
export async function aggregateEntities(
  scope: RequestScope,
  plan: AggregatePlan,
  rows: readonly AggregateRow[],
  { withNulls }: { readonly withNulls: boolean },
): Promise<Record<string, Writable>[]> {
  const withFormattedValues = wantsAnnotation(scope.preferences, FORMATTED);
  const names = withFormattedValues ? await lookupNames(scope, plan, rows) : new Map<string, string>();
  const columnOf = (item: GroupByColumn | AggregateColumn) =>
    tableOf(plan, item).columns.find((candidate) => candidate.name === item.column);
  return rows.map((row) => {
    const entity: Record<string, Writable> = {};
    for (const group of plan.groupBy) {
      const table = tableOf(plan, group);
      const column = columnOf(group)!;
      const groupValue = row[group.alias];
      if (!withNulls && (groupValue === null || groupValue === undefined)) continue;
      if (withFormattedValues) {
        const text = group.dateGrouping
          ? formatted(table, undefined, groupValue)
          : isLookup(column)
            ? names.get(String(groupValue))
            : formatted(table, column, groupValue as FieldValue);
        if (text !== undefined) entity[`${group.alias}@${FORMATTED}`] = text;
      }
      entity[group.alias] = jsonValue(groupValue);
    }
    for (const aggregate of plan.aggregates) {
      const aggregateValue = row[aggregate.alias];
      if (!withNulls && (aggregateValue === null || aggregateValue === undefined)) continue;
      if (withFormattedValues) {
        const counted = aggregate.function.startsWith('count');
        const text = formatted(tableOf(plan, aggregate), counted ? undefined : columnOf(aggregate), aggregateValue);
        if (text !== undefined) entity[`${aggregate.alias}@${FORMATTED}`] = text;
      }
      entity[aggregate.alias] = jsonValue(aggregateValue);
    }
    return entity;
  });
}
