/**
 * The CSDL `$metadata` document (EDMX 4.0, XML), derived from the table metadata as Dataverse derives
 * it from its own: one EntityType per table under `mscrm.crmbaseentity`, lookups as `_<name>_value` Guid
 * properties plus navigation properties, option set columns as plain Edm.Int32 (as Dataverse declares
 * them), one EntitySet per table in the `System` container, and the operations the server answers; beside
 * them the metadata service's own types, enum types and sets (`metadata-schema.ts`).
 */
import { isLookup, type MetadataRegistry, type NavigationProperty } from '../../domain/metadata/metadata-registry.js';
import type { ColumnMetadata, LookupColumn, TableMetadata } from '../../domain/metadata/table-metadata.js';
import { metadataEntitySetElements, metadataSchemaElements, metadataTypeNames } from './metadata-schema.js';
import { metadataEntitySets } from './metadata-types.js';
import {
  type ComplexTypeDescription,
  coreOperations,
  type OperationDescription,
  type TypedName,
} from './operations.js';
import { element, type XmlAttributes } from './xml.js';

export {
  type ComplexTypeDescription,
  coreOperations,
  type OperationDescription,
  type TypedName,
} from './operations.js';

export const NAMESPACE = 'Microsoft.Dynamics.CRM';
export const ALIAS = 'mscrm';
/** The abstract type every Dataverse entity type derives from. */
export const BASE_ENTITY_TYPE = 'crmbaseentity';
export const CONTAINER_NAME = 'System';

const EDMX_NS = 'http://docs.oasis-open.org/odata/ns/edmx';
const EDM_NS = 'http://docs.oasis-open.org/odata/ns/edm';
const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>';

/**
 * Largest scale a money value can have (MoneyAttributeMetadata.MaxSupportedPrecision). Money whose
 * precision comes from the organization or the record's currency may reach it, so that is what's declared.
 */
const MONEY_MAX_SCALE = 4;

/** The CSDL 4.0 primitive types an operation may name. */
const EDM_PRIMITIVES: ReadonlySet<string> = new Set([
  'Edm.Binary',
  'Edm.Boolean',
  'Edm.Byte',
  'Edm.Date',
  'Edm.DateTimeOffset',
  'Edm.Decimal',
  'Edm.Double',
  'Edm.Duration',
  'Edm.Guid',
  'Edm.Int16',
  'Edm.Int32',
  'Edm.Int64',
  'Edm.SByte',
  'Edm.Single',
  'Edm.String',
  'Edm.TimeOfDay',
]);

export type MetadataDocumentOptions = {
  /** Actions and functions to declare; `coreOperations` when left out. */
  readonly operations?: readonly OperationDescription[];
};

/**
 * The document is large and only changes with the registry, so it is built once per registry and
 * operation list (both immutable by contract) and kept as long as the registry lives.
 */
const documents = new WeakMap<MetadataRegistry, WeakMap<readonly OperationDescription[], string>>();

export function metadataDocument(metadata: MetadataRegistry, options: MetadataDocumentOptions = {}): string {
  const operations = options.operations ?? coreOperations;
  let byOperations = documents.get(metadata);
  if (!byOperations) {
    byOperations = new WeakMap();
    documents.set(metadata, byOperations);
  }
  let document = byOperations.get(operations);
  if (document === undefined) {
    document = buildDocument(metadata, operations);
    byOperations.set(operations, document);
  }
  return document;
}

function buildDocument(metadata: MetadataRegistry, operations: readonly OperationDescription[]): string {
  const complexTypes = collectComplexTypes(operations);
  const resolve = typeResolver(metadata, complexTypes);
  checkOperations(metadata, operations, resolve);

  const schema = element(
    'Schema',
    [
      ['Namespace', NAMESPACE],
      ['Alias', ALIAS],
      ['xmlns', EDM_NS],
    ],
    [
      element('EntityType', [
        ['Name', BASE_ENTITY_TYPE],
        ['Abstract', 'true'],
      ]),
      ...metadata.tables.map((table) => entityType(metadata, table)),
      ...metadataSchemaElements(),
      ...complexTypes.map(complexType),
      ...operations.map(operation),
      entityContainer(metadata, operations),
    ],
  );
  const edmx = element(
    'edmx:Edmx',
    [
      ['Version', '4.0'],
      ['xmlns:edmx', EDMX_NS],
    ],
    [element('edmx:DataServices', [], [schema])],
  );
  return XML_DECLARATION + edmx;
}

// ---------------------------------------------------------------------------------------------------------
// Entity types

function entityType(metadata: MetadataRegistry, table: TableMetadata): string {
  const key = table.columns.find((column) => column.name === table.primaryId);
  if (key?.type !== 'uniqueidentifier') {
    throw new Error(`${table.logicalName} has no uniqueidentifier column ${table.primaryId} to key it`);
  }
  const properties = table.columns.map((column) => property(column, column === key));
  const navigations = metadata.navigations(table).map((navigation) => navigationProperty(table, navigation));
  return element(
    'EntityType',
    [
      ['Name', table.logicalName],
      ['BaseType', `${ALIAS}.${BASE_ENTITY_TYPE}`],
    ],
    [element('Key', [], [element('PropertyRef', [['Name', table.primaryId]])]), ...properties, ...navigations],
  );
}

/** Dataverse's name for the Guid property a lookup is read through. */
export function lookupValueProperty(column: LookupColumn): string {
  return `_${column.name}_value`;
}

function property(column: ColumnMetadata, isKey: boolean): string {
  const name = isLookup(column) ? lookupValueProperty(column) : column.name;
  const { type, scale } = edmType(column);
  return element('Property', [
    ['Name', name],
    ['Type', type],
    // CSDL requires key properties to be non-nullable; every other column may be null in Dataverse.
    ['Nullable', isKey ? 'false' : undefined],
    ['Scale', scale === undefined ? undefined : String(scale)],
  ]);
}

function edmType(column: ColumnMetadata): { readonly type: string; readonly scale?: number } {
  switch (column.type) {
    case 'uniqueidentifier':
    case 'lookup':
    case 'customer':
    case 'owner':
      return { type: 'Edm.Guid' };
    case 'string':
    case 'memo':
      return { type: 'Edm.String' };
    case 'integer':
    case 'picklist':
    case 'state':
    case 'status':
      return { type: 'Edm.Int32' };
    case 'bigint':
      return { type: 'Edm.Int64' };
    case 'decimal':
      return { type: 'Edm.Decimal', scale: column.precision };
    case 'money':
      return { type: 'Edm.Decimal', scale: column.precisionSource === 0 ? column.precision : MONEY_MAX_SCALE };
    case 'boolean':
      return { type: 'Edm.Boolean' };
    case 'datetime':
      return { type: column.format === 'dateonly' ? 'Edm.Date' : 'Edm.DateTimeOffset' };
    default:
      return unreachable(column);
  }
}

function navigationProperty(table: TableMetadata, navigation: NavigationProperty): string {
  switch (navigation.kind) {
    case 'single': {
      const target = navigation.column.targets.find((candidate) => candidate.navigation === navigation.name);
      return element(
        'NavigationProperty',
        [
          ['Name', navigation.name],
          ['Type', `${ALIAS}.${navigation.target.logicalName}`],
          // The partner is the referenced table's collection, when the relationship declares one.
          ['Partner', target?.relationship?.name],
        ],
        [
          element('ReferentialConstraint', [
            ['Property', lookupValueProperty(navigation.column)],
            ['ReferencedProperty', navigation.target.primaryId],
          ]),
        ],
      );
    }
    case 'collection': {
      const target = navigation.column.targets.find((candidate) => candidate.relationship === navigation.relationship);
      return element('NavigationProperty', [
        ['Name', navigation.name],
        ['Type', `Collection(${ALIAS}.${navigation.target.logicalName})`],
        ['Partner', target?.navigation],
      ]);
    }
    case 'manyToMany':
      return element('NavigationProperty', [
        ['Name', navigation.name],
        ['Type', `Collection(${ALIAS}.${navigation.target.logicalName})`],
        // Both sides share the relationship's name; a table associated with itself has one side only.
        ['Partner', navigation.target === table ? undefined : navigation.name],
      ]);
    default:
      return unreachable(navigation);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Complex types and operations

/** The complex types the operations declare, once each; two different ones under one name are an error. */
function collectComplexTypes(operations: readonly OperationDescription[]): readonly ComplexTypeDescription[] {
  const byName = new Map<string, ComplexTypeDescription>();
  for (const operation of operations) {
    for (const type of operation.complexTypes ?? []) {
      const known = byName.get(type.name);
      if (known && known !== type && JSON.stringify(known) !== JSON.stringify(type)) {
        throw new Error(`two different complex types are named ${type.name}`);
      }
      byName.set(type.name, known ?? type);
    }
  }
  return [...byName.values()];
}

function complexType(type: ComplexTypeDescription): string {
  return element(
    'ComplexType',
    [['Name', type.name]],
    type.properties.map((member) => element('Property', typedAttributes(member))),
  );
}

function operation(description: OperationDescription): string {
  const binding: readonly TypedName[] = description.bound
    ? [{ name: 'entity', type: `${ALIAS}.${description.bound.table}` }]
    : [];
  const children = [...binding, ...description.parameters].map((parameter) =>
    element('Parameter', typedAttributes(parameter)),
  );
  if (description.returnType !== undefined) {
    // Dataverse declares its results non-nullable: an operation that succeeds always answers one.
    children.push(element('ReturnType', typeAttributes(description.returnType, false)));
  }
  return element(
    description.kind === 'action' ? 'Action' : 'Function',
    [
      ['Name', description.name],
      ['IsBound', description.bound ? 'true' : 'false'],
    ],
    children,
  );
}

function typedAttributes(typed: TypedName): XmlAttributes {
  return [['Name', typed.name], ...typeAttributes(typed.type, typed.nullable ?? false)];
}

/** `Nullable` defaults to true in CSDL, so only the non-nullable case is written. */
function typeAttributes(type: string, nullable: boolean): XmlAttributes {
  return [
    ['Type', type],
    ['Nullable', nullable ? undefined : 'false'],
  ];
}

/**
 * Fails at start, not in a client's code generator, when an operation is inconsistent: a function without
 * a result, a binding to an unknown table, a type the schema does not declare, or two operations a URL
 * could not tell apart.
 */
function checkOperations(
  metadata: MetadataRegistry,
  operations: readonly OperationDescription[],
  resolve: (type: string) => boolean,
): void {
  const signatures = new Set<string>();
  const imports = new Set<string>();
  const entitySets = new Set([
    ...metadata.tables.map((table) => table.entitySetName),
    ...metadataEntitySets.map((set) => set.name),
  ]);
  for (const description of operations) {
    const where = `${description.kind} ${description.name}`;
    if (description.kind === 'function' && description.returnType === undefined) {
      throw new Error(`${where} has no return type; OData functions must return something`);
    }
    if (description.bound && !metadata.table(description.bound.table)) {
      throw new Error(`${where} is bound to unknown table ${description.bound.table}`);
    }
    const signature = `${description.name}@${description.bound?.table ?? ''}`;
    if (signatures.has(signature)) throw new Error(`${where} is declared twice for the same binding`);
    signatures.add(signature);
    const names = new Set<string>(description.bound ? ['entity'] : []);
    for (const parameter of description.parameters) {
      if (names.has(parameter.name)) throw new Error(`${where} has two parameters named ${parameter.name}`);
      names.add(parameter.name);
    }
    const members = (description.complexTypes ?? []).flatMap((complex) => complex.properties);
    const types = [...description.parameters, ...members].map((typed) => typed.type);
    if (description.returnType !== undefined) types.push(description.returnType);
    for (const type of types) {
      if (!resolve(type)) throw new Error(`${where} names unknown type ${type}`);
    }
    if (!description.bound) {
      // Unbound operations share the container's names with entity sets and with each other.
      if (entitySets.has(description.name)) throw new Error(`${where} has the name of an entity set`);
      if (imports.has(description.name)) throw new Error(`${where} is declared twice unbound`);
      imports.add(description.name);
    }
  }
}

/** Whether a type name resolves: an Edm primitive, or an entity or complex type of this schema. */
function typeResolver(
  metadata: MetadataRegistry,
  complexTypes: readonly ComplexTypeDescription[],
): (type: string) => boolean {
  const declared = new Set<string>([
    BASE_ENTITY_TYPE,
    ...metadata.tables.map((table) => table.logicalName),
    ...complexTypes.map((type) => type.name),
    ...metadataTypeNames,
  ]);
  return (type) => {
    const single = /^Collection\((.*)\)$/.exec(type)?.[1] ?? type;
    if (EDM_PRIMITIVES.has(single)) return true;
    for (const prefix of [`${ALIAS}.`, `${NAMESPACE}.`]) {
      if (single.startsWith(prefix)) return declared.has(single.slice(prefix.length));
    }
    return false;
  };
}

// ---------------------------------------------------------------------------------------------------------
// Entity container

function entityContainer(metadata: MetadataRegistry, operations: readonly OperationDescription[]): string {
  const sets = metadata.tables.map((table) => entitySet(metadata, table));
  const imports = operations
    .filter((description) => !description.bound)
    .map((description) =>
      description.kind === 'action'
        ? element('ActionImport', [
            ['Name', description.name],
            ['Action', `${NAMESPACE}.${description.name}`],
          ])
        : element('FunctionImport', [
            ['Name', description.name],
            ['Function', `${NAMESPACE}.${description.name}`],
          ]),
    );
  return element('EntityContainer', [['Name', CONTAINER_NAME]], [...sets, ...metadataEntitySetElements(), ...imports]);
}

function entitySet(metadata: MetadataRegistry, table: TableMetadata): string {
  const bindings = metadata.navigations(table).map((navigation) =>
    element('NavigationPropertyBinding', [
      ['Path', navigation.name],
      ['Target', navigation.target.entitySetName],
    ]),
  );
  // Clients look for this term to know `Prefer: odata.track-changes` is honoured on the set.
  const annotations = table.changeTracking ? [changeTrackingAnnotation] : [];
  return element(
    'EntitySet',
    [
      ['Name', table.entitySetName],
      ['EntityType', `${NAMESPACE}.${table.logicalName}`],
    ],
    [...bindings, ...annotations],
  );
}

const changeTrackingAnnotation = element(
  'Annotation',
  [['Term', 'Org.OData.Capabilities.V1.ChangeTracking']],
  [
    element(
      'Record',
      [],
      [
        element('PropertyValue', [
          ['Property', 'Supported'],
          ['Bool', 'true'],
        ]),
      ],
    ),
  ],
);

function unreachable(value: never): never {
  throw new Error(`unexpected ${JSON.stringify(value)}`);
}
