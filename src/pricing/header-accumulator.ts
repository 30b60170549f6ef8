/**
 * Header sums kept incrementally (PRODUCT.md C2, "Cost"): when one line is created, changed or deleted,
 * the header's sums move by that line's delta and the totals are recomputed from the sums, without
 * reading or re-pricing the other lines. Because every sum is an exact sum of already-rounded line
 * values, the incremental result is always identical to a full recalculation.
 *
 * A line's contribution is read from its stored columns only (extendedamount, tax, baseamount,
 * pricingerrorcode): the effective manual discount is baseamount − (extendedamount − tax) by the line
 * formula (reference 5.5), so a stored line can be taken out of the sums exactly as it was put in, even
 * if the organization's discount method changed since.
 */
import { add, subtract } from './exact-int.js';
import { FIXED_ZERO, type Fixed } from './fixed.js';
import type { HeaderAccumulator, LineAmounts } from './pricing-types.js';

export const EMPTY_HEADER_ACCUMULATOR: HeaderAccumulator = {
  totallineitemamount: FIXED_ZERO,
  totallineitemdiscountamount: FIXED_ZERO,
  totaltax: FIXED_ZERO,
  pricingerrorlinecount: 0,
};

/** What one line adds to the header sums. */
export function lineContribution(line: LineAmounts): HeaderAccumulator {
  const detail = subtract(line.extendedamount, line.tax) as Fixed;
  return {
    totallineitemamount: detail,
    totallineitemdiscountamount: subtract(line.baseamount, detail) as Fixed,
    totaltax: line.tax,
    pricingerrorlinecount: line.pricingerrorcode !== 0 ? 1 : 0,
  };
}

/**
 * The sums after a line moved from `before` (its stored columns; absent for a create) to `after` (its
 * priced columns; absent for a delete).
 */
export function applyLineDelta(
  sums: HeaderAccumulator,
  before: LineAmounts | undefined,
  after: LineAmounts | undefined,
): HeaderAccumulator {
  let detail: Fixed = sums.totallineitemamount;
  let discount: Fixed = sums.totallineitemdiscountamount;
  let tax: Fixed = sums.totaltax;
  let errors = sums.pricingerrorlinecount;
  if (before !== undefined) {
    const out = lineContribution(before);
    detail = subtract(detail, out.totallineitemamount) as Fixed;
    discount = subtract(discount, out.totallineitemdiscountamount) as Fixed;
    tax = subtract(tax, out.totaltax) as Fixed;
    errors -= out.pricingerrorlinecount;
  }
  if (after !== undefined) {
    const contribution = lineContribution(after);
    detail = add(detail, contribution.totallineitemamount) as Fixed;
    discount = add(discount, contribution.totallineitemdiscountamount) as Fixed;
    tax = add(tax, contribution.totaltax) as Fixed;
    errors += contribution.pricingerrorlinecount;
  }
  return {
    totallineitemamount: detail,
    totallineitemdiscountamount: discount,
    totaltax: tax,
    pricingerrorlinecount: errors,
  };
}

/** The sums of a whole set of lines (linear). */
export function sumLineContributions(lines: readonly LineAmounts[]): HeaderAccumulator {
  let detail: Fixed = FIXED_ZERO;
  let discount: Fixed = FIXED_ZERO;
  let tax: Fixed = FIXED_ZERO;
  let errors = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const lineDetail = subtract(line.extendedamount, line.tax);
    detail = add(detail, lineDetail) as Fixed;
    discount = add(discount, subtract(line.baseamount, lineDetail)) as Fixed;
    tax = add(tax, line.tax) as Fixed;
    if (line.pricingerrorcode !== 0) errors += 1;
  }
  return {
    totallineitemamount: detail,
    totallineitemdiscountamount: discount,
    totaltax: tax,
    pricingerrorlinecount: errors,
  };
}
