/**
 * An ETag for a page of a collection, so a client polling the same query (the Sales Hub's live timeline)
 * can ask `If-None-Match` and get a 304 while nothing it would read changed. Dataverse gives ETags to
 * single rows only (`@odata.etag`, "Perform conditional operations using the Web API"); this is
 * Orderline's addition, an `ETag` header in the same weak form beside an unchanged body, which clients
 * that do not look for it never notice.
 *
 * The tag digests what the page is made of: each row's id and version (every write gives a row a new
 * version), whether a next page exists, the count when asked, and the request's own path and query, so a
 * tag from one query never matches another. A row that leaves or joins the page, or changes, changes it.
 * Like a single row's, it is offered only without `$expand` and annotations: related rows and labels
 * are not covered by the page's versions.
 */
import { createHash } from 'node:crypto';
import type { Row } from '../domain/record.js';

export interface PageFacts {
  readonly primaryId: string;
  readonly rows: readonly Row[];
  readonly hasMore: boolean;
  readonly total: number | undefined;
  /** The request's path and query string as sent. */
  readonly request: string;
}

/** The tag's value, without the `W/"…"` wrapping that `If-None-Match` arrives with. */
export function collectionTagValue(page: PageFacts): string {
  const digest = createHash('sha256');
  digest.update(page.request);
  digest.update(`\n${page.hasMore}\n${page.total ?? ''}`);
  for (const row of page.rows) digest.update(`\n${String(row[page.primaryId])}:${String(row.versionnumber)}`);
  return `page-${digest.digest('base64url').slice(0, 27)}`;
}

export const weakTag = (value: string) => `W/"${value}"`;
