/**
 * `GET <set>?fetchXml=...`: a FetchXML query run as Dataverse's Web API runs it. The rows come back as
 * a collection: the entity's columns as in OData results, each link-entity's as `alias_x002e_column`, no
 * property whose value is null; a page holds `count` rows (or `Prefer: odata.maxpagesize`, or 5,000).
 * A client that asks for the `Microsoft.Dynamics.CRM.fetchxmlpagingcookie` annotation learns whether
 * more remain (`@Microsoft.Dynamics.CRM.morerecords`) and gets the paging cookie for the next `page`.
 * An aggregate query (`aggregate="true"`) answers its groups instead (see `runAggregateFetchXml`).
 */
import type { TableMetadata } from '../domain/metadata/table-metadata.js';
import { planFetchAggregate } from '../odata/fetchxml/fetch-aggregate-plan.js';
import { fetchError } from '../odata/fetchxml/fetch-errors.js';
import { parseFetchXml } from '../odata/fetchxml/fetch-parser.js';
import type { FetchPlan, PlanJoin } from '../odata/fetchxml/fetch-plan.js';
import { planFetch } from '../odata/fetchxml/fetch-plan.js';
import type { FetchQuery } from '../odata/fetchxml/fetch-tree.js';
import { type Writable, writeJson } from '../odata/json/json-writer.js';
import { requireReadAccess } from '../security/authorization.js';
import { aggregateRows } from '../storage/query/aggregate-rows.js';
import { countFetchRows, type FetchRow, selectFetchRows } from '../storage/query/fetch-rows.js';
import { aggregateEntities } from './aggregate-collection.js';
import { jsonResponse, type ODataResponse } from './odata-request.js';
import { MAX_PAGE_SIZE } from './paging.js';
import { wantsAnnotation } from './prefer.js';
import { preferenceApplied } from './read-handlers.js';
import type { RequestScope } from './request-scope.js';
import { presentRows } from './row-presenter.js';

const ATTRIBUTE_NAME = 'OData.Community.Display.V1.AttributeName';
/** The `.` of `alias.column`, XML-encoded as Dataverse writes it in a JSON property name. */
const ALIAS_SEPARATOR = '_x002e_';
const PAGING_COOKIE = '@Microsoft.Dynamics.CRM.fetchxmlpagingcookie';
const MORE_RECORDS = '@Microsoft.Dynamics.CRM.morerecords';

/** OData options that say something FetchXML says itself; Dataverse takes the query from one or the other. */
const conflictingOptions = [
  'select',
  'filter',
  'orderby',
  'expand',
  'top',
  'count',
  'skiptoken',
  'deltatoken',
  'apply',
] as const;

/**
 * Runs `fetchXml` against the entity set of `table` for the caller of `scope`, exactly as
 * `GET <set>?fetchXml=` does: read privilege, read scope on every joined table, paging, annotations.
 * Saved and user views call it with the FetchXML they hold.
 */
export async function runFetchXml(scope: RequestScope, table: TableMetadata, fetchXml: string): Promise<ODataResponse> {
  for (const name of conflictingOptions) {
    if (scope.options[name] !== undefined) {
      throw fetchError(
        'invalidArgument',
        `The $${name} query option cannot be combined with fetchXml; say it in the FetchXML.`,
      );
    }
  }
  const query = parseFetchXml(fetchXml);
  if (query.aggregate) return runAggregateFetchXml(scope, table, query);
  const plan = planFetch(scope.metadata, table, query);
  // RetrieveMultiple without any read privilege is a 403 in Dataverse, not an empty page.
  requireReadAccess(scope.caller, table);
  const { preferences } = scope;
  const paging = query.top === undefined;
  const usesMaxPageSize = paging && query.count === undefined && preferences.maxPageSize !== undefined;
  const pageSize = query.top ?? query.count ?? Math.min(preferences.maxPageSize ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE);
  const pageNumber = query.page ?? 1;
  const offset = paging ? (pageNumber - 1) * pageSize : 0;
  const compiler = scope.compiler();
  // One more than the page: its presence says whether more rows remain.
  const rows = await selectFetchRows(scope.executor, compiler, scope.services.records, plan, {
    limit: pageSize + (paging ? 1 : 0),
    offset,
  });
  const moreRecords = paging && rows.length > pageSize;
  const page = rows.slice(0, pageSize);
  const body: Record<string, Writable> = { '@odata.context': `${scope.serviceRoot}$metadata#${table.entitySetName}` };
  if (query.returnTotalRecordCount) {
    const total = await countFetchRows(scope.executor, compiler, plan);
    body['@Microsoft.Dynamics.CRM.totalrecordcount'] = Math.min(total, MAX_PAGE_SIZE);
    body['@Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded'] = total > MAX_PAGE_SIZE;
  }
  // Like Dataverse, the paging annotations come back when the client asks for the cookie.
  if (paging && wantsAnnotation(preferences, PAGING_COOKIE.slice(1))) {
    if (moreRecords) body[PAGING_COOKIE] = pagingCookie(plan, page, pageNumber);
    body[MORE_RECORDS] = moreRecords;
  }
  body.value = await presentFetchRows(scope, plan, query, page);
  const applied = usesMaxPageSize ? [`odata.maxpagesize=${pageSize}`] : [];
  return jsonResponse(200, writeJson(body), preferenceApplied(scope, applied));
}

/**
 * An aggregate query: one object per group with each alias (null values left out, as FetchXML results
 * leave them), formatted values when asked, from the same aggregate engine as `$apply`.
 */
async function runAggregateFetchXml(
  scope: RequestScope,
  table: TableMetadata,
  query: FetchQuery,
): Promise<ODataResponse> {
  const plan = planFetchAggregate(scope.metadata, table, query);
  requireReadAccess(scope.caller, table);
  const rows = await aggregateRows(scope.executor, scope.compiler(), plan);
  const value = await aggregateEntities(scope, plan, rows, { withNulls: false });
  const body = { '@odata.context': `${scope.serviceRoot}$metadata#${table.entitySetName}`, value };
  return jsonResponse(200, writeJson(body), preferenceApplied(scope));
}

async function presentFetchRows(
  scope: RequestScope,
  plan: FetchPlan,
  query: FetchQuery,
  rows: readonly FetchRow[],
): Promise<Record<string, Writable>[]> {
  const entities = await presentRows(
    scope,
    plan.root.table,
    rows.map((row) => row.root),
    new Set(plan.columns),
  );
  for (const join of plan.joins) {
    const joined = rows.map((row) => row.linked.get(join.scope.alias));
    const present = joined.filter((row) => row !== undefined);
    const presented = await presentRows(scope, join.scope.table, present, new Set(join.columns));
    let next = 0;
    joined.forEach((row, index) => {
      if (row === undefined) return;
      Object.assign(entities[index]!, linkedProperties(scope, join, presented[next]!));
      next += 1;
    });
  }
  return entities.map((entity) => withoutNulls(entity, query.distinct));
}

/**
 * A linked row's properties as Dataverse's Web API names them: `alias_x002e_column` (FetchXML's
 * `alias.column` with the dot encoded; a lookup by its column name, not `_x_value`), with the same
 * annotations, and the column's logical name as AttributeName when asked.
 */
function linkedProperties(
  scope: RequestScope,
  join: PlanJoin,
  entity: Record<string, Writable>,
): Record<string, Writable> {
  const properties: Record<string, Writable> = {};
  const attributeNames = wantsAnnotation(scope.preferences, ATTRIBUTE_NAME);
  for (const [key, value] of Object.entries(entity)) {
    if (key.startsWith('@')) continue;
    const [property, annotation] = splitAnnotation(key);
    const lookup = /^_(.+)_value$/.exec(property);
    const column = lookup ? lookup[1]! : property;
    const name = `${join.resultAlias}${ALIAS_SEPARATOR}${column}`;
    properties[annotation === undefined ? name : `${name}@${annotation}`] = value;
    if (annotation === undefined && attributeNames) properties[`${name}@${ATTRIBUTE_NAME}`] = column;
  }
  return properties;
}

function splitAnnotation(key: string): [string, string | undefined] {
  const at = key.indexOf('@');
  return at < 0 ? [key, undefined] : [key.slice(0, at), key.slice(at + 1)];
}

/** FetchXML results leave out null values (and their annotations), unlike OData queries. */
function withoutNulls(entity: Record<string, Writable>, distinct: boolean): Record<string, Writable> {
  const nulls = new Set(Object.keys(entity).filter((key) => !key.includes('@') && entity[key] === null));
  const result: Record<string, Writable> = {};
  for (const [key, value] of Object.entries(entity)) {
    if (nulls.has(key) || nulls.has(splitAnnotation(key)[0])) continue;
    // A distinct row is not one stored row: it has no version, so no etag.
    if (distinct && key === '@odata.etag') continue;
    result[key] = value;
  }
  return result;
}

/**
 * The cookie Dataverse returns with a page that has more after it: the next page number and, URL-encoded
 * twice as Dataverse writes it, the first and last keys of this page. Orderline pages by position in a
 * total order, so a client that sends the cookie back, or only the next page number, gets the same rows.
 */
function pagingCookie(plan: FetchPlan, page: readonly FetchRow[], pageNumber: number): string {
  const key = plan.root.table.primaryId;
  const braced = (row: FetchRow | undefined) => `{${String(row?.root[key] ?? '').toUpperCase()}}`;
  const inner = `<cookie page="${pageNumber}"><${key} last="${braced(page.at(-1))}" first="${braced(page[0])}" /></cookie>`;
  const encoded = encodeURIComponent(encodeURIComponent(inner));
  return `<cookie pagenumber="${pageNumber + 1}" pagingcookie="${encoded}" istracking="False" />`;
}
