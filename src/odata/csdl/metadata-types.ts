/**
 * The types of Dataverse's metadata service as `$metadata` declares them (Learn: the EntityMetadata,
 * AttributeMetadata, OptionSetMetadata, Label and LocalizedLabel reference pages): the entity types
 * served by `EntityDefinitions` and `GlobalOptionSetDefinitions`, their complex types, and the enum types
 * their values and `RetrieveMetadataChanges` use. Described as data, once: the CSDL is written from it,
 * and the metadata queries check `$select`, `$filter` and `$expand` against it, so a property is served
 * exactly when it is declared.
 */
import type { TypedName } from './operations.js';

/** A navigation property of a metadata entity type (`Attributes`, `OptionSet`, ...). */
export interface MetadataNavigation {
  readonly name: string;
  /** Qualified type name of the related entity type, `mscrm.AttributeMetadata`. */
  readonly type: string;
  readonly collection: boolean;
}

export interface MetadataEntityType {
  readonly name: string;
  readonly baseType?: string;
  readonly abstract?: boolean;
  readonly properties: readonly TypedName[];
  readonly navigations?: readonly MetadataNavigation[];
}

export interface MetadataComplexType {
  readonly name: string;
  readonly baseType?: string;
  readonly properties: readonly TypedName[];
}

export interface MetadataEnumType {
  readonly name: string;
  /** Members may be combined (`EntityFilters'Entity,Attributes'`). */
  readonly isFlags?: boolean;
  readonly members: readonly (readonly [name: string, value: number])[];
}

const string = (name: string): TypedName => ({ name, type: 'Edm.String', nullable: true });
const boolean = (name: string): TypedName => ({ name, type: 'Edm.Boolean', nullable: true });
const int32 = (name: string): TypedName => ({ name, type: 'Edm.Int32', nullable: true });
const typed = (name: string, type: string): TypedName => ({ name, type, nullable: true });
const label = (name: string): TypedName => typed(name, 'mscrm.Label');
const navigation = (name: string, type: string, collection = false): MetadataNavigation => ({
  name,
  type: `mscrm.${type}`,
  collection,
});

export const metadataEntityTypes: readonly MetadataEntityType[] = [
  {
    name: 'MetadataBase',
    abstract: true,
    properties: [{ name: 'MetadataId', type: 'Edm.Guid' }, boolean('HasChanged')],
  },
  {
    name: 'EntityMetadata',
    baseType: 'MetadataBase',
    properties: [
      string('LogicalName'),
      string('SchemaName'),
      string('EntitySetName'),
      string('LogicalCollectionName'),
      label('DisplayName'),
      label('DisplayCollectionName'),
      label('Description'),
      string('PrimaryIdAttribute'),
      string('PrimaryNameAttribute'),
      int32('ObjectTypeCode'),
      typed('OwnershipType', 'mscrm.OwnershipTypes'),
      boolean('IsCustomEntity'),
      boolean('IsManaged'),
      boolean('IsActivity'),
      boolean('IsIntersect'),
      boolean('IsChildEntity'),
      boolean('IsStateModelAware'),
      boolean('ChangeTrackingEnabled'),
      boolean('IsValidForAdvancedFind'),
    ],
    navigations: [
      navigation('Attributes', 'AttributeMetadata', true),
      navigation('Keys', 'EntityKeyMetadata', true),
      navigation('OneToManyRelationships', 'OneToManyRelationshipMetadata', true),
      navigation('ManyToOneRelationships', 'OneToManyRelationshipMetadata', true),
      navigation('ManyToManyRelationships', 'ManyToManyRelationshipMetadata', true),
    ],
  },
  {
    name: 'AttributeMetadata',
    baseType: 'MetadataBase',
    properties: [
      string('LogicalName'),
      string('SchemaName'),
      string('EntityLogicalName'),
      typed('AttributeType', 'mscrm.AttributeTypeCode'),
      typed('AttributeTypeName', 'mscrm.AttributeTypeDisplayName'),
      label('DisplayName'),
      label('Description'),
      typed('RequiredLevel', 'mscrm.AttributeRequiredLevelManagedProperty'),
      boolean('IsValidForCreate'),
      boolean('IsValidForUpdate'),
      boolean('IsValidForRead'),
      boolean('IsFilterable'),
      boolean('IsPrimaryId'),
      boolean('IsPrimaryName'),
      boolean('IsCustomAttribute'),
      boolean('IsManaged'),
      boolean('IsLogical'),
      boolean('IsValidODataAttribute'),
      string('AttributeOf'),
      int32('SourceType'),
    ],
  },
  {
    name: 'StringAttributeMetadata',
    baseType: 'AttributeMetadata',
    properties: [
      int32('MaxLength'),
      int32('DatabaseLength'),
      typed('Format', 'mscrm.StringFormat'),
      typed('FormatName', 'mscrm.StringFormatName'),
    ],
  },
  {
    name: 'MemoAttributeMetadata',
    baseType: 'AttributeMetadata',
    properties: [int32('MaxLength'), int32('DatabaseLength'), typed('Format', 'mscrm.StringFormat')],
  },
  {
    name: 'IntegerAttributeMetadata',
    baseType: 'AttributeMetadata',
    properties: [int32('MinValue'), int32('MaxValue'), typed('Format', 'mscrm.IntegerFormat')],
  },
  {
    name: 'BigIntAttributeMetadata',
    baseType: 'AttributeMetadata',
    properties: [typed('MinValue', 'Edm.Int64'), typed('MaxValue', 'Edm.Int64')],
  },
  {
    name: 'DecimalAttributeMetadata',
    baseType: 'AttributeMetadata',
    properties: [typed('MinValue', 'Edm.Decimal'), typed('MaxValue', 'Edm.Decimal'), int32('Precision')],
  },
  {
    name: 'MoneyAttributeMetadata',
    baseType: 'AttributeMetadata',
    // Dataverse declares a money column's bounds as Edm.Double.
    properties: [
      typed('MinValue', 'Edm.Double'),
      typed('MaxValue', 'Edm.Double'),
      int32('Precision'),
      int32('PrecisionSource'),
      boolean('IsBaseCurrency'),
      string('CalculationOf'),
    ],
  },
  {
    name: 'BooleanAttributeMetadata',
    baseType: 'AttributeMetadata',
    properties: [boolean('DefaultValue')],
    navigations: [navigation('OptionSet', 'BooleanOptionSetMetadata')],
  },
  {
    name: 'DateTimeAttributeMetadata',
    baseType: 'AttributeMetadata',
    properties: [typed('Format', 'mscrm.DateTimeFormat'), typed('DateTimeBehavior', 'mscrm.DateTimeBehavior')],
  },
  {
    name: 'EnumAttributeMetadata',
    baseType: 'AttributeMetadata',
    abstract: true,
    properties: [int32('DefaultFormValue')],
    navigations: [navigation('OptionSet', 'OptionSetMetadata'), navigation('GlobalOptionSet', 'OptionSetMetadata')],
  },
  { name: 'PicklistAttributeMetadata', baseType: 'EnumAttributeMetadata', properties: [] },
  { name: 'StateAttributeMetadata', baseType: 'EnumAttributeMetadata', properties: [] },
  { name: 'StatusAttributeMetadata', baseType: 'EnumAttributeMetadata', properties: [] },
  {
    name: 'LookupAttributeMetadata',
    baseType: 'AttributeMetadata',
    properties: [typed('Targets', 'Collection(Edm.String)')],
  },
  { name: 'UniqueIdentifierAttributeMetadata', baseType: 'AttributeMetadata', properties: [] },
  {
    name: 'OptionSetMetadataBase',
    baseType: 'MetadataBase',
    abstract: true,
    properties: [
      string('Name'),
      label('DisplayName'),
      label('Description'),
      boolean('IsGlobal'),
      boolean('IsCustomOptionSet'),
      boolean('IsManaged'),
      typed('OptionSetType', 'mscrm.OptionSetType'),
    ],
  },
  {
    name: 'OptionSetMetadata',
    baseType: 'OptionSetMetadataBase',
    properties: [typed('Options', 'Collection(mscrm.OptionMetadata)')],
  },
  {
    name: 'BooleanOptionSetMetadata',
    baseType: 'OptionSetMetadataBase',
    properties: [typed('TrueOption', 'mscrm.OptionMetadata'), typed('FalseOption', 'mscrm.OptionMetadata')],
  },
  {
    name: 'EntityKeyMetadata',
    baseType: 'MetadataBase',
    properties: [
      string('LogicalName'),
      string('SchemaName'),
      string('EntityLogicalName'),
      typed('KeyAttributes', 'Collection(Edm.String)'),
      label('DisplayName'),
      typed('EntityKeyIndexStatus', 'mscrm.EntityKeyIndexStatus'),
      boolean('IsManaged'),
    ],
  },
  {
    name: 'RelationshipMetadataBase',
    baseType: 'MetadataBase',
    abstract: true,
    properties: [
      string('SchemaName'),
      typed('RelationshipType', 'mscrm.RelationshipType'),
      boolean('IsCustomRelationship'),
      boolean('IsManaged'),
      boolean('IsValidForAdvancedFind'),
    ],
  },
  {
    name: 'OneToManyRelationshipMetadata',
    baseType: 'RelationshipMetadataBase',
    properties: [
      string('ReferencedEntity'),
      string('ReferencedAttribute'),
      string('ReferencingEntity'),
      string('ReferencingAttribute'),
      string('ReferencedEntityNavigationPropertyName'),
      string('ReferencingEntityNavigationPropertyName'),
      boolean('IsHierarchical'),
      typed('CascadeConfiguration', 'mscrm.CascadeConfiguration'),
    ],
  },
  {
    name: 'ManyToManyRelationshipMetadata',
    baseType: 'RelationshipMetadataBase',
    properties: [
      string('Entity1LogicalName'),
      string('Entity2LogicalName'),
      string('IntersectEntityName'),
      string('Entity1IntersectAttribute'),
      string('Entity2IntersectAttribute'),
      string('Entity1NavigationPropertyName'),
      string('Entity2NavigationPropertyName'),
    ],
  },
];

const managedValue = (name: string, valueType: string): MetadataComplexType => ({
  name,
  properties: [typed('Value', valueType), boolean('CanBeChanged'), string('ManagedPropertyLogicalName')],
});

export const metadataComplexTypes: readonly MetadataComplexType[] = [
  {
    name: 'Label',
    properties: [
      typed('LocalizedLabels', 'Collection(mscrm.LocalizedLabel)'),
      typed('UserLocalizedLabel', 'mscrm.LocalizedLabel'),
    ],
  },
  {
    name: 'LocalizedLabel',
    properties: [
      string('Label'),
      int32('LanguageCode'),
      boolean('IsManaged'),
      typed('MetadataId', 'Edm.Guid'),
      boolean('HasChanged'),
    ],
  },
  managedValue('BooleanManagedProperty', 'Edm.Boolean'),
  managedValue('AttributeRequiredLevelManagedProperty', 'mscrm.AttributeRequiredLevel'),
  { name: 'AttributeTypeDisplayName', properties: [string('Value')] },
  { name: 'StringFormatName', properties: [string('Value')] },
  { name: 'DateTimeBehavior', properties: [string('Value')] },
  {
    name: 'OptionMetadata',
    properties: [
      int32('Value'),
      label('Label'),
      label('Description'),
      string('Color'),
      boolean('IsManaged'),
      string('ExternalValue'),
      typed('ParentValues', 'Collection(Edm.Int32)'),
      typed('MetadataId', 'Edm.Guid'),
      boolean('HasChanged'),
    ],
  },
  {
    name: 'StateOptionMetadata',
    baseType: 'OptionMetadata',
    properties: [int32('DefaultStatus'), string('InvariantName')],
  },
  { name: 'StatusOptionMetadata', baseType: 'OptionMetadata', properties: [int32('State')] },
  {
    name: 'CascadeConfiguration',
    properties: ['Assign', 'Delete', 'Merge', 'Reparent', 'Share', 'Unshare', 'RollupView'].map((name) =>
      typed(name, 'mscrm.CascadeType'),
    ),
  },
];

export const metadataEnumTypes: readonly MetadataEnumType[] = [
  {
    name: 'OwnershipTypes',
    isFlags: true,
    members: [
      ['None', 0],
      ['UserOwned', 1],
      ['TeamOwned', 2],
      ['BusinessOwned', 4],
      ['OrganizationOwned', 8],
      ['BusinessParented', 16],
    ],
  },
  {
    name: 'AttributeTypeCode',
    members: [
      ['Boolean', 0],
      ['Customer', 1],
      ['DateTime', 2],
      ['Decimal', 3],
      ['Double', 4],
      ['Integer', 5],
      ['Lookup', 6],
      ['Memo', 7],
      ['Money', 8],
      ['Owner', 9],
      ['PartyList', 10],
      ['Picklist', 11],
      ['State', 12],
      ['Status', 13],
      ['String', 14],
      ['Uniqueidentifier', 15],
      ['CalendarRules', 16],
      ['Virtual', 17],
      ['BigInt', 18],
      ['ManagedProperty', 19],
      ['EntityName', 20],
    ],
  },
  {
    name: 'AttributeRequiredLevel',
    members: [
      ['None', 0],
      ['SystemRequired', 1],
      ['ApplicationRequired', 2],
      ['Recommended', 3],
    ],
  },
  {
    name: 'OptionSetType',
    members: [
      ['Picklist', 0],
      ['State', 1],
      ['Status', 2],
      ['Boolean', 3],
    ],
  },
  {
    name: 'RelationshipType',
    members: [
      ['OneToManyRelationship', 0],
      ['ManyToManyRelationship', 1],
    ],
  },
  {
    name: 'EntityFilters',
    isFlags: true,
    members: [
      ['Entity', 1],
      ['Attributes', 2],
      ['Privileges', 4],
      ['Relationships', 8],
      ['All', 15],
    ],
  },
  {
    name: 'MetadataConditionOperator',
    members: [
      ['Equals', 0],
      ['NotEquals', 1],
      ['In', 2],
      ['NotIn', 3],
      ['GreaterThan', 4],
      ['LessThan', 5],
    ],
  },
  {
    name: 'LogicalOperator',
    members: [
      ['And', 0],
      ['Or', 1],
    ],
  },
  {
    name: 'DeletedMetadataFilters',
    isFlags: true,
    members: [
      ['Entity', 1],
      ['Attribute', 2],
      ['Relationship', 4],
      ['Label', 8],
      ['OptionSet', 16],
      ['All', 31],
    ],
  },
  {
    name: 'CascadeType',
    members: [
      ['NoCascade', 0],
      ['Cascade', 1],
      ['Active', 2],
      ['UserOwned', 3],
      ['RemoveLink', 4],
      ['Restrict', 5],
    ],
  },
  {
    name: 'DateTimeFormat',
    members: [
      ['DateOnly', 0],
      ['DateAndTime', 1],
    ],
  },
  {
    name: 'IntegerFormat',
    members: [
      ['None', 0],
      ['Duration', 1],
      ['TimeZone', 2],
      ['Language', 3],
      ['Locale', 4],
    ],
  },
  {
    name: 'StringFormat',
    members: [
      ['Email', 0],
      ['Text', 1],
      ['TextArea', 2],
      ['Url', 3],
      ['TickerSymbol', 4],
      ['PhoneticGuide', 5],
      ['VersionNumber', 6],
      ['Phone', 7],
      ['Json', 8],
      ['RichText', 9],
    ],
  },
  {
    name: 'EntityKeyIndexStatus',
    members: [
      ['Pending', 0],
      ['InProgress', 1],
      ['Active', 2],
      ['Failed', 3],
    ],
  },
];

/** The metadata entity sets of the `System` container. */
export const metadataEntitySets: readonly { readonly name: string; readonly entityType: string }[] = [
  { name: 'EntityDefinitions', entityType: 'EntityMetadata' },
  { name: 'GlobalOptionSetDefinitions', entityType: 'OptionSetMetadataBase' },
];

const entityTypesByName = new Map(metadataEntityTypes.map((type) => [type.name, type]));

export function metadataEntityType(name: string): MetadataEntityType | undefined {
  return entityTypesByName.get(name);
}

/** A type and its base types, most derived first. */
export function typeLineage(type: MetadataEntityType): readonly MetadataEntityType[] {
  const lineage: MetadataEntityType[] = [];
  for (let current: MetadataEntityType | undefined = type; current; ) {
    lineage.push(current);
    current = current.baseType ? entityTypesByName.get(current.baseType) : undefined;
  }
  return lineage;
}

/** Whether `type` is `ancestor` or derives from it. */
export function derivesFrom(type: MetadataEntityType, ancestor: MetadataEntityType): boolean {
  return typeLineage(type).includes(ancestor);
}

/** The properties of a type, its base types' included. */
export function allProperties(type: MetadataEntityType): readonly TypedName[] {
  return [...typeLineage(type)].reverse().flatMap((member) => member.properties);
}

export function allNavigations(type: MetadataEntityType): readonly MetadataNavigation[] {
  return [...typeLineage(type)].reverse().flatMap((member) => member.navigations ?? []);
}
