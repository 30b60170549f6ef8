/**
 * Compatibility with the real `dataverse-webapi` 3.3 client, its browser build (the one web resources
 * use) over a fetch-backed XMLHttpRequest, against a server on loopback on each store. The client
 * writes the URLs of `$batch` parts unencoded (`GET /api/data/v9.2/accounts?$filter=name eq 'x'
 * HTTP/1.1`), which Orderline reads as Microsoft's OData batch reader does, and its queries use
 * query functions with logical names (`EqualUserId(PropertyName='ownerid')`). Expected rows are
 * computed with plain `$filter` requests. Its `retrieveMultiple` passes any query string, so FetchXML and
 * views are run through it as a web resource would.
 */
import { type BatchResponse, batchOperation, create, retrieveMultiple, WebApiConfig } from 'dataverse-webapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrincipal } from '../security/matrix-fixtures.js';
import { installXmlHttpRequest } from '../support/fetch-xml-http-request.js';
import { ADMIN_TOKEN, startTestServer, type TestServer } from '../support/test-app.js';
import { TEST_STORES } from '../support/test-stores.js';

/** Dataverse's own id of the Active Accounts system view, which Orderline provisions under the same id. */
const ACTIVE_ACCOUNTS = '00000000-0000-0000-00aa-000010001002';

for (const kind of TEST_STORES) {
  describe(`dataverse-webapi 3.3 on ${kind}`, () => {
    let server: TestServer;
    let removeXmlHttpRequest: () => void;
    let config: WebApiConfig;
    let adminId: string;

    beforeAll(async () => {
      removeXmlHttpRequest = installXmlHttpRequest();
      server = await startTestServer(kind);
      config = new WebApiConfig('9.2', ADMIN_TOKEN, server.baseUrl.replace(/\/$/, ''));
      adminId = (await server.api('WhoAmI')).json.UserId;
      // Accounts of two owners: the administrator's own, and a Sales Manager's.
      const roles = await server.api('roles?$select=roleid,name');
      const roleIds = new Map<string, string>(
        roles.json.value.map((role: { name: string; roleid: string }) => [role.name, role.roleid]),
      );
      const manager = await createPrincipal(
        server,
        (await server.api('WhoAmI')).json.BusinessUnitId,
        roleIds,
        'Manager',
        ['Sales Manager'],
      );
      for (const name of ['Space A', 'Space B']) await create(config, 'accounts', { name });
      const managerConfig = new WebApiConfig('9.2', manager.token, server.baseUrl.replace(/\/$/, ''));
      for (const name of ['Space C', 'Space D']) await create(managerConfig, 'accounts', { name });
    });
    afterAll(async () => {
      await server?.close();
      removeXmlHttpRequest?.();
    });

    async function namesByFilter(filter: string): Promise<string[]> {
      const response = await server.api(`accounts?$select=name&$filter=${encodeURIComponent(filter)}`);
      expect(response.status, response.text).toBe(200);
      return response.json.value.map((row: { name: string }) => row.name).sort();
    }

    it("retrieveMultiple with EqualUserId(PropertyName='ownerid') returns the caller's rows, as _ownerid_value eq does", async () => {
      const result = await retrieveMultiple(
        config,
        'accounts',
        "$select=name&$filter=Microsoft.Dynamics.CRM.EqualUserId(PropertyName='ownerid') and startswith(name,'Space')",
      );
      const expected = await namesByFilter(`_ownerid_value eq ${adminId} and startswith(name,'Space')`);
      expect(expected).toEqual(['Space A', 'Space B']);
      expect(result.value.map((row) => row.name).sort()).toEqual(expected);
    });

    it('batchOperation with unencoded spaces in its part URLs: a change set and two queries, all served', async () => {
      const responses = (await batchOperation(
        config,
        'spaces1',
        'spaces2',
        [{ method: 'POST', queryString: 'accounts', entity: { name: 'Space E made in a batch' } }],
        [
          "accounts?$select=name&$filter=name eq 'Space E made in a batch'",
          "accounts?$select=name&$filter=Microsoft.Dynamics.CRM.NotEqualUserId(PropertyName='ownerid') and startswith(name,'Space')",
        ],
      )) as BatchResponse[];
      expect(responses.map((response) => response.httpStatus)).toEqual([204, 200, 200]);
      expect(responses[0]!.entityId).toMatch(/^[0-9a-f-]{36}$/);
      expect(responses[1]!.data.value.map((row: { name: string }) => row.name)).toEqual(['Space E made in a batch']);
      const others = await namesByFilter(`_ownerid_value ne ${adminId} and startswith(name,'Space')`);
      expect(others).toEqual(['Space C', 'Space D']);
      expect(responses[2]!.data.value.map((row: { name: string }) => row.name).sort()).toEqual(others);
    });

    it('retrieveMultiple with a fetchXml query string: a link-entity to the owner, filtered on eq-userid, as $filter answers', async () => {
      const fetchXml =
        '<fetch><entity name="account"><attribute name="name" />' +
        '<filter><condition attribute="name" operator="begins-with" value="Space" /></filter>' +
        '<link-entity name="systemuser" from="systemuserid" to="ownerid" alias="owner"><attribute name="fullname" />' +
        '<filter><condition attribute="systemuserid" operator="eq-userid" /></filter></link-entity></entity></fetch>';
      // The client encodes the whole URL itself (encodeURI), so the FetchXML goes in as it is.
      const result = await retrieveMultiple(config, 'accounts', `fetchXml=${fetchXml}`);
      const expected = await namesByFilter(`_ownerid_value eq ${adminId} and startswith(name,'Space')`);
      expect(expected.length).toBeGreaterThan(1);
      expect(result.value.map((row) => row.name).sort()).toEqual(expected);
      expect(result.value.every((row) => typeof row.owner_x002e_fullname === 'string')).toBe(true);
    });

    it('retrieveMultiple with savedQuery runs the Active Accounts system view, as statecode eq 0 answers', async () => {
      const result = await retrieveMultiple(config, 'accounts', `savedQuery=${ACTIVE_ACCOUNTS}`);
      const expected = await namesByFilter('statecode eq 0');
      expect(result.value.map((row) => row.name).sort()).toEqual(expected);
    });
  });
}
