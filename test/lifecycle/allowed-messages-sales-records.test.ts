/**
 * `ol_RetrieveAllowedMessages` tells the truth for quotes, opportunities, invoices and products' Publish
 * too (issue #14),
 * as it does for orders (allowed-messages.test.ts): for every predefined role (and an integration user),
 * every state and both positions of the integration switch, each message the function allows is
 * accepted by the server and each one it refuses is refused, for the reason it gave. The records belong
 * to a salesperson and have a product line, so user-level privileges and the copies' lines count.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-app.js';
import { TEST_STORES } from '../support/test-stores.js';
import {
  type Api,
  as,
  createUser,
  expectOk,
  invoiceIn,
  opportunityIn,
  post,
  quoteIn,
  read,
  setIntegration,
} from './support.js';

type Run = (api: Api, id: string) => ReturnType<Api>;

interface TableUnderTest {
  readonly logicalName: string;
  readonly set: string;
  readonly states: readonly string[];
  /** A record of the owner's (a product: the administrator's) in `state`, with a product line where it has lines. */
  readonly recordIn: (owner: Api, state: string, admin: Api) => Promise<string>;
  /** How a client runs each message the function answers for. */
  readonly run: Readonly<Record<string, Run>>;
}

const patch =
  (set: string, body: Record<string, unknown>): Run =>
  (api, id) =>
    api(`${set}(${id})`, { method: 'PATCH', body });
const action =
  (name: string, body: (id: string) => Record<string, unknown>): Run =>
  (api, id) =>
    api(name, { method: 'POST', body: body(id) });
const close = (name: string, parameter: string, set: string, bind: string, status: number): Run =>
  action(name, (id) => ({ [parameter]: { subject: name, [`${bind}@odata.bind`]: `/${set}(${id})` }, Status: status }));
const writes = (set: string): Record<string, Run> => ({
  Update: patch(set, { description: 'changed' }),
  Delete: (api, id) => api(`${set}(${id})`, { method: 'DELETE' }),
});

const TABLES: readonly TableUnderTest[] = [
  {
    logicalName: 'quote',
    set: 'quotes',
    states: ['Draft', 'Active', 'Won', 'Closed'],
    recordIn: (owner, state) => quoteIn(owner, state as 'Draft'),
    run: {
      ...writes('quotes'),
      SetStateActive: patch('quotes', { statecode: 1, statuscode: 2 }),
      ConvertQuoteToSalesOrder: action('ConvertQuoteToSalesOrder', (id) => ({ QuoteId: id })),
      ReviseQuote: action('ReviseQuote', (id) => ({ QuoteId: id })),
      WinQuote: close('WinQuote', 'QuoteClose', 'quotes', 'quoteid', -1),
      CloseQuote: close('CloseQuote', 'QuoteClose', 'quotes', 'quoteid', 5),
    },
  },
  {
    logicalName: 'opportunity',
    set: 'opportunities',
    states: ['Open', 'Won', 'Lost'],
    recordIn: (owner, state) => opportunityIn(owner, state as 'Open'),
    run: {
      ...writes('opportunities'),
      GenerateQuoteFromOpportunity: action('GenerateQuoteFromOpportunity', (id) => ({ OpportunityId: id })),
      WinOpportunity: close('WinOpportunity', 'OpportunityClose', 'opportunities', 'opportunityid', -1),
      LoseOpportunity: close('LoseOpportunity', 'OpportunityClose', 'opportunities', 'opportunityid', -1),
      SetStateOpen: patch('opportunities', { statecode: 0, statuscode: 1 }),
    },
  },
  {
    logicalName: 'invoice',
    set: 'invoices',
    states: ['Active', 'Paid', 'Canceled'],
    recordIn: (owner, state) => invoiceIn(owner, state as 'Active'),
    run: {
      ...writes('invoices'),
      SetStatePaid: patch('invoices', { statecode: 2, statuscode: 100001 }),
      SetStateCanceled: patch('invoices', { statecode: 3, statuscode: 100003 }),
      SetStateActive: patch('invoices', { statecode: 0, statuscode: 1 }),
      LockInvoicePricing: action('LockInvoicePricing', (id) => ({ InvoiceId: id })),
      UnlockInvoicePricing: action('UnlockInvoicePricing', (id) => ({ InvoiceId: id })),
      RecalculatePrice: action('RecalculatePrice', (id) => ({ entityLogicalName: 'invoice', entityId: id })),
    },
  },
  {
    logicalName: 'product',
    set: 'products',
    states: ['Draft', 'Active', 'Retired', 'Under Revision'],
    async recordIn(_owner, state, admin) {
      productCounter += 1;
      const id = await post(admin, 'products', { name: 'Desk', productnumber: `AM-${productCounter}-${Date.now()}` });
      const states: Record<string, [number, number]> = { Active: [0, 1], Retired: [1, 2], 'Under Revision': [3, 3] };
      const target = states[state];
      if (target) {
        const [statecode, statuscode] = target;
        expectOk(await admin(`products(${id})`, { method: 'PATCH', body: { statecode, statuscode } }));
      }
      return id;
    },
    run: {
      PublishProductHierarchy: (api, id) =>
        api(`products(${id})/Microsoft.Dynamics.CRM.PublishProductHierarchy`, { method: 'POST', body: {} }),
    },
  },
];

let productCounter = 0;

interface Verdict {
  readonly MessageName: string;
  readonly IsAllowed: boolean;
  readonly Reason: string | null;
}

describe.each(TEST_STORES)(
  'ol_RetrieveAllowedMessages on quotes, opportunities, invoices and products (%s)',
  (kind) => {
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

    for (const table of TABLES) {
      for (const integration of [true, false]) {
        for (const state of table.states) {
          it(`answers what the server then does, integration ${integration ? 'on' : 'off'}, a ${state} ${table.logicalName}`, async () => {
            await setIntegration(server, integration);
            const fresh = () => table.recordIn(owner, state, as(server));
            const version = (id: string) =>
              read(owner, `${table.set}(${id})?$select=versionnumber`).then(
                (row) => row.versionnumber,
                () => undefined,
              );
            const mismatches: string[] = [];
            for (const [who, api] of callers) {
              let id = await fresh();
              const verdicts: Verdict[] = (
                await read(api, `ol_RetrieveAllowedMessages(EntityName='${table.logicalName}',EntityId=${id})`)
              ).value;
              expect(verdicts.map((verdict) => verdict.MessageName).sort()).toEqual(Object.keys(table.run).sort());
              for (const verdict of verdicts) {
                const before = await version(id);
                const response = await table.run[verdict.MessageName]!(api, id);
                const accepted = response.status < 300;
                // A change into the state the record is already in: accepted, and nothing changes.
                if (!verdict.IsAllowed && /is already/.test(verdict.Reason ?? '')) {
                  if (!accepted || (await version(id)) !== before)
                    mismatches.push(`${who}: ${verdict.MessageName} was said to change nothing`);
                  continue;
                }
                if (accepted !== verdict.IsAllowed) {
                  mismatches.push(
                    `${who}: ${verdict.MessageName} said ${verdict.IsAllowed ? 'allowed' : `refused (${verdict.Reason})`}, server answered ${response.status} ${response.text.slice(0, 200)}`,
                  );
                }
                if (!verdict.IsAllowed && verdict.Reason === null) {
                  mismatches.push(`${who}: ${verdict.MessageName} refused without a reason`);
                }
                if (accepted) id = await fresh();
              }
            }
            expect(mismatches).toEqual([]);
          }, 240_000);
        }
      }
    }
  },
);
