import { describe, expect, it } from 'vitest';
import type { SalesTable } from './pricing-types.js';
import { type PricingOperation, type SkipFacts, shouldCalculatePrice, skipMatrix } from './skip-matrix.js';

/**
 * Reference 1.5, transcribed cell by cell as the seed words it (SOP = integration on, IU = integration
 * user, SUB = the order, or the line's parent order, is submitted). Written independently of the
 * table in skip-matrix.ts so that a change to either shows here.
 */
type Cell = 'n/a' | { readonly text: string; readonly skip: (sop: boolean, iu: boolean, sub: boolean) => boolean };
const always: Cell = { text: 'always calculate', skip: () => false };
const skipIf = (text: string, skip: (sop: boolean, iu: boolean, sub: boolean) => boolean): Cell => ({ text, skip });

const seed: Readonly<Record<SalesTable, Readonly<Record<PricingOperation, Cell>>>> = {
  opportunity: { create: always, update: always, delete: 'n/a', recalculate: always },
  quote: { create: always, update: always, delete: 'n/a', recalculate: always },
  salesorder: {
    create: skipIf('skip if SOP ∧ IU', (sop, iu) => sop && iu),
    update: skipIf('skip if SOP ∧ (SUB ∨ IU)', (sop, iu, sub) => sop && (sub || iu)),
    delete: 'n/a',
    recalculate: skipIf('skip if SOP ∧ SUB', (sop, _iu, sub) => sop && sub),
  },
  invoice: {
    create: skipIf('skip if SOP ∧ IU', (sop, iu) => sop && iu),
    update: skipIf('skip if SOP ∧ IU', (sop, iu) => sop && iu),
    delete: 'n/a',
    recalculate: skipIf('skip if SOP ∧ IU', (sop, iu) => sop && iu),
  },
  opportunityproduct: { create: always, update: always, delete: always, recalculate: 'n/a' },
  quotedetail: { create: always, update: always, delete: always, recalculate: 'n/a' },
  salesorderdetail: {
    create: skipIf('skip if SOP ∧ (IU ∨ parent order SUB)', (sop, iu, sub) => sop && (iu || sub)),
    update: skipIf('skip if SOP ∧ (IU ∨ parent order SUB)', (sop, iu, sub) => sop && (iu || sub)),
    delete: skipIf('skip if SOP ∧ IU', (sop, iu) => sop && iu),
    recalculate: 'n/a',
  },
  invoicedetail: {
    create: skipIf('skip if SOP ∧ IU', (sop, iu) => sop && iu),
    update: skipIf('skip if SOP ∧ IU', (sop, iu) => sop && iu),
    delete: skipIf('skip if SOP ∧ IU', (sop, iu) => sop && iu),
    recalculate: 'n/a',
  },
};

const tables = Object.keys(seed) as SalesTable[];
const operations: readonly PricingOperation[] = ['create', 'update', 'delete', 'recalculate'];
const factCombinations: readonly SkipFacts[] = [false, true].flatMap((sopEnabled) =>
  [false, true].flatMap((integrationUser) =>
    [false, true].map((orderSubmitted) => ({ sopEnabled, integrationUser, orderSubmitted })),
  ),
);
const describeFacts = (facts: SkipFacts) =>
  `SOP ${facts.sopEnabled ? 'on' : 'off'}, ${facts.integrationUser ? 'integration user' : 'regular user'}, order ${facts.orderSubmitted ? 'submitted' : 'not submitted'}`;

const cases = tables.flatMap((table) =>
  operations.flatMap((operation) => {
    const cell = seed[table][operation];
    return factCombinations.map((facts) => {
      const expected =
        cell === 'n/a' ? 'not-applicable' : !cell.skip(facts.sopEnabled, facts.integrationUser, facts.orderSubmitted);
      const rule = cell === 'n/a' ? 'n/a' : cell.text;
      const outcome = expected === 'not-applicable' ? 'not applicable' : expected ? 'calculate' : 'skip';
      return {
        name: `${table} ${operation} (${rule}) with ${describeFacts(facts)}: ${outcome}`,
        table,
        operation,
        facts,
        expected,
      };
    });
  }),
);

describe('skip matrix of the seed (reference 1.5): every table x operation x fact combination', () => {
  it.each(cases)('$name', ({ table, operation, facts, expected }) => {
    expect(shouldCalculatePrice(table, operation, facts)).toBe(expected);
  });

  it('covers the 8 tables and 4 operations: 32 cells, 256 cases', () => {
    expect(Object.keys(skipMatrix).sort()).toEqual([...tables].sort());
    expect(cases).toHaveLength(8 * 4 * 8);
  });

  it('with the integration off, every applicable cell calculates', () => {
    for (const table of tables) {
      for (const operation of operations) {
        const outcome = shouldCalculatePrice(table, operation, {
          sopEnabled: false,
          integrationUser: true,
          orderSubmitted: true,
        });
        expect(outcome === true || outcome === 'not-applicable').toBe(true);
      }
    }
  });

  it('keeps the seed asymmetries: order Recalculate ignores IU, order-line Delete ignores SUB, order Create ignores SUB', () => {
    const on = (integrationUser: boolean, orderSubmitted: boolean): SkipFacts => ({
      sopEnabled: true,
      integrationUser,
      orderSubmitted,
    });
    expect(shouldCalculatePrice('salesorder', 'recalculate', on(true, false))).toBe(true);
    expect(shouldCalculatePrice('salesorderdetail', 'delete', on(false, true))).toBe(true);
    expect(shouldCalculatePrice('salesorder', 'create', on(false, true))).toBe(true);
  });
});
