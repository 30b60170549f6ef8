import { createMetadataRegistry, type MetadataRegistry } from './metadata-registry.js';
import { allTables, manyToManyRelationships } from './tables/all-tables.js';

/** The registry of every table Orderline serves, built once at start. */
export function createSalesMetadata(): MetadataRegistry {
  return createMetadataRegistry(allTables, manyToManyRelationships);
}
