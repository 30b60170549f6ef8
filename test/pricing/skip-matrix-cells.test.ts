/**
 * Every cell of the seed's price-calculation table (reference 1.5) through the Web API, on every store:
 * the eight sales tables × Create / Update / Delete / Recalculate, for the switch
 * (`organization.issopintegrationenabled`) on and off, a caller who is or is not an integration user,
 * and — where the rule mentions it — a Submitted order. Each case shows that pricing COMPUTED or was
 * SKIPPED by a figure a client can read:
 *
 * - header Create: a header created with freight 10 gets totalamount 10 (computed) or none (skipped);
 * - header Update: freight 10 written on a header worth 200 moves totalamount to 210, or leaves 200;
 * - header Recalculate: after the catalog price goes 100 -> 130, RecalculatePrice re-prices the line
 *   (priceperunit 130, header 260) or leaves it (100, header 200);
 * - line Create: a catalog line without a price gets the price list's 100 and moves the header to 200,
 *   or keeps no price and leaves the header at 0;
 * - line Update: quantity 2 -> 3 moves extendedamount and the header to 300, or leaves them at 200;
 * - line Delete: deleting the only line moves the header's totallineitemamount to 0, or leaves 200.
 *
 * A write to a Submitted order (or its lines) by anyone but an integration user while the switch is on
 * is refused by the lifecycle (400, docs/lifecycle.md): in those cases the skip cannot be observed, so
 * the refusal is asserted instead (and named in the test).
 *
 * The expectations are this file's own reading of the reference table (EXPECTED below), not the
 * server's src/pricing/skip-matrix.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-app.js';
import { TEST_STORES } from '../support/test-stores.js';
import {
  type Api,
  action,
  type Catalog,
  catalogLine,
  createCatalog,
  createUser,
  expectStatus,
  idOf,
  organization,
  patch,
  post,
  read,
} from './support.js';

type Table =
  | 'opportunity'
  | 'quote'
  | 'salesorder'
  | 'invoice'
  | 'opportunityproduct'
  | 'quotedetail'
  | 'salesorderdetail'
  | 'invoicedetail';
type Operation = 'create' | 'update' | 'delete' | 'recalculate';

/**
 * Reference 1.5 as written: the condition under which the calculation is SKIPPED.
 * 'never' = "always calculate"; 'n/a' = the table leaves the cell empty.
 */
type SkipCondition = 'never' | 'SOP∧IU' | 'SOP∧SUB' | 'SOP∧(SUB∨IU)' | 'n/a';

const EXPECTED: Record<Table, Record<Operation, SkipCondition>> = {
  opportunity: { create: 'never', update: 'never', delete: 'n/a', recalculate: 'never' },
  quote: { create: 'never', update: 'never', delete: 'n/a', recalculate: 'never' },
  salesorder: { create: 'SOP∧IU', update: 'SOP∧(SUB∨IU)', delete: 'n/a', recalculate: 'SOP∧SUB' },
  invoice: { create: 'SOP∧IU', update: 'SOP∧IU', delete: 'n/a', recalculate: 'SOP∧IU' },
  opportunityproduct: { create: 'never', update: 'never', delete: 'never', recalculate: 'n/a' },
  quotedetail: { create: 'never', update: 'never', delete: 'never', recalculate: 'n/a' },
  // "parent order SUB" for the order's lines.
  salesorderdetail: { create: 'SOP∧(SUB∨IU)', update: 'SOP∧(SUB∨IU)', delete: 'SOP∧IU', recalculate: 'n/a' },
  invoicedetail: { create: 'SOP∧IU', update: 'SOP∧IU', delete: 'SOP∧IU', recalculate: 'n/a' },
};

interface Facts {
  readonly sop: boolean;
  readonly iu: boolean;
  readonly sub: boolean;
}

function skips(condition: Exclude<SkipCondition, 'n/a'>, { sop, iu, sub }: Facts): boolean {
  switch (condition) {
    case 'never':
      return false;
    case 'SOP∧IU':
      return sop && iu;
    case 'SOP∧SUB':
      return sop && sub;
    case 'SOP∧(SUB∨IU)':
      return sop && (sub || iu);
  }
}

type Outcome = 'computed' | 'skipped' | 'refused';

/** Header tables, their entity sets, line tables and the lookup that binds a line to its header. */
const HEADERS = {
  opportunity: { set: 'opportunities', lineSet: 'opportunityproducts', parent: 'opportunityid' },
  quote: { set: 'quotes', lineSet: 'quotedetails', parent: 'quoteid' },
  salesorder: { set: 'salesorders', lineSet: 'salesorderdetails', parent: 'salesorderid' },
  invoice: { set: 'invoices', lineSet: 'invoicedetails', parent: 'invoiceid' },
} as const;
type HeaderTable = keyof typeof HEADERS;
const HEADER_OF: Record<Table, HeaderTable> = {
  opportunity: 'opportunity',
  quote: 'quote',
  salesorder: 'salesorder',
  invoice: 'invoice',
  opportunityproduct: 'opportunity',
  quotedetail: 'quote',
  salesorderdetail: 'salesorder',
  invoicedetail: 'invoice',
};
const TABLES = Object.keys(EXPECTED) as Table[];
const OPERATIONS: readonly Operation[] = ['create', 'update', 'delete', 'recalculate'];

/** Does the rule read SUB? Then the cell runs with the order Submitted and not. */
const mentionsSub = (condition: SkipCondition) => condition.includes('SUB');

interface Case {
  readonly table: Table;
  readonly operation: Operation;
  readonly facts: Facts;
  readonly outcome: Outcome;
}

function casesOf(): { cases: Case[]; notApplicable: string[] } {
  const cases: Case[] = [];
  const notApplicable: string[] = [];
  for (const table of TABLES) {
    for (const operation of OPERATIONS) {
      const condition = EXPECTED[table][operation];
      // n/a cells (a header is not deleted through pricing, a line is not recalculated on its own): skipped.
      if (condition === 'n/a') {
        notApplicable.push(`${table} ${operation}`);
        continue;
      }
      for (const sop of [false, true]) {
        for (const iu of [false, true]) {
          for (const sub of mentionsSub(condition) ? [false, true] : [false]) {
            const facts = { sop, iu, sub };
            // The lifecycle: a Submitted order is written only by an integration user while the switch is on.
            const refused = sub && operation !== 'recalculate' && !(sop && iu);
            const outcome: Outcome = refused ? 'refused' : skips(condition, facts) ? 'skipped' : 'computed';
            cases.push({ table, operation, facts, outcome });
          }
        }
      }
    }
  }
  return { cases, notApplicable };
}

const { cases: CASES, notApplicable: NOT_APPLICABLE } = casesOf();

const describeFacts = ({ sop, iu, sub }: Facts, withSub: boolean) =>
  [
    `SOP ${sop ? 'on' : 'off'}`,
    iu ? 'integration user' : 'regular user',
    ...(withSub ? [sub ? 'order Submitted' : 'order Active'] : []),
  ].join(', ');

const caseName = (c: Case) =>
  `${c.table} ${c.operation} | ${describeFacts(c.facts, mentionsSub(EXPECTED[c.table][c.operation]))} -> ${
    c.outcome === 'refused' ? 'write refused by the lifecycle (skip not observable)' : c.outcome
  }`;

it('encodes every applicable cell of reference 1.5 (and only the n/a ones are left out)', () => {
  expect(NOT_APPLICABLE).toEqual([
    'opportunity delete',
    'quote delete',
    'salesorder delete',
    'invoice delete',
    'opportunityproduct recalculate',
    'quotedetail recalculate',
    'salesorderdetail recalculate',
    'invoicedetail recalculate',
  ]);
  expect(CASES).toHaveLength(112);
});

for (const kind of TEST_STORES) {
  describe(`skip matrix, cell by cell, through the Web API on ${kind}`, () => {
    let server: TestServer;
    let catalog: Catalog;
    let organizationId: string;
    let regular: Api;
    let integration: Api;

    beforeAll(async () => {
      server = await startTestServer(kind);
      catalog = await createCatalog(server.api);
      organizationId = (await organization(server.api)).organizationid;
      regular = (await createUser(server, { roles: ['Sales Manager'] })).api;
      integration = (await createUser(server, { roles: ['Sales Manager'], integration: true })).api;
      await setSop(false);
    });
    afterAll(async () => {
      await server?.close();
    });

    async function setSop(enabled: boolean): Promise<void> {
      await patch(server.api, `organizations(${organizationId})`, { issopintegrationenabled: enabled });
    }

    /** A header on the catalog's price list, created by the administrator with the switch off (so priced). */
    async function newHeader(header: HeaderTable, lines: number): Promise<{ id: string; lineId?: string }> {
      const { set, lineSet, parent } = HEADERS[header];
      const id = await post(server.api, set, {
        name: `Skip cell ${header}`,
        'pricelevelid@odata.bind': `/pricelevels(${catalog.priceListId})`,
      });
      let lineId: string | undefined;
      for (let index = 0; index < lines; index += 1) {
        lineId = await post(server.api, lineSet, {
          ...catalogLine(catalog, 'amount', 2),
          [`${parent}@odata.bind`]: `/${set}(${id})`,
        });
      }
      const row = await read(server.api, `${set}(${id})`);
      expect(row.totallineitemamount).toBe(200 * lines);
      return { id, lineId };
    }

    async function submit(orderId: string): Promise<void> {
      await setSop(true);
      await patch(server.api, `salesorders(${orderId})`, { statecode: 1, statuscode: 3 });
      expect((await read(server.api, `salesorders(${orderId})`)).statecode).toBe(1);
    }

    /** Runs `write` as the caller; checks it was refused when the lifecycle must refuse it. */
    async function attempt(c: Case, write: () => Promise<{ status: number; text: string }>): Promise<boolean> {
      const response = await write();
      if (c.outcome === 'refused') {
        expect(response.status, response.text).toBe(400);
        return false;
      }
      expect([200, 204], response.text).toContain(response.status);
      return true;
    }

    for (const c of CASES) {
      it(caseName(c), async () => {
        const header = HEADER_OF[c.table];
        const { set, lineSet, parent } = HEADERS[header];
        const isHeader = header === c.table;
        const caller = c.facts.iu ? integration : regular;
        const computed = c.outcome === 'computed';
        await setSop(false);
        try {
          if (isHeader && c.operation === 'create') {
            await setSop(c.facts.sop);
            const response = await caller(set, {
              method: 'POST',
              body: {
                name: `Created ${header}`,
                freightamount: 10,
                'pricelevelid@odata.bind': `/pricelevels(${catalog.priceListId})`,
              },
            });
            expectStatus(response);
            const row = await read(server.api, `${set}(${idOf(response)})`);
            expect(row.totalamount).toBe(computed ? 10 : null);
            return;
          }

          const lines = !isHeader && c.operation === 'create' ? 0 : 1;
          const { id, lineId } = await newHeader(header, lines);
          if (c.facts.sub) await submit(id);
          await setSop(c.facts.sop);
          const headerRow = () => read(server.api, `${set}(${id})`);

          if (isHeader && c.operation === 'update') {
            const done = await attempt(c, () =>
              caller(`${set}(${id})`, { method: 'PATCH', body: { freightamount: 10 } }),
            );
            expect((await headerRow()).totalamount).toBe(done && computed ? 210 : 200);
            return;
          }

          if (isHeader && c.operation === 'recalculate') {
            await patch(server.api, `productpricelevels(${catalog.items.amount})`, { amount: 130 });
            try {
              await action(caller, 'RecalculatePrice', { entityLogicalName: header, entityId: id });
            } finally {
              await patch(server.api, `productpricelevels(${catalog.items.amount})`, { amount: 100 });
            }
            const line = await read(server.api, `${lineSet}(${lineId})`);
            expect(line.priceperunit).toBe(computed ? 130 : 100);
            expect((await headerRow()).totallineitemamount).toBe(computed ? 260 : 200);
            return;
          }

          if (c.operation === 'create') {
            let created: string | undefined;
            const done = await attempt(c, async () => {
              const response = await caller(lineSet, {
                method: 'POST',
                body: { ...catalogLine(catalog, 'amount', 2), [`${parent}@odata.bind`]: `/${set}(${id})` },
              });
              if (response.status === 204) created = idOf(response);
              return response;
            });
            if (done) {
              const line = await read(server.api, `${lineSet}(${created})`);
              expect([line.priceperunit, line.extendedamount]).toEqual(computed ? [100, 200] : [null, null]);
            }
            expect((await headerRow()).totallineitemamount).toBe(done && computed ? 200 : 0);
            return;
          }

          if (c.operation === 'update') {
            const done = await attempt(c, () =>
              caller(`${lineSet}(${lineId})`, { method: 'PATCH', body: { quantity: 3 } }),
            );
            const line = await read(server.api, `${lineSet}(${lineId})`);
            expect(line.quantity).toBe(done ? 3 : 2);
            expect(line.extendedamount).toBe(done && computed ? 300 : 200);
            expect((await headerRow()).totallineitemamount).toBe(done && computed ? 300 : 200);
            return;
          }

          // Line delete.
          const done = await attempt(c, () => caller(`${lineSet}(${lineId})`, { method: 'DELETE' }));
          expect((await server.api(`${lineSet}(${lineId})`)).status).toBe(done ? 404 : 200);
          expect((await headerRow()).totallineitemamount).toBe(done && computed ? 0 : 200);
        } finally {
          await setSop(false);
        }
      });
    }
  });
}
