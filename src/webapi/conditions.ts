/** `If-Match` and `If-None-Match` (reference 7.2): `*`, a weak ETag `W/"<version>"`, or Dataverse's `null`. */
import { invalidArgument } from '../domain/errors.js';
import type { WriteConditions } from '../pipeline/write-input.js';

function parseTag(value: string, header: string): string {
  const trimmed = value.trim();
  if (trimmed === '*') return '*';
  const match = /^(?:W\/)?"([^"]*)"$/.exec(trimmed);
  if (!match) throw invalidArgument(`The ${header} header must be * or an ETag like W/"1234".`);
  return match[1]!;
}

export function readConditions(headers: Readonly<Record<string, string>>): WriteConditions {
  const ifMatch = headers['if-match'];
  const ifNoneMatch = headers['if-none-match'];
  return {
    ...(ifMatch ? { ifMatch: parseTag(ifMatch, 'If-Match') } : {}),
    // `If-None-Match: null` is a Dataverse client convention for "no caching": no condition at all.
    ...(ifNoneMatch && ifNoneMatch.trim() !== 'null' ? { ifNoneMatch: parseTag(ifNoneMatch, 'If-None-Match') } : {}),
  };
}
