import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it, vi } from 'vitest';
import { lookup, money, string } from '../../domain/metadata/columns.js';
import { defineTable } from '../../domain/metadata/define-table.js';
import { createMetadataRegistry, type MetadataRegistry } from '../../domain/metadata/metadata-registry.js';
import { createSalesMetadata } from '../../domain/metadata/sales-metadata.js';
import { allTables, manyToManyRelationships } from '../../domain/metadata/tables/all-tables.js';
import { coreOperations, metadataDocument, type OperationDescription } from './metadata-document.js';
import { metadataComplexTypeDeclarations } from './metadata-schema.js';
import { metadataEntitySets, metadataEntityTypes, metadataEnumTypes } from './metadata-types.js';

// ---------------------------------------------------------------------------------------------------------
// A parsed view of the document, so assertions read the structure rather than match text.

type XmlNode = {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlNode[];
};

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseAttributeValue: false,
});

function toNodes(raw: readonly Record<string, unknown>[]): XmlNode[] {
  const nodes: XmlNode[] = [];
  for (const item of raw) {
    const name = Object.keys(item).find((key) => key !== ':@');
    if (name === undefined || name === '#text' || name.startsWith('?')) continue;
    nodes.push({
      name,
      attributes: (item[':@'] ?? {}) as Record<string, string>,
      children: toNodes(item[name] as Record<string, unknown>[]),
    });
  }
  return nodes;
}

function parse(xml: string): XmlNode {
  const [root] = toNodes(parser.parse(xml) as Record<string, unknown>[]);
  if (!root) throw new Error('no root element');
  return root;
}

function only(nodes: readonly XmlNode[], description: string): XmlNode {
  if (nodes.length !== 1) throw new Error(`expected one ${description}, found ${nodes.length}`);
  return nodes[0]!;
}

function childrenNamed(node: XmlNode, name: string, attributes: Record<string, string> = {}): XmlNode[] {
  return node.children.filter(
    (child) =>
      child.name === name && Object.entries(attributes).every(([key, value]) => child.attributes[key] === value),
  );
}

function child(node: XmlNode, name: string, attributes: Record<string, string> = {}): XmlNode {
  return only(childrenNamed(node, name, attributes), `${name} ${JSON.stringify(attributes)} in ${node.name}`);
}

function schemaOf(xml: string): XmlNode {
  return child(child(parse(xml), 'edmx:DataServices'), 'Schema');
}

const metadata = createSalesMetadata();
const xml = metadataDocument(metadata);
const schema = schemaOf(xml);
const container = child(schema, 'EntityContainer', { Name: 'System' });

const entityType = (name: string) => child(schema, 'EntityType', { Name: name });
const property = (type: string, name: string) => child(entityType(type), 'Property', { Name: name });
const navigation = (type: string, name: string) => child(entityType(type), 'NavigationProperty', { Name: name });
const entitySet = (name: string) => child(container, 'EntitySet', { Name: name });

// ---------------------------------------------------------------------------------------------------------

describe('$metadata document', () => {
  describe('as an XML document', () => {
    it('is well-formed', () => {
      expect(XMLValidator.validate(xml)).toBe(true);
    });

    it('opens with the XML declaration and the EDMX 4.0 header of the Microsoft.Dynamics.CRM schema', () => {
      expect(
        xml.startsWith(
          '<?xml version="1.0" encoding="utf-8"?><edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">' +
            '<edmx:DataServices><Schema Namespace="Microsoft.Dynamics.CRM" Alias="mscrm" xmlns="http://docs.oasis-open.org/odata/ns/edm">',
        ),
      ).toBe(true);
      expect(xml.endsWith('</Schema></edmx:DataServices></edmx:Edmx>')).toBe(true);
    });
  });

  describe('entity types', () => {
    it('derive every table from the abstract crmbaseentity', () => {
      expect(child(schema, 'EntityType', { Name: 'crmbaseentity' }).attributes.Abstract).toBe('true');
      for (const table of metadata.tables) {
        expect(entityType(table.logicalName).attributes.BaseType).toBe('mscrm.crmbaseentity');
      }
      // Beside the tables: crmbaseentity and the metadata service's own entity types.
      expect(childrenNamed(schema, 'EntityType')).toHaveLength(metadata.tables.length + 1 + metadataEntityTypes.length);
    });

    it('key every table by its primary id, a non-nullable Edm.Guid', () => {
      for (const table of metadata.tables) {
        const key = child(entityType(table.logicalName), 'Key');
        expect(child(key, 'PropertyRef').attributes.Name).toBe(table.primaryId);
        expect(property(table.logicalName, table.primaryId).attributes).toMatchObject({
          Type: 'Edm.Guid',
          Nullable: 'false',
        });
      }
      expect(child(child(entityType('salesorder'), 'Key'), 'PropertyRef').attributes.Name).toBe('salesorderid');
    });

    it.each([
      ['salesorder', 'totalamount', 'Edm.Decimal'],
      ['salesorder', 'statecode', 'Edm.Int32'],
      ['salesorder', 'statuscode', 'Edm.Int32'],
      ['salesorder', 'prioritycode', 'Edm.Int32'],
      ['salesorder', 'submitstatus', 'Edm.Int32'],
      ['salesorder', 'createdon', 'Edm.DateTimeOffset'],
      ['salesorder', 'requestdeliveryby', 'Edm.Date'],
      ['salesorder', 'name', 'Edm.String'],
      ['salesorder', 'submitstatusdescription', 'Edm.String'],
      ['salesorder', 'willcall', 'Edm.Boolean'],
      ['salesorder', 'versionnumber', 'Edm.Int64'],
      ['salesorderdetail', 'quantity', 'Edm.Decimal'],
    ])('type %s.%s as %s', (table, name, type) => {
      expect(property(table, name).attributes.Type).toBe(type);
    });

    it('give decimals their precision as Scale, and money 4 unless its precision is its own', () => {
      expect(property('salesorderdetail', 'quantity').attributes.Scale).toBe('5');
      expect(property('salesorder', 'exchangerate').attributes.Scale).toBe('12');
      // Currency precision (source 2) and pricing precision (source 1) vary at run time: declare the most.
      expect(property('salesorder', 'totalamount').attributes.Scale).toBe('4');
      expect(property('salesorderdetail', 'priceperunit').attributes.Scale).toBe('4');
      expect(property('salesorder', 'totalamount_base').attributes.Scale).toBe('4');
      expect(property('discount', 'amount').attributes.Scale).toBe('4');
    });

    it('declare option set columns as plain Edm.Int32; EnumTypes are only those of the metadata service', () => {
      expect(property('salesorder', 'msdyn_ordertype').attributes.Type).toBe('Edm.Int32');
      expect(childrenNamed(schema, 'EnumType').map((type) => type.attributes.Name)).toEqual(
        metadataEnumTypes.map((type) => type.name),
      );
    });

    it('expose a lookup as its _<name>_value Guid, never under its own name', () => {
      expect(property('salesorder', '_customerid_value').attributes.Type).toBe('Edm.Guid');
      expect(property('salesorder', '_ownerid_value').attributes.Type).toBe('Edm.Guid');
      expect(property('salesorderdetail', '_salesorderid_value').attributes.Type).toBe('Edm.Guid');
      expect(childrenNamed(entityType('salesorder'), 'Property', { Name: 'customerid' })).toHaveLength(0);
      expect(childrenNamed(entityType('salesorder'), 'Property', { Name: '_customerid_value' })).toHaveLength(1);
    });

    it('give a polymorphic Customer one navigation per target, both constrained by _customerid_value', () => {
      for (const [name, target, key] of [
        ['customerid_account', 'account', 'accountid'],
        ['customerid_contact', 'contact', 'contactid'],
      ] as const) {
        const nav = navigation('salesorder', name);
        expect(nav.attributes.Type).toBe(`mscrm.${target}`);
        expect(nav.attributes.Nullable).toBeUndefined();
        expect(child(nav, 'ReferentialConstraint').attributes).toEqual({
          Property: '_customerid_value',
          ReferencedProperty: key,
        });
      }
    });

    it('type a one-to-many navigation as a collection of the referencing table', () => {
      const nav = navigation('salesorder', 'order_details');
      expect(nav.attributes.Type).toBe('Collection(mscrm.salesorderdetail)');
      expect(nav.attributes.Partner).toBe('salesorderid');
      expect(navigation('salesorderdetail', 'salesorderid').attributes).toMatchObject({
        Type: 'mscrm.salesorder',
        Partner: 'order_details',
      });
    });

    it('declare a many-to-many relationship as a collection on both sides', () => {
      expect(navigation('systemuser', 'systemuserroles_association').attributes.Type).toBe('Collection(mscrm.role)');
      expect(navigation('role', 'systemuserroles_association').attributes.Type).toBe('Collection(mscrm.systemuser)');
    });

    it('declare every navigation the registry knows, and every Partner partners back', () => {
      for (const table of metadata.tables) {
        const declared = childrenNamed(entityType(table.logicalName), 'NavigationProperty');
        expect(declared.map((nav) => nav.attributes.Name)).toEqual(metadata.navigations(table).map((nav) => nav.name));
        for (const nav of declared) {
          const partner = nav.attributes.Partner;
          if (partner === undefined) continue;
          const target = /^(?:Collection\()?mscrm\.(\w+)\)?$/.exec(nav.attributes.Type!)![1]!;
          const back = navigation(target, partner);
          expect(back.attributes.Partner, `${table.logicalName}.${nav.attributes.Name}`).toBe(nav.attributes.Name);
        }
      }
    });

    it('never give two members of one entity type the same name', () => {
      for (const type of childrenNamed(schema, 'EntityType')) {
        const names = type.children
          .filter((member) => member.name === 'Property' || member.name === 'NavigationProperty')
          .map((member) => member.attributes.Name);
        expect(new Set(names).size, type.attributes.Name).toBe(names.length);
      }
    });
  });

  describe('entity container', () => {
    it('holds one EntitySet per table, typed by its full namespace', () => {
      expect(childrenNamed(container, 'EntitySet')).toHaveLength(metadata.tables.length + metadataEntitySets.length);
      for (const table of metadata.tables) {
        expect(entitySet(table.entitySetName).attributes.EntityType).toBe(
          `Microsoft.Dynamics.CRM.${table.logicalName}`,
        );
      }
    });

    it('binds every navigation property to the entity set of its target', () => {
      for (const table of metadata.tables) {
        const bindings = childrenNamed(entitySet(table.entitySetName), 'NavigationPropertyBinding');
        expect(bindings.map((binding) => binding.attributes)).toEqual(
          metadata.navigations(table).map((nav) => ({ Path: nav.name, Target: nav.target.entitySetName })),
        );
      }
      expect(child(entitySet('salesorders'), 'NavigationPropertyBinding', { Path: 'customerid_account' })).toEqual(
        expect.objectContaining({ attributes: { Path: 'customerid_account', Target: 'accounts' } }),
      );
    });

    it('annotates change tracking on the sets that support it, salesorders yes, accounts no', () => {
      const annotation = child(entitySet('salesorders'), 'Annotation', {
        Term: 'Org.OData.Capabilities.V1.ChangeTracking',
      });
      expect(child(child(annotation, 'Record'), 'PropertyValue').attributes).toEqual({
        Property: 'Supported',
        Bool: 'true',
      });
      expect(childrenNamed(entitySet('accounts'), 'Annotation')).toHaveLength(0);
      for (const table of metadata.tables) {
        expect(childrenNamed(entitySet(table.entitySetName), 'Annotation')).toHaveLength(table.changeTracking ? 1 : 0);
      }
    });
  });

  describe('core operations', () => {
    it('declare WhoAmI as an unbound function imported as a FunctionImport, returning WhoAmIResponse', () => {
      const whoAmI = child(schema, 'Function', { Name: 'WhoAmI' });
      expect(whoAmI.attributes.IsBound).toBe('false');
      expect(child(whoAmI, 'ReturnType').attributes.Type).toBe('mscrm.WhoAmIResponse');
      expect(childrenNamed(whoAmI, 'Parameter')).toHaveLength(0);
      expect(child(container, 'FunctionImport', { Name: 'WhoAmI' }).attributes.Function).toBe(
        'Microsoft.Dynamics.CRM.WhoAmI',
      );
      const response = child(schema, 'ComplexType', { Name: 'WhoAmIResponse' });
      expect(response.children.map((member) => [member.attributes.Name, member.attributes.Type])).toEqual([
        ['BusinessUnitId', 'Edm.Guid'],
        ['UserId', 'Edm.Guid'],
        ['OrganizationId', 'Edm.Guid'],
      ]);
    });

    it('declare ol_CreateAccessToken as an unbound action with an optional ExpiresInDays and Description', () => {
      const action = child(schema, 'Action', { Name: 'ol_CreateAccessToken' });
      expect(action.attributes.IsBound).toBe('false');
      expect(childrenNamed(action, 'Parameter').map((parameter) => parameter.attributes)).toEqual([
        { Name: 'SystemUserId', Type: 'Edm.Guid', Nullable: 'false' },
        { Name: 'ExpiresInDays', Type: 'Edm.Int32' },
        { Name: 'Description', Type: 'Edm.String' },
      ]);
      expect(child(action, 'ReturnType').attributes.Type).toBe('mscrm.ol_CreateAccessTokenResponse');
      expect(child(container, 'ActionImport', { Name: 'ol_CreateAccessToken' }).attributes.Action).toBe(
        'Microsoft.Dynamics.CRM.ol_CreateAccessToken',
      );
      const response = child(schema, 'ComplexType', { Name: 'ol_CreateAccessTokenResponse' });
      expect(response.children.map((member) => [member.attributes.Name, member.attributes.Type])).toEqual([
        ['AccessToken', 'Edm.String'],
        ['ExpiresOn', 'Edm.DateTimeOffset'],
      ]);
    });

    it('declare ol_RevokeAccessToken (an action answering 204) and ol_ListAccessTokens, which never returns a token', () => {
      const revoke = child(schema, 'Action', { Name: 'ol_RevokeAccessToken' });
      expect(childrenNamed(revoke, 'Parameter').map((parameter) => parameter.attributes)).toEqual([
        { Name: 'AccessTokenId', Type: 'Edm.Guid', Nullable: 'false' },
      ]);
      expect(childrenNamed(revoke, 'ReturnType')).toEqual([]);
      expect(child(container, 'ActionImport', { Name: 'ol_RevokeAccessToken' }).attributes.Action).toBe(
        'Microsoft.Dynamics.CRM.ol_RevokeAccessToken',
      );
      const list = child(schema, 'Function', { Name: 'ol_ListAccessTokens' });
      expect(childrenNamed(list, 'Parameter').map((parameter) => parameter.attributes)).toEqual([
        { Name: 'SystemUserId', Type: 'Edm.Guid' },
      ]);
      expect(child(list, 'ReturnType').attributes.Type).toBe('Collection(mscrm.ol_AccessToken)');
      expect(child(container, 'FunctionImport', { Name: 'ol_ListAccessTokens' }).attributes.Function).toBe(
        'Microsoft.Dynamics.CRM.ol_ListAccessTokens',
      );
      const token = child(schema, 'ComplexType', { Name: 'ol_AccessToken' });
      expect(token.children.map((member) => member.attributes.Name)).toEqual([
        'AccessTokenId',
        'SystemUserId',
        'DomainName',
        'Description',
        'CreatedOn',
        'ExpiresOn',
        'RevokedOn',
        'IsValid',
      ]);
    });

    it('are what an explicit coreOperations list declares too', () => {
      expect(metadataDocument(metadata, { operations: coreOperations })).toBe(xml);
    });
  });

  describe('given operations', () => {
    const publish: OperationDescription = {
      name: 'PublishProductHierarchy',
      kind: 'action',
      bound: { table: 'product' },
      parameters: [],
    };
    const total: OperationDescription = {
      name: 'ol_OrderTotal',
      kind: 'function',
      parameters: [
        { name: 'OrderIds', type: 'Collection(Edm.Guid)' },
        { name: 'Note', type: 'Edm.String', nullable: true },
      ],
      returnType: 'Edm.Decimal',
    };

    it('bind a bound operation through an `entity` parameter and import only the unbound ones', () => {
      const operations = [publish, total];
      const custom = schemaOf(metadataDocument(metadata, { operations }));
      const action = child(custom, 'Action', { Name: 'PublishProductHierarchy' });
      expect(action.attributes.IsBound).toBe('true');
      expect(child(action, 'Parameter').attributes).toEqual({
        Name: 'entity',
        Type: 'mscrm.product',
        Nullable: 'false',
      });
      const customContainer = child(custom, 'EntityContainer');
      expect(childrenNamed(customContainer, 'ActionImport')).toHaveLength(0);
      expect(child(customContainer, 'FunctionImport').attributes.Name).toBe('ol_OrderTotal');
      expect(childrenNamed(custom, 'Function', { Name: 'WhoAmI' })).toHaveLength(0);
      // The operations declare none of their own; those there are the metadata service's.
      expect(childrenNamed(custom, 'ComplexType')).toHaveLength(metadataComplexTypeDeclarations.length);
    });

    it.each<[string, OperationDescription[], RegExp]>([
      ['a function without a return type', [{ name: 'F', kind: 'function', parameters: [] }], /no return type/],
      ['a binding to an unknown table', [{ ...publish, bound: { table: 'widget' } }], /unknown table widget/],
      [
        'a type the schema does not declare',
        [{ name: 'A', kind: 'action', parameters: [{ name: 'X', type: 'mscrm.widget' }] }],
        /unknown type mscrm.widget/,
      ],
      [
        'a primitive type OData does not have',
        [{ name: 'A', kind: 'action', parameters: [{ name: 'X', type: 'Edm.Money' }] }],
        /unknown type Edm.Money/,
      ],
      ['two unbound operations of one name', [total, { ...total, kind: 'action' }], /declared twice/],
      [
        'two parameters of one name',
        [
          {
            name: 'A',
            kind: 'action',
            parameters: [
              { name: 'X', type: 'Edm.Int32' },
              { name: 'X', type: 'Edm.Guid' },
            ],
          },
        ],
        /two parameters named X/,
      ],
      ['an unbound operation named as an entity set', [{ ...total, name: 'accounts' }], /name of an entity set/],
      [
        'two different complex types of one name',
        [
          { ...total, returnType: 'mscrm.R', complexTypes: [{ name: 'R', properties: [] }] },
          {
            ...publish,
            returnType: 'mscrm.R',
            complexTypes: [{ name: 'R', properties: [{ name: 'A', type: 'Edm.Guid' }] }],
          },
        ],
        /two different complex types are named R/,
      ],
    ])('refuse %s', (_, operations, message) => {
      expect(() => metadataDocument(metadata, { operations })).toThrow(message);
    });
  });

  describe('built from a custom registry', () => {
    const part = defineTable({
      logicalName: 'ol_part',
      entitySetName: 'ol_parts',
      schemaName: 'ol_Part',
      displayName: 'Part',
      displayCollectionName: 'Parts',
      primaryName: 'ol_name',
      ownership: 'none',
      privilegeGroup: 'catalog',
      columns: [
        string('ol_name', 'Name', 100),
        money('ol_cost', 'Cost', { precisionSource: 0, precision: 2 }),
        money('ol_list', 'List', { precisionSource: 1, precision: 2 }),
        lookup('ol_parentid', 'Parent', 'ol_part', {
          relationship: { name: 'ol_part_parent', onDelete: 'removeLink' },
        }),
      ],
    });
    const registry = createMetadataRegistry(
      [...allTables, part],
      [
        ...manyToManyRelationships,
        {
          name: 'ol_part_related',
          intersectTable: 'ol_partrelated',
          table1: 'ol_part',
          column1: 'ol_partida',
          table2: 'ol_part',
          column2: 'ol_partidb',
        },
      ],
    );
    const custom = schemaOf(metadataDocument(registry));
    const partType = child(custom, 'EntityType', { Name: 'ol_part' });

    it('declares money of its own precision with that Scale, money of the pricing precision with 4', () => {
      expect(child(partType, 'Property', { Name: 'ol_cost' }).attributes.Scale).toBe('2');
      expect(child(partType, 'Property', { Name: 'ol_list' }).attributes.Scale).toBe('4');
    });

    it('partners a self-referencing lookup with its own collection on the same type', () => {
      expect(child(partType, 'NavigationProperty', { Name: 'ol_parentid' }).attributes.Partner).toBe('ol_part_parent');
      expect(child(partType, 'NavigationProperty', { Name: 'ol_part_parent' }).attributes.Partner).toBe('ol_parentid');
    });

    it('leaves Partner out of a many-to-many relationship of a table with itself', () => {
      const nav = child(partType, 'NavigationProperty', { Name: 'ol_part_related' });
      expect(nav.attributes).toEqual({ Name: 'ol_part_related', Type: 'Collection(mscrm.ol_part)' });
    });
  });

  describe('memoization', () => {
    it('builds the document once per registry and operation list', () => {
      const base = createSalesMetadata();
      const navigations = vi.fn(base.navigations);
      const registry: MetadataRegistry = { ...base, navigations };
      const first = metadataDocument(registry);
      const calls = navigations.mock.calls.length;
      expect(calls).toBeGreaterThan(0);
      expect(metadataDocument(registry)).toBe(first);
      expect(metadataDocument(registry, { operations: coreOperations })).toBe(first);
      expect(navigations.mock.calls.length).toBe(calls);

      metadataDocument(registry, { operations: [] });
      expect(navigations.mock.calls.length).toBeGreaterThan(calls);
    });

    it('builds again for another registry, even an equal one', () => {
      const base = createSalesMetadata();
      const navigations = vi.fn(base.navigations);
      expect(metadataDocument({ ...base, navigations })).toBe(xml);
      expect(navigations).toHaveBeenCalled();
    });
  });
});
