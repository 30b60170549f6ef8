/**
 * Writes response documents. `RawJson` values (exact decimals) are written as they are; everything else
 * as JSON.stringify would. Writing by hand keeps decimals out of binary floats on the way out.
 */
import { RawJson } from './json-number.js';

export type Writable =
  | null
  | undefined
  | boolean
  | number
  | string
  | RawJson
  | readonly Writable[]
  | { readonly [key: string]: Writable };

/**
 * Property names repeat on every row of a page (column names, annotations), so their quoted form is
 * kept. Bounded: names beyond the limit are quoted each time.
 */
const quotedNames = new Map<string, string>();
const QUOTED_NAMES_LIMIT = 10_000;

function quotedName(name: string): string {
  let quoted = quotedNames.get(name);
  if (quoted === undefined) {
    quoted = JSON.stringify(name);
    if (quotedNames.size < QUOTED_NAMES_LIMIT) quotedNames.set(name, quoted);
  }
  return quoted;
}

export function writeJson(value: Writable): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof RawJson) return value.text;
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
  }
  if (Array.isArray(value)) return `[${value.map((item) => writeJson(item)).join(',')}]`;
  const parts: string[] = [];
  for (const [key, item] of Object.entries(value as { readonly [key: string]: Writable })) {
    if (item === undefined) continue;
    parts.push(`${quotedName(key)}:${writeJson(item)}`);
  }
  return `{${parts.join(',')}}`;
}
