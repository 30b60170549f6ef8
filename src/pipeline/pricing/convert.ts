/**
 * Between stored rows (money and quantities as `Decimal`) and the engine's inputs and outputs (`Fixed`).
 * Every conversion of pricing values happens here, so the steps only move whole rows around.
 */
import { Decimal } from '../../domain/decimal.js';
import type { Row } from '../../domain/record.js';
import {
  baseConversion,
  type DiscountCalculationMethod,
  describePricingTrace,
  FIXED_ZERO,
  type Fixed,
  fixedFromDecimal,
  fixedToDecimal,
  type HeaderAccumulator,
  type HeaderTotals,
  type LineAmounts,
  type PricedLine,
  type PricingLine,
  type PricingRecord,
  type PricingSettings,
  roundFixed,
  type SalesHeaderTable,
  toBase,
} from '../../pricing/index.js';

/** A stored money, quantity or percentage column as a `Fixed`; null when not set. */
export function fixedOf(value: unknown): Fixed | null {
  if (value instanceof Decimal) return fixedFromDecimal(value);
  if (typeof value === 'number' && Number.isFinite(value)) return fixedFromDecimal(new Decimal(value));
  return null;
}

const fixedOrZero = (value: unknown): Fixed => fixedOf(value) ?? FIXED_ZERO;

export const decimalOf = (value: Fixed): Decimal => fixedToDecimal(value);

/** Organization settings with the precision of the record's currency (reference 3.1, 4.8). */
export function pricingSettings(organization: Row, currency: Row | undefined): PricingSettings {
  return {
    pricingdecimalprecision: Number(organization.pricingdecimalprecision ?? 2),
    discountcalculationmethod: (Number(organization.discountcalculationmethod ?? 0) === 1
      ? 1
      : 0) as DiscountCalculationMethod,
    ispricelistmandatory: organization.ispricelistmandatory !== false,
    currencyprecision: Number(currency?.currencyprecision ?? organization.currencydecimalprecision ?? 2),
  };
}

export function pricingRecord(table: SalesHeaderTable, row: Readonly<Row>): PricingRecord {
  return {
    table,
    pricelevelid: typeof row.pricelevelid === 'string' ? row.pricelevelid : null,
    transactioncurrencyid: typeof row.transactioncurrencyid === 'string' ? row.transactioncurrencyid : null,
    exchangerate: row.exchangerate instanceof Decimal ? row.exchangerate : null,
    discountpercentage: fixedOf(row.discountpercentage),
    discountamount: fixedOf(row.discountamount),
    freightamount: fixedOf(row.freightamount),
    ispricelocked: row.ispricelocked === true,
    isrevenuesystemcalculated: row.isrevenuesystemcalculated === true,
  };
}

export function pricingLine(row: Readonly<Row>): PricingLine {
  return {
    productid: typeof row.productid === 'string' ? row.productid : null,
    uomid: typeof row.uomid === 'string' ? row.uomid : null,
    isproductoverridden: row.isproductoverridden === true,
    ispriceoverridden: row.ispriceoverridden === true,
    priceperunit: fixedOf(row.priceperunit),
    quantity: fixedOf(row.quantity),
    manualdiscountamount: fixedOf(row.manualdiscountamount),
    tax: fixedOf(row.tax),
    volumediscountamount: fixedOf(row.volumediscountamount),
  };
}

/** What a stored line contributes to its header's sums (a line never priced contributes its stored values). */
export function storedLineAmounts(row: Readonly<Row>): LineAmounts {
  return {
    baseamount: fixedOrZero(row.baseamount),
    extendedamount: fixedOrZero(row.extendedamount),
    tax: fixedOrZero(row.tax),
    pricingerrorcode: Number(row.pricingerrorcode ?? 0),
  };
}

/** The header's sums are its own stored totals plus the error line count beside them. */
export function headerSums(row: Readonly<Row>): HeaderAccumulator {
  return {
    totallineitemamount: fixedOrZero(row.totallineitemamount),
    totallineitemdiscountamount: fixedOrZero(row.totallineitemdiscountamount),
    totaltax: fixedOrZero(row.totaltax),
    pricingerrorlinecount: Number(row.ol_pricingerrorlinecount ?? 0),
  };
}

/** The memo column holds at most 2,000 characters; a trace is far shorter, but never fail on it. */
const TRACE_LIMIT = 2000;

export function pricedLineColumns(line: PricedLine): Row {
  return {
    priceperunit: decimalOf(line.priceperunit),
    volumediscountamount: decimalOf(line.volumediscountamount),
    baseamount: decimalOf(line.baseamount),
    manualdiscountamount: decimalOf(line.manualdiscountamount),
    tax: decimalOf(line.tax),
    extendedamount: decimalOf(line.extendedamount),
    pricingerrorcode: line.pricingerrorcode,
    priceperunit_base: decimalOf(line.priceperunit_base),
    volumediscountamount_base: decimalOf(line.volumediscountamount_base),
    baseamount_base: decimalOf(line.baseamount_base),
    manualdiscountamount_base: decimalOf(line.manualdiscountamount_base),
    tax_base: decimalOf(line.tax_base),
    extendedamount_base: decimalOf(line.extendedamount_base),
    ol_pricingtrace: describePricingTrace(line.trace).slice(0, TRACE_LIMIT),
  };
}

export function headerTotalsColumns(totals: HeaderTotals, sums: HeaderAccumulator): Row {
  const columns: Row = {
    totallineitemamount: decimalOf(totals.totallineitemamount),
    totallineitemdiscountamount: decimalOf(totals.totallineitemdiscountamount),
    discountamount: decimalOf(totals.discountamount),
    freightamount: decimalOf(totals.freightamount),
    totaldiscountamount: decimalOf(totals.totaldiscountamount),
    totalamountlessfreight: decimalOf(totals.totalamountlessfreight),
    totaltax: decimalOf(totals.totaltax),
    totalamount: decimalOf(totals.totalamount),
    totallineitemamount_base: decimalOf(totals.totallineitemamount_base),
    totallineitemdiscountamount_base: decimalOf(totals.totallineitemdiscountamount_base),
    discountamount_base: decimalOf(totals.discountamount_base),
    freightamount_base: decimalOf(totals.freightamount_base),
    totaldiscountamount_base: decimalOf(totals.totaldiscountamount_base),
    totalamountlessfreight_base: decimalOf(totals.totalamountlessfreight_base),
    totaltax_base: decimalOf(totals.totaltax_base),
    totalamount_base: decimalOf(totals.totalamount_base),
    pricingerrorcode: totals.pricingerrorcode,
    ol_pricingerrorlinecount: sums.pricingerrorlinecount,
  };
  if (totals.estimatedvalue !== undefined) columns.estimatedvalue = decimalOf(totals.estimatedvalue);
  if (totals.estimatedvalue_base !== undefined) columns.estimatedvalue_base = decimalOf(totals.estimatedvalue_base);
  return columns;
}

/**
 * A money value from a custom module, at its column's precision, with its `_base` twin through the
 * record's rate: the module computes amounts, the server keeps the storage rules (reference 5.8).
 */
export function customMoneyColumns(name: string, value: Decimal, places: number, exchangerate: unknown): Row {
  const rounded = roundFixed(fixedFromDecimal(value), places);
  const rate = exchangerate instanceof Decimal ? exchangerate : null;
  return { [name]: decimalOf(rounded), [`${name}_base`]: decimalOf(toBase(rounded, baseConversion(rate))) };
}

/** Equal stored values: decimals by value, everything else strictly. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Decimal && b instanceof Decimal) return a.eq(b);
  return (a ?? null) === (b ?? null);
}
