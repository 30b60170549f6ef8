/**
 * The metadata calls of the real `dynamics-web-api` 2.5 client (`retrieveEntity`, `retrieveEntities`,
 * `retrieveAttributes`, `retrieveAttribute`, `retrieveGlobalOptionSet`, `retrieveGlobalOptionSets`),
 * through its own URL building and response parsing, over a real socket. The definitions are the same on
 * every store, so one store is enough.
 */
import { DynamicsWebApi } from 'dynamics-web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSalesMetadata } from '../../src/domain/metadata/sales-metadata.js';
import { ADMIN_TOKEN, startTestServer, type TestServer } from '../support/test-app.js';
import { TEST_STORES } from '../support/test-stores.js';

// biome-ignore lint/suspicious/noExplicitAny: definitions are dynamic, as the client's own results (`any`) are.
type Json = any;

const metadata = createSalesMetadata();

describe(`dynamics-web-api 2.5 metadata calls on ${TEST_STORES[0]}`, () => {
  let server: TestServer;
  let dwa: DynamicsWebApi;

  beforeAll(async () => {
    server = await startTestServer(TEST_STORES[0]!);
    dwa = new DynamicsWebApi({
      serverUrl: server.baseUrl,
      onTokenRefresh: async () => ADMIN_TOKEN,
      dataApi: { version: '9.2' },
    });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('retrieveEntity reads a table by logical name, with $select and an expanded Attributes', async () => {
    const order: Json = await dwa.retrieveEntity({
      key: "LogicalName='salesorder'",
      select: ['LogicalName', 'EntitySetName', 'PrimaryIdAttribute'],
      expand: [{ property: 'Attributes', select: ['LogicalName', 'AttributeType'] }],
    });
    expect(order).toMatchObject({
      LogicalName: 'salesorder',
      EntitySetName: 'salesorders',
      PrimaryIdAttribute: 'salesorderid',
    });
    expect(order.Attributes.map((attribute: Json) => attribute.LogicalName)).toEqual(
      metadata.table('salesorder')!.columns.map((column) => column.name),
    );
  });

  it('retrieveEntities filters the tables', async () => {
    const result = await dwa.retrieveEntities<Json>({
      select: ['LogicalName'],
      filter: 'IsCustomEntity eq true',
    });
    expect(result.value.map((entity: Json) => entity.LogicalName).sort()).toEqual(
      metadata.tables
        .map((table) => table.logicalName)
        .filter((name) => name.startsWith('ol_'))
        .sort(),
    );
  });

  it('retrieveAttributes casts to PicklistAttributeMetadata and expands the option sets', async () => {
    const result = await dwa.retrieveAttributes<Json>({
      entityKey: "LogicalName='quote'",
      castType: 'Microsoft.Dynamics.CRM.PicklistAttributeMetadata',
      select: ['LogicalName'],
      expand: [{ property: 'OptionSet' }, { property: 'GlobalOptionSet' }],
    });
    const picklists = metadata.table('quote')!.columns.filter((column) => column.type === 'picklist');
    expect(result.value.map((attribute: Json) => attribute.LogicalName)).toEqual(
      picklists.map((column) => column.name),
    );
    for (const attribute of result.value) expect(attribute.OptionSet.Options.length).toBeGreaterThan(0);
  });

  it('retrieveAttribute reads one column by logical name, cast to its type', async () => {
    const amount: Json = await dwa.retrieveAttribute({
      entityKey: "LogicalName='salesorder'",
      attributeKey: "LogicalName='totalamount'",
      castType: 'Microsoft.Dynamics.CRM.MoneyAttributeMetadata',
      select: ['LogicalName', 'Precision', 'PrecisionSource'],
    });
    expect(amount).toMatchObject({ LogicalName: 'totalamount', Precision: 2, PrecisionSource: 2 });
  });

  it('retrieveGlobalOptionSet and retrieveGlobalOptionSets read the global option sets', async () => {
    const one: Json = await dwa.retrieveGlobalOptionSet({ key: "Name='pricingerrorcode'" });
    expect(one).toMatchObject({ Name: 'pricingerrorcode', IsGlobal: true });
    const all = await dwa.retrieveGlobalOptionSets<Json>({ select: ['Name'] });
    expect(all.value.map((set: Json) => set.Name)).toContain('pricingerrorcode');
  });
});
