/**
 * Resolves property names of a metadata query against the declared types (`odata/csdl/metadata-types.ts`),
 * refusing an unknown one as Dataverse does (`0x80060888`, "Could not find a property named ... on type
 * ..."): a query on a property that does not exist is an error, never ignored.
 */
import { querySyntax } from '../../domain/errors.js';
import {
  allNavigations,
  allProperties,
  type MetadataEntityType,
  type MetadataNavigation,
  metadataComplexTypes,
  metadataEntityType,
} from '../../odata/csdl/metadata-types.js';
import type { TypedName } from '../../odata/csdl/operations.js';

const QUALIFIED = 'Microsoft.Dynamics.CRM.';

export function unknownProperty(name: string, typeName: string): Error {
  return querySyntax(`Could not find a property named '${name}' on type '${QUALIFIED}${typeName}'.`);
}

export function structuralProperty(type: MetadataEntityType, name: string): TypedName {
  const property = allProperties(type).find((candidate) => candidate.name === name);
  if (!property) {
    if (allNavigations(type).some((navigation) => navigation.name === name)) {
      throw querySyntax(
        `'${name}' is a navigation property of '${QUALIFIED}${type.name}': read it with $expand=${name}, not in $select or $filter.`,
      );
    }
    throw unknownProperty(name, type.name);
  }
  return property;
}

export function navigationProperty(type: MetadataEntityType, name: string): MetadataNavigation {
  const navigation = allNavigations(type).find((candidate) => candidate.name === name);
  if (!navigation) throw unknownProperty(name, type.name);
  return navigation;
}

/** The entity type a navigation leads to. */
export function targetType(navigation: MetadataNavigation): MetadataEntityType {
  return metadataEntityType(navigation.type.replace(/^mscrm\./, ''))!;
}

/**
 * The type of a property path inside complex values (`IsAuditEnabled/Value`,
 * `DisplayName/UserLocalizedLabel/Label`), checking each step.
 */
export function pathType(type: MetadataEntityType, path: readonly string[]): string {
  let current = structuralProperty(type, path[0]!).type;
  for (const step of path.slice(1)) {
    const complexName = current.replace(/^mscrm\./, '');
    const complex = complexType(complexName);
    if (!complex) throw querySyntax(`'${step}' cannot follow '${path.join('/')}': ${current} has no properties.`);
    const member = complexProperties(complexName).find((candidate) => candidate.name === step);
    if (!member) throw unknownProperty(step, complexName);
    current = member.type;
  }
  return current;
}

function complexType(name: string) {
  return metadataComplexTypes.find((candidate) => candidate.name === name);
}

function complexProperties(name: string): readonly TypedName[] {
  const type = complexType(name);
  if (!type) return [];
  return [...(type.baseType ? complexProperties(type.baseType) : []), ...type.properties];
}

/** `Microsoft.Dynamics.CRM.PicklistAttributeMetadata` -> its type, which must derive from `declared`. */
export function castType(segment: string): MetadataEntityType {
  const name = segment.startsWith(QUALIFIED) ? segment.slice(QUALIFIED.length) : segment;
  const type = metadataEntityType(name);
  if (!type) throw querySyntax(`The type '${segment}' is not a metadata type of the Microsoft.Dynamics.CRM namespace.`);
  return type;
}
