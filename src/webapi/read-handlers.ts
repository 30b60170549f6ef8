/**
 * GET of rows: one by key, one property of it, a collection with query options and paging, `$count`.
 * Every row read passes the caller's read privilege; `$expand` is in `expansion.ts`.
 */

import type { EntityKey } from '../domain/entity-key.js';
import { recordDoesNotExist } from '../domain/errors.js';
import { isLookup } from '../domain/metadata/metadata-registry.js';
import type { ColumnMetadata, TableMetadata } from '../domain/metadata/table-metadata.js';
import type { Row } from '../domain/record.js';
import { etagOf } from '../odata/entity/entity-serializer.js';
import { type Writable, writeJson } from '../odata/json/json-writer.js';
import { findRowByKey } from '../pipeline/resolve-key.js';
import { requireAccess, requireReadAccess } from '../security/authorization.js';
import { countRows, type RowQuery, selectRows } from '../storage/query/select-rows.js';
import { collectionTagValue, weakTag } from './collection-etag.js';
import { materialize } from './expansion.js';
import { jsonResponse, type ODataResponse } from './odata-request.js';
import { countAnnotations, decodeSkipToken, MAX_PAGE_SIZE, nextLink } from './paging.js';
import type { ReadContext } from './read-context.js';
import type { RequestScope } from './request-scope.js';
import { presentRows } from './row-presenter.js';
import { contextSelect } from './select-columns.js';

export { MAX_PAGE_SIZE } from './paging.js';

export function findRow(context: ReadContext, table: TableMetadata, key: EntityKey): Promise<Row | undefined> {
  return findRowByKey(context.services.records, context.executor, table, key);
}

export async function requireRow(context: ReadContext, table: TableMetadata, key: EntityKey): Promise<Row> {
  const row = await findRow(context, table, key);
  if (!row) throw recordDoesNotExist(table.logicalName, key);
  requireAccess(context.caller, table, 'read', row);
  return row;
}

export async function retrieveEntity(
  scope: RequestScope,
  table: TableMetadata,
  key: EntityKey,
  ifNoneMatch: string | undefined,
): Promise<ODataResponse> {
  const { options } = scope;
  const row = await requireRow(scope, table, key);
  const etag = etagOf(row);
  // Never 304 with $expand or annotations: related rows and labels are not covered by the row's version.
  const cacheable = !options.expand?.length && scope.preferences.includeAnnotations.length === 0;
  if (cacheable && ifNoneMatch && ifNoneMatch !== '*' && ifNoneMatch === row.versionnumber) {
    return { status: 304, headers: { etag, 'odata-version': '4.0' } };
  }
  const [entity] = await materialize(scope, table, [row], options);
  const body = {
    '@odata.context': `${scope.serviceRoot}$metadata#${table.entitySetName}${contextSelect(options.select)}/$entity`,
    ...entity,
  };
  return jsonResponse(200, writeJson(body), { etag, ...preferenceApplied(scope) });
}

/** GET of one column of a row (`/salesorders(<id>)/name`): `{"value": ...}`, a lookup as its id. */
export async function retrieveProperty(
  scope: RequestScope,
  table: TableMetadata,
  key: EntityKey,
  column: ColumnMetadata,
): Promise<ODataResponse> {
  const row = await requireRow(scope, table, key);
  const [entity] = await presentRows(scope, table, [row], new Set([column.name]));
  const name = isLookup(column) ? `_${column.name}_value` : column.name;
  const context = `${scope.serviceRoot}$metadata#${table.entitySetName}(${String(row[table.primaryId])})/${column.name}`;
  return jsonResponse(200, writeJson({ '@odata.context': context, value: entity?.[name] ?? null }));
}

export function preferenceApplied(context: ReadContext, extra: string[] = []): Record<string, string> {
  const applied = [...extra];
  if (context.preferences.includeAnnotations.length > 0) {
    applied.push(`odata.include-annotations="${context.preferences.includeAnnotations.join(',')}"`);
  }
  return applied.length > 0 ? { 'preference-applied': applied.join(',') } : {};
}

/** Without `$expand` and annotations a page is covered by its rows' versions (collection-etag.ts). */
const pageIsCacheable = (scope: RequestScope) =>
  !scope.options.expand?.length && scope.preferences.includeAnnotations.length === 0;

function requestText(scope: RequestScope): string {
  const query = [...scope.request.query].map(([name, value]) => `${name}=${value}`).join('&');
  return `${scope.request.path}?${query}`;
}

/**
 * GET of a collection with the request's query options, a page at a time; `where` restricts it to the
 * children of one parent (GET of a collection-valued navigation property). Asked with `If-None-Match`,
 * a page that can carry an ETag answers with one, and 304 when it matches (collection-etag.ts).
 */
export async function retrieveCollection(
  scope: RequestScope,
  table: TableMetadata,
  where?: RowQuery['where'],
  ifNoneMatch?: string,
): Promise<ODataResponse> {
  const { options, preferences } = scope;
  // RetrieveMultiple without any read privilege is a 403 in Dataverse, not an empty page.
  requireReadAccess(scope.caller, table);
  const pageSize = Math.min(preferences.maxPageSize ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE);
  const paging = preferences.maxPageSize !== undefined || options.top === undefined;
  const offset = options.skiptoken ? decodeSkipToken(options.skiptoken) : 0;
  const limit = paging ? pageSize : Math.min(options.top!, MAX_PAGE_SIZE);
  const query: RowQuery = {
    table,
    ...(options.filter ? { filter: options.filter } : {}),
    ...(options.orderby ? { orderBy: options.orderby } : {}),
    ...(where ? { where } : {}),
    // One more than the page: its presence says whether a next page exists.
    limit: limit + 1,
    offset,
  };
  const rows = await selectRows(scope.executor, scope.compiler(), scope.services.records, query);
  const hasMore = rows.length > limit && paging;
  const page = rows.slice(0, limit);
  const body: Record<string, Writable> = {
    '@odata.context': `${scope.serviceRoot}$metadata#${table.entitySetName}${contextSelect(options.select)}`,
  };
  const total = options.count
    ? await countRows(scope.executor, scope.compiler(), { ...query, limit: undefined, offset: undefined })
    : undefined;
  const tag = pageIsCacheable(scope)
    ? collectionTagValue({ primaryId: table.primaryId, rows: page, hasMore, total, request: requestText(scope) })
    : undefined;
  if (tag !== undefined && ifNoneMatch === tag) {
    return { status: 304, headers: { etag: weakTag(tag), 'odata-version': '4.0' } };
  }
  if (total !== undefined) Object.assign(body, countAnnotations(scope, total));
  body.value = await materialize(scope, table, page, options);
  if (hasMore) body['@odata.nextLink'] = nextLink(scope, scope.request.path, scope.request.query, offset + limit);
  const applied = preferences.maxPageSize !== undefined ? [`odata.maxpagesize=${pageSize}`] : [];
  return jsonResponse(200, writeJson(body), {
    ...preferenceApplied(scope, applied),
    ...(tag === undefined ? {} : { etag: weakTag(tag) }),
  });
}

export async function countCollection(scope: RequestScope, table: TableMetadata): Promise<ODataResponse> {
  requireReadAccess(scope.caller, table);
  const total = await countRows(scope.executor, scope.compiler(), {
    table,
    ...(scope.options.filter ? { filter: scope.options.filter } : {}),
  });
  return {
    status: 200,
    headers: { 'content-type': 'text/plain', 'odata-version': '4.0' },
    body: String(Math.min(total, MAX_PAGE_SIZE)),
  };
}
