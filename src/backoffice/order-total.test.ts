import { describe, expect, it } from 'vitest';
import { parseExactJson } from './exact-json.js';
import { type OrderDocument, readOrderDocument } from './order-document.js';
import { orderTotal } from './order-total.js';

const documentOf = (json: string): OrderDocument =>
  readOrderDocument(parseExactJson(json) as Readonly<Record<string, unknown>>);

const order = (header: string, lines: string[], precision = 2) =>
  documentOf(
    `{"salesorder":{"salesorderid":"o1",${header}},"salesorderdetails":[${lines.join(',')}],` +
      `"customer":null,"transactioncurrency":{"currencyprecision":${precision}}}`,
  );

describe('the back office total of an order', () => {
  it('is the sum of the extended amounts less the header discount plus freight', () => {
    const document = order('"discountamount":1.25,"freightamount":4.99,"discountpercentage":7.5', [
      '{"extendedamount":20,"tax":0}',
      '{"extendedamount":20,"tax":0}',
      '{"extendedamount":20,"tax":0}',
    ]);
    expect(orderTotal(document).toFixed()).toBe('59.24');
  });

  it('applies the percentage to the amount before tax, and keeps the tax', () => {
    const document = order('"discountpercentage":10', ['{"extendedamount":110,"tax":10}']);
    // 110 − 10 % of 100 = 100
    expect(orderTotal(document).toFixed()).toBe('100');
  });

  it('rounds the percentage discount to the currency precision, half away from zero', () => {
    const document = order('"discountpercentage":5', ['{"extendedamount":0.5,"tax":0}']);
    // 5 % of 0.50 = 0.025 → 0.03
    expect(orderTotal(document).toFixed()).toBe('0.47');
  });

  it('is exact where binary floats are not', () => {
    const document = order('"freightamount":0.2', [
      '{"extendedamount":0.1,"tax":0}',
      '{"extendedamount":12345678901234.01,"tax":0}',
    ]);
    expect(orderTotal(document).toFixed()).toBe('12345678901234.31');
  });

  it('treats absent discounts and freight as nothing', () => {
    expect(orderTotal(order('"name":"x"', ['{"extendedamount":3}'])).toFixed()).toBe('3');
  });
});
