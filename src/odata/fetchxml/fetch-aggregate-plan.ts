/**
 * An aggregate FetchXML query (`<fetch aggregate="true">`) as the aggregate plan `$apply` compiles to
 * too (src/storage/query/aggregate-plan.ts), so both run on one engine: read scope, the 50,000-row limit
 * and exact money come with it. Dataverse's rules (Learn: "Aggregate data using FetchXml"): every
 * attribute has an alias and either an aggregate function or `groupby="true"`, never both;
 * `countcolumn` counts values, with `distinct="true"` distinct ones; groups are ordered by `<order alias>`.
 *
 * Link-entities are joined as in row queries (each table through the caller's read scope, counted
 * against the related-table budget); their attributes group or aggregate linked columns. The fiscal
 * date groupings are refused (Orderline keeps no fiscal year settings). Date parts are computed in UTC.
 */
import type { MetadataRegistry } from '../../domain/metadata/metadata-registry.js';
import { type ColumnMetadata, isWriteOnly, type TableMetadata } from '../../domain/metadata/table-metadata.js';
import type {
  AggregateColumn,
  AggregateOrder,
  AggregatePlan,
  GroupByColumn,
} from '../../storage/query/aggregate-plan.js';
import { fetchError } from './fetch-errors.js';
import { noAttribute, type PlanScope, resolveAggregateQuery } from './fetch-plan.js';
import type { FetchAttribute, FetchEntityBody, FetchQuery } from './fetch-tree.js';

/** An attribute with the table it sits in: the entity's, or a link-entity's (`link`). */
interface Placed {
  readonly attribute: FetchAttribute;
  readonly table: TableMetadata;
  readonly link?: PlanScope;
}

function columnOf(table: TableMetadata, attribute: FetchAttribute): ColumnMetadata {
  const column = table.columns.find((candidate) => candidate.name === attribute.name);
  if (!column) throw noAttribute(table, attribute.name);
  if (isWriteOnly(column)) {
    throw fetchError('invalidArgument', `${table.logicalName}.${column.name} is a secret: it cannot be aggregated.`);
  }
  return column;
}

function refuseUnaggregatable(query: FetchQuery): void {
  const { entity } = query;
  if (entity.attributes.length === 0 && entity.links.length === 0) {
    throw fetchError(
      'elementNotFound',
      "An aggregate query needs at least one <attribute> with an 'aggregate' function or groupby='true'.",
    );
  }
  if (query.page !== undefined && query.page > 1) {
    throw fetchError('invalidArgument', "An aggregate query answers one page: use 'count' or 'top', not 'page'.");
  }
  if (query.returnTotalRecordCount) {
    throw fetchError(
      'invalidArgument',
      "returntotalrecordcount does not apply to an aggregate query; count with aggregate='count'.",
    );
  }
}

/** Every attribute of the entity and its link-entities; `<all-attributes>` has no place in an aggregate. */
function placedAttributes(
  table: TableMetadata,
  query: FetchQuery,
  links: readonly { scope: PlanScope; body: FetchEntityBody }[],
): Placed[] {
  const bodies: { body: FetchEntityBody; table: TableMetadata; link?: PlanScope }[] = [
    { body: query.entity, table },
    ...links.map(({ scope, body }) => ({ body, table: scope.table, link: scope })),
  ];
  const placed: Placed[] = [];
  for (const { body, table: bodyTable, link } of bodies) {
    // The parser reads an entity without <attribute> as all-attributes: it is fine when links hold them.
    if (body.allAttributes && (body !== query.entity || body.attributes.length > 0)) {
      throw fetchError('invalidArgument', 'An aggregate query names its attributes; <all-attributes> is not allowed.');
    }
    for (const attribute of body.attributes) placed.push({ attribute, table: bodyTable, ...(link ? { link } : {}) });
  }
  if (placed.length === 0) {
    throw fetchError(
      'elementNotFound',
      "An aggregate query needs at least one <attribute> with an 'aggregate' function or groupby='true'.",
    );
  }
  return placed;
}

function groupColumn(table: TableMetadata, attribute: FetchAttribute, alias: string): GroupByColumn {
  if (attribute.distinct !== undefined) {
    throw fetchError('invalidArgument', `'distinct' applies to countcolumn; '${alias}' groups by ${attribute.name}.`);
  }
  const column = columnOf(table, attribute);
  const grouping = attribute.dategrouping;
  if (grouping === undefined) return { column: column.name, alias };
  if (grouping === 'fiscal-period' || grouping === 'fiscal-year') {
    throw fetchError(
      'invalidArgument',
      `The date grouping '${grouping}' needs the organization's fiscal year settings, which Orderline does not keep; group by month, quarter or year.`,
    );
  }
  if (column.type !== 'datetime') {
    throw fetchError(
      'invalidArgument',
      `dategrouping applies to date columns; ${table.logicalName}.${column.name} is not one.`,
    );
  }
  return { column: column.name, alias, dateGrouping: grouping };
}

function aggregateColumn(table: TableMetadata, attribute: FetchAttribute, alias: string): AggregateColumn {
  const column = columnOf(table, attribute);
  const fn = attribute.aggregate!;
  if (attribute.dategrouping !== undefined) {
    throw fetchError('invalidArgument', `dategrouping applies to a groupby attribute; '${alias}' is an aggregate.`);
  }
  if (attribute.distinct === true && fn !== 'countcolumn') {
    throw fetchError('invalidArgument', `'distinct' applies to the countcolumn aggregate, not to ${fn} ('${alias}').`);
  }
  // `count` counts rows whatever the column; `countcolumn` counts the column's values.
  if (fn === 'count') return { function: 'count', alias };
  if (fn === 'countcolumn') {
    return { function: attribute.distinct === true ? 'countdistinct' : 'countcolumn', column: column.name, alias };
  }
  return { function: fn, column: column.name, alias };
}

export function planFetchAggregate(metadata: MetadataRegistry, table: TableMetadata, query: FetchQuery): AggregatePlan {
  const resolved = resolveAggregateQuery(metadata, table, query);
  refuseUnaggregatable(query);
  const groupBy: GroupByColumn[] = [];
  const aggregates: AggregateColumn[] = [];
  const aliases = new Set<string>();
  for (const { attribute, table: source, link } of placedAttributes(table, query, resolved.links)) {
    const { alias } = attribute;
    if (alias === undefined) {
      throw fetchError(
        'invalidAlias',
        `Every attribute of an aggregate query needs an alias; <attribute name='${attribute.name}'> has none.`,
      );
    }
    if (aliases.has(alias.toLowerCase())) {
      throw fetchError('invalidAlias', `The alias '${alias}' is used by more than one attribute.`);
    }
    aliases.add(alias.toLowerCase());
    const grouped = attribute.groupby === true;
    if (grouped && attribute.aggregate !== undefined) {
      throw fetchError(
        'invalidArgument',
        `The attribute '${alias}' has both an aggregate and groupby='true'; an attribute either groups or aggregates.`,
      );
    }
    const placement = link ? { link } : {};
    if (grouped) groupBy.push({ ...groupColumn(source, attribute, alias), ...placement });
    else if (attribute.aggregate !== undefined)
      aggregates.push({ ...aggregateColumn(source, attribute, alias), ...placement });
    else {
      throw fetchError(
        'invalidArgument',
        `In an aggregate query every attribute has an 'aggregate' function or groupby='true'; '${alias}' has neither.`,
      );
    }
  }
  const known = new Map([...groupBy, ...aggregates].map((item) => [item.alias.toLowerCase(), item.alias]));
  const orderBy: AggregateOrder[] = query.entity.orders.map((order) => {
    if (order.alias === undefined || order.attribute !== undefined) {
      throw fetchError(
        'invalidArgument',
        "An aggregate query orders by the alias of one of its attributes: <order alias='…'>, without 'attribute'.",
      );
    }
    const alias = known.get(order.alias.toLowerCase());
    if (alias === undefined) {
      throw fetchError('aliasDoesNotExist', `The order names the alias '${order.alias}', which no attribute has.`);
    }
    return { alias, direction: order.descending ? 'desc' : 'asc' };
  });
  const top = query.top ?? query.count;
  return {
    table,
    ...(resolved.where ? { condition: resolved.where } : {}),
    ...(resolved.joins.length > 0 ? { joins: resolved.joins } : {}),
    groupBy,
    aggregates,
    ...(orderBy.length > 0 ? { orderBy } : {}),
    ...(top !== undefined ? { top } : {}),
    ...(query.aggregateLimit !== undefined ? { recordLimit: query.aggregateLimit } : {}),
  };
}
