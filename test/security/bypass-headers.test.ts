/**
 * The bypass headers (Learn, "Bypass custom Dataverse logic"): `MSCRM.BypassCustomPluginExecution`
 * needs `prvBypassCustomPlugins`, `MSCRM.BypassBusinessLogicExecution` needs
 * `prvBypassCustomBusinessLogic`; only the System Administrator role holds them. Anyone else is
 * refused with Dataverse's privilege error (403, 0x80040220) and nothing is written; a delegate
 * impersonating an administrator does not gain them (the privileges intersect).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-app.js';
import { TEST_STORES } from '../support/test-stores.js';
import { createPrincipal, type MatrixSetup, setUpMatrix } from './matrix-fixtures.js';

const PLUGIN_BYPASS = { 'MSCRM.BypassCustomPluginExecution': 'true' };
const LOGIC_BYPASS = { 'MSCRM.BypassBusinessLogicExecution': 'CustomSync,CustomAsync' };

for (const kind of TEST_STORES) {
  describe(`bypass headers on ${kind}`, () => {
    let server: TestServer;
    let setup: MatrixSetup;

    beforeAll(async () => {
      server = await startTestServer(kind);
      setup = await setUpMatrix(server);
    });
    afterAll(async () => {
      await server?.close();
    });

    async function accountsNamed(name: string): Promise<number> {
      const response = await server.api(`accounts?$filter=name eq '${name}'&$select=accountid`);
      return response.json.value.length;
    }

    it.each([
      ['MSCRM.BypassCustomPluginExecution', PLUGIN_BYPASS, 'prvBypassCustomPlugins'],
      ['MSCRM.BypassBusinessLogicExecution', LOGIC_BYPASS, 'prvBypassCustomBusinessLogic'],
    ])(
      '%s from a Salesperson is refused with 403 0x80040220 naming %s, and nothing is created',
      async (_header, headers, privilege) => {
        const seller = setup.users.Salesperson;
        const name = `bypass by seller ${privilege}`;
        const response = await server.api('accounts', { method: 'POST', token: seller.token, headers, body: { name } });
        expect(response.status, response.text).toBe(403);
        expect(response.json.error.code).toBe('0x80040220');
        expect(response.json.error.message).toContain(privilege);
        expect(response.json.error.message).toContain(seller.id);
        expect(await accountsNamed(name)).toBe(0);
      },
    );

    it('a System Administrator may send both headers; false is no bypass and needs no privilege', async () => {
      const admin = setup.users['System Administrator'];
      const both = await server.api('accounts', {
        method: 'POST',
        token: admin.token,
        headers: { ...PLUGIN_BYPASS, ...LOGIC_BYPASS },
        body: { name: 'bypass by admin' },
      });
      expect(both.status, both.text).toBe(204);
      const seller = setup.users.Salesperson;
      const notBypassing = await server.api('accounts', {
        method: 'POST',
        token: seller.token,
        headers: { 'MSCRM.BypassCustomPluginExecution': 'false' },
        body: { name: 'no bypass by seller' },
      });
      expect(notBypassing.status, notBypassing.text).toBe(204);
    });

    it('the other roles are refused too: only the System Administrator holds the bypass privileges', async () => {
      for (const role of ['System Customizer', 'Sales Manager', 'Delegate'] as const) {
        const response = await server.api('WhoAmI', { token: setup.users[role].token, headers: LOGIC_BYPASS });
        expect(response.status, `${role}: ${response.text}`).toBe(403);
      }
    });

    it('a Delegate + Salesperson impersonating an administrator does not gain the privilege', async () => {
      const delegate = await createPrincipal(server, setup.rootBusinessUnitId, setup.roleIds, 'Bypass Delegate', [
        'Delegate',
        'Salesperson',
      ]);
      const response = await server.api('WhoAmI', {
        token: delegate.token,
        headers: { ...PLUGIN_BYPASS, MSCRMCallerID: setup.users['System Administrator'].id },
      });
      expect(response.status, response.text).toBe(403);
      expect(response.json.error.code).toBe('0x80040220');
    });

    it('a value Dataverse does not define is a 400, not an ignored header', async () => {
      const invalid: Record<string, string>[] = [
        { 'MSCRM.BypassCustomPluginExecution': 'yes' },
        { 'MSCRM.BypassBusinessLogicExecution': 'Everything' },
      ];
      for (const headers of invalid) {
        const response = await server.api('WhoAmI', { headers });
        expect(response.status, response.text).toBe(400);
        expect(response.json.error.code).toBe('0x80040203');
      }
    });

    it('inside $batch, a part carrying the header is refused for a Salesperson like a request of its own', async () => {
      const seller = setup.users.Salesperson;
      const body = [
        '--batch_b',
        'Content-Type: application/http',
        'Content-Transfer-Encoding: binary',
        '',
        'GET WhoAmI HTTP/1.1',
        'MSCRM.BypassCustomPluginExecution: true',
        '',
        '',
        '--batch_b--',
        '',
      ].join('\r\n');
      const response = await server.api('$batch', {
        method: 'POST',
        token: seller.token,
        headers: { 'content-type': 'multipart/mixed; boundary=batch_b' },
        body,
      });
      expect(response.status, response.text).toBe(200);
      expect(response.text).toContain('HTTP/1.1 403');
      expect(response.text).toContain('prvBypassCustomPlugins');
    });
  });
}
