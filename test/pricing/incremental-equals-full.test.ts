/**
 * Property: after any sequence of line creates, updates and deletes through the Web API, the header
 * totals kept incrementally (each write moves them by one line's delta) equal what RecalculatePrice
 * computes from all the lines, and the detail amount equals the sum of the lines' contributions.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-app.js';
import { TEST_STORES } from '../support/test-stores.js';
import {
  action,
  addOrderLine,
  type Catalog,
  catalogLine,
  createCatalog,
  createOrder,
  expectStatus,
  figures,
  HEADER_FIGURES,
  order,
  patch,
  read,
  writeIn,
} from './support.js';

type Step =
  | { kind: 'create'; product: string | null; quantity: number; discount: number; tax: number; price: number }
  | { kind: 'update'; index: number; quantity: number; tax: number }
  | { kind: 'delete'; index: number };

const PRODUCTS = ['amount', 'percentOfList', 'tiered', 'rounded', 'marginStandard', null] as const;
const money = fc.integer({ min: 0, max: 99_999 }).map((cents) => cents / 100);
const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('create' as const),
    product: fc.constantFrom(...PRODUCTS),
    quantity: fc.integer({ min: 0, max: 60 }),
    discount: fc.integer({ min: 0, max: 500 }).map((cents) => cents / 100),
    tax: money,
    price: money,
  }),
  fc.record({
    kind: fc.constant('update' as const),
    index: fc.nat(),
    quantity: fc.integer({ min: 0, max: 60 }),
    tax: money,
  }),
  fc.record({ kind: fc.constant('delete' as const), index: fc.nat() }),
);

for (const kind of TEST_STORES) {
  describe(`incremental header totals on ${kind}`, () => {
    let server: TestServer;
    let catalog: Catalog;

    beforeAll(async () => {
      server = await startTestServer(kind);
      catalog = await createCatalog(server.api);
    });
    afterAll(async () => {
      await server?.close();
    });

    it('equal a full recalculation after any sequence of line writes', async () => {
      const api = server.api;
      await fc.assert(
        fc.asyncProperty(
          fc.array(stepArbitrary, { minLength: 1, maxLength: 8 }),
          fc.integer({ min: 0, max: 30 }),
          async (steps, percent) => {
            const id = await createOrder(api, catalog, { discountpercentage: percent, freightamount: 4.99 });
            const lines: string[] = [];
            for (const step of steps) {
              if (step.kind === 'create') {
                const extra = { manualdiscountamount: step.discount, tax: step.tax };
                const body =
                  step.product === null
                    ? writeIn(step.price, step.quantity, extra)
                    : catalogLine(catalog, step.product, step.quantity, extra);
                lines.push(await addOrderLine(api, id, body));
              } else if (lines.length > 0) {
                const index = step.index % lines.length;
                if (step.kind === 'update') {
                  await patch(api, `salesorderdetails(${lines[index]})`, { quantity: step.quantity, tax: step.tax });
                } else {
                  expectStatus(await api(`salesorderdetails(${lines[index]})`, { method: 'DELETE' }));
                  lines.splice(index, 1);
                }
              }
            }
            const incremental = await order(api, id);
            const stored = (await read(api, `salesorderdetails?$filter=_salesorderid_value eq ${id}`)).value as any[];
            const cents = (value: number | null) => Math.round((value ?? 0) * 10_000);
            const detail = stored.reduce((sum, line) => sum + cents(line.extendedamount) - cents(line.tax), 0);
            expect(cents(incremental.totallineitemamount)).toBe(detail);
            await action(api, 'RecalculatePrice', { entityLogicalName: 'salesorder', entityId: id });
            const full = await order(api, id);
            const names = [...HEADER_FIGURES, 'pricingerrorcode', 'totalamount_base'];
            expect(figures(incremental, names)).toEqual(figures(full, names));
          },
        ),
        { numRuns: 25 },
      );
    }, 120_000);
  });
}
