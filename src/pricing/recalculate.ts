/**
 * Full recalculation of a record and its lines (RecalculatePrice, a header change that re-prices lines,
 * or rebuilding the header sums): every line priced once, the sums built in the same pass, the header
 * computed from the sums. Linear in the number of lines; no line is read twice (PRODUCT.md C2, "Cost").
 */
import { add, subtract } from './exact-int.js';
import { FIXED_ZERO, type Fixed } from './fixed.js';
import { computeHeaderTotals } from './header-totals.js';
import { computePricedLine, RECALCULATE } from './price-line.js';
import { createPricingContext } from './pricing-context.js';
import type {
  PricedLine,
  PricingCatalog,
  PricingLine,
  PricingRecord,
  PricingSettings,
  RecalculationResult,
} from './pricing-types.js';

export function recalculate(
  record: PricingRecord,
  lines: readonly PricingLine[],
  catalog: PricingCatalog,
  settings: PricingSettings,
): RecalculationResult {
  const context = createPricingContext(record, catalog, settings);
  const priced: PricedLine[] = new Array(lines.length);
  let detail: Fixed = FIXED_ZERO;
  let discount: Fixed = FIXED_ZERO;
  let tax: Fixed = FIXED_ZERO;
  let errors = 0;
  for (let i = 0; i < lines.length; i++) {
    // A recalculation creates nothing, so a write-in line on a locked record is priced, not refused.
    const line = computePricedLine(lines[i]!, context, RECALCULATE);
    priced[i] = line;
    const lineDetail = subtract(line.extendedamount, line.tax);
    detail = add(detail, lineDetail) as Fixed;
    discount = add(discount, subtract(line.baseamount, lineDetail)) as Fixed;
    tax = add(tax, line.tax) as Fixed;
    if (line.pricingerrorcode !== 0) errors += 1;
  }
  const sums = {
    totallineitemamount: detail,
    totallineitemdiscountamount: discount,
    totaltax: tax,
    pricingerrorlinecount: errors,
  };
  return { lines: priced, sums, header: computeHeaderTotals(sums, record, settings) };
}
