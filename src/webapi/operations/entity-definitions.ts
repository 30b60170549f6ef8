/**
 * `GET EntityDefinitions`: the table list Dataverse clients read to map logical names to entity set
 * names (dynamics-web-api does so with `useEntityNames: true`). Served from the metadata, as a read-only
 * function-shaped resource.
 */
import { createHash } from 'node:crypto';
import type { TableMetadata } from '../../domain/metadata/table-metadata.js';
import type { FunctionDefinition } from './operation-registry.js';

/** A stable id per table, so clients that cache by MetadataId see the same id on every start. */
function metadataId(table: TableMetadata): string {
  const hex = createHash('sha1').update(`orderline:${table.logicalName}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export const entityDefinitions: FunctionDefinition = {
  name: 'EntityDefinitions',
  kind: 'function',
  parameters: [],
  async execute({ context, serviceRoot }) {
    return {
      '@odata.context': `${serviceRoot}$metadata#EntityDefinitions`,
      value: context.services.metadata.tables.map((table) => ({
        MetadataId: metadataId(table),
        LogicalName: table.logicalName,
        SchemaName: table.schemaName,
        EntitySetName: table.entitySetName,
        PrimaryIdAttribute: table.primaryId,
        PrimaryNameAttribute: table.primaryName,
        ChangeTrackingEnabled: table.changeTracking,
        OwnershipType: table.ownership === 'user' ? 'UserOwned' : 'OrganizationOwned',
      })),
    };
  },
};
