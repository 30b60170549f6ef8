/**
 * Delta tokens live `organization.expirechangetrackingindays` days (reference 7.7, default 7), on a
 * server whose clock the test moves: a token within its lifetime works, an older one is a clear 400,
 * the organization setting changes the lifetime, and tombstones older than any valid token are purged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../src/app.js';
import { configWith } from '../../src/config/app-config.js';
import { createLogger } from '../../src/observability/logger.js';
import { TOMBSTONE_TABLE } from '../../src/storage/change-tracking/tombstones.js';
import { ADMIN_TOKEN, type ApiInit, type ApiResponse } from '../support/test-app.js';
import { createTestDatabase, TEST_STORES, type TestDatabase } from '../support/test-stores.js';
import { type Client, create, expectRefusal, patch, readTracked, remove, TRACK } from './support.js';

const DAY_MS = 86_400_000;

for (const kind of TEST_STORES) {
  describe(`change tracking token lifetime on ${kind}`, () => {
    let database: TestDatabase;
    let app: App;
    let client: Client;
    let now = Date.parse('2026-03-02T09:00:00Z');
    const clock = { now: () => `${new Date(now).toISOString().slice(0, 19)}Z` };

    beforeAll(async () => {
      database = await createTestDatabase(kind, { schema: 'migrated' });
      app = await createApp(configWith({ database: database.location, adminToken: ADMIN_TOKEN, logLevel: 'silent' }), {
        logger: createLogger('silent'),
        clock,
      });
      await app.server.listen({ port: 0, host: '127.0.0.1' });
      const address = app.server.server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      const serviceRoot = `http://127.0.0.1:${port}/api/data/v9.2/`;
      client = {
        serviceRoot,
        async api(path: string, init: ApiInit = {}): Promise<ApiResponse> {
          const headers: Record<string, string> = { authorization: `Bearer ${ADMIN_TOKEN}`, ...init.headers };
          const body = init.body === undefined ? undefined : JSON.stringify(init.body);
          if (body !== undefined) headers['content-type'] = 'application/json';
          const response = await fetch(`${serviceRoot}${path}`, { method: init.method ?? 'GET', headers, body });
          const text = await response.text();
          return {
            status: response.status,
            headers: response.headers,
            text,
            json: text ? JSON.parse(text) : undefined,
          };
        },
      };
    });
    afterAll(async () => {
      await app?.close();
      await database?.drop();
    });

    it('honours a token for 7 days and refuses it after', async () => {
      const first = await readTracked(client, 'salesorders?$select=name', { headers: TRACK });
      const added = await create(client, 'salesorders', { name: 'Within the week' });
      now += 7 * DAY_MS - 60_000;
      const delta = await readTracked(client, first.deltaLink);
      expect(delta.entries.map((entry) => entry.salesorderid)).toContain(added);
      now += 120_000;
      const expired = await client.api(first.deltaLink);
      expectRefusal(expired, 400, /The \$deltatoken has expired: changes are tracked for 7 day\(s\)/);
      // The token the late read gave is a fresh one.
      expect((await client.api(delta.deltaLink)).status).toBe(200);
    });

    it('takes the lifetime from organization.expirechangetrackingindays', async () => {
      const organization = (await client.api('organizations?$select=organizationid')).json.value[0].organizationid;
      await patch(client, `organizations(${organization})`, { expirechangetrackingindays: 2 });
      const first = await readTracked(client, 'invoices?$select=name', { headers: TRACK });
      now += 2 * DAY_MS + 60_000;
      expectRefusal(await client.api(first.deltaLink), 400, /tracked for 2 day\(s\)/);
      await patch(client, `organizations(${organization})`, { expirechangetrackingindays: 7 });
    });

    it('purges tombstones no valid token can ask for any more', async () => {
      const old = await create(client, 'invoices', { name: 'Removed long ago' });
      await remove(client, `invoices(${old})`);
      const count = async () =>
        Number(
          (
            await app.store.db
              .selectFrom(TOMBSTONE_TABLE)
              .select((eb) => eb.fn.countAll().as('total'))
              .where('objectid', '=', old)
              .executeTakeFirstOrThrow()
          ).total,
        );
      expect(await count()).toBe(1);
      now += 9 * DAY_MS;
      const recent = await create(client, 'invoices', { name: 'Removed today' });
      await remove(client, `invoices(${recent})`);
      expect(await count()).toBe(0);
    });
  });
}
