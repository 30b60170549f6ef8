/**
 * Resolves the resource path of a metadata request, segment by segment: a metadata set
 * (`EntityDefinitions`, `GlobalOptionSetDefinitions`) with an optional key, then navigation properties
 * (`Attributes`, `Keys`, the relationship collections, `OptionSet`), each with an optional key, and type
 * casts (`/Microsoft.Dynamics.CRM.PicklistAttributeMetadata`) that narrow to a derived type.
 *
 * Keys are a `MetadataId` or the definition's alternate key: `LogicalName` for tables, columns and keys,
 * `Name` for option sets, `SchemaName` for relationships (Learn: "Retrieve table definitions by name or
 * MetadataId").
 */

import type { EntityKey } from '../../domain/entity-key.js';
import { DomainError, querySyntax } from '../../domain/errors.js';
import {
  derivesFrom,
  type MetadataEntityType,
  metadataEntitySets,
  metadataEntityType,
} from '../../odata/csdl/metadata-types.js';
import { parseEntityKey } from '../../odata/uri/resource-path.js';
import type { MetadataDefinitions } from './entity-definitions.js';
import type { MetadataNode } from './metadata-node.js';
import { castType, navigationProperty, targetType } from './metadata-properties.js';

export type ResolvedMetadata =
  | {
      readonly kind: 'collection';
      readonly type: MetadataEntityType;
      readonly nodes: readonly MetadataNode[];
      readonly context: string;
    }
  | {
      readonly kind: 'single';
      readonly type: MetadataEntityType;
      readonly node: MetadataNode;
      /** The context of the collection it was found in: a single definition's context ends in `/$entity`. */
      readonly context: string;
      /** The path to it, for what follows it: `EntityDefinitions(<id>)`. */
      readonly keyedContext: string;
    };

const NAMESPACE = 'Microsoft.Dynamics.CRM.';

/** The alternate key property of each kind of definition. */
const ALTERNATE_KEYS: readonly (readonly [type: string, property: string])[] = [
  ['EntityMetadata', 'LogicalName'],
  ['AttributeMetadata', 'LogicalName'],
  ['EntityKeyMetadata', 'LogicalName'],
  ['OptionSetMetadataBase', 'Name'],
  ['RelationshipMetadataBase', 'SchemaName'],
];

/** Whether the first segment of a path names a metadata set: such requests are answered here. */
export function isMetadataPath(path: string): boolean {
  const first = /^\/*([^/(]*)/.exec(path)?.[1] ?? '';
  return metadataEntitySets.some((set) => set.name === first);
}

function alternateKeyProperty(type: MetadataEntityType): string {
  for (const [typeName, property] of ALTERNATE_KEYS) {
    if (derivesFrom(type, metadataEntityType(typeName)!)) return property;
  }
  throw new Error(`no alternate key for ${type.name}`);
}

function findByKey(nodes: readonly MetadataNode[], type: MetadataEntityType, key: EntityKey): MetadataNode {
  let property: string;
  let value: string;
  if (key.kind === 'id') {
    property = 'MetadataId';
    value = key.id;
  } else {
    const entries = Object.entries(key.values);
    property = alternateKeyProperty(type);
    const [name, given] = entries[0] ?? [];
    if (entries.length !== 1 || name !== property || typeof given !== 'string') {
      throw querySyntax(`The key of ${type.name} is its MetadataId or ${property}='...'.`);
    }
    value = given;
  }
  const found = nodes.find((candidate) => candidate.properties[property] === value);
  if (!found) {
    throw new DomainError(
      'notFound',
      `Could not find ${type.name.replace(/Metadata(Base)?$/, '').toLowerCase() || 'definition'} with ${property} = '${value}'.`,
    );
  }
  return found;
}

/** `name(key)` -> name and key text. */
function splitSegment(segment: string): { readonly name: string; readonly key?: string } {
  const open = segment.indexOf('(');
  if (open < 0) return { name: segment };
  if (!segment.endsWith(')')) throw querySyntax(`Resource not found for the segment '${segment}'.`);
  return { name: segment.slice(0, open), key: segment.slice(open + 1, -1) };
}

/** Splits on `/` outside quotes, so `LogicalName='a/b'` stays whole. */
function segmentsOf(path: string): string[] {
  const segments: string[] = [];
  let quoted = false;
  let current = '';
  for (const char of path.replace(/^\/+/, '').replace(/\/+$/, '')) {
    if (char === "'") quoted = !quoted;
    if (char === '/' && !quoted) {
      segments.push(current);
      current = '';
    } else current += char;
  }
  segments.push(current);
  return segments;
}

export function resolveMetadataPath(path: string, definitions: MetadataDefinitions): ResolvedMetadata {
  const [first, ...rest] = segmentsOf(path);
  const head = splitSegment(first!);
  const set = metadataEntitySets.find((candidate) => candidate.name === head.name)!;
  const setType = metadataEntityType(set.entityType)!;
  const nodes = set.name === 'EntityDefinitions' ? definitions.entities : definitions.globalOptionSets;
  let current: ResolvedMetadata = { kind: 'collection', type: setType, nodes, context: set.name };
  if (head.key !== undefined) current = keyed(current, head.key);
  for (const segment of rest) {
    if (segment.startsWith(NAMESPACE)) {
      current = cast(current, segment);
      continue;
    }
    const { name, key } = splitSegment(segment);
    if (current.kind !== 'single') throw querySyntax(`Resource not found for the segment '${segment}'.`);
    if (!/^[A-Za-z]+$/.test(name)) throw querySyntax(`Resource not found for the segment '${segment}'.`);
    const navigation = navigationProperty(current.type, name);
    const related = current.node.navigations[name];
    const type = targetType(navigation);
    const context = `${current.keyedContext}/${name}`;
    if (navigation.collection) {
      current = { kind: 'collection', type, nodes: (related as readonly MetadataNode[]) ?? [], context };
      if (key !== undefined) current = keyed(current, key);
    } else {
      if (key !== undefined) throw querySyntax(`'${name}' is a single definition and takes no key.`);
      if (!related) throw new DomainError('notFound', `The ${current.type.name} has no ${name}.`);
      current = { kind: 'single', type, node: related as MetadataNode, context, keyedContext: context };
    }
  }
  return current;
}

function keyed(current: ResolvedMetadata, keyText: string): ResolvedMetadata {
  if (current.kind !== 'collection') throw querySyntax(`A key cannot follow a single definition: (${keyText}).`);
  const node = findByKey(current.nodes, current.type, parseEntityKey(keyText));
  const keyedContext = `${current.context}(${node.properties.MetadataId})`;
  return { kind: 'single', type: current.type, node, context: current.context, keyedContext };
}

/** A cast narrows to a type derived from the declared one; definitions of other types drop out. */
function cast(current: ResolvedMetadata, segment: string): ResolvedMetadata {
  const type = castType(segment);
  if (!derivesFrom(type, current.type)) {
    throw querySyntax(`The type '${segment}' does not derive from 'Microsoft.Dynamics.CRM.${current.type.name}'.`);
  }
  const isA = (candidate: MetadataNode) => derivesFrom(metadataEntityType(candidate.type)!, type);
  const context = `${current.context}/${NAMESPACE}${type.name}`;
  if (current.kind === 'collection') return { kind: 'collection', type, nodes: current.nodes.filter(isA), context };
  if (!isA(current.node)) {
    throw new DomainError(
      'notFound',
      `The definition ${String(current.node.properties.MetadataId)} is not a ${type.name}.`,
    );
  }
  return {
    kind: 'single',
    type,
    node: current.node,
    context,
    keyedContext: `${current.keyedContext}/${NAMESPACE}${type.name}`,
  };
}
