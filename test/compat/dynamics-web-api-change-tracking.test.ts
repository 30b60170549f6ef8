/**
 * Change tracking through the real `dynamics-web-api` 2.5.0 client, once per store: `trackChanges`
 * asks for a delta link (also across pages with `retrieveAll`), and `retrieveMultiple` given that link
 * answers the changes and the deletions, the way a back office written against Dataverse pulls.
 */
import { DynamicsWebApi } from 'dynamics-web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startTestServer, type TestServer } from '../support/test-app.js';
import { TEST_STORES } from '../support/test-stores.js';

// biome-ignore lint/suspicious/noExplicitAny: rows are dynamic, as the client's own results (`any`) are.
type Entity = Record<string, any>;

for (const kind of TEST_STORES) {
  describe(`dynamics-web-api change tracking on ${kind}`, () => {
    let server: TestServer;
    let dwa: DynamicsWebApi;

    beforeAll(async () => {
      server = await startTestServer(kind);
      dwa = new DynamicsWebApi({
        serverUrl: server.baseUrl,
        onTokenRefresh: async () => ADMIN_TOKEN,
        dataApi: { version: '9.2' },
      });
    });
    afterAll(async () => {
      await server?.close();
    });

    const createOrder = (name: string) => dwa.create<Entity, string>({ collection: 'salesorders', data: { name } });

    it('gets a delta link with trackChanges and the changes and deletions through it', async () => {
      const changed = await createOrder('Compat before');
      const deleted = await createOrder('Compat deleted');
      const first = await dwa.retrieveMultiple<Entity>({
        collection: 'salesorders',
        select: ['name'],
        trackChanges: true,
      });
      expect(first.value.map((row) => row.salesorderid)).toEqual(expect.arrayContaining([changed, deleted]));
      expect(first.oDataDeltaLink).toMatch(/\$deltatoken=/);

      const added = await createOrder('Compat added');
      await dwa.update({ collection: 'salesorders', key: changed, data: { name: 'Compat after' } });
      await dwa.deleteRecord({ collection: 'salesorders', key: deleted });

      const delta = await dwa.retrieveMultiple<Entity>({ collection: 'salesorders' }, first.oDataDeltaLink);
      const rows = delta.value.filter((entry) => entry.reason === undefined);
      const removals = delta.value.filter((entry) => entry.reason !== undefined);
      expect(rows.map((row) => row.salesorderid).sort()).toEqual([added, changed].sort());
      expect(rows.find((row) => row.salesorderid === changed)?.name).toBe('Compat after');
      expect(removals).toEqual([expect.objectContaining({ id: deleted, reason: 'deleted' })]);
      expect(delta.oDataDeltaLink).toMatch(/\$deltatoken=/);
      expect(delta.oDataDeltaLink).not.toBe(first.oDataDeltaLink);
    });

    it('follows the pages of a tracked read with retrieveAll and ends with the delta link', async () => {
      for (let index = 0; index < 5; index += 1) {
        await dwa.create({ collection: 'invoices', data: { name: `Compat invoice ${index}` } });
      }
      const all = await dwa.retrieveAll<Entity>({
        collection: 'invoices',
        select: ['name'],
        trackChanges: true,
        maxPageSize: 2,
      });
      expect(all.value.length).toBeGreaterThanOrEqual(5);
      expect(new Set(all.value.map((row) => row.invoiceid)).size).toBe(all.value.length);
      expect(all.oDataDeltaLink).toMatch(/\$deltatoken=/);
      const quiet = await dwa.retrieveMultiple<Entity>({ collection: 'invoices' }, all.oDataDeltaLink);
      expect(quiet.value).toEqual([]);
    });

    it('surfaces a refused option as the client error Dataverse would give', async () => {
      const error = await dwa
        .retrieveMultiple({ collection: 'salesorders', select: ['name'], filter: "name eq 'x'", trackChanges: true })
        .then(
          () => undefined,
          (failure: Entity) => failure,
        );
      expect(error?.status).toBe(400);
      expect(error?.message).toBe('The "$filter" query parameter isn\'t supported when Change Tracking is enabled.');
    });
  });
}
