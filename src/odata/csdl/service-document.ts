/**
 * The JSON service document answered at the service root (`GET /api/data/v9.2/`). Like Dataverse's it
 * lists entity sets only: operations are reached through `$metadata`.
 */
import type { MetadataRegistry } from '../../domain/metadata/metadata-registry.js';

// Type aliases, not interfaces, so the document is assignable to the JSON writer's `Writable`.
export type ServiceDocumentEntry = {
  readonly name: string;
  readonly kind: 'EntitySet';
  /** Relative to the service root, as Dataverse writes it. */
  readonly url: string;
};

export type ServiceDocument = {
  readonly '@odata.context': string;
  readonly value: readonly ServiceDocumentEntry[];
};

/** `serviceRoot` is the absolute service root with its trailing slash (`https://host/api/data/v9.2/`). */
export function serviceDocument(metadata: MetadataRegistry, serviceRoot: string): ServiceDocument {
  // Without the slash the context URL would read `.../v9.2$metadata`: a caller bug worth failing loudly.
  if (!serviceRoot.endsWith('/')) throw new Error(`service root ${serviceRoot} must end with '/'`);
  return {
    '@odata.context': `${serviceRoot}$metadata`,
    value: metadata.tables.map((table) => ({
      name: table.entitySetName,
      kind: 'EntitySet',
      url: table.entitySetName,
    })),
  };
}
