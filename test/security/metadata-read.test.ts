/**
 * Table definitions are readable by every signed-in user, whatever their roles (a user with no role
 * included), as in Dataverse, where reading metadata needs no privilege; nobody may write them, not even
 * the System Administrator; and an anonymous caller reads nothing. Run on both stores: the request path
 * goes through authentication and the store-backed principal loader.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-app.js';
import { TEST_STORES } from '../support/test-stores.js';
import { type MatrixSetup, setUpMatrix } from './matrix-fixtures.js';
import { PRINCIPALS } from './role-expectations.js';

const READS = [
  "EntityDefinitions(LogicalName='salesorder')?$select=EntitySetName",
  "EntityDefinitions(LogicalName='salesorder')/Attributes/Microsoft.Dynamics.CRM.PicklistAttributeMetadata?$select=LogicalName&$expand=OptionSet",
  "GlobalOptionSetDefinitions(Name='pricingerrorcode')",
  `RetrieveMetadataChanges(Query=@q)?@q=${encodeURIComponent(
    JSON.stringify({ Properties: { PropertyNames: ['LogicalName', 'EntitySetName'] } }),
  )}`,
];

for (const kind of TEST_STORES) {
  describe(`metadata is readable by every signed-in user on ${kind}`, () => {
    let server: TestServer;
    let setup: MatrixSetup;

    beforeAll(async () => {
      server = await startTestServer(kind);
      setup = await setUpMatrix(server);
    });
    afterAll(async () => {
      await server?.close();
    });

    it.each(PRINCIPALS)('%s reads the table definitions and RetrieveMetadataChanges', async (name) => {
      const { token } = setup.users[name];
      for (const path of READS) {
        const response = await server.api(path, { token });
        expect(response.status, `${name} GET ${path}: ${response.text}`).toBe(200);
      }
      const order = await server.api("EntityDefinitions(LogicalName='salesorder')?$select=EntitySetName", { token });
      expect(order.json.EntitySetName).toBe('salesorders');
    });

    it.each(PRINCIPALS)('%s may not create, change or delete a definition', async (name) => {
      const { token } = setup.users[name];
      const attempts = [
        { method: 'POST', path: 'EntityDefinitions' },
        { method: 'PATCH', path: "EntityDefinitions(LogicalName='salesorder')" },
        { method: 'PUT', path: "EntityDefinitions(LogicalName='salesorder')/Attributes(LogicalName='name')" },
        { method: 'DELETE', path: "GlobalOptionSetDefinitions(Name='pricingerrorcode')" },
      ];
      for (const { method, path } of attempts) {
        const response = await server.api(path, { method, token, body: { LogicalName: 'x' } });
        expect(response.status, `${name} ${method} ${path}`).toBe(405);
      }
      const after = await server.api("EntityDefinitions(LogicalName='salesorder')/Attributes(LogicalName='name')");
      expect(after.json.LogicalName).toBe('name');
    });

    it('refuses an anonymous caller', async () => {
      const response = await server.api('EntityDefinitions?$select=LogicalName', { token: null });
      expect(response.status).toBe(401);
    });
  });
}
