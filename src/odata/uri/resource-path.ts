/**
 * The resource path of a Web API URL (what follows `/api/data/v9.2/`), split into what it addresses.
 * Syntax only: whether a set, a navigation property or an action exists is decided by the caller
 * against metadata.
 */

import type { EntityKey } from '../../domain/entity-key.js';
import { querySyntax, resourceNotFound } from '../../domain/errors.js';
import { GUID_PATTERN as GUID } from '../../domain/guid.js';

export type { EntityKey } from '../../domain/entity-key.js';

export type ResourcePath =
  | { readonly kind: 'serviceDocument' }
  | { readonly kind: 'metadata' }
  | { readonly kind: 'batch' }
  | { readonly kind: 'collection'; readonly set: string; readonly count: boolean }
  | { readonly kind: 'entity'; readonly set: string; readonly key: EntityKey; readonly property?: string }
  | {
      readonly kind: 'navigation';
      readonly set: string;
      readonly key: EntityKey;
      readonly navigation: string;
      /** `/$ref`, with the related key for `nav(<id>)/$ref` (disassociate one). */
      readonly ref?: { readonly relatedKey?: EntityKey };
    }
  | { readonly kind: 'boundOperation'; readonly set: string; readonly key?: EntityKey; readonly name: string }
  | { readonly kind: 'operation'; readonly name: string; readonly parameters?: string };

export { GUID_PATTERN as GUID } from '../../domain/guid.js';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const NAMESPACE = 'Microsoft.Dynamics.CRM.';

/** Parses a key between parentheses: `<guid>`, `name='x'` or `a=1,b='y'`. */
export function parseEntityKey(text: string): EntityKey {
  const guid = GUID.exec(text.trim());
  if (guid) return { kind: 'id', id: guid[1]!.toLowerCase() };
  const values: Record<string, string | number> = {};
  let rest = text.trim();
  while (rest.length > 0) {
    const match = /^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*/.exec(rest);
    if (!match) throw querySyntax(`Invalid key '${text}': expected a GUID or name=value pairs.`);
    const name = match[1]!;
    rest = rest.slice(match[0].length);
    if (rest.startsWith("'")) {
      let value = '';
      let index = 1;
      for (;;) {
        if (index >= rest.length) throw querySyntax(`Invalid key '${text}': unterminated string.`);
        const char = rest[index]!;
        if (char === "'") {
          if (rest[index + 1] === "'") {
            value += "'";
            index += 2;
            continue;
          }
          break;
        }
        value += char;
        index += 1;
      }
      // No key column can hold U+0000 (PostgreSQL text refuses it), so no row has such a key.
      if (value.includes('\u0000')) throw querySyntax(`Invalid key '${text}': the value of ${name} contains U+0000.`);
      values[name] = value;
      rest = rest.slice(index + 1).trimStart();
    } else {
      const number = /^-?\d+(\.\d+)?/.exec(rest);
      if (!number) throw querySyntax(`Invalid key '${text}': the value of ${name} must be quoted or numeric.`);
      values[name] = Number(number[0]);
      rest = rest.slice(number[0].length).trimStart();
    }
    if (rest.startsWith(',')) rest = rest.slice(1).trimStart();
    else if (rest.length > 0) throw querySyntax(`Invalid key '${text}'.`);
  }
  if (Object.keys(values).length === 0) throw querySyntax('A key is empty.');
  return { kind: 'alternate', values };
}

/** Splits `set(key)` into its name and key text; no parentheses gives no key. */
function splitKeySegment(segment: string): { name: string; keyText?: string } {
  const open = segment.indexOf('(');
  if (open < 0) return { name: segment };
  if (!segment.endsWith(')')) throw querySyntax(`Invalid segment '${segment}'.`);
  return { name: segment.slice(0, open), keyText: segment.slice(open + 1, -1) };
}

/** Splits on `/` outside quotes and parentheses, so keys like `name='a/b'` stay whole. */
function splitSegments(path: string): string[] {
  const segments: string[] = [];
  let depth = 0;
  let quoted = false;
  let current = '';
  for (const char of path) {
    if (char === "'") quoted = !quoted;
    else if (!quoted && char === '(') depth += 1;
    else if (!quoted && char === ')') depth -= 1;
    if (char === '/' && !quoted && depth === 0) {
      segments.push(current);
      current = '';
    } else current += char;
  }
  segments.push(current);
  return segments;
}

function stripNamespace(name: string): string {
  return name.startsWith(NAMESPACE) ? name.slice(NAMESPACE.length) : name;
}

/**
 * Parses a resource path, already percent-decoded, without the leading service root.
 * `isEntitySet` tells a set from an unbound function or action of the same shape.
 */
export function parseResourcePath(path: string, isEntitySet: (name: string) => boolean): ResourcePath {
  const trimmed = path.replace(/^\/+/, '').replace(/\/+$/, '');
  if (trimmed === '') return { kind: 'serviceDocument' };
  if (trimmed === '$metadata') return { kind: 'metadata' };
  if (trimmed === '$batch') return { kind: 'batch' };
  const segments = splitSegments(trimmed);
  const first = splitKeySegment(segments[0]!);
  if (!IDENTIFIER.test(first.name) && !first.name.startsWith(NAMESPACE)) {
    throw resourceNotFound(segments[0]!);
  }
  if (!isEntitySet(first.name)) {
    if (segments.length > 1) throw resourceNotFound(segments[1]!);
    return {
      kind: 'operation',
      name: stripNamespace(first.name),
      ...(first.keyText !== undefined ? { parameters: first.keyText } : {}),
    };
  }
  const set = first.name;
  if (first.keyText === undefined) {
    if (segments.length === 1) return { kind: 'collection', set, count: false };
    if (segments.length === 2 && segments[1] === '$count') return { kind: 'collection', set, count: true };
    if (segments.length === 2 && segments[1]!.startsWith(NAMESPACE)) {
      return { kind: 'boundOperation', set, name: stripNamespace(segments[1]!) };
    }
    throw querySyntax(`Resource not found for the segment '${segments[1]}'.`);
  }
  const key = parseEntityKey(first.keyText);
  if (segments.length === 1) return { kind: 'entity', set, key };
  const second = segments[1]!;
  if (second.startsWith(NAMESPACE) && segments.length === 2) {
    return { kind: 'boundOperation', set, key, name: stripNamespace(second) };
  }
  const navigation = splitKeySegment(second);
  if (!IDENTIFIER.test(navigation.name)) throw querySyntax(`Resource not found for the segment '${second}'.`);
  if (segments.length === 2 && navigation.keyText === undefined) {
    return { kind: 'navigation', set, key, navigation: navigation.name };
  }
  if (segments.length === 3 && segments[2] === '$ref') {
    return {
      kind: 'navigation',
      set,
      key,
      navigation: navigation.name,
      ref: navigation.keyText === undefined ? {} : { relatedKey: parseEntityKey(navigation.keyText) },
    };
  }
  if (segments.length === 3 && segments[2] === '$value' && navigation.keyText === undefined) {
    return { kind: 'entity', set, key, property: navigation.name };
  }
  throw querySyntax(`Resource not found for the segment '${segments.slice(2).join('/')}'.`);
}
