/**
 * `ol_RetrieveAllowedMessages` tells the truth (issue #14): for every predefined role (and an integration
 * user), every order state and both positions of the integration switch, each message the function
 * allows is accepted by the server and each one it refuses is refused, for the reason it gave. The
 * orders belong to a salesperson, so user-level privileges decide for the other salespeople.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-app.js';
import { TEST_STORES } from '../support/test-stores.js';
import { type Api, as, createUser, newOrder, type OrderState, orderIn, read, setIntegration } from './support.js';

const STATES: readonly OrderState[] = ['Active', 'Submitted', 'Canceled', 'Fulfilled', 'Invoiced'];

/** How a client runs each message the function answers for, on order `id`. */
const RUN: Readonly<Record<string, (api: Api, id: string) => ReturnType<Api>>> = {
  Update: (api, id) => api(`salesorders(${id})`, { method: 'PATCH', body: { description: 'changed' } }),
  Delete: (api, id) => api(`salesorders(${id})`, { method: 'DELETE' }),
  ol_SubmitSalesOrder: (api, id) =>
    api(`salesorders(${id})/Microsoft.Dynamics.CRM.ol_SubmitSalesOrder`, { method: 'POST', body: {} }),
  SetStateActive: (api, id) => api(`salesorders(${id})`, { method: 'PATCH', body: { statecode: 0, statuscode: 1 } }),
  FulfillSalesOrder: (api, id) =>
    api('FulfillSalesOrder', {
      method: 'POST',
      body: { OrderClose: { subject: 'done', 'salesorderid@odata.bind': `/salesorders(${id})` }, Status: 100001 },
    }),
  CancelSalesOrder: (api, id) =>
    api('CancelSalesOrder', {
      method: 'POST',
      body: { OrderClose: { subject: 'no', 'salesorderid@odata.bind': `/salesorders(${id})` }, Status: -1 },
    }),
  ConvertSalesOrderToInvoice: (api, id) =>
    api('ConvertSalesOrderToInvoice', { method: 'POST', body: { SalesOrderId: id } }),
  LockSalesOrderPricing: (api, id) => api('LockSalesOrderPricing', { method: 'POST', body: { SalesOrderId: id } }),
  UnlockSalesOrderPricing: (api, id) => api('UnlockSalesOrderPricing', { method: 'POST', body: { SalesOrderId: id } }),
  RecalculatePrice: (api, id) =>
    api('RecalculatePrice', { method: 'POST', body: { entityLogicalName: 'salesorder', entityId: id } }),
};

interface Verdict {
  readonly MessageName: string;
  readonly IsAllowed: boolean;
  readonly Reason: string | null;
}

const allowedMessages = async (api: Api, id: string): Promise<Verdict[]> =>
  (await read(api, `ol_RetrieveAllowedMessages(EntityName='salesorder',EntityId=${id})`)).value;

describe.each(TEST_STORES)('ol_RetrieveAllowedMessages on orders (%s)', (kind) => {
  let server: TestServer;
  let owner: Api;
  const callers = new Map<string, Api>();

  beforeAll(async () => {
    server = await startTestServer(kind);
    owner = as(server, await createUser(server, { roles: ['Salesperson'], name: 'owner' }));
    callers.set('the owner (Salesperson)', owner);
    callers.set('another Salesperson', as(server, await createUser(server, { roles: ['Salesperson'] })));
    callers.set('a Sales Manager', as(server, await createUser(server, { roles: ['Sales Manager'] })));
    callers.set('a System Customizer', as(server, await createUser(server, { roles: ['System Customizer'] })));
    callers.set('a System Administrator', as(server));
    callers.set(
      'an integration user (Sales Manager)',
      as(server, await createUser(server, { roles: ['Sales Manager'], integration: true })),
    );
  });
  afterAll(async () => {
    await server?.close();
  });

  async function freshOrder(state: OrderState, integration: boolean): Promise<string> {
    const id = await orderIn(server, owner, state);
    await setIntegration(server, integration);
    return id;
  }

  for (const integration of [true, false]) {
    for (const state of STATES) {
      it(`answers what the server then does, integration ${integration ? 'on' : 'off'}, a ${state} order`, async () => {
        const mismatches: string[] = [];
        for (const [who, api] of callers) {
          let id = await freshOrder(state, integration);
          const verdicts = await allowedMessages(api, id);
          expect(verdicts.map((verdict) => verdict.MessageName).sort()).toEqual(Object.keys(RUN).sort());
          for (const verdict of verdicts) {
            const before = await read(owner, `salesorders(${id})?$select=versionnumber`).catch(() => undefined);
            const response = await RUN[verdict.MessageName]!(api, id);
            const accepted = response.status < 300;
            // A change into the state the order is already in: accepted, and nothing changes.
            const noChange = !verdict.IsAllowed && /is already/.test(verdict.Reason ?? '');
            if (noChange) {
              const after = await read(owner, `salesorders(${id})?$select=versionnumber`);
              if (!accepted || after.versionnumber !== before?.versionnumber)
                mismatches.push(`${who}: ${verdict.MessageName} was said to change nothing`);
              continue;
            }
            if (accepted !== verdict.IsAllowed) {
              mismatches.push(
                `${who}: ${verdict.MessageName} said ${verdict.IsAllowed ? 'allowed' : `refused (${verdict.Reason})`}, server answered ${response.status} ${response.text.slice(0, 200)}`,
              );
            }
            if (!verdict.IsAllowed && !accepted && verdict.Reason === null) {
              mismatches.push(`${who}: ${verdict.MessageName} refused without a reason`);
            }
            if (accepted) id = await freshOrder(state, integration);
          }
        }
        expect(mismatches).toEqual([]);
      }, 240_000);
    }
  }

  it('answers 403 for an order the caller may not read, 404 for no order, and 400 for a table it does not cover', async () => {
    const id = await newOrder(owner, 1);
    const stranger = as(server, await createUser(server, { roles: [] }));
    const hidden = await stranger(`ol_RetrieveAllowedMessages(EntityName='salesorder',EntityId=${id})`);
    expect(hidden.status).toBe(403);
    const unknown = await owner(`ol_RetrieveAllowedMessages(EntityName='salesorder',EntityId=${crypto.randomUUID()})`);
    expect(unknown.status).toBe(404);
    const table = await owner(`ol_RetrieveAllowedMessages(EntityName='account',EntityId=${id})`);
    expect(table.status).toBe(400);
    expect(table.json.error.message).toMatch(/answers for salesorder, quote, opportunity, invoice/);
  });
});
