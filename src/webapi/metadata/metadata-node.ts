/**
 * A metadata definition as the queries see it: its entity type (`EntityMetadata`,
 * `PicklistAttributeMetadata`, ...), its structural properties as Dataverse writes them, and its
 * navigation properties (`Attributes`, `OptionSet`, ...), which are only written when expanded.
 */
export type MetadataValue = unknown;

export interface MetadataNode {
  /** Unqualified entity type name from `odata/csdl/metadata-types.ts`. */
  readonly type: string;
  readonly properties: { readonly [property: string]: MetadataValue };
  readonly navigations: { readonly [navigation: string]: MetadataNode | readonly MetadataNode[] | null };
}

export function node(
  type: string,
  properties: MetadataNode['properties'],
  navigations: MetadataNode['navigations'] = {},
): MetadataNode {
  return { type, properties, navigations };
}
