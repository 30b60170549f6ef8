/**
 * Pricing service level (PRODUCT.md, "Service levels"): recalculating a 1,000-line order in under 1 ms,
 * 10,000 lines in under 10 times that. The baseline is a naive decimal.js loop over the same 1,000 lines
 * (test/support/pricing/decimal-reference.ts), measured in the same run.
 *
 * The order is a realistic mix: 200 catalog products priced by all six methods (with Ends in and
 * Multiple of rounding), amount and percentage volume discount lists, fractional quantities, manual
 * discounts, tax, a few write-in and overridden lines, a header percent discount, discount amount and
 * freight, and a non-1 exchange rate with 12 decimals so every `_base` column is a real division.
 * Inputs are in the engine's representation (`Fixed`); the cost of converting stored values is measured
 * separately as an extra figure.
 */
import { Decimal } from '../src/domain/decimal.js';
import { buildPricingCatalog } from '../src/pricing/catalog.js';
import { type Fixed, fixed, fixedFromDecimal, fixedToDecimal } from '../src/pricing/fixed.js';
import { applyLineDelta } from '../src/pricing/header-accumulator.js';
import { computeHeaderTotals } from '../src/pricing/header-totals.js';
import { priceLine } from '../src/pricing/price-line.js';
import type {
  PricedLine,
  PriceListItem,
  PricingCatalog,
  PricingLine,
  PricingRecord,
  PricingSettings,
} from '../src/pricing/pricing-types.js';
import { recalculate } from '../src/pricing/recalculate.js';
import {
  referenceRecalculate,
  toReferenceHeader,
  toReferenceLines,
} from '../test/support/pricing/decimal-reference.js';
import type { BenchFigure, BenchSuite } from './bench-result.js';

const PRODUCTS = 200;
const CURRENCY = 'usd';
const PRICE_LIST = 'pl-main';
const UOM = 'uom-each';

function benchCatalog(): PricingCatalog {
  const products = [];
  const items: PriceListItem[] = [];
  for (let i = 0; i < PRODUCTS; i++) {
    const productid = `p${i}`;
    products.push({
      productid,
      price: fixed(`${10 + (i % 37) * 3}.${String(i % 100).padStart(2, '0')}`),
      currentcost: fixed(`${5 + (i % 23) * 2}.${String((i * 7) % 100).padStart(2, '0')}`),
      standardcost: fixed(`${4 + (i % 19) * 2}.${String((i * 3) % 100).padStart(2, '0')}`),
      pricelevelid: PRICE_LIST,
    });
    const kind = i % 10;
    const method = kind < 5 ? 1 : kind - 3; // half currency amount, then methods 2..6
    const rounding =
      kind === 5
        ? { roundingpolicycode: 2, roundingoptioncode: 1, roundingoptionamount: fixed('0.99') }
        : kind === 6
          ? { roundingpolicycode: 4, roundingoptioncode: 2, roundingoptionamount: fixed('0.05') }
          : kind === 8
            ? { roundingpolicycode: 3, roundingoptioncode: 2, roundingoptionamount: fixed('1') }
            : { roundingpolicycode: 1, roundingoptioncode: null, roundingoptionamount: null };
    items.push({
      productpricelevelid: `ppl${i}`,
      pricelevelid: PRICE_LIST,
      productid,
      uomid: UOM,
      pricingmethodcode: method,
      amount: method === 1 ? fixed(`${20 + i}.${String((i * 13) % 100).padStart(2, '0')}`) : null,
      percentage: method === 1 ? null : fixed(method === 2 ? '85' : `${12 + (i % 20)}.5`),
      ...rounding,
      discounttypeid: i % 3 === 0 ? 'dl-amount' : i % 3 === 1 ? 'dl-percent' : null,
      quantitysellingcode: 1,
    });
  }
  const tier = (
    id: string,
    list: string,
    low: string,
    high: string,
    amount: string | null,
    percentage: string | null,
  ) => ({
    discountid: id,
    discounttypeid: list,
    lowquantity: fixed(low),
    highquantity: fixed(high),
    amount: amount === null ? null : fixed(amount),
    percentage: percentage === null ? null : fixed(percentage),
  });
  return buildPricingCatalog({
    products,
    priceLists: [{ pricelevelid: PRICE_LIST, statecode: 0, transactioncurrencyid: CURRENCY }],
    priceListItems: items,
    discountLists: [
      { discounttypeid: 'dl-amount', isamounttype: true, statecode: 0 },
      { discounttypeid: 'dl-percent', isamounttype: false, statecode: 0 },
    ],
    discounts: [
      tier('a1', 'dl-amount', '10', '49.99999', '0.5', null),
      tier('a2', 'dl-amount', '50', '99.99999', '1.25', null),
      tier('a3', 'dl-amount', '100', '100000', '2', null),
      tier('b1', 'dl-percent', '10', '49.99999', null, '2'),
      tier('b2', 'dl-percent', '50', '99.99999', null, '5'),
      tier('b3', 'dl-percent', '100', '100000', null, '7.5'),
    ],
  });
}

function benchLines(count: number): PricingLine[] {
  const lines: PricingLine[] = [];
  for (let i = 0; i < count; i++) {
    const writeIn = i % 33 === 0;
    const overridden = i % 50 === 1;
    lines.push({
      productid: writeIn ? null : `p${(i * 17) % PRODUCTS}`,
      uomid: writeIn ? null : UOM,
      isproductoverridden: writeIn,
      ispriceoverridden: overridden,
      priceperunit: writeIn || overridden ? fixed(`${19 + (i % 7)}.99`) : null,
      quantity: fixed(i % 5 === 0 ? `${1 + ((i * 7) % 120)}.5` : `${1 + ((i * 7) % 120)}`),
      manualdiscountamount: i % 4 === 0 ? fixed('3.25') : null,
      tax: fixed(`${(i % 9) * 0.37}`.slice(0, 6)),
    });
  }
  return lines;
}

const record: PricingRecord = {
  table: 'salesorder',
  pricelevelid: PRICE_LIST,
  transactioncurrencyid: CURRENCY,
  exchangerate: new Decimal('0.912345678901'),
  discountpercentage: fixed('2.5'),
  discountamount: fixed('10'),
  freightamount: fixed('25'),
  ispricelocked: false,
};

const settings: PricingSettings = {
  pricingdecimalprecision: 2,
  discountcalculationmethod: 0,
  ispricelistmandatory: true,
  currencyprecision: 2,
};

/** Median in milliseconds of `samples` timed calls, after `warmup` untimed ones. */
function medianMs(fn: () => unknown, warmup: number, samples: number): number {
  for (let i = 0; i < warmup; i++) fn();
  if (samples === 0) return Number.NaN;
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const start = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/**
 * Medians of two workloads timed alternately, so that both see the same machine conditions (the 10,000-
 * line target is a ratio to the 1,000-line time): each round times `perRound[0]` calls of the first
 * and `perRound[1]` of the second.
 */
function interleavedMediansMs(
  first: () => unknown,
  second: () => unknown,
  perRound: readonly [number, number],
  rounds: number,
): [number, number] {
  const firstTimes: number[] = [];
  const secondTimes: number[] = [];
  const time = (fn: () => unknown, into: number[]) => {
    const start = process.hrtime.bigint();
    fn();
    into.push(Number(process.hrtime.bigint() - start) / 1e6);
  };
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < perRound[0]; i++) time(first, firstTimes);
    for (let i = 0; i < perRound[1]; i++) time(second, secondTimes);
  }
  const median = (times: number[]) => times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
  return [median(firstTimes), median(secondTimes)];
}

const round3 = (ms: number) => Math.round(ms * 1000) / 1000;

/** Stored values arrive as `Decimal` from the storage layer; the API layer converts them at the edge. */
function withDecimalBoundary(lines: readonly PricingLine[], catalog: PricingCatalog) {
  const toDecimal = (value: Fixed | null) => (value === null ? null : fixedToDecimal(value));
  const stored = lines.map((line) => ({
    ...line,
    priceperunit: toDecimal(line.priceperunit),
    quantity: toDecimal(line.quantity),
    manualdiscountamount: toDecimal(line.manualdiscountamount),
    tax: toDecimal(line.tax),
  }));
  const fromDecimal = (value: Decimal | null) => (value === null ? null : fixedFromDecimal(value));
  return () => {
    const input: PricingLine[] = stored.map((line) => ({
      ...line,
      priceperunit: fromDecimal(line.priceperunit),
      quantity: fromDecimal(line.quantity),
      manualdiscountamount: fromDecimal(line.manualdiscountamount),
      tax: fromDecimal(line.tax),
    }));
    const result = recalculate(record, input, catalog, settings);
    return result.lines.map((line: PricedLine) => [
      fixedToDecimal(line.priceperunit),
      fixedToDecimal(line.baseamount),
      fixedToDecimal(line.extendedamount),
      fixedToDecimal(line.extendedamount_base),
    ]);
  };
}

/** The incremental path of a line create: the other lines are never read (PRODUCT.md C2, "Cost"). */
function incrementalLineChange(lines: readonly PricingLine[], catalog: PricingCatalog) {
  const full = recalculate(record, lines, catalog, settings);
  let next = 0;
  return () => {
    const added = lines[next++ % lines.length]!;
    const result = priceLine(added, record, catalog, settings, { operation: 'create' });
    if (result.kind !== 'priced') throw new Error(result.message);
    return computeHeaderTotals(applyLineDelta(full.sums, undefined, result.line), record, settings);
  };
}

export const pricingBench: BenchSuite = {
  title: 'Pricing engine',
  async run(): Promise<readonly BenchFigure[]> {
    const catalog = benchCatalog();
    const orders = new Map([10, 1_000, 10_000].map((n) => [n, benchLines(n)]));
    const lines1k = orders.get(1_000)!;

    const referenceLines = toReferenceLines(record, lines1k, catalog, settings);
    const referenceHeader = toReferenceHeader(record);
    const referenceOptions = { pricingPlaces: 2, currencyPlaces: 2, perUnit: false };
    const naive1k = medianMs(() => referenceRecalculate(referenceLines, referenceHeader, referenceOptions), 30, 60);

    const t10 = medianMs(() => recalculate(record, orders.get(10)!, catalog, settings), 20_000, 20_000);
    const recalculate1k = () => recalculate(record, lines1k, catalog, settings);
    const recalculate10k = () => recalculate(record, orders.get(10_000)!, catalog, settings);
    medianMs(recalculate1k, 2_000, 0);
    medianMs(recalculate10k, 200, 0);
    const [t1k, t10k] = interleavedMediansMs(recalculate1k, recalculate10k, [5, 1], 300);
    const boundary1k = medianMs(withDecimalBoundary(lines1k, catalog), 200, 200);
    const oneLine = medianMs(incrementalLineChange(lines1k, catalog), 20_000, 20_000);

    const naiveName = 'naive decimal.js loop, same 1,000 lines';
    const oneThousandName = 'recalculate a 1,000-line order';
    return [
      { name: 'recalculate a 10-line order', value: round3(t10), unit: 'ms', better: 'lower' },
      {
        name: oneThousandName,
        value: round3(t1k),
        unit: 'ms',
        better: 'lower',
        target: '< 1 ms',
        baseline: { name: naiveName, value: round3(naive1k) },
      },
      {
        name: 'recalculate a 10,000-line order',
        value: round3(t10k),
        unit: 'ms',
        better: 'lower',
        target: '< 10x the 1,000-line time',
        baseline: { name: oneThousandName, value: round3(t1k) },
      },
      { name: naiveName, value: round3(naive1k), unit: 'ms', better: 'lower' },
      {
        name: 'one line created: price it and move the header totals by its delta (any order size)',
        value: round3(oneLine * 1000),
        unit: 'µs',
        better: 'lower',
      },
      {
        name: '1,000-line order incl. Decimal -> Fixed -> Decimal conversion at the edge',
        value: round3(boundary1k),
        unit: 'ms',
        better: 'lower',
      },
    ];
  },
};
