/**
 * Header totals from the line sums (reference 5.6, decided by PRODUCT.md C2):
 *
 *   totallineitemamount      = Σ (extendedamount − tax)                      (the detail amount)
 *   percent discount         = totallineitemamount × discountpercentage / 100, rounded to the currency
 *                              precision before it is subtracted (PRODUCT.md, "The contract")
 *   totalamountlessfreight   = totallineitemamount − percent discount − discountamount
 *   totaldiscountamount      = percent discount + discountamount
 *   totallineitemdiscountamount = Σ effective manual discounts
 *   totaltax                 = Σ tax
 *   totalamount              = totalamountlessfreight + freightamount + totaltax
 *   estimatedvalue           = totalamount (opportunity with isrevenuesystemcalculated)
 *
 * It reads only the sums and the header's own columns: a header field change (discount, freight)
 * recomputes the totals without reading a line.
 */
import { baseConversion, moneyRangeExcess, toBase } from './base-currency.js';
import { add, subtract } from './exact-int.js';
import { FIXED_ZERO, type Fixed, percentOfFixed, roundFixed } from './fixed.js';
import { readPrecisions } from './pricing-context.js';
import { PricingErrorCode, type PricingErrorCodeValue } from './pricing-error-code.js';
import type { HeaderAccumulator, HeaderTotals, PricingRecord, PricingSettings } from './pricing-types.js';

export function computeHeaderTotals(
  sums: HeaderAccumulator,
  record: PricingRecord,
  settings: PricingSettings,
): HeaderTotals {
  const precisions = readPrecisions(settings);
  const places = precisions.currencyPlaces;
  const conversion = baseConversion(record.exchangerate);

  const detail = sums.totallineitemamount;
  const percentdiscountamount =
    record.discountpercentage === null ? FIXED_ZERO : percentOfFixed(detail, record.discountpercentage, places);
  const discountamount = record.discountamount === null ? FIXED_ZERO : roundFixed(record.discountamount, places);
  const freightamount = record.freightamount === null ? FIXED_ZERO : roundFixed(record.freightamount, places);
  const totalamountlessfreight = subtract(subtract(detail, percentdiscountamount), discountamount) as Fixed;
  const totaldiscountamount = add(percentdiscountamount, discountamount) as Fixed;
  const totalamount = add(add(totalamountlessfreight, freightamount), sums.totaltax) as Fixed;
  const systemRevenue = record.table === 'opportunity' && record.isrevenuesystemcalculated === true;

  const totals = {
    totallineitemamount: detail,
    totallineitemdiscountamount: sums.totallineitemdiscountamount,
    percentdiscountamount,
    discountamount,
    freightamount,
    totaldiscountamount,
    totalamountlessfreight,
    totaltax: sums.totaltax,
    totalamount,
    totallineitemamount_base: toBase(detail, conversion),
    totallineitemdiscountamount_base: toBase(sums.totallineitemdiscountamount, conversion),
    discountamount_base: toBase(discountamount, conversion),
    freightamount_base: toBase(freightamount, conversion),
    totaldiscountamount_base: toBase(totaldiscountamount, conversion),
    totalamountlessfreight_base: toBase(totalamountlessfreight, conversion),
    totaltax_base: toBase(sums.totaltax, conversion),
    totalamount_base: toBase(totalamount, conversion),
  };
  const pricingerrorcode = headerError(totals, precisions.error, conversion.error, sums.pricingerrorlinecount);
  if (!systemRevenue) return { ...totals, pricingerrorcode };
  return { ...totals, estimatedvalue: totalamount, estimatedvalue_base: totals.totalamount_base, pricingerrorcode };
}

/**
 * The header's own code: invalid settings (30) and an unusable rate (25) first, then a total out of the
 * money range (35) or a `_base` total out of it (36, 37), then 1 Detail Error when a line has an error.
 */
function headerError(
  totals: Omit<HeaderTotals, 'pricingerrorcode'>,
  settingsError: PricingErrorCodeValue,
  rateError: PricingErrorCodeValue,
  linesInError: number,
): PricingErrorCodeValue {
  if (settingsError !== 0) return settingsError;
  if (rateError !== 0) return rateError;
  if (
    moneyRangeExcess(totals.totallineitemamount) !== 0 ||
    moneyRangeExcess(totals.totalamountlessfreight) !== 0 ||
    moneyRangeExcess(totals.totaldiscountamount) !== 0 ||
    moneyRangeExcess(totals.totaltax) !== 0 ||
    moneyRangeExcess(totals.totalamount) !== 0
  ) {
    return PricingErrorCode.PriceAttributeOutOfRange;
  }
  const baseExcess =
    moneyRangeExcess(totals.totallineitemamount_base) ||
    moneyRangeExcess(totals.totalamountlessfreight_base) ||
    moneyRangeExcess(totals.totaldiscountamount_base) ||
    moneyRangeExcess(totals.totaltax_base) ||
    moneyRangeExcess(totals.totalamount_base);
  if (baseExcess > 0) return PricingErrorCode.BaseCurrencyAttributeOverflow;
  if (baseExcess < 0) return PricingErrorCode.BaseCurrencyAttributeUnderflow;
  return linesInError > 0 ? PricingErrorCode.DetailError : PricingErrorCode.None;
}
