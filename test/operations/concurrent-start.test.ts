/**
 * Issue #7, scale-out: processes started together on one empty PostgreSQL database (a deployment
 * rolling out several replicas at once) all come up, and the database ends up as one process would
 * have left it: one schema, one organization, one administrator, one `default` connector. Each app
 * here has its own connection pool, so its start-up statements interleave with the others' exactly as
 * separate processes' would; test/scale-out does the same with real processes.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../src/app.js';
import { registerDefaultWebhook } from '../../src/bridge/default-connector.js';
import { configWith } from '../../src/config/app-config.js';
import { createLogger } from '../../src/observability/logger.js';
import { systemPrincipal } from '../../src/provisioning/first-start.js';
import { createTestDatabase, TEST_STORES, type TestDatabase } from '../support/test-stores.js';

const STARTS = 4;
const ADMIN_TOKEN = 'concurrent-start-admin-token-0123';

let database: TestDatabase | undefined;
let apps: App[] = [];

afterEach(async () => {
  await Promise.all(apps.map((app) => app.close()));
  apps = [];
  await database?.drop();
  database = undefined;
});

const countOf = async (app: App, table: 'organization' | 'businessunit' | 'systemuser' | 'role' | 'ol_connector') =>
  Number(
    (
      await app.store.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('count'))
        .executeTakeFirstOrThrow()
    ).count,
  );

describe.skipIf(!TEST_STORES.includes('postgres'))('processes starting together on one empty PostgreSQL', () => {
  it(`all ${STARTS} come up, and the database is provisioned once with one default connector`, {
    timeout: 120_000,
  }, async () => {
    database = await createTestDatabase('postgres');
    const location = database.location;
    const started = await Promise.allSettled(
      Array.from({ length: STARTS }, (_, index) =>
        createApp(
          configWith({
            database: location,
            adminToken: ADMIN_TOKEN,
            poolSize: 3,
            dispatcher: 'off',
            webhookUrl: `http://127.0.0.1:9/from-process-${index}`,
            webhookSecret: `whsec_${randomBytes(24).toString('base64')}`,
          }),
          { logger: createLogger('silent') },
        ),
      ),
    );
    apps = started.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
    const failures = started.flatMap((outcome) => (outcome.status === 'rejected' ? [String(outcome.reason)] : []));
    expect(failures).toEqual([]);

    const [first] = apps;
    expect(await countOf(first!, 'organization')).toBe(1);
    expect(await countOf(first!, 'businessunit')).toBe(1);
    expect(await countOf(first!, 'ol_connector')).toBe(1);
    const admins = await first!.store.db
      .selectFrom('systemuser')
      .select('systemuserid')
      .where('domainname', '=', 'admin')
      .execute();
    expect(admins).toHaveLength(1);
    // Every process knows the one administrator, whichever of them provisioned.
    expect(new Set(apps.map((app) => app.provisioning.adminUserId))).toEqual(new Set([admins[0]!.systemuserid]));
    expect(apps.filter((app) => app.provisioning.provisioned)).toHaveLength(1);
    // The connector holds the settings of whichever process registered it last, as after a restart.
    const connector = await first!.store.db
      .selectFrom('ol_connector')
      .select(['ol_name', 'ol_url'])
      .executeTakeFirstOrThrow();
    expect(connector.ol_name).toBe('default');
    expect(connector.ol_url).toMatch(/^http:\/\/127\.0\.0\.1:9\/from-process-\d$/);
  });

  it('registers the default connector once when several processes do it at the same moment', {
    timeout: 60_000,
  }, async () => {
    database = await createTestDatabase('postgres');
    const app = await createApp(
      configWith({ database: database.location, adminToken: ADMIN_TOKEN, dispatcher: 'off' }),
      {
        logger: createLogger('silent'),
      },
    );
    apps = [app];
    const admin = await app.store.db
      .selectFrom('systemuser')
      .select('businessunitid')
      .where('systemuserid', '=', app.provisioning.adminUserId)
      .executeTakeFirstOrThrow();
    const system = { user: systemPrincipal(app.provisioning.adminUserId, String(admin.businessunitid)) };
    // Each call runs in its own transaction on its own pooled connection, as each process's would; the
    // connections are opened first, so no call waits for one while another has already finished.
    await Promise.all(Array.from({ length: STARTS }, () => sql`select pg_sleep(0.05)`.execute(app.store.db)));
    const registrations = await Promise.allSettled(
      Array.from({ length: STARTS }, (_, index) =>
        registerDefaultWebhook(app.services, system, `http://127.0.0.1:9/from-process-${index}`, undefined),
      ),
    );
    expect(registrations.flatMap((outcome) => (outcome.status === 'rejected' ? [String(outcome.reason)] : []))).toEqual(
      [],
    );
    expect(await countOf(app, 'ol_connector')).toBe(1);
  });
});
