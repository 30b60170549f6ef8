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
    parts.push(`${JSON.stringify(key)}:${writeJson(item)}`);
  }
  return `{${parts.join(',')}}`;
}
