/**
 * `GET <set>?savedQuery=<id>` / `?userQuery=<id>`: the view is resolved (./view-resolution.ts) and its
 * FetchXML run on the set. A view is the whole query, so OData's own query options are refused beside
 * it rather than silently dropped or half-applied.
 */
import { querySyntax } from '../../domain/errors.js';
import type { TableMetadata } from '../../domain/metadata/table-metadata.js';
import type { ODataResponse } from '../odata-request.js';
import type { RequestScope } from '../request-scope.js';
import { resolveView, type ViewParameter } from './view-resolution.js';

/**
 * Runs `fetchXml` for the request's caller on `table` (the entity set addressed) and answers its page:
 * `runFetchXml` of ../fetch-xml-query.ts, passed in so a view's resolution is tested without running it.
 */
export type FetchXmlRunner = (scope: RequestScope, table: TableMetadata, fetchXml: string) => Promise<ODataResponse>;

export async function retrieveByView(
  scope: RequestScope,
  table: TableMetadata,
  view: { readonly parameter: ViewParameter; readonly value: string },
  runFetchXml: FetchXmlRunner,
): Promise<ODataResponse> {
  const options = [...scope.request.query.keys()].filter((name) => name.startsWith('$'));
  if (options.length > 0) {
    throw querySyntax(`${view.parameter} is the whole query: it cannot be combined with ${options.join(', ')}.`);
  }
  const resolved = await resolveView(scope, view.parameter, view.value, table);
  return runFetchXml(scope, table, resolved.fetchXml);
}
