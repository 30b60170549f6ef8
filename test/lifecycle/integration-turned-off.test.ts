/**
 * What a submitted order becomes when the order processing integration is turned off (issue #14, the
 * seed: "a submitted order is locked for editing … except for integration users" holds while the
 * integration is on). Orderline's decision, said the same way by the Manage dialog, the server and
 * the UI: the order stays Submitted and, like every order that is not Active, read-only ("only active
 * orders can be edited"); it no longer belongs to the back office, so whoever may write it can Reopen
 * it (back to Active, then edit it), fulfill it, cancel it, or create its invoice, and the integration
 * user loses its say.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-app.js';
import { TEST_STORES } from '../support/test-stores.js';
import {
  type Api,
  as,
  createUser,
  expectOk,
  expectRefused,
  newOrder,
  read,
  setIntegration,
  type TestUser,
} from './support.js';

describe.each(TEST_STORES)('a submitted order once the integration is turned off (%s)', (kind) => {
  let server: TestServer;
  let owner: Api;
  let backOffice: TestUser;

  beforeAll(async () => {
    server = await startTestServer(kind);
    owner = as(server, await createUser(server, { roles: ['Salesperson'] }));
    backOffice = await createUser(server, { roles: ['Sales Manager'], integration: true });
  });
  afterAll(async () => {
    await server?.close();
  });

  async function submittedThenTurnedOff(): Promise<string> {
    await setIntegration(server, true);
    const id = await newOrder(owner, 1);
    expectOk(await owner(`salesorders(${id})`, { method: 'PATCH', body: { statecode: 1, statuscode: 3 } }));
    await setIntegration(server, false);
    return id;
  }

  const stateOf = async (id: string) => {
    const order = await read(owner, `salesorders(${id})?$select=statecode,statuscode`);
    return [order.statecode, order.statuscode];
  };

  it('stays Submitted and read-only to everyone, the integration user included', async () => {
    const id = await submittedThenTurnedOff();
    expect(await stateOf(id)).toEqual([1, 3]);
    expectRefused(
      await owner(`salesorders(${id})`, { method: 'PATCH', body: { description: 'edited' } }),
      400,
      /only active orders can be edited/,
    );
    expectRefused(
      await as(server, backOffice)(`salesorders(${id})`, { method: 'PATCH', body: { ol_backofficerevision: 5 } }),
      400,
      /only active orders can be edited/,
    );
  });

  it('its owner may Reopen it (back to Active) and then edit it', async () => {
    const id = await submittedThenTurnedOff();
    expectOk(await owner(`salesorders(${id})`, { method: 'PATCH', body: { statecode: 0, statuscode: 1 } }));
    expect(await stateOf(id)).toEqual([0, 1]);
    expectOk(await owner(`salesorders(${id})`, { method: 'PATCH', body: { description: 'edited' } }));
  });

  it('its owner may cancel it or create its invoice', async () => {
    const canceled = await submittedThenTurnedOff();
    expectOk(
      await owner('CancelSalesOrder', {
        method: 'POST',
        body: {
          OrderClose: { subject: 'No longer needed', 'salesorderid@odata.bind': `/salesorders(${canceled})` },
          Status: -1,
        },
      }),
    );
    expect((await stateOf(canceled))[0]).toBe(2);
    const invoiced = await submittedThenTurnedOff();
    expectOk(await owner('ConvertSalesOrderToInvoice', { method: 'POST', body: { SalesOrderId: invoiced } }), 200);
    expect((await stateOf(invoiced))[0]).toBe(4);
  });

  it('while the integration is on, its owner may do none of that', async () => {
    await setIntegration(server, true);
    const id = await newOrder(owner, 1);
    expectOk(await owner(`salesorders(${id})`, { method: 'PATCH', body: { statecode: 1, statuscode: 3 } }));
    expectRefused(
      await owner(`salesorders(${id})`, { method: 'PATCH', body: { statecode: 0, statuscode: 1 } }),
      400,
      /locked/,
    );
    expectRefused(
      await owner('ConvertSalesOrderToInvoice', { method: 'POST', body: { SalesOrderId: id } }),
      400,
      /integration is on/,
    );
    await setIntegration(server, false);
  });
});
