/**
 * The back office's own total of an order, computed from the lines it received rather than copied
 * from Orderline's header: the acknowledgement reports it (`ol_backofficetotalamount`), and Orderline's
 * reconciliation compares the two. Dataverse's header formula (reference 5.6):
 *
 *   total = Σ extendedamount − header discount + freight
 *   header discount = discountamount + round(Σ (extendedamount − tax) × discountpercentage / 100)
 *
 * (extendedamount includes the line's tax; the percentage applies to the amount before tax and is
 * rounded to the currency's precision, half away from zero.) Exact decimals throughout.
 */
import { decimalOf, ExactDecimal, integerOf } from './exact-json.js';
import type { OrderDocument } from './order-document.js';

const ZERO = new ExactDecimal(0);

export function currencyPlaces(document: OrderDocument): number {
  return integerOf(document.transactioncurrency?.currencyprecision) ?? 2;
}

export function orderTotal(document: OrderDocument): ExactDecimal {
  const order = document.salesorder;
  let lines = ZERO;
  let lineTax = ZERO;
  for (const line of document.salesorderdetails) {
    lines = lines.plus(decimalOf(line.extendedamount) ?? ZERO);
    lineTax = lineTax.plus(decimalOf(line.tax) ?? ZERO);
  }
  const percent = decimalOf(order.discountpercentage);
  const percentDiscount = percent
    ? lines
        .minus(lineTax)
        .times(percent)
        .dividedBy(100)
        .toDecimalPlaces(currencyPlaces(document), ExactDecimal.ROUND_HALF_UP)
    : ZERO;
  const discount = (decimalOf(order.discountamount) ?? ZERO).plus(percentDiscount);
  return lines.minus(discount).plus(decimalOf(order.freightamount) ?? ZERO);
}
