/** Server-driven paging of collections: Dataverse's page limit and the opaque `$skiptoken` cookie. */
import { querySyntax } from '../domain/errors.js';
import type { Writable } from '../odata/json/json-writer.js';
import { wantsAnnotation } from './prefer.js';
import type { ReadContext } from './read-context.js';

/** Dataverse's largest page, and its largest count. */
export const MAX_PAGE_SIZE = 5000;

/** The opaque paging cookie: where the next page starts. */
function encodeSkipToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString('base64url');
}

export function decodeSkipToken(token: string): number {
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

/** The request's own URL with the cookie of the page starting at `offset`. */
export function nextLink(
  context: ReadContext,
  path: string,
  query: ReadonlyMap<string, string>,
  offset: number,
): string {
  const parts: string[] = [];
  for (const [name, value] of query) {
    if (name === '$skiptoken') continue;
    parts.push(`${name}=${encodeURIComponent(value)}`);
  }
  parts.push(`$skiptoken=${encodeSkipToken(offset)}`);
  return `${context.serviceRoot}${path}?${parts.join('&')}`;
}

export const TOTAL_RECORD_COUNT = 'Microsoft.Dynamics.CRM.totalrecordcount';
export const TOTAL_RECORD_COUNT_LIMIT_EXCEEDED = 'Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded';

/**
 * What `$count=true` adds to a page, as Dataverse does (Learn: "Count rows using OData"): `@odata.count`
 * holds the number of matching rows up to 5,000; a client that asks for them in
 * `Prefer: odata.include-annotations` (by name, `Microsoft.Dynamics.CRM.*` or `*`) also gets
 * `totalrecordcount` (the same capped figure) and `totalrecordcountlimitexceeded` (whether more rows match).
 */
export function countAnnotations(context: ReadContext, total: number): Record<string, Writable> {
  const shown = Math.min(total, MAX_PAGE_SIZE);
  const annotations: Record<string, Writable> = { '@odata.count': shown };
  if (wantsAnnotation(context.preferences, TOTAL_RECORD_COUNT)) annotations[`@${TOTAL_RECORD_COUNT}`] = shown;
  if (wantsAnnotation(context.preferences, TOTAL_RECORD_COUNT_LIMIT_EXCEEDED))
    annotations[`@${TOTAL_RECORD_COUNT_LIMIT_EXCEEDED}`] = total > MAX_PAGE_SIZE;
  return annotations;
}
