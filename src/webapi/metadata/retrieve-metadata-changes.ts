/**
 * `RetrieveMetadataChanges` (Learn: "Use RetrieveMetadataChanges", "Query schema definitions"): the
 * definitions an `EntityQueryExpression` asks for, as early-bound generators send it (dataverse-gen asks
 * for one table by `LogicalName` with its `Attributes` and their `OptionSet`, `Targets`, `RequiredLevel`,
 * ...). Orderline's definitions change only with its code, so the version stamp is a digest of them: a
 * client that sends back the stamp it holds gets no definitions (nothing changed), any other stamp gets
 * them all, and nothing is ever reported deleted.
 */
import { createHash } from 'node:crypto';
import { invalidArgument } from '../../domain/errors.js';
import type { MetadataRegistry } from '../../domain/metadata/metadata-registry.js';
import { metadataEntityType } from '../../odata/csdl/metadata-types.js';
import type { JsonValue } from '../../odata/json/json-number.js';
import { type Writable, writeJson } from '../../odata/json/json-writer.js';
import type { FunctionDefinition } from '../operations/operation-registry.js';
import { metadataDefinitions } from './entity-definitions.js';
import { type MetadataSubquery, readSubquery } from './metadata-conditions.js';
import type { MetadataNode } from './metadata-node.js';

const NAMESPACE = '#Microsoft.Dynamics.CRM.';

const stamps = new WeakMap<MetadataRegistry, string>();

function versionStamp(metadata: MetadataRegistry): string {
  let stamp = stamps.get(metadata);
  if (!stamp) {
    const { entities, globalOptionSets } = metadataDefinitions(metadata);
    const all = [...entities, ...globalOptionSets].map((definition) => everything(definition));
    stamp = createHash('sha256').update(writeJson(all)).digest('hex').slice(0, 32);
    stamps.set(metadata, stamp);
  }
  return stamp;
}

/** A definition with every property and navigation, as a complex value (`ComplexEntityMetadata`, ...). */
function everything(definition: MetadataNode): { [name: string]: Writable } {
  return written(definition, undefined, () => undefined);
}

/**
 * A definition written as its `Complex...` twin: the requested properties (all when `properties` is
 * undefined) with `MetadataId` always, and the navigations among them written by `related`.
 */
function written(
  definition: MetadataNode,
  properties: ReadonlySet<string> | undefined,
  related: (name: string, value: MetadataNode | readonly MetadataNode[]) => Writable | undefined,
): { [name: string]: Writable } {
  const result: { [name: string]: Writable } = { '@odata.type': `${NAMESPACE}Complex${definition.type}` };
  for (const [name, value] of Object.entries(definition.properties)) {
    if (name.startsWith('@')) continue;
    if (name === 'MetadataId' || !properties || properties.has(name)) result[name] = value as Writable;
  }
  for (const [name, value] of Object.entries(definition.navigations)) {
    if (properties && !properties.has(name)) continue;
    if (value === null) {
      result[name] = null;
      continue;
    }
    result[name] =
      related(name, value) ??
      (Array.isArray(value) ? value.map((item: MetadataNode) => everything(item)) : everything(value as MetadataNode));
  }
  return result;
}

function parseQuery(parameter: JsonValue | undefined): unknown {
  if (parameter === undefined || parameter === null) return undefined;
  if (typeof parameter !== 'string') return parameter;
  try {
    return JSON.parse(parameter);
  } catch {
    throw invalidArgument('The parameter Query of RetrieveMetadataChanges must be an EntityQueryExpression (JSON).');
  }
}

const entityType = metadataEntityType('EntityMetadata')!;
const attributeType = metadataEntityType('AttributeMetadata')!;
const relationshipType = metadataEntityType('RelationshipMetadataBase')!;
const keyType = metadataEntityType('EntityKeyMetadata')!;

const RELATIONSHIPS = new Set(['OneToManyRelationships', 'ManyToOneRelationships', 'ManyToManyRelationships']);

export const retrieveMetadataChangesFunction: FunctionDefinition = {
  name: 'RetrieveMetadataChanges',
  kind: 'function',
  parameters: [
    { name: 'Query', type: 'mscrm.EntityQueryExpression', optional: true },
    { name: 'DeletedMetadataFilters', type: 'mscrm.DeletedMetadataFilters', optional: true },
    { name: 'ClientVersionStamp', type: 'Edm.String', optional: true },
    { name: 'AppModuleId', type: 'Edm.Guid', optional: true },
  ],
  returnType: 'mscrm.RetrieveMetadataChangesResponse',
  async execute({ context, parameters, serviceRoot }) {
    const { metadata } = context.services;
    const query = parseQuery(parameters.Query);
    if (query !== undefined && (typeof query !== 'object' || query === null || Array.isArray(query))) {
      throw invalidArgument('The parameter Query of RetrieveMetadataChanges must be an EntityQueryExpression.');
    }
    const expression = (query ?? {}) as Record<string, unknown>;
    const entities = readSubquery(expression, entityType, 'Query');
    const subqueries: Record<string, MetadataSubquery> = {
      Attributes: readSubquery(expression.AttributeQuery, attributeType, 'Query.AttributeQuery'),
      Keys: readSubquery(expression.KeyQuery, keyType, 'Query.KeyQuery'),
    };
    const relationships = readSubquery(expression.RelationshipQuery, relationshipType, 'Query.RelationshipQuery');
    const stamp = versionStamp(metadata);
    const unchanged = parameters.ClientVersionStamp === stamp;
    const definitions = unchanged
      ? []
      : metadataDefinitions(metadata).entities.filter((definition) => entities.matches(definition));
    return {
      '@odata.context': `${serviceRoot}$metadata#Microsoft.Dynamics.CRM.RetrieveMetadataChangesResponse`,
      EntityMetadata: definitions.map((definition) =>
        written(definition, entities.properties, (name, value) => {
          const subquery = RELATIONSHIPS.has(name) ? relationships : subqueries[name];
          if (!subquery || !Array.isArray(value)) return undefined;
          return value
            .filter((item: MetadataNode) => subquery.matches(item))
            .map((item: MetadataNode) => written(item, subquery.properties, () => undefined));
        }),
      ),
      ServerVersionStamp: stamp,
    };
  },
};
