/**
 * Compatibility with the real `xrm-webapi-client` 4.1 (an `Xrm.WebApi`-style client, XRM-OSS), over a
 * real socket to a server on loopback, once per store. The client names tables by logical name and turns
 * them into entity set names with `WebApiClient.GetSetName`, which only pluralizes; Xrm-style code
 * replaces it with the table definitions, read through the client itself as
 * `EntityDefinitions(LogicalName='account')?$select=EntitySetName` (or all at once). This suite does just
 * that, then creates, retrieves and updates an account by logical name.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebApiClient from 'xrm-webapi-client';
import { FetchXmlHttpRequest } from '../support/fetch-xml-http-request.js';
import { ADMIN_TOKEN, startTestServer, type TestServer } from '../support/test-app.js';
import { TEST_STORES } from '../support/test-stores.js';

// biome-ignore lint/suspicious/noExplicitAny: the client answers untyped JSON.
type Json = any;

const originalGetSetName = WebApiClient.GetSetName;

for (const kind of TEST_STORES) {
  describe(`xrm-webapi-client 4.1 on ${kind}`, () => {
    let server: TestServer;
    const globals = globalThis as Record<string, unknown>;

    beforeAll(async () => {
      server = await startTestServer(kind);
      // The client is written for a browser: it sends through XMLHttpRequest and looks at `window`.
      globals.XMLHttpRequest = FetchXmlHttpRequest;
      globals.window = globalThis;
      // `Configure` is in the library, not in its type declarations.
      (WebApiClient as unknown as { Configure(settings: object): void }).Configure({
        ClientUrl: server.serviceRoot,
        Token: ADMIN_TOKEN,
        ReturnAllPages: false,
      });
    });
    afterAll(async () => {
      WebApiClient.GetSetName = originalGetSetName;
      delete globals.XMLHttpRequest;
      delete globals.window;
      await server?.close();
    });

    it("reads a table's entity set name by its logical name, as Xrm-style code does before a call", async () => {
      const definition: Json = await WebApiClient.Retrieve({
        overriddenSetName: 'EntityDefinitions',
        alternateKey: [{ property: 'LogicalName', value: 'salesorder' }],
        queryParams: '?$select=EntitySetName',
      });
      expect(definition.EntitySetName).toBe('salesorders');
      expect(FetchXmlHttpRequest.sent.at(-1)!.url).toBe(
        `${server.serviceRoot}EntityDefinitions(LogicalName='salesorder')?$select=EntitySetName`,
      );
    });

    it('creates, retrieves and updates an account by logical name, its set name resolved from the definitions', async () => {
      const definitions: Json = await WebApiClient.Retrieve({
        overriddenSetName: 'EntityDefinitions',
        queryParams: '?$select=LogicalName,EntitySetName',
      });
      const setNames = new Map<string, string>(
        definitions.value.map((definition: Json) => [definition.LogicalName, definition.EntitySetName]),
      );
      const resolved: string[] = [];
      WebApiClient.GetSetName = (logicalName: string, overridden?: string) => {
        const setName = overridden ?? setNames.get(logicalName);
        if (!setName) throw new Error(`no table ${logicalName}`);
        resolved.push(logicalName);
        return setName;
      };

      const entityId: string = await WebApiClient.Create({
        entityName: 'account',
        entity: { name: 'Contoso via xrm-webapi-client', creditlimit: 1250.5 },
      });
      const id = /\(([0-9a-f-]{36})\)$/.exec(entityId)![1]!;
      const created: Json = await WebApiClient.Retrieve({
        entityName: 'account',
        entityId: id,
        queryParams: '?$select=name,creditlimit',
      });
      expect(created).toMatchObject({ name: 'Contoso via xrm-webapi-client', creditlimit: 1250.5 });

      await WebApiClient.Update({ entityName: 'account', entityId: id, entity: { name: 'Contoso (renamed)' } });
      const updated: Json = await WebApiClient.Retrieve({
        entityName: 'account',
        entityId: id,
        queryParams: '?$select=name',
      });
      expect(updated.name).toBe('Contoso (renamed)');
      expect(resolved).toEqual(['account', 'account', 'account', 'account']);
      expect(FetchXmlHttpRequest.sent.at(-1)!.url).toBe(`${server.serviceRoot}accounts(${id})?$select=name`);
    });
  });
}
