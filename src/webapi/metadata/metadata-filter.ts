/**
 * Evaluates a `$filter` over metadata definitions, in memory. Dataverse's metadata queries take
 * comparisons with `eq` and `ne` joined by `and`, `or` and `not`, on structural properties and on paths
 * into complex values (`IsAuditEnabled/Value eq true`), with enum members written as
 * `Microsoft.Dynamics.CRM.AttributeTypeCode'Picklist'` (`enum-literals.ts`). Anything else is refused,
 * never ignored.
 */
import { querySyntax } from '../../domain/errors.js';
import { type MetadataEntityType, metadataEnumTypes } from '../../odata/csdl/metadata-types.js';
import type { FilterExpression, Literal } from '../../odata/filter/filter-ast.js';
import { printFilter } from '../../odata/filter/filter-printer.js';
import { RawJson } from '../../odata/json/json-number.js';
import type { MetadataNode } from './metadata-node.js';
import { pathType } from './metadata-properties.js';

type Value = string | number | boolean | null;

/** Checks a filter against the type once, before it runs on any definition. */
export function checkMetadataFilter(filter: FilterExpression, type: MetadataEntityType): void {
  switch (filter.kind) {
    case 'and':
    case 'or':
      checkMetadataFilter(filter.left, type);
      checkMetadataFilter(filter.right, type);
      return;
    case 'not':
      checkMetadataFilter(filter.operand, type);
      return;
    case 'compare': {
      if (filter.operator !== 'eq' && filter.operator !== 'ne') {
        throw querySyntax(`The operator '${filter.operator}' is not supported in a metadata query; use eq or ne.`);
      }
      const sides = [filter.left, filter.right];
      const properties = sides.filter((side) => side.kind === 'property');
      if (properties.length !== 1 || !sides.some(isLiteral)) {
        throw querySyntax(`A metadata query compares one property with a value: '${printFilter(filter)}'.`);
      }
      const property = properties[0] as { readonly path: readonly string[] };
      const type_ = pathType(type, property.path);
      if (isComplex(type_)) {
        throw querySyntax(
          `'${property.path.join('/')}' is a complex value; compare one of its properties, as in ${property.path.join('/')}/Value.`,
        );
      }
      return;
    }
    default:
      throw querySyntax(`'${printFilter(filter)}' is not supported in a metadata query: use eq, ne, and, or and not.`);
  }
}

function isLiteral(expression: FilterExpression): expression is Literal {
  return ['null', 'boolean', 'number', 'string', 'guid', 'datetime', 'date'].includes(expression.kind);
}

function isComplex(type: string): boolean {
  if (type.startsWith('Collection(')) return true;
  return type.startsWith('mscrm.') && !ENUM_TYPES.has(type);
}

/** Enum values are compared by member name; complex values are not comparable. */
const ENUM_TYPES: ReadonlySet<string> = new Set(metadataEnumTypes.map((type) => `mscrm.${type.name}`));

function literalValue(literal: Literal): Value {
  switch (literal.kind) {
    case 'null':
      return null;
    case 'boolean':
      return literal.value;
    case 'number':
      return Number(literal.text);
    case 'string':
    case 'guid':
      return literal.value;
    case 'datetime':
    case 'date':
      return literal.text;
  }
}

function propertyValue(node: MetadataNode, path: readonly string[]): Value {
  let value: unknown = node.properties[path[0]!];
  for (const step of path.slice(1)) {
    value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[step] : undefined;
  }
  if (value instanceof RawJson) return Number(value.text);
  if (value === undefined) return null;
  return value as Value;
}

function same(left: Value, right: Value): boolean {
  // Names and ids compare without regard to case, as Dataverse compares them.
  if (typeof left === 'string' && typeof right === 'string') return left.toLowerCase() === right.toLowerCase();
  return left === right;
}

/** Whether a definition matches a filter `checkMetadataFilter` accepted. */
export function matchesMetadataFilter(filter: FilterExpression, node: MetadataNode): boolean {
  switch (filter.kind) {
    case 'and':
      return matchesMetadataFilter(filter.left, node) && matchesMetadataFilter(filter.right, node);
    case 'or':
      return matchesMetadataFilter(filter.left, node) || matchesMetadataFilter(filter.right, node);
    case 'not':
      return !matchesMetadataFilter(filter.operand, node);
    case 'compare': {
      const [property, literal] =
        filter.left.kind === 'property' ? [filter.left, filter.right] : [filter.right, filter.left];
      const equal = same(
        propertyValue(node, (property as { path: readonly string[] }).path),
        literalValue(literal as Literal),
      );
      return filter.operator === 'eq' ? equal : !equal;
    }
    default:
      return false;
  }
}
