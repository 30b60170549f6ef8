/**
 * Example custom pricing module: the logic of Microsoft's sample Calculate Price plug-in (reference 5.8),
 * written as an Orderline `CustomPricingModule`. Point the configuration at this file and turn system
 * pricing off (`oobpricecalculationenabled = 0`) to use it.
 *
 * - each line: extended amount = quantity × price per unit;
 * - detail amount = the sum of the lines;
 * - discount: 5% when 1,000 < detail < 5,000, 10% when detail >= 5,000;
 * - pre-freight amount = detail − discount;
 * - tax on the pre-freight amount: 10% below 5,000, else 8%;
 * - total = pre-freight amount + tax (the sample ignores freight); an opportunity's estimated revenue is
 *   the total;
 * - only a record in state 0 (open, draft, active) is priced.
 *
 * The sample leaves amounts unrounded; money columns have the currency's precision, so every amount is
 * rounded half away from zero to it here.
 */
import { Decimal } from '../../src/domain/decimal.js';
import type {
  CustomPricedLine,
  CustomPricingModule,
  CustomPricingRequest,
  CustomPricingResult,
} from '../../src/pricing/custom-pricing.js';

const LOWER_DISCOUNT_FROM = new Decimal(1000);
const HIGHER_DISCOUNT_FROM = new Decimal(5000);
const LOWER_TAX_FROM = new Decimal(5000);

function discountRate(detail: Decimal): Decimal {
  if (detail.gte(HIGHER_DISCOUNT_FROM)) return new Decimal('0.10');
  if (detail.gt(LOWER_DISCOUNT_FROM)) return new Decimal('0.05');
  return new Decimal(0);
}

function taxRate(preFreight: Decimal): Decimal {
  return preFreight.lt(LOWER_TAX_FROM) ? new Decimal('0.10') : new Decimal('0.08');
}

export const samplePricing: CustomPricingModule = {
  name: 'sample-calculate-price',
  calculatePrice(request: CustomPricingRequest): CustomPricingResult {
    if (request.record.statecode !== 0) return {};
    const places = request.settings.currencyprecision;
    const round = (value: Decimal) => value.toDecimalPlaces(places, Decimal.ROUND_HALF_UP);

    const lines: CustomPricedLine[] = request.lines.map((line) => ({
      id: line.id,
      extendedamount: round((line.quantity ?? new Decimal(0)).mul(line.priceperunit ?? new Decimal(0))),
    }));
    const detail = lines.reduce((sum, line) => sum.plus(line.extendedamount!), new Decimal(0));
    const discount = round(detail.mul(discountRate(detail)));
    const preFreight = detail.minus(discount);
    const tax = round(preFreight.mul(taxRate(preFreight)));
    const total = preFreight.plus(tax);

    return {
      lines,
      record: {
        totallineitemamount: detail,
        discountamount: discount,
        totalamountlessfreight: preFreight,
        totaltax: tax,
        totalamount: total,
        ...(request.record.table === 'opportunity' ? { estimatedvalue: total } : {}),
      },
    };
  },
};

export default samplePricing;
