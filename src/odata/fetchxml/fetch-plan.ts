/**
 * A parsed FetchXML query resolved against metadata: which table each `entity` and `link-entity` is,
 * under which SQL alias, which columns come back under which names, the conditions as `$filter` trees,
 * the order. The plan names no SQL; src/storage/query/fetch-rows.ts runs it. Every name is checked here,
 * with Dataverse's query builder codes, so the SQL never meets an unknown table or column.
 */
import { isLookup, type MetadataRegistry } from '../../domain/metadata/metadata-registry.js';
import { type ColumnMetadata, isWriteOnly, type TableMetadata } from '../../domain/metadata/table-metadata.js';
import { checkRelatedTableCount } from '../query/query-limits.js';
import { type ConditionLeaf, conditionLeaf } from './fetch-conditions.js';
import { fetchError } from './fetch-errors.js';
import type { FetchCondition, FetchEntityBody, FetchFilter, FetchLink, FetchQuery, LinkType } from './fetch-tree.js';

/** A table of the query: its metadata and its SQL alias (`t0` for the entity, `l1`, `l2`... for links). */
export interface PlanScope {
  readonly table: TableMetadata;
  readonly alias: string;
}

export type PlanCondition =
  | { readonly kind: 'and' | 'or'; readonly items: readonly PlanCondition[] }
  | { readonly kind: 'leaf'; readonly scope: PlanScope; readonly leaf: ConditionLeaf };

export interface PlanJoin {
  readonly scope: PlanScope;
  readonly parent: PlanScope;
  /** Column of the linked table. */
  readonly from: string;
  /** Column of the parent table. */
  readonly to: string;
  readonly linkType: LinkType;
  /** The link-entity's own filters: part of the join, so an outer join keeps rows they do not match. */
  readonly condition?: PlanCondition;
  /** The name its columns come back under: `alias.column`. */
  readonly resultAlias: string;
  /** Columns returned from the linked table. */
  readonly columns: readonly string[];
}

export interface PlanOrder {
  readonly scope: PlanScope;
  readonly column: string;
  readonly descending: boolean;
}

export interface FetchPlan {
  readonly root: PlanScope;
  /** Columns of the entity returned (its primary key always, unless `distinct`). */
  readonly columns: readonly string[];
  readonly joins: readonly PlanJoin[];
  readonly where?: PlanCondition;
  readonly orders: readonly PlanOrder[];
  readonly distinct: boolean;
}

const ROOT_ALIAS = 't0';

interface Resolution {
  readonly metadata: MetadataRegistry;
  /**
   * Set for an aggregate query: its link-entities' attributes are aggregates and groupings, which the
   * aggregate planner reads from here (each link-entity's body with its scope), so none is selected.
   */
  readonly aggregateLinks?: LinkedBody[];
  /** Link-entities by the name their columns and `entityname` use. */
  readonly links: Map<string, PlanScope>;
  readonly joins: PlanJoin[];
  readonly orders: PlanOrder[];
  /** How many link-entities of each table had no alias, to name them `account1`, `account2`... */
  readonly unnamed: Map<string, number>;
}

/**
 * Resolves the row query `query` against metadata for the entity set's table `table`. Aggregate queries
 * (aggregate='true') are planned by fetch-aggregate-plan.ts into the aggregate plan instead.
 */
export function planFetch(metadata: MetadataRegistry, table: TableMetadata, query: FetchQuery): FetchPlan {
  if (query.aggregate) {
    throw fetchError('invalidArgument', "An aggregate query (aggregate='true') is planned as an aggregate plan.");
  }
  checkEntity(metadata, table, query);
  const root: PlanScope = { table, alias: ROOT_ALIAS };
  checkRelatedTableCount(countLinks(query.entity));
  const resolution: Resolution = { metadata, links: new Map(), joins: [], orders: [], unnamed: new Map() };
  // Links first: conditions and orders of the entity may name their aliases.
  for (const link of query.entity.links) resolveLink(resolution, root, link);
  const rootOrders: PlanOrder[] = [];
  for (const order of query.entity.orders) {
    if (order.attribute === undefined) {
      throw fetchError(
        'invalidArgument',
        "An <order> by 'alias' is only for aggregate queries; order by an 'attribute'.",
      );
    }
    const scope = order.entityname === undefined ? root : linkScope(resolution, order.entityname);
    rootOrders.push({ scope, column: orderColumn(scope, order.attribute), descending: order.descending });
  }
  const where = filtersCondition(resolution, root, query.entity.filters);
  const columns = selectedColumns(root, query.entity, !query.distinct);
  return {
    root,
    columns,
    joins: resolution.joins,
    ...(where ? { where } : {}),
    // The entity's orders first, then the link-entities' in document order, as Dataverse sorts.
    orders: [...rootOrders, ...resolution.orders],
    distinct: query.distinct,
  };
}

/** The entity must be the entity set's table, as Dataverse requires of `<set>?fetchXml=`. */
export function checkEntity(metadata: MetadataRegistry, table: TableMetadata, query: FetchQuery): void {
  const entityTable = metadata.table(query.entityName);
  if (!entityTable) throw noEntity(query.entityName);
  if (entityTable !== table) {
    throw fetchError(
      'invalidArgument',
      `The FetchXML entity '${query.entityName}' does not match the entity set '${table.entitySetName}' it is sent to; send it to ${entityTable.entitySetName}.`,
    );
  }
}

export function noAttribute(table: TableMetadata, name: string) {
  return fetchError(
    'noAttribute',
    `'${table.logicalName}' entity doesn't contain attribute with Name = '${name}' and NameMapping = 'Logical'.`,
  );
}

function countLinks(body: FetchEntityBody): number {
  let count = 0;
  const pending = [...body.links];
  while (pending.length > 0) {
    const link = pending.pop()!;
    count += 1;
    pending.push(...link.entity.links);
  }
  return count;
}

function noEntity(name: string) {
  return fetchError(
    'noEntity',
    `The entity with a name = '${name}' with namemapping = 'Logical' was not found in the MetadataCache.`,
  );
}

function columnOf(scope: PlanScope, name: string): ColumnMetadata {
  const column = scope.table.columns.find((candidate) => candidate.name === name);
  if (!column) throw noAttribute(scope.table, name);
  return column;
}

function readableColumn(scope: PlanScope, name: string, use: string): ColumnMetadata {
  const column = columnOf(scope, name);
  if (isWriteOnly(column))
    throw fetchError('invalidArgument', `${scope.table.logicalName}.${name} is a secret: it cannot be ${use}.`);
  return column;
}

function orderColumn(scope: PlanScope, name: string): string {
  return readableColumn(scope, name, 'used to order results').name;
}

function linkScope(resolution: Resolution, alias: string): PlanScope {
  const scope = resolution.links.get(alias);
  if (!scope) {
    throw fetchError(
      'aliasDoesNotExist',
      `No link-entity has the alias '${alias}'; entityname must name the alias of a link-entity.`,
    );
  }
  return scope;
}

/** Id-like columns join each other; any other column joins a column of its own type. */
function joinable(left: ColumnMetadata, right: ColumnMetadata): boolean {
  const idLike = (column: ColumnMetadata) => isLookup(column) || column.type === 'uniqueidentifier';
  if (idLike(left) || idLike(right)) return idLike(left) && idLike(right);
  return left.type === right.type;
}

/** A link-entity of an aggregate query: its scope and the attributes, orders and links it holds. */
export interface LinkedBody {
  readonly scope: PlanScope;
  readonly body: FetchEntityBody;
}

export interface AggregateResolution {
  readonly root: PlanScope;
  readonly joins: readonly PlanJoin[];
  readonly where?: PlanCondition;
  readonly links: readonly LinkedBody[];
}

/**
 * The joins and conditions of an aggregate query, resolved as the row queries' are (every name checked,
 * the link-entities counted against the related-table budget); its attributes and orders are left to
 * the aggregate planner (fetch-aggregate-plan.ts).
 */
export function resolveAggregateQuery(
  metadata: MetadataRegistry,
  table: TableMetadata,
  query: FetchQuery,
): AggregateResolution {
  checkEntity(metadata, table, query);
  const root: PlanScope = { table, alias: ROOT_ALIAS };
  checkRelatedTableCount(countLinks(query.entity));
  const links: LinkedBody[] = [];
  const resolution: Resolution = {
    metadata,
    aggregateLinks: links,
    links: new Map(),
    joins: [],
    orders: [],
    unnamed: new Map(),
  };
  for (const link of query.entity.links) resolveLink(resolution, root, link);
  const where = filtersCondition(resolution, root, query.entity.filters);
  return { root, joins: resolution.joins, ...(where ? { where } : {}), links };
}

function resolveLink(resolution: Resolution, parent: PlanScope, link: FetchLink): void {
  const table = resolution.metadata.table(link.name);
  if (!table) throw noEntity(link.name);
  const scope: PlanScope = { table, alias: `l${resolution.joins.length + 1}` };
  const fromColumn = readableColumn(scope, link.from, 'joined on');
  const toColumn = readableColumn(parent, link.to, 'joined on');
  if (!joinable(fromColumn, toColumn)) {
    throw fetchError(
      'invalidArgument',
      `The link-entity '${link.name}' joins ${table.logicalName}.${link.from} (${fromColumn.type}) to ${parent.table.logicalName}.${link.to} (${toColumn.type}): the columns must hold the same kind of value.`,
    );
  }
  const resultAlias = link.alias ?? unnamedAlias(resolution, table.logicalName);
  if (resolution.links.has(resultAlias)) {
    throw fetchError('invalidAlias', `The alias '${resultAlias}' is used by more than one link-entity.`);
  }
  resolution.links.set(resultAlias, scope);
  const index = resolution.joins.length;
  // Reserve the join's place so nested links come after it (their ON clause names this alias).
  resolution.joins.push(undefined as unknown as PlanJoin);
  if (resolution.aggregateLinks) {
    resolution.aggregateLinks.push({ scope, body: link.entity });
  }
  for (const order of link.entity.orders) {
    if (resolution.aggregateLinks) {
      throw fetchError(
        'invalidArgument',
        "An aggregate query orders by aliases, in the <entity>: <order alias='…'/>, not in a <link-entity>.",
      );
    }
    if (order.attribute === undefined || order.entityname !== undefined) {
      throw fetchError(
        'invalidArgument',
        'An <order> in a link-entity orders by one of its own columns, by attribute.',
      );
    }
    resolution.orders.push({ scope, column: orderColumn(scope, order.attribute), descending: order.descending });
  }
  for (const nested of link.entity.links) resolveLink(resolution, scope, nested);
  const condition = filtersCondition(resolution, scope, link.entity.filters);
  resolution.joins[index] = {
    scope,
    parent,
    from: fromColumn.name,
    to: toColumn.name,
    linkType: link.linkType,
    ...(condition ? { condition } : {}),
    resultAlias,
    columns: resolution.aggregateLinks ? [] : selectedColumns(scope, link.entity, false),
  };
}

function unnamedAlias(resolution: Resolution, tableName: string): string {
  const next = (resolution.unnamed.get(tableName) ?? 0) + 1;
  resolution.unnamed.set(tableName, next);
  return `${tableName}${next}`;
}

function selectedColumns(scope: PlanScope, body: FetchEntityBody, withPrimaryKey: boolean): string[] {
  for (const attribute of body.attributes) {
    if (attribute.aggregate !== undefined || attribute.groupby !== undefined || attribute.dategrouping !== undefined) {
      throw fetchError(
        'invalidArgument',
        `The attribute '${attribute.name}' uses aggregate options; they need aggregate='true' on <fetch>.`,
      );
    }
    if (attribute.alias !== undefined) {
      throw fetchError(
        'invalidAlias',
        `An alias on <attribute name='${attribute.name}'> is only supported in aggregate queries by Orderline.`,
      );
    }
  }
  const names = body.allAttributes
    ? scope.table.columns.filter((column) => !isWriteOnly(column)).map((column) => column.name)
    : body.attributes.map((attribute) => readableColumn(scope, attribute.name, 'returned').name);
  if (withPrimaryKey) names.unshift(scope.table.primaryId);
  return [...new Set(names)];
}

function filtersCondition(
  resolution: Resolution,
  scope: PlanScope,
  filters: readonly FetchFilter[],
): PlanCondition | undefined {
  const items = filters.map((filter) => filterCondition(resolution, scope, filter));
  if (items.length === 0) return undefined;
  return items.length === 1 ? items[0] : { kind: 'and', items };
}

function filterCondition(resolution: Resolution, scope: PlanScope, filter: FetchFilter): PlanCondition {
  const items = filter.items.map((item) =>
    item.kind === 'filter' ? filterCondition(resolution, scope, item) : leafCondition(resolution, scope, item),
  );
  // An empty filter holds for every row, as in Dataverse.
  return { kind: filter.type, items };
}

function leafCondition(resolution: Resolution, scope: PlanScope, condition: FetchCondition): PlanCondition {
  const target = condition.entityname === undefined ? scope : linkScope(resolution, condition.entityname);
  // A link-entity's filter is part of its join, which cannot see the tables joined after it.
  if (scope.alias !== ROOT_ALIAS && target !== scope) {
    throw fetchError(
      'invalidArgument',
      `A condition in the filter of a link-entity applies to that link-entity's columns; move the condition on '${condition.entityname}' to the entity's filter.`,
    );
  }
  const column = readableColumn(target, condition.attribute, 'filtered on');
  const other = condition.valueof === undefined ? undefined : readableColumn(target, condition.valueof, 'compared');
  return {
    kind: 'leaf',
    scope: target,
    leaf: conditionLeaf(column, condition.operator, condition.values, target.table.logicalName, other),
  };
}
