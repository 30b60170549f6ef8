/**
 * The metadata sets over HTTP, as Learn's "Query table definitions using the Web API" writes its
 * requests: `EntityDefinitions` by key, `$select`, `$filter` (with enum literals), `$expand`, the
 * navigation collections and type casts, `GlobalOptionSetDefinitions`, `RetrieveMetadataChanges` as
 * dataverse-gen sends it, and the refusals. The definitions do not depend on the store, so one store is
 * enough here (the security suite runs on both).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSalesMetadata } from '../../src/domain/metadata/sales-metadata.js';
import { startTestServer, type TestServer } from '../support/test-app.js';
import { TEST_STORES } from '../support/test-stores.js';

const metadata = createSalesMetadata();
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

// biome-ignore lint/suspicious/noExplicitAny: definitions are dynamic JSON, as a client reads them.
type Json = any;

describe(`metadata queries on ${TEST_STORES[0]}`, () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(TEST_STORES[0]!);
  });
  afterAll(async () => {
    await server?.close();
  });

  async function get(path: string): Promise<Json> {
    const response = await server.api(path);
    expect(response.status, `${path}: ${response.text}`).toBe(200);
    return response.json;
  }

  async function refusal(path: string, status: number): Promise<string> {
    const response = await server.api(path);
    expect(response.status, `${path}: ${response.text}`).toBe(status);
    expect(response.json.error.code).toMatch(/^0x[0-9a-f]{8}$/);
    return response.json.error.message;
  }

  describe('EntityDefinitions', () => {
    it('lists every table, with MetadataId always written beside the $select columns', async () => {
      const body = await get('EntityDefinitions?$select=LogicalName,EntitySetName');
      expect(body['@odata.context']).toBe(
        `${server.serviceRoot}$metadata#EntityDefinitions(LogicalName,EntitySetName)`,
      );
      expect(body.value).toHaveLength(metadata.tables.length);
      for (const [index, table] of metadata.tables.entries()) {
        expect(Object.keys(body.value[index]).sort()).toEqual(['EntitySetName', 'LogicalName', 'MetadataId']);
        expect(body.value[index]).toMatchObject({ LogicalName: table.logicalName, EntitySetName: table.entitySetName });
        expect(body.value[index].MetadataId).toMatch(GUID);
      }
    });

    it("answers EntityDefinitions(LogicalName='salesorder')?$select=EntitySetName, as Xrm-style clients ask before each call", async () => {
      const body = await get("EntityDefinitions(LogicalName='salesorder')?$select=EntitySetName");
      expect(body['@odata.context']).toBe(`${server.serviceRoot}$metadata#EntityDefinitions(EntitySetName)/$entity`);
      expect(body.EntitySetName).toBe('salesorders');
    });

    it('finds a table by its MetadataId as by its logical name', async () => {
      const byName = await get("EntityDefinitions(LogicalName='quote')");
      const byId = await get(`EntityDefinitions(${byName.MetadataId})`);
      expect(byId).toEqual(byName);
      expect(byName).toMatchObject({
        LogicalName: 'quote',
        SchemaName: 'Quote',
        ObjectTypeCode: 1084,
        OwnershipType: 'UserOwned',
        IsCustomEntity: false,
        PrimaryIdAttribute: 'quoteid',
        DisplayName: {
          LocalizedLabels: [{ Label: 'Quote', LanguageCode: 1033 }],
          UserLocalizedLabel: { Label: 'Quote', LanguageCode: 1033 },
        },
      });
    });

    it('filters with eq, ne, and, or, not, on enum members and on paths into labels', async () => {
      const user = await get(
        "EntityDefinitions?$select=LogicalName&$filter=OwnershipType eq Microsoft.Dynamics.CRM.OwnershipTypes'UserOwned' and IsCustomEntity eq false",
      );
      expect(user.value.map((row: Json) => row.LogicalName).sort()).toEqual(
        metadata.tables
          .filter((table) => table.ownership === 'user' && !table.logicalName.startsWith('ol_'))
          .map((table) => table.logicalName)
          .sort(),
      );
      const labelled = await get(
        "EntityDefinitions?$select=LogicalName&$filter=DisplayName/UserLocalizedLabel/Label eq 'Order' or LogicalName eq 'quote'",
      );
      expect(labelled.value.map((row: Json) => row.LogicalName).sort()).toEqual(['quote', 'salesorder']);
      const others = await get("EntityDefinitions?$select=LogicalName&$filter=not (LogicalName ne 'account')");
      expect(others.value.map((row: Json) => row.LogicalName)).toEqual(['account']);
    });

    it('expands Attributes with a nested $select and $filter', async () => {
      const body = await get(
        "EntityDefinitions(LogicalName='salesorder')?$select=LogicalName&$expand=Attributes($select=LogicalName,AttributeType;$filter=AttributeType eq Microsoft.Dynamics.CRM.AttributeTypeCode'Money')",
      );
      const money = metadata
        .table('salesorder')!
        .columns.filter((column) => column.type === 'money')
        .map((column) => column.name);
      expect(body.Attributes.map((attribute: Json) => attribute.LogicalName)).toEqual(money);
      expect(body.Attributes[0]).toEqual({
        '@odata.type': '#Microsoft.Dynamics.CRM.MoneyAttributeMetadata',
        MetadataId: expect.stringMatching(GUID),
        LogicalName: money[0],
        AttributeType: 'Money',
      });
    });

    it('expands Keys and the three relationship collections', async () => {
      const body = await get(
        "EntityDefinitions(LogicalName='systemuser')?$select=LogicalName&$expand=Keys,OneToManyRelationships($select=SchemaName),ManyToOneRelationships($select=SchemaName),ManyToManyRelationships",
      );
      expect(body.ManyToManyRelationships).toEqual([
        expect.objectContaining({
          SchemaName: 'systemuserroles_association',
          Entity1LogicalName: 'systemuser',
          Entity2LogicalName: 'role',
          IntersectEntityName: 'systemuserroles',
        }),
      ]);
      expect(body.OneToManyRelationships.length).toBeGreaterThan(0);
      expect(body.ManyToOneRelationships.length).toBeGreaterThan(0);
      expect(Array.isArray(body.Keys)).toBe(true);
    });
  });

  describe('attributes', () => {
    it("reads EntityDefinitions(LogicalName='x')/Attributes and one attribute by logical name", async () => {
      const all = await get("EntityDefinitions(LogicalName='salesorder')/Attributes?$select=LogicalName");
      expect(all.value.map((attribute: Json) => attribute.LogicalName)).toEqual(
        metadata.table('salesorder')!.columns.map((column) => column.name),
      );
      const name = await get("EntityDefinitions(LogicalName='salesorder')/Attributes(LogicalName='name')");
      expect(name).toMatchObject({
        '@odata.type': '#Microsoft.Dynamics.CRM.StringAttributeMetadata',
        LogicalName: 'name',
        EntityLogicalName: 'salesorder',
        AttributeType: 'String',
        AttributeTypeName: { Value: 'StringType' },
        MaxLength: 300,
        IsValidForCreate: true,
        IsValidForUpdate: true,
        RequiredLevel: { Value: 'ApplicationRequired', CanBeChanged: true },
      });
    });

    it('casts to PicklistAttributeMetadata and expands OptionSet and GlobalOptionSet', async () => {
      const body = await get(
        "EntityDefinitions(LogicalName='salesorder')/Attributes/Microsoft.Dynamics.CRM.PicklistAttributeMetadata?$select=LogicalName&$expand=OptionSet($select=Name,Options),GlobalOptionSet($select=Name)",
      );
      const picklists = metadata.table('salesorder')!.columns.filter((column) => column.type === 'picklist');
      expect(body.value.map((attribute: Json) => attribute.LogicalName)).toEqual(
        picklists.map((column) => column.name),
      );
      const orderType = body.value.find((attribute: Json) => attribute.LogicalName === 'msdyn_ordertype');
      const declared = picklists.find((column) => column.name === 'msdyn_ordertype')!;
      expect(orderType.OptionSet.Name).toBe('salesorder_msdyn_ordertype');
      expect(
        orderType.OptionSet.Options.map((option: Json) => [option.Value, option.Label.UserLocalizedLabel.Label]),
      ).toEqual(declared.type === 'picklist' ? declared.options.map((option) => [option.value, option.label]) : []);
      expect(orderType.GlobalOptionSet).toBeNull();
      const shared = body.value.find((attribute: Json) => attribute.LogicalName === 'pricingerrorcode');
      expect(shared.GlobalOptionSet.Name).toBe('pricingerrorcode');
    });

    it('casts to StateAttributeMetadata and StatusAttributeMetadata with the state model', async () => {
      const state = await get(
        "EntityDefinitions(LogicalName='salesorder')/Attributes(LogicalName='statecode')/Microsoft.Dynamics.CRM.StateAttributeMetadata?$select=LogicalName&$expand=OptionSet",
      );
      const order = metadata.table('salesorder')!;
      expect(state.OptionSet.Options.map((option: Json) => [option.Value, option.DefaultStatus])).toEqual(
        order.states.map((entry) => [entry.value, entry.defaultStatus]),
      );
      const status = await get(
        "EntityDefinitions(LogicalName='salesorder')/Attributes/Microsoft.Dynamics.CRM.StatusAttributeMetadata?$expand=OptionSet",
      );
      expect(status.value[0].OptionSet.Options.map((option: Json) => [option.Value, option.State])).toEqual(
        order.states.flatMap((entry) => entry.statuses.map((reason) => [reason.value, entry.value])),
      );
    });

    it('casts to MoneyAttributeMetadata, DecimalAttributeMetadata, StringAttributeMetadata and LookupAttributeMetadata', async () => {
      const money = await get(
        "EntityDefinitions(LogicalName='salesorderdetail')/Attributes/Microsoft.Dynamics.CRM.MoneyAttributeMetadata?$select=LogicalName,Precision,PrecisionSource,MinValue,MaxValue,IsBaseCurrency",
      );
      const price = money.value.find((attribute: Json) => attribute.LogicalName === 'priceperunit');
      const column = metadata
        .table('salesorderdetail')!
        .columns.find((candidate) => candidate.name === 'priceperunit')!;
      expect(column.type).toBe('money');
      if (column.type === 'money') {
        expect(price).toMatchObject({
          Precision: column.precision,
          PrecisionSource: column.precisionSource,
          IsBaseCurrency: false,
        });
      }
      const decimals = await get(
        "EntityDefinitions(LogicalName='salesorderdetail')/Attributes/Microsoft.Dynamics.CRM.DecimalAttributeMetadata?$select=LogicalName,Precision",
      );
      expect(decimals.value.map((attribute: Json) => attribute.LogicalName)).toContain('quantity');
      const strings = await get(
        "EntityDefinitions(LogicalName='account')/Attributes/Microsoft.Dynamics.CRM.StringAttributeMetadata?$select=LogicalName,MaxLength",
      );
      expect(strings.value.find((attribute: Json) => attribute.LogicalName === 'name').MaxLength).toBeGreaterThan(0);
      const lookups = await get(
        "EntityDefinitions(LogicalName='salesorder')/Attributes/Microsoft.Dynamics.CRM.LookupAttributeMetadata?$select=LogicalName,Targets",
      );
      expect(lookups.value.find((attribute: Json) => attribute.LogicalName === 'customerid').Targets).toEqual([
        'account',
        'contact',
      ]);
    });
  });

  describe('GlobalOptionSetDefinitions', () => {
    it('lists the global option sets and reads one by name', async () => {
      const all = await get('GlobalOptionSetDefinitions?$select=Name');
      const names = all.value.map((set: Json) => set.Name);
      expect(names).toContain('pricingerrorcode');
      const one = await get("GlobalOptionSetDefinitions(Name='pricingerrorcode')");
      expect(one).toMatchObject({ Name: 'pricingerrorcode', IsGlobal: true, OptionSetType: 'Picklist' });
      const cast = await get(
        "GlobalOptionSetDefinitions(Name='pricingerrorcode')/Microsoft.Dynamics.CRM.OptionSetMetadata?$select=Options",
      );
      expect(cast.Options).toEqual(one.Options);
    });
  });

  describe('RetrieveMetadataChanges', () => {
    /** The query dataverse-gen's MetadataService sends for one table. */
    const generatorQuery = (logicalName: string) => ({
      Criteria: {
        Conditions: [
          {
            PropertyName: 'LogicalName',
            ConditionOperator: 'Equals',
            Value: { Value: logicalName, Type: 'System.String' },
          },
        ],
        FilterOperator: 'And',
      },
      Properties: { PropertyNames: ['Attributes', 'SchemaName', 'EntitySetName'] },
      AttributeQuery: {
        Properties: {
          PropertyNames: [
            'SchemaName',
            'LogicalName',
            'OptionSet',
            'RequiredLevel',
            'AttributeType',
            'AttributeTypeName',
            'SourceType',
            'IsLogical',
            'AttributeOf',
            'Targets',
            'Description',
            'DateTimeBehavior',
            'Format',
            'DisplayName',
          ],
        },
      },
    });

    const call = (query: unknown, extra = '') =>
      `RetrieveMetadataChanges(Query=@q${extra})?@q=${encodeURIComponent(JSON.stringify(query))}`;

    it('answers the query of an early-bound generator with the table, its attributes and their option sets', async () => {
      const body = await get(call(generatorQuery('salesorder')));
      expect(body['@odata.context']).toBe(
        `${server.serviceRoot}$metadata#Microsoft.Dynamics.CRM.RetrieveMetadataChangesResponse`,
      );
      expect(body.EntityMetadata).toHaveLength(1);
      const [order] = body.EntityMetadata;
      expect(order).toMatchObject({
        '@odata.type': '#Microsoft.Dynamics.CRM.ComplexEntityMetadata',
        SchemaName: 'SalesOrder',
        EntitySetName: 'salesorders',
      });
      expect(order.LogicalName).toBeUndefined();
      expect(order.Attributes.map((attribute: Json) => attribute.LogicalName)).toEqual(
        metadata.table('salesorder')!.columns.map((column) => column.name),
      );
      const status = order.Attributes.find((attribute: Json) => attribute.LogicalName === 'statuscode');
      expect(status['@odata.type']).toBe('#Microsoft.Dynamics.CRM.ComplexStatusAttributeMetadata');
      expect(status.OptionSet.Options.length).toBeGreaterThan(0);
      const customer = order.Attributes.find((attribute: Json) => attribute.LogicalName === 'customerid');
      expect(customer.Targets).toEqual(['account', 'contact']);
      expect(customer.MaxLength).toBeUndefined();
      expect(typeof body.ServerVersionStamp).toBe('string');
    });

    it('takes In with a list, and answers nothing changed to the stamp it gave', async () => {
      const query = {
        Criteria: {
          Conditions: [
            {
              PropertyName: 'LogicalName',
              ConditionOperator: 'In',
              Value: { Type: 'System.String[]', Value: JSON.stringify(['quote', 'invoice']) },
            },
          ],
        },
        Properties: { PropertyNames: ['LogicalName'] },
      };
      const first = await get(call(query));
      expect(first.EntityMetadata.map((entity: Json) => entity.LogicalName).sort()).toEqual(['invoice', 'quote']);
      const again = await get(
        `RetrieveMetadataChanges(Query=@q,ClientVersionStamp=@s)?@q=${encodeURIComponent(JSON.stringify(query))}&@s='${first.ServerVersionStamp}'`,
      );
      expect(again.EntityMetadata).toEqual([]);
      expect(again.ServerVersionStamp).toBe(first.ServerVersionStamp);
    });

    it('takes enum values as numbers too, as generated enums serialize them, and filters attributes', async () => {
      const query = {
        Criteria: {
          FilterOperator: 0,
          Conditions: [
            { PropertyName: 'ObjectTypeCode', ConditionOperator: 0, Value: { Type: 'System.Int32', Value: 1088 } },
          ],
        },
        Properties: { PropertyNames: ['LogicalName', 'Attributes'] },
        AttributeQuery: {
          // AttributeTypeCode 11 is Picklist.
          Criteria: { Conditions: [{ PropertyName: 'AttributeType', ConditionOperator: 0, Value: { Value: 11 } }] },
          Properties: { PropertyNames: ['LogicalName'] },
        },
      };
      const body = await get(call(query));
      expect(body.EntityMetadata.map((entity: Json) => entity.LogicalName)).toEqual(['salesorder']);
      expect(body.EntityMetadata[0].Attributes.map((attribute: Json) => attribute.LogicalName)).toEqual(
        metadata
          .table('salesorder')!
          .columns.filter((column) => column.type === 'picklist')
          .map((column) => column.name),
      );
    });

    it('refuses an unknown property name and a query that is not JSON', async () => {
      const unknown = generatorQuery('salesorder');
      unknown.Properties.PropertyNames.push('NoSuchProperty');
      expect(await refusal(call(unknown), 400)).toContain("'NoSuchProperty'");
      expect(await refusal('RetrieveMetadataChanges(Query=@q)?@q={not json', 400)).toContain('EntityQueryExpression');
    });
  });

  describe('inside $batch', () => {
    it('answers a metadata GET sent as a batch part, as clients send GETs too long for a URL', async () => {
      const body = [
        '--batch_meta',
        'Content-Type: application/http',
        'Content-Transfer-Encoding: binary',
        '',
        `GET ${server.serviceRoot}EntityDefinitions(LogicalName='invoice')?$select=EntitySetName HTTP/1.1`,
        'Accept: application/json',
        '',
        '--batch_meta--',
        '',
      ].join('\r\n');
      const response = await server.api('$batch', {
        method: 'POST',
        body,
        headers: { 'content-type': 'multipart/mixed; boundary=batch_meta' },
      });
      expect(response.status, response.text).toBe(200);
      expect(response.text).toContain('HTTP/1.1 200');
      expect(response.text).toContain('"EntitySetName":"invoices"');
    });
  });

  describe('refusals', () => {
    it.each([
      ['EntityDefinitions?$select=NoSuchProperty', 400, "Could not find a property named 'NoSuchProperty'"],
      ["EntityDefinitions?$filter=NoSuchProperty eq 'x'", 400, "Could not find a property named 'NoSuchProperty'"],
      ['EntityDefinitions?$top=1', 400, 'The query parameter $top is not supported'],
      ['EntityDefinitions?$orderby=LogicalName', 400, 'The query parameter $orderby is not supported'],
      ["EntityDefinitions?$filter=startswith(LogicalName,'sales')", 400, 'not supported in a metadata query'],
      ["EntityDefinitions(LogicalName='nosuchtable')", 404, "LogicalName = 'nosuchtable'"],
      ["EntityDefinitions(Name='salesorder')", 400, "LogicalName='...'"],
      ["EntityDefinitions(LogicalName='salesorder')/NoSuchNavigation", 400, "'NoSuchNavigation'"],
      ["EntityDefinitions(LogicalName='salesorder')/Attributes/Microsoft.Dynamics.CRM.NoSuchType", 400, 'NoSuchType'],
      [
        "EntityDefinitions(LogicalName='salesorder')/Attributes/Microsoft.Dynamics.CRM.EntityMetadata",
        400,
        'does not derive from',
      ],
      [
        "EntityDefinitions(LogicalName='salesorder')/Attributes(LogicalName='name')/Microsoft.Dynamics.CRM.PicklistAttributeMetadata",
        404,
        'is not a PicklistAttributeMetadata',
      ],
      [
        "EntityDefinitions(LogicalName='salesorder')/Attributes?$select=MaxLength",
        400,
        "on type 'Microsoft.Dynamics.CRM.AttributeMetadata'",
      ],
      ['EntityDefinitions?$expand=OptionSet', 400, "'OptionSet'"],
    ])('%s answers %i', async (path, status, message) => {
      expect(await refusal(path, status)).toContain(message);
    });

    it.each(['POST', 'PATCH', 'PUT', 'DELETE'])('refuses %s: the definitions are read-only', async (method) => {
      const target = method === 'POST' ? 'EntityDefinitions' : "EntityDefinitions(LogicalName='account')";
      const response = await server.api(target, { method, body: { LogicalName: 'new_table' } });
      expect(response.status, response.text).toBe(405);
      expect(response.json.error.code).toBe('0x80060888');
    });
  });
});
