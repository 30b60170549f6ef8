/**
 * Enum members in metadata filters. Dataverse's documented form is a typed literal,
 * `AttributeType eq Microsoft.Dynamics.CRM.AttributeTypeCode'Picklist'`, which the data service's
 * `$filter` refuses (no data column is enum-typed). On the metadata sets the literal of a known enum type
 * is read as its member name, which is how the definitions carry enum values; an unknown type or member
 * is refused.
 */
import { querySyntax } from '../../domain/errors.js';
import { metadataEnumTypes } from '../../odata/csdl/metadata-types.js';

const NAMESPACE = 'Microsoft.Dynamics.CRM.';
const TYPED_LITERAL = /^Microsoft\.Dynamics\.CRM\.([A-Za-z_][A-Za-z0-9_]*)'((?:[^']|'')*)'/;

const membersByType = new Map(
  metadataEnumTypes.map((type) => [type.name, new Set(type.members.map(([name]) => name))]),
);

/** Rewrites every enum literal outside string literals into a string literal of its member name(s). */
export function enumLiteralsAsStrings(text: string): string {
  let result = '';
  let index = 0;
  while (index < text.length) {
    const char = text[index]!;
    if (char === "'") {
      // Copy a string literal as it is, '' escapes included.
      let end = index + 1;
      while (end < text.length && !(text[end] === "'" && text[end + 1] !== "'")) end += text[end] === "'" ? 2 : 1;
      result += text.slice(index, end + 1);
      index = end + 1;
      continue;
    }
    if (text.startsWith(NAMESPACE, index)) {
      const match = TYPED_LITERAL.exec(text.slice(index));
      if (match) {
        result += `'${member(match[1]!, match[2]!)}'`;
        index += match[0].length;
        continue;
      }
    }
    result += char;
    index += 1;
  }
  return result;
}

function member(typeName: string, value: string): string {
  const members = membersByType.get(typeName);
  if (!members) throw querySyntax(`The enum type 'Microsoft.Dynamics.CRM.${typeName}' is not a metadata enum type.`);
  for (const name of value.split(',').map((part) => part.trim())) {
    if (!members.has(name)) {
      throw querySyntax(`'${name}' is not a member of the enum type 'Microsoft.Dynamics.CRM.${typeName}'.`);
    }
  }
  return value;
}

/** The query of a metadata request with the enum literals of `$filter` and `$expand` rewritten. */
export function withEnumLiteralsAsStrings(query: ReadonlyMap<string, string>): ReadonlyMap<string, string> {
  return new Map(
    [...query].map(([name, value]) => [
      name,
      name === '$filter' || name === '$expand' ? enumLiteralsAsStrings(value) : value,
    ]),
  );
}
