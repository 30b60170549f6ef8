/**
 * The holes a hostile review of the running server found (issue #19), one regression test each, named
 * after the hole; each failed before its fix. This file: columns a caller wrote that were not theirs to
 * write (holes 3 and 4). The property suite over every role and column class is
 * test/hostile/column-writes.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Api,
  as,
  createUser,
  expectOk,
  expectRefused,
  firstLine,
  newOrder,
  read,
  setIntegration,
  writeInLine,
} from '../../lifecycle/support.js';
import { startTestServer, type TestServer } from '../../support/test-app.js';
import { TEST_STORES } from '../../support/test-stores.js';

const patch = (api: Api, path: string, body: Record<string, unknown>) => api(path, { method: 'PATCH', body });

/** The total the outbox's submitted event hands to the back office. */
async function submittedTotal(admin: Api, orderId: string): Promise<number> {
  const events = await read(
    admin,
    `ol_outboxevents?$filter=ol_orderid eq ${orderId} and ol_eventtype eq 'salesorder.submitted'&$select=ol_document`,
  );
  expect(events.value).toHaveLength(1);
  const found = /"totalamount"\s*:\s*"?(-?[\d.]+)/.exec(events.value[0].ol_document);
  expect(found, events.value[0].ol_document).not.toBeNull();
  return Number(found![1]);
}

async function timelineKinds(admin: Api, orderId: string): Promise<number[]> {
  const entries = await read(admin, `ol_timelineentries?$filter=_ol_salesorderid_value eq ${orderId}&$select=ol_kind`);
  return entries.value.map((entry: { ol_kind: number }) => entry.ol_kind);
}

describe.each(TEST_STORES)('hostile review: column writes (%s)', (kind) => {
  let server: TestServer;
  let admin: Api;
  let salesperson: Api;
  let backOffice: Api;
  beforeAll(async () => {
    server = await startTestServer(kind);
    admin = as(server);
    salesperson = as(server, await createUser(server, { roles: ['Salesperson'] }));
    backOffice = as(server, await createUser(server, { roles: ['Sales Manager'], integration: true }));
    await setIntegration(server, true);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('hole 3: a salesperson cannot set the computed totals or line amounts of their own order; the back office gets the engine’s total', async () => {
    // Two write-in lines of 2 x 10: the engine's total is 40.
    const id = await newOrder(salesperson, 2);
    const line = await firstLine(salesperson, 'salesorderdetails', 'salesorderid', id);
    expect(line.extendedamount).toBe(20);

    // Dataverse takes the request (the columns are valid for update) and the engine recomputes them.
    expectOk(await patch(salesperson, `salesorderdetails(${line.salesorderdetailid})`, { extendedamount: 1 }));
    expectOk(await patch(salesperson, `salesorderdetails(${line.salesorderdetailid})`, { baseamount: 1, tax: 0 }));
    expectOk(await patch(salesperson, `salesorders(${id})`, { totalamount: 1 }));
    expectOk(await patch(salesperson, `salesorders(${id})`, { totallineitemamount: 1, totaltax: 0 }));
    expectOk(await salesperson(`salesorders(${id})/totalamount`, { method: 'PUT', body: { value: 1 } }));
    expect((await read(salesperson, `salesorderdetails(${line.salesorderdetailid})`)).extendedamount).toBe(20);
    const order = await read(salesperson, `salesorders(${id})`);
    expect(order.totalamount).toBe(40);
    expect(order.totallineitemamount).toBe(40);

    // A later line moves the header from the engine's base, not from a forged one.
    expectOk(
      await salesperson('salesorderdetails', {
        method: 'POST',
        body: { ...writeInLine('third', 1, 5), 'salesorderid@odata.bind': `/salesorders(${id})` },
      }),
    );
    expect((await read(salesperson, `salesorders(${id})`)).totalamount).toBe(45);

    expectOk(await patch(salesperson, `salesorders(${id})`, { statecode: 1, statuscode: 3 }));
    expect(await submittedTotal(admin, id)).toBe(45);

    // Where the skip matrix skips pricing (an integration user, integration on), the value is taken.
    expectOk(await patch(backOffice, `salesorders(${id})`, { totalamount: 44.5 }));
    expect((await read(admin, `salesorders(${id})`)).totalamount).toBe(44.5);
  });

  it('hole 4: only integration users write the back-office columns of orders and lines', async () => {
    const id = await newOrder(salesperson, 1);
    const line = await firstLine(salesperson, 'salesorderdetails', 'salesorderid', id);
    const forgeries: [string, Record<string, unknown>][] = [
      [`salesorders(${id})`, { ol_backofficeordernumber: 'FAKE-1' }],
      [`salesorders(${id})`, { ol_backofficetotalamount: 1 }],
      [`salesorders(${id})`, { ol_backofficerevision: 999999999999999 }],
      [`salesorders(${id})`, { ol_processingstatus: 5 }],
      [`salesorderdetails(${line.salesorderdetailid})`, { ol_backofficerevision: 999999999999999 }],
    ];
    for (const [path, body] of forgeries) {
      expectRefused(await patch(salesperson, path, body), 403, /written only by the back office/);
    }
    expectRefused(
      await salesperson(`salesorders(${id})/ol_backofficerevision`, {
        method: 'PUT',
        body: { value: 999999999999999 },
      }),
      403,
    );
    expectRefused(
      await salesperson('salesorders', {
        method: 'POST',
        body: { name: 'Forged', ol_backofficeordernumber: 'FAKE-2' },
      }),
      403,
    );
    const order = await read(admin, `salesorders(${id})`);
    expect(order.ol_backofficeordernumber).toBeNull();
    expect(order.ol_backofficerevision).toBeNull();
    expect(order.ol_acknowledgedon).toBeNull();
    expect(await timelineKinds(admin, id)).not.toContain(6);

    // The real back office still writes them, and its first revision is not "stale".
    expectOk(await patch(salesperson, `salesorders(${id})`, { statecode: 1, statuscode: 3 }));
    expectOk(
      await patch(backOffice, `salesorders(${id})`, {
        ol_backofficeordernumber: 'ERP-7',
        ol_backofficetotalamount: 20,
        ol_backofficerevision: 1,
      }),
    );
    const acknowledged = await read(admin, `salesorders(${id})`);
    expect(acknowledged.ol_backofficeordernumber).toBe('ERP-7');
    expect(acknowledged.ol_backofficerevision).toBe(1);
    expect(await timelineKinds(admin, id)).toContain(6);
  });
});
