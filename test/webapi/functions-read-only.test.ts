/**
 * Functions only read (reference 6), so they run on the store's shared connection, never in a write
 * transaction of their own: on SQLite they answer while another connection holds the write lock, where
 * a unit of work would queue behind it (BEGIN IMMEDIATE) until the busy timeout.
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-app.js';
import { TEST_STORES } from '../support/test-stores.js';

describe.skipIf(!TEST_STORES.includes('sqlite'))('functions on sqlite', () => {
  let server: TestServer;
  let lockHolder: Database.Database;

  beforeAll(async () => {
    server = await startTestServer('sqlite');
    const file = server.app.store.description.replace(/^sqlite:/, '');
    lockHolder = new Database(file);
    lockHolder.exec('BEGIN IMMEDIATE');
  });

  afterAll(async () => {
    if (lockHolder?.inTransaction) lockHolder.exec('ROLLBACK');
    lockHolder?.close();
    await server?.close();
  });

  it('cannot take the write lock from a third connection while the lock holder has it', () => {
    const file = server.app.store.description.replace(/^sqlite:/, '');
    const other = new Database(file, { timeout: 0 });
    try {
      expect(() => other.exec('BEGIN IMMEDIATE')).toThrow(/locked|busy/i);
    } finally {
      other.close();
    }
  });

  it('answers WhoAmI while another connection holds the write lock', async () => {
    const response = await server.api('WhoAmI');
    expect(response.status, response.text).toBe(200);
    expect(response.json.UserId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers ol_ReconciliationReport and EntityDefinitions while another connection holds the write lock', async () => {
    const report = await server.api('ol_ReconciliationReport(UnacknowledgedMinutes=0)');
    expect(report.status, report.text).toBe(200);
    expect(report.json.Unacknowledged).toEqual([]);
    const definitions = await server.api('EntityDefinitions');
    expect(definitions.status, definitions.text).toBe(200);
    expect(definitions.json.value.length).toBeGreaterThan(0);
  });
});
