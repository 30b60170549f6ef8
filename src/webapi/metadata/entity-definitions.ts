/**
 * The definitions the metadata service serves, built once per metadata registry: one `EntityMetadata`
 * per table with its attributes, keys and relationships, and the global option sets. Everything comes
 * from the table metadata that also drives the storage schema and `$metadata`.
 */
import type { MetadataRegistry } from '../../domain/metadata/metadata-registry.js';
import type { TableMetadata } from '../../domain/metadata/table-metadata.js';
import { attributeDefinition } from './attribute-definitions.js';
import { emptyLabel, label } from './labels.js';
import { metadataId } from './metadata-id.js';
import { type MetadataNode, node } from './metadata-node.js';
import { isCustomName, objectTypeCodes } from './object-type-codes.js';
import { globalPicklists, picklistOptionSet } from './option-sets.js';
import { manyToManyDefinition, oneToManyRelationships } from './relationship-definitions.js';

export interface MetadataDefinitions {
  /** `EntityDefinitions`, in the registry's table order. */
  readonly entities: readonly MetadataNode[];
  /** `GlobalOptionSetDefinitions`. */
  readonly globalOptionSets: readonly MetadataNode[];
}

const OWNERSHIP: Readonly<Record<TableMetadata['ownership'], string>> = {
  user: 'UserOwned',
  organization: 'OrganizationOwned',
  none: 'None',
};

function keyDefinition(table: TableMetadata, columns: readonly string[]): MetadataNode {
  const name = `${table.logicalName}_${columns.join('_')}`;
  const managed = !isCustomName(table.logicalName);
  return node('EntityKeyMetadata', {
    MetadataId: metadataId(`key:${name}`),
    HasChanged: null,
    LogicalName: name,
    SchemaName: name,
    EntityLogicalName: table.logicalName,
    KeyAttributes: [...columns],
    DisplayName: label(columns.join(', '), `key:${name}`, managed),
    EntityKeyIndexStatus: 'Active',
    IsManaged: managed,
  });
}

function build(metadata: MetadataRegistry): MetadataDefinitions {
  const codes = objectTypeCodes(metadata.tables);
  const globalOptionSets = new Map(
    [...globalPicklists(metadata)].map(([name, column]) => {
      const table = metadata.tables.find((candidate) => candidate.columns.includes(column))!;
      return [name, node('OptionSetMetadata', picklistOptionSet(table, column, true))] as const;
    }),
  );
  const relationships = oneToManyRelationships(metadata);
  const manyToMany = metadata.manyToMany.map((association) => ({
    association,
    definition: manyToManyDefinition(association),
  }));
  const entities = metadata.tables.map((table) => {
    const owner = `entity:${table.logicalName}`;
    const custom = isCustomName(table.logicalName);
    return node(
      'EntityMetadata',
      {
        MetadataId: metadataId(owner),
        HasChanged: null,
        LogicalName: table.logicalName,
        SchemaName: table.schemaName,
        EntitySetName: table.entitySetName,
        LogicalCollectionName: table.entitySetName,
        DisplayName: label(table.displayName, owner, !custom),
        DisplayCollectionName: label(table.displayCollectionName, `${owner}:collection`, !custom),
        Description: emptyLabel,
        PrimaryIdAttribute: table.primaryId,
        PrimaryNameAttribute: table.primaryName,
        ObjectTypeCode: codes.get(table.logicalName)!,
        OwnershipType: OWNERSHIP[table.ownership],
        IsCustomEntity: custom,
        IsManaged: !custom,
        // Dataverse's activities are keyed by `activityid`: here, the close activities.
        IsActivity: table.primaryId === 'activityid',
        IsIntersect: false,
        IsChildEntity: table.parentLookup !== undefined,
        IsStateModelAware: table.states.length > 0,
        ChangeTrackingEnabled: table.changeTracking,
        IsValidForAdvancedFind: true,
      },
      {
        Attributes: table.columns.map((column) => attributeDefinition(column, { table, globalOptionSets })),
        Keys: table.alternateKeys.map((columns) => keyDefinition(table, columns)),
        OneToManyRelationships: relationships
          .filter((relationship) => relationship.referenced === table.logicalName)
          .map((relationship) => relationship.definition),
        ManyToOneRelationships: relationships
          .filter((relationship) => relationship.referencing === table.logicalName)
          .map((relationship) => relationship.definition),
        ManyToManyRelationships: manyToMany
          .filter(
            ({ association }) => association.table1 === table.logicalName || association.table2 === table.logicalName,
          )
          .map(({ definition }) => definition),
      },
    );
  });
  return { entities, globalOptionSets: [...globalOptionSets.values()] };
}

/** Built on first use and kept as long as the registry, which never changes. */
const cache = new WeakMap<MetadataRegistry, MetadataDefinitions>();

export function metadataDefinitions(metadata: MetadataRegistry): MetadataDefinitions {
  let definitions = cache.get(metadata);
  if (!definitions) {
    definitions = build(metadata);
    cache.set(metadata, definitions);
  }
  return definitions;
}
