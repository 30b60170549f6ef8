/**
 * The object-style query of `RetrieveMetadataChanges` (Learn: "Query schema definitions",
 * MetadataFilterExpression, MetadataConditionExpression, MetadataPropertiesExpression), evaluated over
 * definitions in memory. Property names are checked against the declared types: an unknown one is
 * refused, never ignored. Values arrive as Dataverse's `Object` complex type, `{ Type, Value }`, with
 * collections (`System.String[]`) as arrays or as their JSON text.
 */
import { invalidArgument } from '../../domain/errors.js';
import {
  allNavigations,
  allProperties,
  derivesFrom,
  type MetadataEntityType,
  metadataEntityTypes,
  metadataEnumTypes,
} from '../../odata/csdl/metadata-types.js';
import { RawJson } from '../../odata/json/json-number.js';
import type { MetadataNode } from './metadata-node.js';
import { unknownProperty } from './metadata-properties.js';

const OPERATORS = ['Equals', 'NotEquals', 'In', 'NotIn', 'GreaterThan', 'LessThan'] as const;
type Operator = (typeof OPERATORS)[number];

type Json = unknown;

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An enum member given by name or by number (`'Equals'`, `0`, `'0'`). */
function enumMember<T extends string>(value: Json, members: readonly T[], what: string): T {
  if (typeof value === 'number' || (typeof value === 'string' && /^\d+$/.test(value))) {
    const member = members[Number(value)];
    if (member) return member;
  }
  if (typeof value === 'string' && (members as readonly string[]).includes(value)) return value as T;
  throw invalidArgument(`${JSON.stringify(value)} is not a ${what}.`);
}

/** Every property and navigation a definition of `base` or a type derived from it may have. */
function knownNames(base: MetadataEntityType): ReadonlyMap<string, string> {
  const names = new Map<string, string>();
  for (const type of metadataEntityTypes.filter((candidate) => derivesFrom(candidate, base))) {
    for (const property of allProperties(type)) names.set(property.name, property.type);
    for (const navigation of allNavigations(type)) names.set(navigation.name, navigation.type);
  }
  return names;
}

export interface MetadataSubquery {
  readonly matches: (node: MetadataNode) => boolean;
  /** Property and navigation names to write; all when undefined. */
  readonly properties?: ReadonlySet<string>;
}

/** Reads one `...QueryExpression` (`Criteria` and `Properties`) for definitions of `base`. */
export function readSubquery(expression: Json, base: MetadataEntityType, where: string): MetadataSubquery {
  if (expression === undefined || expression === null) return { matches: () => true };
  if (!isObject(expression)) throw invalidArgument(`${where} must be an object.`);
  const names = knownNames(base);
  const matches = readFilter(expression.Criteria, names, base, `${where}.Criteria`);
  const properties = readProperties(expression.Properties, names, base, `${where}.Properties`);
  return { matches, ...(properties ? { properties } : {}) };
}

function readProperties(
  expression: Json,
  names: ReadonlyMap<string, string>,
  base: MetadataEntityType,
  where: string,
): ReadonlySet<string> | undefined {
  if (expression === undefined || expression === null) return undefined;
  if (!isObject(expression)) throw invalidArgument(`${where} must be an object.`);
  if (expression.AllProperties === true) return undefined;
  const list = expression.PropertyNames ?? [];
  if (!Array.isArray(list) || list.some((name) => typeof name !== 'string')) {
    throw invalidArgument(`${where}.PropertyNames must be a list of property names.`);
  }
  for (const name of list as string[]) if (!names.has(name)) throw unknownProperty(name, base.name);
  return new Set(list as string[]);
}

function readFilter(
  expression: Json,
  names: ReadonlyMap<string, string>,
  base: MetadataEntityType,
  where: string,
): (node: MetadataNode) => boolean {
  if (expression === undefined || expression === null) return () => true;
  if (!isObject(expression)) throw invalidArgument(`${where} must be an object.`);
  const or = enumMember(expression.FilterOperator ?? 'And', ['And', 'Or'], 'LogicalOperator') === 'Or';
  const conditions = asList(expression.Conditions, `${where}.Conditions`).map((condition, index) =>
    readCondition(condition, names, base, `${where}.Conditions[${index}]`),
  );
  const filters = asList(expression.Filters, `${where}.Filters`).map((filter, index) =>
    readFilter(filter, names, base, `${where}.Filters[${index}]`),
  );
  const parts = [...conditions, ...filters];
  if (parts.length === 0) return () => true;
  return or ? (node) => parts.some((part) => part(node)) : (node) => parts.every((part) => part(node));
}

function asList(value: Json, where: string): readonly Json[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalidArgument(`${where} must be a list.`);
  return value;
}

const enumMembers = new Map(metadataEnumTypes.map((type) => [`mscrm.${type.name}`, type.members]));

function readCondition(
  condition: Json,
  names: ReadonlyMap<string, string>,
  base: MetadataEntityType,
  where: string,
): (node: MetadataNode) => boolean {
  if (!isObject(condition) || typeof condition.PropertyName !== 'string') {
    throw invalidArgument(`${where} must name a PropertyName.`);
  }
  const name = condition.PropertyName;
  const type = names.get(name);
  if (!type) throw unknownProperty(name, base.name);
  const members = enumMembers.get(type);
  if (type.startsWith('Collection(') || (type.startsWith('mscrm.') && !members)) {
    throw invalidArgument(`${where}: ${name} is not a simple property; conditions compare simple properties only.`);
  }
  const operator: Operator = enumMember(condition.ConditionOperator, OPERATORS, 'MetadataConditionOperator');
  const normalize = (value: Json): Json => {
    // An enum compared by number is compared by its member's name, as the definitions carry it.
    if (members && (typeof value === 'number' || (typeof value === 'string' && /^\d+$/.test(value)))) {
      return members.find(([, number]) => number === Number(value))?.[0] ?? value;
    }
    return value;
  };
  const given = conditionValue(condition.Value, operator, where);
  const read = (node: MetadataNode): Json => {
    const value = node.properties[name];
    return value instanceof RawJson ? Number(value.text) : value;
  };
  switch (operator) {
    case 'Equals':
      return (node) => equal(read(node), normalize(given));
    case 'NotEquals':
      return (node) => !equal(read(node), normalize(given));
    case 'In':
      return (node) => (given as Json[]).some((value) => equal(read(node), normalize(value)));
    case 'NotIn':
      return (node) => !(given as Json[]).some((value) => equal(read(node), normalize(value)));
    case 'GreaterThan':
      return (node) => Number(read(node)) > Number(given);
    case 'LessThan':
      return (node) => Number(read(node)) < Number(given);
  }
}

function conditionValue(value: Json, operator: Operator, where: string): Json {
  const inner = isObject(value) && 'Value' in value ? value.Value : value;
  if (operator !== 'In' && operator !== 'NotIn') return inner;
  if (Array.isArray(inner)) return inner;
  if (typeof inner === 'string') {
    try {
      const parsed: Json = JSON.parse(inner);
      if (Array.isArray(parsed)) return parsed;
    } catch {
      // Not JSON text: refused below.
    }
  }
  throw invalidArgument(`${where}: ${operator} takes a list of values.`);
}

function equal(left: Json, right: Json): boolean {
  if (typeof left === 'string' && typeof right === 'string') return left.toLowerCase() === right.toLowerCase();
  if (typeof left === 'number') return left === Number(right);
  if (typeof left === 'boolean') return left === (right === true || right === 'true');
  return left === right;
}
