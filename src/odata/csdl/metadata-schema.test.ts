import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { createSalesMetadata } from '../../domain/metadata/sales-metadata.js';
import { metadataDocument } from './metadata-document.js';
import { allProperties, metadataEntityType, metadataEnumTypes } from './metadata-types.js';

interface Element {
  readonly [name: string]: string | Element | Element[];
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  isArray: (_name: string, _path: unknown, _leaf: boolean, isAttribute: boolean) => !isAttribute,
});
const [edmx] = parser.parse(metadataDocument(createSalesMetadata()))['edmx:Edmx'] as Element[];
const schema = ((edmx!['edmx:DataServices'] as Element[])[0]!.Schema as Element[])[0]!;
const named = (kind: string, name: string) =>
  (schema[kind] as Element[]).find((element) => element.Name === name) as Element | undefined;

describe('$metadata declares the metadata service', () => {
  it('serves EntityDefinitions and GlobalOptionSetDefinitions as entity sets of the metadata types', () => {
    const container = (schema.EntityContainer as Element[])[0]!;
    const sets = Object.fromEntries(
      (container.EntitySet as Element[]).map((set) => [set.Name as string, set.EntityType as string]),
    );
    expect(sets.EntityDefinitions).toBe('Microsoft.Dynamics.CRM.EntityMetadata');
    expect(sets.GlobalOptionSetDefinitions).toBe('Microsoft.Dynamics.CRM.OptionSetMetadataBase');
  });

  it('keys the metadata types by MetadataId and derives them as Dataverse does', () => {
    const base = named('EntityType', 'MetadataBase')!;
    expect(((base.Key as Element[])[0]!.PropertyRef as Element[])[0]!.Name).toBe('MetadataId');
    expect(named('EntityType', 'PicklistAttributeMetadata')!.BaseType).toBe('mscrm.EnumAttributeMetadata');
    expect(named('EntityType', 'EnumAttributeMetadata')!.BaseType).toBe('mscrm.AttributeMetadata');
    const entity = named('EntityType', 'EntityMetadata')!;
    expect((entity.NavigationProperty as Element[]).map((navigation) => navigation.Name)).toEqual([
      'Attributes',
      'Keys',
      'OneToManyRelationships',
      'ManyToOneRelationships',
      'ManyToManyRelationships',
    ]);
  });

  it('declares the enum types the definitions and RetrieveMetadataChanges use, with their members', () => {
    for (const type of metadataEnumTypes) {
      const element = named('EnumType', type.name)!;
      expect(element, type.name).toBeDefined();
      expect((element.Member as Element[]).map((member) => [member.Name, Number(member.Value)])).toEqual(type.members);
      expect(element.IsFlags).toBe(type.isFlags ? 'true' : undefined);
    }
    const attributeType = (named('EntityType', 'AttributeMetadata')!.Property as Element[]).find(
      (property) => property.Name === 'AttributeType',
    )!;
    expect(attributeType.Type).toBe('mscrm.AttributeTypeCode');
  });

  it('declares Label and LocalizedLabel, and the Complex twins RetrieveMetadataChanges answers with', () => {
    expect((named('ComplexType', 'Label')!.Property as Element[]).map((property) => property.Name)).toEqual([
      'LocalizedLabels',
      'UserLocalizedLabel',
    ]);
    const twin = named('ComplexType', 'ComplexEntityMetadata')!;
    const members = (twin.Property as Element[]).map((property) => property.Name);
    expect(members).toEqual(
      expect.arrayContaining([
        ...allProperties(metadataEntityType('EntityMetadata')!)
          .filter((property) => property.name !== 'MetadataId' && property.name !== 'HasChanged')
          .map((property) => property.name),
        'Attributes',
      ]),
    );
    const attributes = (twin.Property as Element[]).find((property) => property.Name === 'Attributes')!;
    expect(attributes.Type).toBe('Collection(mscrm.ComplexAttributeMetadata)');
    const response = named('ComplexType', 'RetrieveMetadataChangesResponse')!;
    expect((response.Property as Element[]).find((property) => property.Name === 'EntityMetadata')!.Type).toBe(
      'Collection(mscrm.ComplexEntityMetadata)',
    );
    expect(named('Function', 'RetrieveMetadataChanges')).toBeDefined();
  });
});
