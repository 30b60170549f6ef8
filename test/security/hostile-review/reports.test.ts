/**
 * The holes a hostile review of the running server found (issue #19), one regression test each, named
 * after the hole; each failed before its fix. This folder holds one file per kind of hole; this one, the
 * reports and messages that read or rewrite more than the caller may (holes 8 and 9).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createUser, expectRefused, orderIn, read } from '../../lifecycle/support.js';
import { startTestServer, type TestServer } from '../../support/test-app.js';
import { TEST_STORES } from '../../support/test-stores.js';

describe.each(TEST_STORES)('hostile review: reports and pricing messages (%s)', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('hole 8: ol_ReconciliationReport is refused to a Salesperson (it lists every user’s orders)', async () => {
    const salesperson = as(server, await createUser(server, { roles: ['Salesperson'] }));
    expectRefused(await salesperson('ol_ReconciliationReport(UnacknowledgedMinutes=0)'), 403);
    const manager = as(server, await createUser(server, { roles: ['Sales Manager'] }));
    expect((await manager('ol_ReconciliationReport(UnacknowledgedMinutes=0)')).status).toBe(200);
  });

  it('hole 9: RecalculatePrice leaves a Canceled order as it is, as a PATCH must', async () => {
    const admin = as(server);
    const id = await orderIn(server, admin, 'Canceled', 2);
    const before = await read(admin, `salesorders(${id})`);
    const response = await admin('RecalculatePrice', {
      method: 'POST',
      body: { entityLogicalName: 'salesorder', entityId: id },
    });
    expectRefused(response, 400, /Canceled and cannot be recalculated/);
    const after = await read(admin, `salesorders(${id})`);
    expect(after.versionnumber).toBe(before.versionnumber);
    expect(after.totalamount).toBe(before.totalamount);
  });
});
