/**
 * The CSDL elements of the metadata service, written from `metadata-types.ts`: its entity types (keyed
 * by `MetadataId`), complex types, enum types, and the `Complex...` twins of the entity types that
 * `RetrieveMetadataChangesResponse` carries (Dataverse returns metadata inside a complex type as
 * `ComplexEntityMetadata`, whose navigation properties become structural ones).
 */
import {
  type MetadataComplexType,
  type MetadataEntityType,
  type MetadataEnumType,
  metadataComplexTypes,
  metadataEntitySets,
  metadataEntityTypes,
  metadataEnumTypes,
} from './metadata-types.js';
import type { TypedName } from './operations.js';
import { element } from './xml.js';

const ALIAS = 'mscrm';
const NAMESPACE = 'Microsoft.Dynamics.CRM';

/** `mscrm.AttributeMetadata` -> `mscrm.ComplexAttributeMetadata`; other types stay as they are. */
function complexTwinType(type: string): string {
  const single = /^Collection\((.*)\)$/.exec(type)?.[1] ?? type;
  const name = single.startsWith(`${ALIAS}.`) ? single.slice(ALIAS.length + 1) : undefined;
  if (!name || !metadataEntityTypes.some((entity) => entity.name === name)) return type;
  const twin = `${ALIAS}.Complex${name}`;
  return single === type ? twin : `Collection(${twin})`;
}

function complexTwin(type: MetadataEntityType): MetadataComplexType {
  const navigations: TypedName[] = (type.navigations ?? []).map((member) => ({
    name: member.name,
    type: member.collection ? `Collection(${member.type})` : member.type,
    nullable: true,
  }));
  return {
    name: `Complex${type.name}`,
    ...(type.baseType ? { baseType: `Complex${type.baseType}` } : {}),
    properties: [...type.properties, ...navigations].map((member) => ({
      ...member,
      type: complexTwinType(member.type),
    })),
  };
}

/** Complex types beside the metadata types: the labels and values, and the twins. */
export const metadataComplexTypeDeclarations: readonly MetadataComplexType[] = [
  ...metadataComplexTypes,
  ...metadataEntityTypes.map(complexTwin),
];

/** Every type name this part of the schema declares, unqualified. */
export const metadataTypeNames: ReadonlySet<string> = new Set([
  ...metadataEntityTypes.map((type) => type.name),
  ...metadataComplexTypeDeclarations.map((type) => type.name),
  ...metadataEnumTypes.map((type) => type.name),
]);

function propertyElement(member: TypedName): string {
  return element('Property', [
    ['Name', member.name],
    ['Type', member.type],
    ['Nullable', member.nullable === false ? 'false' : undefined],
  ]);
}

function entityTypeElement(type: MetadataEntityType): string {
  const key = type.baseType ? [] : [element('Key', [], [element('PropertyRef', [['Name', 'MetadataId']])])];
  const navigations = (type.navigations ?? []).map((member) =>
    element('NavigationProperty', [
      ['Name', member.name],
      ['Type', member.collection ? `Collection(${member.type})` : member.type],
    ]),
  );
  return element(
    'EntityType',
    [
      ['Name', type.name],
      ['BaseType', type.baseType ? `${ALIAS}.${type.baseType}` : undefined],
      ['Abstract', type.abstract ? 'true' : undefined],
    ],
    [...key, ...type.properties.map(propertyElement), ...navigations],
  );
}

function complexTypeElement(type: MetadataComplexType): string {
  return element(
    'ComplexType',
    [
      ['Name', type.name],
      ['BaseType', type.baseType ? `${ALIAS}.${type.baseType}` : undefined],
    ],
    type.properties.map(propertyElement),
  );
}

function enumTypeElement(type: MetadataEnumType): string {
  return element(
    'EnumType',
    [
      ['Name', type.name],
      ['UnderlyingType', 'Edm.Int32'],
      ['IsFlags', type.isFlags ? 'true' : undefined],
    ],
    type.members.map(([name, value]) =>
      element('Member', [
        ['Name', name],
        ['Value', String(value)],
      ]),
    ),
  );
}

/** The schema children: entity, complex and enum types. */
export function metadataSchemaElements(): readonly string[] {
  return [
    ...metadataEntityTypes.map(entityTypeElement),
    ...metadataComplexTypeDeclarations.map(complexTypeElement),
    ...metadataEnumTypes.map(enumTypeElement),
  ];
}

/** The container's `EntityDefinitions` and `GlobalOptionSetDefinitions`. */
export function metadataEntitySetElements(): readonly string[] {
  return metadataEntitySets.map((set) =>
    element('EntitySet', [
      ['Name', set.name],
      ['EntityType', `${NAMESPACE}.${set.entityType}`],
    ]),
  );
}
