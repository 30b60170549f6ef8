/**
 * GET of rows: one by key, a collection with query options and paging, `$count`, and `$expand` of
 * single- and collection-valued navigation properties with nested options. Every row read passes the
 * caller's read privilege.
 */

import type { EntityKey } from '../domain/entity-key.js';
import { DomainError, querySyntax } from '../domain/errors.js';
import { intersectColumns, type NavigationProperty } from '../domain/metadata/metadata-registry.js';
import type { TableMetadata } from '../domain/metadata/table-metadata.js';
import type { Row } from '../domain/record.js';
import { type Writable, writeJson } from '../odata/json/json-writer.js';
import type { ExpandItem, QueryOptions } from '../odata/query/query-options.js';
import { describeKey, findRowByKey } from '../pipeline/resolve-key.js';
import { readScope, requireAccess, requireReadAccess } from '../security/authorization.js';
import { countRows, type RowQuery, selectRows } from '../storage/query/select-rows.js';
import { etagOf } from './entity-serializer.js';
import { jsonResponse, type ODataResponse } from './odata-request.js';
import { wantsAnnotation } from './prefer.js';
import type { ReadContext } from './read-context.js';
import { presentRows } from './row-presenter.js';
import { contextSelect, selectedColumns } from './select-columns.js';

/** Dataverse's largest page, and its largest count. */
export const MAX_PAGE_SIZE = 5000;

export function findRow(context: ReadContext, table: TableMetadata, key: EntityKey): Promise<Row | undefined> {
  return findRowByKey(context.services.records, context.executor, table, key);
}

export async function requireRow(context: ReadContext, table: TableMetadata, key: EntityKey): Promise<Row> {
  const row = await findRow(context, table, key);
  if (!row) throw new DomainError('notFound', `${table.logicalName} With ${describeKey(key)} Does Not Exist`);
  requireAccess(context.caller, table, 'read', row);
  return row;
}

function scopeOf(context: ReadContext, table: TableMetadata): Pick<RowQuery, 'scope'> {
  const scope = readScope(context.caller, table);
  if (scope.kind === 'all') return {};
  if (scope.kind === 'none') return { scope: { column: table.primaryId, values: [] } };
  return { scope: { column: scope.column, values: scope.values } };
}

/** Entities with their expansions, ready to write. */
async function materialize(
  context: ReadContext,
  table: TableMetadata,
  rows: readonly Row[],
  options: QueryOptions,
): Promise<Record<string, Writable>[]> {
  const entities = await presentRows(context, table, rows, selectedColumns(table, options.select));
  for (const item of options.expand ?? []) await expand(context, table, rows, entities, item);
  return entities;
}

async function expand(
  context: ReadContext,
  table: TableMetadata,
  rows: readonly Row[],
  entities: Record<string, Writable>[],
  item: ExpandItem,
): Promise<void> {
  const navigation = context.metadata.navigation(table, item.navigation);
  if (!navigation) {
    throw querySyntax(
      `Could not find a navigation property named '${item.navigation}' on type 'Microsoft.Dynamics.CRM.${table.logicalName}'.`,
    );
  }
  const target = navigation.target;
  const scope = readScope(context.caller, target);
  if (scope.kind === 'none') {
    for (const entity of entities) entity[item.navigation] = navigation.kind === 'single' ? null : [];
    return;
  }
  if (navigation.kind === 'single') {
    if (item.options.filter || item.options.orderby || item.options.top !== undefined) {
      throw querySyntax(
        `Only $select and $expand can be nested in the single-valued navigation property '${item.navigation}'.`,
      );
    }
    const ids = [
      ...new Set(rows.map((row) => row[navigation.column.name]).filter((id): id is string => typeof id === 'string')),
    ];
    const related =
      ids.length === 0
        ? []
        : await selectRows(context.executor, context.compiler(), context.services.records, {
            table: target,
            ...scopeOf(context, target),
            where: [{ column: target.primaryId, values: ids }],
            limit: ids.length,
          });
    const presented = await materialize(context, target, related, item.options);
    const byId = new Map(related.map((row, index) => [row[target.primaryId] as string, presented[index]!]));
    rows.forEach((row, index) => {
      const id = row[navigation.column.name];
      entities[index]![item.navigation] = typeof id === 'string' ? (byId.get(id) ?? null) : null;
    });
    return;
  }
  const parentIds = rows.map((row) => row[table.primaryId] as string);
  const children = await relatedRows(context, navigation, parentIds, item);
  const presented = await materialize(
    context,
    target,
    children.map((child) => child.row),
    item.options,
  );
  const byParent = new Map<string, Record<string, Writable>[]>();
  children.forEach((child, index) => {
    const list = byParent.get(child.parentId) ?? [];
    if (item.options.top === undefined || list.length < item.options.top) list.push(presented[index]!);
    byParent.set(child.parentId, list);
  });
  rows.forEach((row, index) => {
    entities[index]![item.navigation] = byParent.get(row[table.primaryId] as string) ?? [];
  });
}

/** Rows related to several parents through a collection-valued navigation, with their parent's id. */
async function relatedRows(
  context: ReadContext,
  navigation: Exclude<NavigationProperty, { kind: 'single' }>,
  parentIds: readonly string[],
  item: ExpandItem,
): Promise<{ parentId: string; row: Row }[]> {
  if (parentIds.length === 0) return [];
  const target = navigation.target;
  const base = {
    table: target,
    ...scopeOf(context, target),
    ...(item.options.filter ? { filter: item.options.filter } : {}),
    ...(item.options.orderby ? { orderBy: item.options.orderby } : {}),
    limit: MAX_PAGE_SIZE * Math.max(1, parentIds.length),
  };
  if (navigation.kind === 'collection') {
    const rows = await selectRows(context.executor, context.compiler(), context.services.records, {
      ...base,
      where: [{ column: navigation.column.name, values: parentIds }],
    });
    return rows.map((row) => ({ parentId: row[navigation.column.name] as string, row }));
  }
  const { association } = navigation;
  // Seen from the target: its own column is the one the links lead to, the other holds the parents.
  const { own: otherSide, other: ownSide } = intersectColumns(association, target.logicalName);
  const links = await context.executor
    .selectFrom(association.intersectTable)
    .select([ownSide, otherSide])
    .where(ownSide, 'in', [...parentIds])
    .execute();
  const targetIds = [...new Set(links.map((link) => String(link[otherSide])))];
  if (targetIds.length === 0) return [];
  const rows = await selectRows(context.executor, context.compiler(), context.services.records, {
    ...base,
    where: [{ column: target.primaryId, values: targetIds }],
  });
  const byId = new Map(rows.map((row) => [row[target.primaryId] as string, row]));
  return links.flatMap((link) => {
    const row = byId.get(String(link[otherSide]));
    return row ? [{ parentId: String(link[ownSide]), row }] : [];
  });
}

export async function retrieveEntity(
  context: ReadContext,
  table: TableMetadata,
  key: EntityKey,
  options: QueryOptions,
  ifNoneMatch: string | undefined,
): Promise<ODataResponse> {
  const row = await requireRow(context, table, key);
  const etag = etagOf(row);
  // Never 304 with $expand or annotations: related rows and labels are not covered by the row's version.
  const cacheable = !options.expand?.length && context.preferences.includeAnnotations.length === 0;
  if (cacheable && ifNoneMatch && ifNoneMatch !== '*' && ifNoneMatch === row.versionnumber) {
    return { status: 304, headers: { etag, 'odata-version': '4.0' } };
  }
  const [entity] = await materialize(context, table, [row], options);
  const body = {
    '@odata.context': `${context.serviceRoot}$metadata#${table.entitySetName}${contextSelect(options.select)}/$entity`,
    ...entity,
  };
  return jsonResponse(200, writeJson(body), { etag, ...preferenceApplied(context) });
}

export function preferenceApplied(context: ReadContext, extra: string[] = []): Record<string, string> {
  const applied = [...extra];
  if (context.preferences.includeAnnotations.length > 0) {
    applied.push(`odata.include-annotations="${context.preferences.includeAnnotations.join(',')}"`);
  }
  return applied.length > 0 ? { 'preference-applied': applied.join(',') } : {};
}

/** The opaque paging cookie: where the next page starts. */
function encodeSkipToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString('base64url');
}

function decodeSkipToken(token: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { offset?: unknown };
    // A safe integer only: a forged 1e300 would reach OFFSET and fail in the database.
    if (typeof parsed.offset === 'number' && Number.isSafeInteger(parsed.offset) && parsed.offset >= 0)
      return parsed.offset;
  } catch {
    // falls through to the error below
  }
  throw querySyntax('The $skiptoken is not valid: use the @odata.nextLink exactly as it was returned.');
}

function nextLink(context: ReadContext, path: string, query: ReadonlyMap<string, string>, offset: number): string {
  const parts: string[] = [];
  for (const [name, value] of query) {
    if (name === '$skiptoken') continue;
    parts.push(`${name}=${encodeURIComponent(value)}`);
  }
  parts.push(`$skiptoken=${encodeSkipToken(offset)}`);
  return `${context.serviceRoot}${path}?${parts.join('&')}`;
}

export interface CollectionRequest {
  readonly table: TableMetadata;
  readonly options: QueryOptions;
  /** The request path and query, to build `@odata.nextLink`. */
  readonly path: string;
  readonly query: ReadonlyMap<string, string>;
  /** Restricts to the children of one parent (navigation GET). */
  readonly where?: RowQuery['where'];
}

export async function retrieveCollection(context: ReadContext, request: CollectionRequest): Promise<ODataResponse> {
  const { table, options } = request;
  // RetrieveMultiple without any read privilege is a 403 in Dataverse, not an empty page.
  requireReadAccess(context.caller, table);
  const pageSize = Math.min(context.preferences.maxPageSize ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE);
  const paging = context.preferences.maxPageSize !== undefined || options.top === undefined;
  const offset = options.skiptoken ? decodeSkipToken(options.skiptoken) : 0;
  const limit = paging ? pageSize : Math.min(options.top!, MAX_PAGE_SIZE);
  const query: RowQuery = {
    table,
    ...scopeOf(context, table),
    ...(options.filter ? { filter: options.filter } : {}),
    ...(options.orderby ? { orderBy: options.orderby } : {}),
    ...(request.where ? { where: request.where } : {}),
    // One more than the page: its presence says whether a next page exists.
    limit: limit + 1,
    offset,
  };
  const rows = await selectRows(context.executor, context.compiler(), context.services.records, query);
  const hasMore = rows.length > limit && paging;
  const page = rows.slice(0, limit);
  const body: Record<string, Writable> = {
    '@odata.context': `${context.serviceRoot}$metadata#${table.entitySetName}${contextSelect(options.select)}`,
  };
  if (options.count) {
    const total = await countRows(context.executor, context.compiler(), {
      ...query,
      limit: undefined,
      offset: undefined,
    });
    body['@odata.count'] = Math.min(total, MAX_PAGE_SIZE);
    if (total > MAX_PAGE_SIZE) body['@Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded'] = true;
  }
  body.value = await materialize(context, table, page, options);
  if (hasMore) body['@odata.nextLink'] = nextLink(context, request.path, request.query, offset + limit);
  const applied = context.preferences.maxPageSize !== undefined ? [`odata.maxpagesize=${pageSize}`] : [];
  return jsonResponse(200, writeJson(body), preferenceApplied(context, applied));
}

export async function countCollection(
  context: ReadContext,
  table: TableMetadata,
  options: QueryOptions,
): Promise<ODataResponse> {
  requireReadAccess(context.caller, table);
  const total = await countRows(context.executor, context.compiler(), {
    table,
    ...scopeOf(context, table),
    ...(options.filter ? { filter: options.filter } : {}),
  });
  return {
    status: 200,
    headers: { 'content-type': 'text/plain', 'odata-version': '4.0' },
    body: String(Math.min(total, MAX_PAGE_SIZE)),
  };
}
