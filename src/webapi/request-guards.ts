/** Refusals that apply to every Web API request, whatever resource it addresses. */
import { DomainError, querySyntax } from '../domain/errors.js';
import type { ODataRequest } from './odata-request.js';

/**
 * Dataverse's own query languages, each a whole query of its own: `fetchXml` (./fetch-xml-query.ts) and
 * the views `savedQuery` / `userQuery` (./views/) run on a GET of an entity set. Anywhere else, or two at
 * once, they are refused rather than ignored: answering with the unfiltered rows would hand the client
 * rows its query excluded.
 */
const queryLanguageParameters = ['fetchXml', 'savedQuery', 'userQuery'];

export function refuseMisplacedQueryLanguages(query: ReadonlyMap<string, string>, readsCollection: boolean): void {
  const present = queryLanguageParameters.filter((name) => query.has(name));
  if (present.length === 0) return;
  if (!readsCollection) {
    throw querySyntax(
      `The query parameter ${present[0]} applies only to the GET of an entity set, such as accounts?${present[0]}=...`,
    );
  }
  if (present.length > 1) throw querySyntax(`${present.join(' and ')} cannot be combined: each is the whole query.`);
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
