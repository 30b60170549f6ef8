/**
 * The system views at start, on both stores: a first start provisions them all; a later start on an
 * existing database adds the ones it lacks, under the same ids, and leaves the ones there as their
 * customizers left them; processes starting together add each view once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provision } from '../../src/provisioning/first-start.js';
import { SYSTEM_VIEWS } from '../../src/provisioning/system-view-definitions.js';
import { startTestServer, type TestServer } from '../support/test-app.js';
import { TEST_STORES } from '../support/test-stores.js';

const idOfView = (name: string) => SYSTEM_VIEWS.find((view) => view.name === name)!.id;

for (const kind of TEST_STORES) {
  describe(`system views at start on ${kind}`, () => {
    let server: TestServer;
    /** What the application does at every start after the first. */
    const restart = () => provision(server.app.services, { tokenMaxLifetimeDays: 90 });
    const viewIds = async () => {
      const response = await server.api('savedqueries?$select=savedqueryid');
      expect(response.status, response.text).toBe(200);
      return (response.json.value as { savedqueryid: string }[]).map((row) => row.savedqueryid).sort();
    };
    const remove = async (name: string) => {
      const response = await server.api(`savedqueries(${idOfView(name)})`, { method: 'DELETE' });
      expect(response.status, response.text).toBe(204);
    };

    beforeAll(async () => {
      server = await startTestServer(kind);
    });
    afterAll(async () => {
      await server?.close();
    });

    it('are all provisioned by the first start', async () => {
      expect(server.app.provisioning.provisioned).toBe(true);
      expect(await viewIds()).toEqual(SYSTEM_VIEWS.map((view) => view.id).sort());
    });

    it('are added back, under the same ids, where an existing database lacks them', async () => {
      await remove('Submitted Orders');
      await remove('My Quotes');
      expect(await viewIds()).toHaveLength(SYSTEM_VIEWS.length - 2);
      expect((await restart()).provisioned).toBe(false);
      expect(await viewIds()).toEqual(SYSTEM_VIEWS.map((view) => view.id).sort());
      const restored = await server.api(`savedqueries(${idOfView('Submitted Orders')})?$select=name,returnedtypecode`);
      expect(restored.json).toMatchObject({ name: 'Submitted Orders', returnedtypecode: 'salesorder' });
    });

    it('keep what a customizer changed, a deactivation included, across starts', async () => {
      const renamed = idOfView('Active Products');
      const deactivated = idOfView('Draft Products');
      expect(
        (await server.api(`savedqueries(${renamed})`, { method: 'PATCH', body: { name: 'Products on sale' } })).status,
      ).toBe(204);
      expect(
        (
          await server.api(`savedqueries(${deactivated})`, {
            method: 'PATCH',
            body: { statecode: 1, statuscode: 2 },
          })
        ).status,
      ).toBe(204);
      await restart();
      expect((await server.api(`savedqueries(${renamed})?$select=name`)).json.name).toBe('Products on sale');
      expect((await server.api(`savedqueries(${deactivated})?$select=statecode`)).json.statecode).toBe(1);
    });

    it('are added once when several processes start together', async () => {
      await remove('Active Invoices');
      await remove('Active Price Lists');
      await Promise.all([restart(), restart(), restart()]);
      expect(await viewIds()).toEqual(SYSTEM_VIEWS.map((view) => view.id).sort());
    });
  });
}
