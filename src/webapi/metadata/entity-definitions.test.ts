import { describe, expect, it } from 'vitest';
import { isLookup } from '../../domain/metadata/metadata-registry.js';
import { createSalesMetadata } from '../../domain/metadata/sales-metadata.js';
import { isWriteOnly } from '../../domain/metadata/table-metadata.js';
import { allNavigations, allProperties, derivesFrom, metadataEntityType } from '../../odata/csdl/metadata-types.js';
import type { RawJson } from '../../odata/json/json-number.js';
import { metadataDefinitions } from './entity-definitions.js';
import type { MetadataNode } from './metadata-node.js';

const metadata = createSalesMetadata();
const { entities, globalOptionSets } = metadataDefinitions(metadata);

function entity(logicalName: string): MetadataNode {
  return entities.find((definition) => definition.properties.LogicalName === logicalName)!;
}

function attributes(logicalName: string): readonly MetadataNode[] {
  return entity(logicalName).navigations.Attributes as readonly MetadataNode[];
}

function attribute(table: string, column: string): MetadataNode {
  return attributes(table).find((definition) => definition.properties.LogicalName === column)!;
}

/** Every definition reachable from the sets, once each. */
function reachable(): readonly MetadataNode[] {
  const seen = new Set<MetadataNode>();
  const visit = (definition: MetadataNode) => {
    if (seen.has(definition)) return;
    seen.add(definition);
    for (const related of Object.values(definition.navigations)) {
      if (Array.isArray(related)) related.forEach(visit);
      else if (related) visit(related as MetadataNode);
    }
  };
  [...entities, ...globalOptionSets].forEach(visit);
  return [...seen];
}

describe('metadata definitions', () => {
  it('has one EntityMetadata per table, in the registry order, with the names that drive the schema', () => {
    expect(entities.map((definition) => definition.properties.LogicalName)).toEqual(
      metadata.tables.map((table) => table.logicalName),
    );
    for (const table of metadata.tables) {
      expect(entity(table.logicalName).properties).toMatchObject({
        SchemaName: table.schemaName,
        EntitySetName: table.entitySetName,
        PrimaryIdAttribute: table.primaryId,
        PrimaryNameAttribute: table.primaryName,
        ChangeTrackingEnabled: table.changeTracking,
        IsCustomEntity: table.logicalName.startsWith('ol_'),
        DisplayName: { UserLocalizedLabel: { Label: table.displayName, LanguageCode: 1033 } },
      });
    }
  });

  it("keeps Dataverse's object type codes for its tables and numbers Orderline's own from 10000", () => {
    expect(entity('account').properties.ObjectTypeCode).toBe(1);
    expect(entity('salesorder').properties.ObjectTypeCode).toBe(1088);
    const custom = metadata.tables.filter((table) => table.logicalName.startsWith('ol_'));
    const codes = custom.map((table) => entity(table.logicalName).properties.ObjectTypeCode as number);
    expect(codes.every((code) => code >= 10_000)).toBe(true);
    const all = entities.map((definition) => definition.properties.ObjectTypeCode);
    expect(new Set(all).size).toBe(all.length);
  });

  it('writes ownership as OwnershipTypes members', () => {
    expect(entity('salesorder').properties.OwnershipType).toBe('UserOwned');
    expect(entity('organization').properties.OwnershipType).toBe('OrganizationOwned');
  });

  it('has one attribute per column, typed and bounded as the column is', () => {
    for (const table of metadata.tables) {
      expect(attributes(table.logicalName).map((definition) => definition.properties.LogicalName)).toEqual(
        table.columns.map((column) => column.name),
      );
    }
    expect(attribute('salesorder', 'name').properties).toMatchObject({
      '@odata.type': '#Microsoft.Dynamics.CRM.StringAttributeMetadata',
      AttributeType: 'String',
      AttributeTypeName: { Value: 'StringType' },
      MaxLength: 300,
      IsPrimaryName: true,
    });
    const total = attribute('salesorder', 'totalamount').properties;
    expect(total).toMatchObject({ AttributeType: 'Money', Precision: 2, PrecisionSource: 2, IsBaseCurrency: false });
    expect((total.MaxValue as RawJson).text).toBe('922337203685477');
    expect(attribute('salesorder', 'totalamount_base').properties).toMatchObject({
      IsBaseCurrency: true,
      CalculationOf: 'totalamount',
    });
    expect(attribute('salesorder', 'customerid').properties).toMatchObject({
      '@odata.type': '#Microsoft.Dynamics.CRM.LookupAttributeMetadata',
      AttributeType: 'Customer',
      Targets: ['account', 'contact'],
    });
    expect(attribute('salesorder', 'salesorderid').properties).toMatchObject({
      AttributeType: 'Uniqueidentifier',
      IsPrimaryId: true,
    });
  });

  it('maps the column write rules onto IsValidForCreate and IsValidForUpdate', () => {
    for (const table of metadata.tables) {
      for (const column of table.columns) {
        const { properties } = attribute(table.logicalName, column.name);
        const serverOnly = column.writtenBy === 'system';
        expect(properties.IsValidForCreate, `${table.logicalName}.${column.name}`).toBe(
          !serverOnly && column.validForCreate,
        );
        expect(properties.IsValidForUpdate, `${table.logicalName}.${column.name}`).toBe(
          !serverOnly && column.validForUpdate,
        );
        expect(properties.IsValidForRead).toBe(!isWriteOnly(column));
      }
    }
    // Server-stamped: never valid for a client.
    expect(attribute('salesorder', 'createdon').properties).toMatchObject({
      IsValidForCreate: false,
      IsValidForUpdate: false,
    });
    // A pricing-engine total: valid for update as in Dataverse, not for create.
    expect(attribute('salesorder', 'totalamount').properties).toMatchObject({
      IsValidForCreate: false,
      IsValidForUpdate: true,
    });
  });

  it("writes the required level as Dataverse's managed property", () => {
    for (const table of metadata.tables) {
      for (const column of table.columns) {
        const level = attribute(table.logicalName, column.name).properties.RequiredLevel as { Value: string };
        const expected = {
          none: 'None',
          recommended: 'Recommended',
          application: 'ApplicationRequired',
          system: 'SystemRequired',
        }[column.required];
        expect(level).toEqual({
          Value: expected,
          CanBeChanged: column.required !== 'system',
          ManagedPropertyLogicalName: 'canmodifyrequirementlevelsettings',
        });
      }
    }
  });

  it("derives statecode and statuscode option sets from the table's state model", () => {
    const order = metadata.table('salesorder')!;
    const state = attribute('salesorder', 'statecode').navigations.OptionSet as MetadataNode;
    expect(state.properties.OptionSetType).toBe('State');
    expect(state.properties.Options).toEqual(
      order.states.map((entry) =>
        expect.objectContaining({
          Value: entry.value,
          DefaultStatus: entry.defaultStatus,
          Label: expect.objectContaining({ UserLocalizedLabel: expect.objectContaining({ Label: entry.label }) }),
        }),
      ),
    );
    const status = attribute('salesorder', 'statuscode').navigations.OptionSet as MetadataNode;
    expect(status.properties.Options).toEqual(
      order.states.flatMap((entry) =>
        entry.statuses.map((reason) => expect.objectContaining({ Value: reason.value, State: entry.value })),
      ),
    );
  });

  it('makes a picklist declared alike by several tables one global option set, and keeps the others local', () => {
    const shared = attribute('salesorder', 'pricingerrorcode').navigations;
    expect(shared.GlobalOptionSet).toBe(shared.OptionSet);
    expect((shared.OptionSet as MetadataNode).properties).toMatchObject({ Name: 'pricingerrorcode', IsGlobal: true });
    expect(globalOptionSets).toContain(shared.GlobalOptionSet);
    expect(attribute('quote', 'pricingerrorcode').navigations.GlobalOptionSet).toBe(shared.GlobalOptionSet);
    const local = attribute('salesorder', 'msdyn_ordertype').navigations;
    expect(local.GlobalOptionSet).toBeNull();
    expect((local.OptionSet as MetadataNode).properties).toMatchObject({
      Name: 'salesorder_msdyn_ordertype',
      IsGlobal: false,
    });
  });

  it('sees each lookup as a many-to-one relationship of its table and a one-to-many of the table it points at', () => {
    for (const table of metadata.tables) {
      for (const column of table.columns.filter(isLookup)) {
        for (const target of column.targets) {
          const matches = (definition: MetadataNode) =>
            definition.properties.ReferencingEntity === table.logicalName &&
            definition.properties.ReferencingAttribute === column.name &&
            definition.properties.ReferencedEntity === target.table;
          const manyToOne = (entity(table.logicalName).navigations.ManyToOneRelationships as MetadataNode[]).find(
            matches,
          );
          const oneToMany = (entity(target.table).navigations.OneToManyRelationships as MetadataNode[]).find(matches);
          expect(manyToOne, `${table.logicalName}.${column.name}`).toBeDefined();
          expect(oneToMany).toBe(manyToOne);
          expect(manyToOne!.properties.ReferencingEntityNavigationPropertyName).toBe(target.navigation);
        }
      }
    }
    const roles = entity('systemuser').navigations.ManyToManyRelationships as MetadataNode[];
    expect(roles.map((definition) => definition.properties.SchemaName)).toEqual(['systemuserroles_association']);
  });

  it('serves every alternate key as an EntityKeyMetadata', () => {
    for (const table of metadata.tables) {
      const keys = entity(table.logicalName).navigations.Keys as MetadataNode[];
      expect(keys.map((key) => key.properties.KeyAttributes)).toEqual(table.alternateKeys.map((key) => [...key]));
    }
  });

  it('writes only properties and navigations its declared type has, and declares every one it writes', () => {
    for (const definition of reachable()) {
      const type = metadataEntityType(definition.type)!;
      expect(type, definition.type).toBeDefined();
      const declared = new Set(allProperties(type).map((property) => property.name));
      for (const name of Object.keys(definition.properties).filter((key) => !key.startsWith('@'))) {
        expect(declared.has(name), `${definition.type}.${name}`).toBe(true);
      }
      const navigations = new Set(allNavigations(type).map((navigation) => navigation.name));
      for (const name of Object.keys(definition.navigations)) {
        expect(navigations.has(name), `${definition.type}.${name}`).toBe(true);
      }
      const odataType = definition.properties['@odata.type'];
      if (odataType !== undefined) expect(odataType).toBe(`#Microsoft.Dynamics.CRM.${definition.type}`);
      // Attributes are always of a concrete type derived from AttributeMetadata.
      if (derivesFrom(type, metadataEntityType('AttributeMetadata')!)) expect(type.abstract).toBeFalsy();
    }
  });

  it('gives every definition a distinct MetadataId, the same on every build', () => {
    const ids = reachable().map((definition) => definition.properties.MetadataId);
    expect(new Set(ids).size).toBe(ids.length);
    const again = metadataDefinitions(createSalesMetadata());
    expect(again.entities.map((definition) => definition.properties.MetadataId)).toEqual(
      entities.map((definition) => definition.properties.MetadataId),
    );
  });
});
