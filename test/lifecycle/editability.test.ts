/**
 * Editability by state (reference 4.2, checklist 10.4): a quote only in Draft, an order only in Active
 * (the back office's exception is order-lock.test.ts), an invoice not when Paid or Canceled, an
 * opportunity not when Won or Lost. A record that is not editable refuses writes to itself and to its
 * lines with a 400, and a refused write leaves the row and its lines exactly as they were.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-app.js';
import { TEST_STORES } from '../support/test-stores.js';
import {
  type Api,
  as,
  expectOk,
  expectRefused,
  firstLine,
  idOf,
  invoiceIn,
  opportunityIn,
  orderIn,
  quoteIn,
  setIntegration,
  snapshot,
  writeInLine,
} from './support.js';

interface Entity {
  readonly name: string;
  readonly set: string;
  readonly lines: { readonly set: string; readonly parent: string; readonly key: string };
  readonly create: (server: TestServer, api: Api, state: string) => Promise<string>;
  readonly editable: readonly string[];
  readonly readOnly: readonly string[];
}

const ENTITIES: readonly Entity[] = [
  {
    name: 'opportunity',
    set: 'opportunities',
    lines: { set: 'opportunityproducts', parent: 'opportunityid', key: 'opportunityproductid' },
    create: async (_server, api, state) => {
      const id = await opportunityIn(api, 'Open');
      await api('opportunityproducts', {
        method: 'POST',
        body: { ...writeInLine(), 'opportunityid@odata.bind': `/opportunities(${id})` },
      });
      if (state !== 'Open') {
        const message = state === 'Won' ? 'WinOpportunity' : 'LoseOpportunity';
        const body = {
          OpportunityClose: { subject: state, 'opportunityid@odata.bind': `/opportunities(${id})` },
          Status: -1,
        };
        expectOk(await api(message, { method: 'POST', body }));
      }
      return id;
    },
    editable: ['Open'],
    readOnly: ['Won', 'Lost'],
  },
  {
    name: 'quote',
    set: 'quotes',
    lines: { set: 'quotedetails', parent: 'quoteid', key: 'quotedetailid' },
    create: (_server, api, state) => quoteIn(api, state as 'Draft'),
    editable: ['Draft'],
    readOnly: ['Active', 'Won', 'Closed'],
  },
  {
    name: 'salesorder',
    set: 'salesorders',
    lines: { set: 'salesorderdetails', parent: 'salesorderid', key: 'salesorderdetailid' },
    create: async (server, api, state) => {
      const [base, integration] = state.split(' ') as [string, string | undefined];
      const id = await orderIn(server, api, base as 'Active');
      if (integration) await setIntegration(server, integration === '(on)');
      return id;
    },
    editable: ['Active (on)', 'Active (off)'],
    readOnly: ['Submitted (off)', 'Canceled', 'Fulfilled', 'Invoiced'],
  },
  {
    name: 'invoice',
    set: 'invoices',
    lines: { set: 'invoicedetails', parent: 'invoiceid', key: 'invoicedetailid' },
    create: (_server, api, state) => invoiceIn(api, state as 'Active'),
    editable: ['Active'],
    readOnly: ['Paid', 'Canceled'],
  },
];

type Write = 'update the record' | 'delete the record' | 'create a line' | 'update a line' | 'delete a line';
const WRITES: readonly Write[] = [
  'update the record',
  'delete the record',
  'create a line',
  'update a line',
  'delete a line',
];

async function perform(api: Api, entity: Entity, id: string, write: Write) {
  const line = await firstLine(api, entity.lines.set, entity.lines.parent, id);
  switch (write) {
    case 'update the record':
      return api(`${entity.set}(${id})`, { method: 'PATCH', body: { description: 'changed' } });
    case 'delete the record':
      return api(`${entity.set}(${id})`, { method: 'DELETE' });
    case 'create a line':
      return api(entity.lines.set, {
        method: 'POST',
        body: { ...writeInLine('Added'), [`${entity.lines.parent}@odata.bind`]: `/${entity.set}(${id})` },
      });
    case 'update a line':
      return api(`${entity.lines.set}(${line[entity.lines.key]})`, { method: 'PATCH', body: { quantity: 7 } });
    case 'delete a line':
      return api(`${entity.lines.set}(${line[entity.lines.key]})`, { method: 'DELETE' });
  }
}

for (const kind of TEST_STORES) {
  describe(`editability by state on ${kind}`, () => {
    let server: TestServer;

    beforeAll(async () => {
      server = await startTestServer(kind);
    });
    afterAll(async () => {
      await server?.close();
    });

    for (const entity of ENTITIES) {
      describe(entity.name, () => {
        const cases = WRITES.flatMap((write) => [
          ...entity.readOnly.map(
            (state) =>
              [`a ${state} ${entity.name} refuses to ${write}, leaving it as it was`, state, write, false] as const,
          ),
          ...entity.editable.map(
            (state) => [`a ${state} ${entity.name} lets you ${write}`, state, write, true] as const,
          ),
        ]);
        it.each(cases)('%s', async (_rule, state, write, allowed) => {
          const api = as(server);
          const id = await entity.create(server, api, state);
          const before = await snapshot(api, entity.set, id, entity.lines);
          const response = await perform(api, entity, id, write);
          if (!allowed) {
            expectRefused(
              response,
              400,
              write.includes('line')
                ? /^Cannot (create|update|delete) an? .+: its .+ is /
                : /is .+ and cannot be (updated|deleted): /,
            );
            expect(await snapshot(api, entity.set, id, entity.lines)).toEqual(before);
            return;
          }
          expect(response.status, response.text).toBe(204);
          if (write === 'delete the record') {
            expect((await api(`${entity.set}(${id})`)).status).toBe(404);
            return;
          }
          const after = await snapshot(api, entity.set, id, entity.lines);
          if (write === 'create a line') expect(after.children).toHaveLength(before.children.length + 1);
          if (write === 'delete a line') expect(after.children).toHaveLength(before.children.length - 1);
          if (write === 'update a line') expect(after.children[0].quantity).toBe(7);
          if (write === 'update the record') expect(after.row.description).toBe('changed');
          if (write === 'create a line') idOf(response);
        });
      });
    }

    it('states the rule in the refusal: only draft quotes can be edited', async () => {
      const api = as(server);
      const id = await quoteIn(api, 'Active');
      const refused = await api(`quotes(${id})`, { method: 'PATCH', body: { name: 'Renamed' } });
      expectRefused(
        refused,
        400,
        /^The quote QUO-\d{5}-\w+ is Active and cannot be updated: only draft quotes can be edited/,
      );
    });
  });
}
