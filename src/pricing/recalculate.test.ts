import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lineFor, type Order, orderArb } from '../../test/support/pricing/arbitraries.js';
import {
  referenceRecalculate,
  toReferenceHeader,
  toReferenceLines,
} from '../../test/support/pricing/decimal-reference.js';
import { type Fixed, fixedDecimalPlaces, fixedToDecimal } from './fixed.js';
import {
  applyLineDelta,
  EMPTY_HEADER_ACCUMULATOR,
  lineContribution,
  sumLineContributions,
} from './header-accumulator.js';
import { computeHeaderTotals } from './header-totals.js';
import { priceLine } from './price-line.js';
import type { HeaderAccumulator, PricedLine, PricingLine } from './pricing-types.js';
import { recalculate } from './recalculate.js';

const LINE_COLUMNS = [
  'priceperunit',
  'volumediscountamount',
  'baseamount',
  'manualdiscountamount',
  'tax',
  'extendedamount',
  'priceperunit_base',
  'volumediscountamount_base',
  'baseamount_base',
  'manualdiscountamount_base',
  'tax_base',
  'extendedamount_base',
] as const;

const same = (engine: Fixed, reference: { eq(other: never): boolean }) => reference.eq(fixedToDecimal(engine) as never);

/** What a store does with one line operation: price it, then move the header sums by its delta. */
function applyOperation(
  order: Order,
  stored: PricedLine[],
  inputs: PricingLine[],
  sums: HeaderAccumulator,
  operation: { kind: 'create' | 'update' | 'delete'; at: number; line: PricingLine },
): HeaderAccumulator {
  if (operation.kind === 'create') {
    const result = priceLine(operation.line, order.record, order.catalog, order.settings, { operation: 'create' });
    if (result.kind !== 'priced') throw new Error('refused');
    stored.push(result.line);
    inputs.push(operation.line);
    return applyLineDelta(sums, undefined, result.line);
  }
  if (stored.length === 0) return sums;
  const index = operation.at % stored.length;
  const before = stored[index]!;
  if (operation.kind === 'delete') {
    stored.splice(index, 1);
    inputs.splice(index, 1);
    return applyLineDelta(sums, before, undefined);
  }
  const result = priceLine(operation.line, order.record, order.catalog, order.settings, {
    operation: 'update',
    quantityChanged: true,
  });
  if (result.kind !== 'priced') throw new Error('refused');
  stored[index] = result.line;
  inputs[index] = operation.line;
  return applyLineDelta(sums, before, result.line);
}

const operations = (order: Order) =>
  fc.array(
    fc.record({
      kind: fc.constantFrom<'create' | 'update' | 'delete'>('create', 'create', 'update', 'delete'),
      at: fc.nat(),
      line: lineFor(order, true),
    }),
    { maxLength: 30 },
  );

describe('full recalculation (linear, every line once)', () => {
  it('agrees with a naive decimal.js computation of every line and header column', () => {
    fc.assert(
      fc.property(orderArb(), (order) => {
        const result = recalculate(order.record, order.lines, order.catalog, order.settings);
        const s = order.settings;
        const reference = referenceRecalculate(
          toReferenceLines(order.record, order.lines, order.catalog, s),
          toReferenceHeader(order.record),
          {
            pricingPlaces: s.pricingdecimalprecision,
            currencyPlaces: s.currencyprecision,
            perUnit: s.discountcalculationmethod === 1,
          },
        );
        result.lines.forEach((pricedLine, i) => {
          expect(pricedLine.pricingerrorcode).toBe(0);
          for (const column of LINE_COLUMNS) {
            expect(same(pricedLine[column], reference.lines[i]![column]), `line ${i} ${column}`).toBe(true);
          }
        });
        for (const column of [
          'totallineitemamount',
          'totallineitemdiscountamount',
          'percentdiscountamount',
          'totaldiscountamount',
          'totalamountlessfreight',
          'totaltax',
          'totalamount',
          'totalamount_base',
          'totallineitemamount_base',
        ] as const) {
          expect(same(result.header[column], reference.header[column]), column).toBe(true);
        }
        expect(result.header.pricingerrorcode).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('no result ever carries more decimals than its column allows', () => {
    fc.assert(
      fc.property(orderArb({ withErrors: true }), (order) => {
        const { lines, header } = recalculate(order.record, order.lines, order.catalog, order.settings);
        const pricing = order.settings.pricingdecimalprecision;
        const currency = order.settings.currencyprecision;
        for (const pricedLine of lines) {
          expect(fixedDecimalPlaces(pricedLine.priceperunit)).toBeLessThanOrEqual(pricing);
          for (const column of [
            'volumediscountamount',
            'baseamount',
            'manualdiscountamount',
            'tax',
            'extendedamount',
          ] as const) {
            expect(fixedDecimalPlaces(pricedLine[column])).toBeLessThanOrEqual(currency);
          }
          for (const column of LINE_COLUMNS.filter((c) => c.endsWith('_base'))) {
            expect(fixedDecimalPlaces(pricedLine[column])).toBeLessThanOrEqual(4);
          }
        }
        for (const [column, value] of Object.entries(header)) {
          if (typeof value === 'object' || column === 'pricingerrorcode') continue;
          expect(fixedDecimalPlaces(value as Fixed), column).toBeLessThanOrEqual(
            column.endsWith('_base') ? 4 : currency,
          );
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('incremental header totals (one line at a time, PRODUCT.md C2 "Cost")', () => {
  it('the header sums equal the sum of the stored lines after any sequence of creates, updates and deletes', () => {
    fc.assert(
      fc.property(
        orderArb({ withErrors: true }).chain((order) => fc.tuple(fc.constant(order), operations(order))),
        ([order, ops]) => {
          const stored: PricedLine[] = [];
          const inputs: PricingLine[] = [];
          let sums = EMPTY_HEADER_ACCUMULATOR;
          for (const op of ops) {
            sums = applyOperation(order, stored, inputs, sums, op);
            expect(sums).toEqual(sumLineContributions(stored));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('incremental header totals always equal a full recalculation of the same lines', () => {
    fc.assert(
      fc.property(
        orderArb({ withErrors: true }).chain((order) => fc.tuple(fc.constant(order), operations(order))),
        ([order, ops]) => {
          const stored: PricedLine[] = [];
          const inputs: PricingLine[] = [];
          let sums = EMPTY_HEADER_ACCUMULATOR;
          for (const op of ops) sums = applyOperation(order, stored, inputs, sums, op);
          const incremental = computeHeaderTotals(sums, order.record, order.settings);
          const full = recalculate(order.record, inputs, order.catalog, order.settings);
          expect(incremental).toEqual(full.header);
          expect(sums).toEqual(full.sums);
          expect(stored.map(({ trace: _t, ...columns }) => columns)).toEqual(
            full.lines.map(({ trace: _t, ...columns }) => columns),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it("a line's contribution is read from its stored columns: detail = extended - tax, discount = base - detail", () => {
    fc.assert(
      fc.property(orderArb({ withErrors: true }), (order) => {
        const { lines } = recalculate(order.record, order.lines, order.catalog, order.settings);
        let sums = EMPTY_HEADER_ACCUMULATOR;
        for (const pricedLine of lines) sums = applyLineDelta(sums, undefined, pricedLine);
        for (const pricedLine of lines) sums = applyLineDelta(sums, pricedLine, undefined);
        expect(sums).toEqual(EMPTY_HEADER_ACCUMULATOR);
        for (const pricedLine of lines) {
          const contribution = lineContribution(pricedLine);
          expect(contribution.pricingerrorlinecount).toBe(pricedLine.pricingerrorcode === 0 ? 0 : 1);
        }
      }),
      { numRuns: 200 },
    );
  });
});
