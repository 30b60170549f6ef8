/**
 * Relationship definitions (Learn: OneToManyRelationshipMetadata, ManyToManyRelationshipMetadata),
 * derived from the lookups and the N:N associations of the table metadata. A one-to-many relationship is
 * the same definition seen from both tables: `ManyToOneRelationships` of the referencing table and
 * `OneToManyRelationships` of the referenced one.
 */
import {
  isLookup,
  type ManyToManyRelationship,
  type MetadataRegistry,
} from '../../domain/metadata/metadata-registry.js';
import type { LookupColumn, LookupTarget, TableMetadata } from '../../domain/metadata/table-metadata.js';
import { metadataId } from './metadata-id.js';
import { type MetadataNode, node } from './metadata-node.js';
import { isCustomName } from './object-type-codes.js';

const NAMESPACE = '#Microsoft.Dynamics.CRM.';

const DELETE_CASCADE: Readonly<Record<string, string>> = {
  cascade: 'Cascade',
  removeLink: 'RemoveLink',
  restrict: 'Restrict',
};

/** What Orderline does on delete; the other actions (assign, share, ...) do not cascade in Orderline. */
function cascadeConfiguration(target: LookupTarget) {
  return {
    Assign: 'NoCascade',
    Delete: DELETE_CASCADE[target.relationship?.onDelete ?? 'removeLink'],
    Merge: 'NoCascade',
    Reparent: 'NoCascade',
    Share: 'NoCascade',
    Unshare: 'NoCascade',
    RollupView: 'NoCascade',
  };
}

function oneToMany(
  referencing: TableMetadata,
  column: LookupColumn,
  target: LookupTarget,
  referenced: TableMetadata,
): MetadataNode {
  // A lookup without a declared relationship has no collection on the referenced table; its name is
  // made as Dataverse makes relationship names, from the two tables and the column.
  const schemaName = target.relationship?.name ?? `${referenced.logicalName}_${referencing.logicalName}_${column.name}`;
  const custom = isCustomName(referencing.logicalName) || isCustomName(column.name);
  return node('OneToManyRelationshipMetadata', {
    '@odata.type': `${NAMESPACE}OneToManyRelationshipMetadata`,
    MetadataId: metadataId(`relationship:${schemaName}`),
    HasChanged: null,
    SchemaName: schemaName,
    RelationshipType: 'OneToManyRelationship',
    IsCustomRelationship: custom,
    IsManaged: !custom,
    IsValidForAdvancedFind: true,
    ReferencedEntity: referenced.logicalName,
    ReferencedAttribute: referenced.primaryId,
    ReferencingEntity: referencing.logicalName,
    ReferencingAttribute: column.name,
    ReferencedEntityNavigationPropertyName: target.relationship?.name ?? null,
    ReferencingEntityNavigationPropertyName: target.navigation,
    IsHierarchical: referencing === referenced,
    CascadeConfiguration: cascadeConfiguration(target),
  });
}

/** Every one-to-many relationship, once, with the two tables it joins. */
export function oneToManyRelationships(
  metadata: MetadataRegistry,
): readonly { readonly referencing: string; readonly referenced: string; readonly definition: MetadataNode }[] {
  return metadata.tables.flatMap((referencing) =>
    referencing.columns.filter(isLookup).flatMap((column) =>
      column.targets.map((target) => {
        const referenced = metadata.table(target.table)!;
        return {
          referencing: referencing.logicalName,
          referenced: referenced.logicalName,
          definition: oneToMany(referencing, column, target, referenced),
        };
      }),
    ),
  );
}

export function manyToManyDefinition(association: ManyToManyRelationship): MetadataNode {
  const custom = isCustomName(association.name);
  return node('ManyToManyRelationshipMetadata', {
    '@odata.type': `${NAMESPACE}ManyToManyRelationshipMetadata`,
    MetadataId: metadataId(`relationship:${association.name}`),
    HasChanged: null,
    SchemaName: association.name,
    RelationshipType: 'ManyToManyRelationship',
    IsCustomRelationship: custom,
    IsManaged: !custom,
    IsValidForAdvancedFind: true,
    Entity1LogicalName: association.table1,
    Entity2LogicalName: association.table2,
    IntersectEntityName: association.intersectTable,
    Entity1IntersectAttribute: association.column1,
    Entity2IntersectAttribute: association.column2,
    // Both tables reach the other through a navigation property named after the relationship.
    Entity1NavigationPropertyName: association.name,
    Entity2NavigationPropertyName: association.name,
  });
}
