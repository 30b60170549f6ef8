/**
 * Hostile metadata URLs (PRODUCT.md C1, C9): unknown properties in `$select`, `$filter` and `$expand`,
 * bad and hostile keys, bad casts, enum literals of unknown types, refused query options, odd methods,
 * on `EntityDefinitions`, `GlobalOptionSetDefinitions` and `RetrieveMetadataChanges`: a 4xx in the
 * Dataverse error shape or an answer, never a 5xx.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_STORES } from '../support/test-stores.js';
import { nastyText } from './support/arbitraries.js';
import {
  assertProperty,
  expectDataverseError,
  expectHandled,
  type HostileServer,
  RUNS,
  rawTarget,
  startHostileServer,
} from './support/hostile-server.js';

const PROPERTY_TIMEOUT = 240_000;

const key = fc.oneof(
  fc.constantFrom(
    "LogicalName='salesorder'",
    "LogicalName='account'",
    "LogicalName='nosuch'",
    "LogicalName='totalamount'",
    "LogicalName='statuscode'",
    "Name='pricingerrorcode'",
    "SchemaName='SalesOrder'",
    "LogicalName=''",
    'LogicalName=5',
    "LogicalName='a',Name='b'",
    "LogicalName='x",
    '',
    '((',
    '00000000-0000-0000-0000-000000000000',
    "x='a/b'",
  ),
  fc.uuid(),
  nastyText.map((text) => `LogicalName='${text.replaceAll("'", "''")}'`),
  nastyText,
);

const cast = fc.constantFrom(
  'Microsoft.Dynamics.CRM.PicklistAttributeMetadata',
  'Microsoft.Dynamics.CRM.StateAttributeMetadata',
  'Microsoft.Dynamics.CRM.StatusAttributeMetadata',
  'Microsoft.Dynamics.CRM.MoneyAttributeMetadata',
  'Microsoft.Dynamics.CRM.LookupAttributeMetadata',
  'Microsoft.Dynamics.CRM.OptionSetMetadata',
  'Microsoft.Dynamics.CRM.EntityMetadata',
  'Microsoft.Dynamics.CRM.MetadataBase',
  'Microsoft.Dynamics.CRM.EnumAttributeMetadata',
  'Microsoft.Dynamics.CRM.NoSuchType',
  'Microsoft.Dynamics.CRM.',
  'Microsoft.Dynamics.CRM.salesorder',
);

const navigation = fc.constantFrom(
  'Attributes',
  'Keys',
  'OneToManyRelationships',
  'ManyToOneRelationships',
  'ManyToManyRelationships',
  'OptionSet',
  'GlobalOptionSet',
  'NoSuchNavigation',
  '$count',
  '$ref',
  'LogicalName',
  '',
);

const segment = fc.oneof(
  navigation,
  fc.tuple(navigation, key).map(([name, text]) => `${name}(${text})`),
  cast,
  nastyText,
);

const option = fc.oneof(
  fc.constantFrom(
    '$select=LogicalName,EntitySetName',
    '$select=NoSuchProperty',
    '$select=Attributes',
    '$select=',
    '$select=*',
    "$filter=LogicalName eq 'salesorder'",
    "$filter=NoSuchProperty eq 'x'",
    "$filter=AttributeType eq Microsoft.Dynamics.CRM.AttributeTypeCode'Picklist'",
    "$filter=AttributeType eq Microsoft.Dynamics.CRM.AttributeTypeCode'Nope'",
    "$filter=AttributeType eq Microsoft.Dynamics.CRM.NoSuchEnum'Picklist'",
    '$filter=DisplayName eq null',
    '$filter=DisplayName/UserLocalizedLabel/NoSuch eq 1',
    "$filter=startswith(LogicalName,'a')",
    '$filter=ObjectTypeCode gt 5',
    '$filter=Attributes/any(a:a/LogicalName eq 1)',
    '$filter=IsCustomEntity',
    '$filter=true',
    '$expand=Attributes',
    '$expand=Attributes($select=NoSuch)',
    '$expand=Attributes($filter=NoSuch eq 1)',
    '$expand=Attributes($top=1)',
    '$expand=Attributes($expand=OptionSet)',
    '$expand=OptionSet,GlobalOptionSet',
    '$expand=NoSuchNavigation',
    '$top=1',
    '$orderby=LogicalName',
    '$count=true',
    '$skiptoken=1',
    '$apply=aggregate($count as n)',
    'fetchXml=<fetch/>',
  ),
  nastyText.map((text) => `$filter=${text}`),
  nastyText.map((text) => `$select=${text}`),
);

const metadataTarget = fc
  .tuple(
    fc.constantFrom('EntityDefinitions', 'GlobalOptionSetDefinitions'),
    fc.option(key, { nil: undefined }),
    fc.array(segment, { maxLength: 4 }),
    fc.array(option, { maxLength: 3 }),
  )
  .map(([set, keyText, rest, options]) => {
    const head = keyText === undefined ? set : `${set}(${keyText})`;
    const query = options.length > 0 ? `?${options.join('&')}` : '';
    return `/api/data/v9.2/${[head, ...rest].join('/')}${query}`;
  });

const metadataQuery = fc.oneof(
  fc.constantFrom(
    '{}',
    '{',
    '[]',
    'null',
    '"x"',
    '{"Criteria":{"Conditions":[{"PropertyName":"NoSuch","ConditionOperator":"Equals","Value":{"Value":"x"}}]}}',
    '{"Criteria":{"Conditions":[{"PropertyName":"LogicalName","ConditionOperator":"Sideways","Value":{"Value":"x"}}]}}',
    '{"Criteria":{"Conditions":[{"PropertyName":"LogicalName","ConditionOperator":"In","Value":{"Value":"not a list"}}]}}',
    '{"Criteria":{"Conditions":[{"PropertyName":"DisplayName","ConditionOperator":"Equals","Value":{"Value":"x"}}]}}',
    '{"Criteria":{"FilterOperator":"Xor"}}',
    '{"Criteria":{"Filters":[{"Filters":[{"Conditions":7}]}]}}',
    '{"Properties":{"PropertyNames":"LogicalName"}}',
    '{"Properties":{"PropertyNames":["NoSuch"]}}',
    '{"AttributeQuery":{"Properties":{"PropertyNames":["NoSuch"]}}}',
    '{"AttributeQuery":5}',
    '{"Properties":{"AllProperties":true},"AttributeQuery":{"Criteria":{"Conditions":[{"PropertyName":"AttributeType","ConditionOperator":"Equals","Value":{"Value":"11"}}]}}}',
  ),
  nastyText,
);

for (const kind of TEST_STORES) {
  describe(`hostile metadata URLs on ${kind}`, () => {
    let hostile: HostileServer;

    beforeAll(async () => {
      hostile = await startHostileServer(kind);
    });
    afterAll(async () => {
      await hostile?.close();
    });

    it(
      'a random metadata URL gets no 5xx with any method, and every refusal is in the error shape',
      async () => {
        await assertProperty(
          fc.asyncProperty(
            metadataTarget,
            fc.constantFrom('GET', 'GET', 'GET', 'POST', 'PATCH', 'PUT', 'DELETE'),
            async (path, method) => {
              const sent = rawTarget(path);
              const body = method === 'GET' || method === 'DELETE' ? undefined : '{"LogicalName":"x"}';
              const headers: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' };
              const response = await hostile.raw(sent, { method, headers, ...(body !== undefined ? { body } : {}) });
              const context = `${method} ${sent.slice(0, 400)}`;
              expectHandled(response, context);
              if (method !== 'GET') expect(response.status, context).toBeGreaterThanOrEqual(400);
            },
          ),
          RUNS * 2,
        );
      },
      PROPERTY_TIMEOUT,
    );

    it(
      'a hostile RetrieveMetadataChanges query gets an answer or a 4xx',
      async () => {
        await assertProperty(
          fc.asyncProperty(metadataQuery, async (query) => {
            const sent = `/api/data/v9.2/RetrieveMetadataChanges(Query=@q)?@q=${encodeURIComponent(query)}`;
            const response = await hostile.raw(rawTarget(sent));
            expectHandled(response, `GET ${sent.slice(0, 400)}`);
          }),
          RUNS,
        );
      },
      PROPERTY_TIMEOUT,
    );

    it.each([
      'EntityDefinitions?$select=NoSuchProperty',
      "EntityDefinitions?$filter=NoSuchProperty eq 'x'",
      "EntityDefinitions(LogicalName='salesorder')/Attributes?$expand=Nope",
      "EntityDefinitions(LogicalName='salesorder')/Attributes/Microsoft.Dynamics.CRM.Nope",
      "EntityDefinitions(LogicalName='salesorder')/Attributes/Microsoft.Dynamics.CRM.OptionSetMetadata",
      "EntityDefinitions(LogicalName='salesorder')/Attributes(LogicalName='nope')",
      "EntityDefinitions(LogicalName='salesorder'",
      'EntityDefinitions(((',
      "GlobalOptionSetDefinitions(LogicalName='x')",
      "EntityDefinitions?$filter=AttributeType eq Microsoft.Dynamics.CRM.NoSuchEnum'x'",
    ])('GET %s is a 4xx in the error shape', async (path) => {
      const response = await hostile.raw(rawTarget(`/api/data/v9.2/${path}`));
      expect(response.status, response.text).toBeGreaterThanOrEqual(400);
      expect(response.status, response.text).toBeLessThan(500);
      expectDataverseError(response, path);
    });
  });
}
