/** Refusals that apply to every Web API request, whatever resource it addresses. */
import { DomainError, querySyntax } from '../domain/errors.js';
import type { ODataRequest } from './odata-request.js';

/**
 * Dataverse's own query parameters (no `$`) that Orderline does not run. They are refused rather than
 * ignored: answering `?savedQuery=` with the unfiltered table would hand the client rows its query
 * excluded. `fetchXml` is run on a GET of an entity set (fetch-xml-query.ts) and refused anywhere else.
 */
const unsupportedQueryParameters = ['savedQuery', 'userQuery'];

export function refuseUnsupportedQueryParameters(query: ReadonlyMap<string, string>, servesFetchXml: boolean): void {
  for (const name of unsupportedQueryParameters) {
    if (query.has(name)) throw querySyntax(`The query parameter ${name} is not supported by Orderline`);
  }
  if (query.has('fetchXml') && !servesFetchXml) {
    throw querySyntax(
      'The query parameter fetchXml is only served on a GET of an entity set, such as accounts?fetchXml=...',
    );
  }
}

/**
 * U+0000 (`%00`) is refused anywhere in the URL: PostgreSQL text cannot hold it, so a key or a
 * `$filter` literal carrying it would fail in the database instead of being answered.
 */
export function refuseNulCharacters(request: ODataRequest): void {
  const texts = [request.path, ...request.query.keys(), ...request.query.values()];
  if (texts.some((text) => text.includes('\u0000'))) {
    throw new DomainError('invalidArgument', 'The URL contains the character U+0000 (%00), which no value can hold.');
  }
}
