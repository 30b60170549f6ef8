import { describe, expect, it } from 'vitest';
import { Decimal } from '../domain/decimal.js';
import { boolean, dateonly, decimal, integer, money, picklist, string } from '../domain/metadata/columns.js';
import { readCell, writeCell } from './cell-values.js';

const [price] = money('price', 'List Price', { min: '0', max: '1000000000000' });
const quantity = decimal('quantity', 'Quantity', { precision: 5, min: '0', max: '1000000000' });

describe('reading a CSV cell by its column', () => {
  it('reads amounts exactly, never through a binary float', () => {
    expect(readCell(price!, '0.1')).toEqual({ value: new Decimal('0.1') });
    expect(readCell(price!, '922337203685.4777')).toEqual({ value: new Decimal('922337203685.4777') });
  });

  it('refuses in plain words what a spreadsheet gets wrong', () => {
    expect(readCell(price!, '12,5')).toEqual({ problem: 'price "12,5" is not a number' });
    expect(readCell(price!, '$12')).toEqual({ problem: 'price "$12" is not a number' });
    expect(readCell(price!, '-1')).toEqual({ problem: 'price "-1" is outside the allowed range (0 to 1000000000000)' });
    expect(readCell(price!, '1.23456')).toEqual({ problem: 'price "1.23456" has more than 4 decimals' });
    expect(readCell(quantity, '1.123456')).toEqual({ problem: 'quantity "1.123456" has more than 5 decimals' });
    expect(readCell(integer('quantitydecimal', 'Decimals', { min: 0, max: 5 }), '2.5')).toEqual({
      problem: 'quantitydecimal "2.5" is not a whole number',
    });
    expect(readCell(string('name', 'Name', 5), 'too long')).toEqual({
      problem: 'name "too long" is longer than 5 characters',
    });
    expect(readCell(dateonly('validfromdate', 'Valid From'), '31/12/2026')).toEqual({
      problem: 'validfromdate "31/12/2026" is not a date (YYYY-MM-DD)',
    });
    expect(readCell(boolean('isstockitem', 'Stock Item'), 'maybe')).toEqual({
      problem: 'isstockitem "maybe" is not true or false',
    });
  });

  it('takes an option by its value or by its label', () => {
    const method = picklist('pricingmethodcode', 'Pricing Method', { 1: 'Currency Amount', 2: 'Percent of List' });
    expect(readCell(method, '2')).toEqual({ value: 2 });
    expect(readCell(method, 'percent of list')).toEqual({ value: 2 });
    expect(readCell(method, '7')).toEqual({
      problem: 'pricingmethodcode "7" is not one of 1 (Currency Amount), 2 (Percent of List)',
    });
  });

  it('writes values the way it reads them: decimals without trailing zeros, null as an empty cell', () => {
    expect(writeCell(new Decimal('649.0000'))).toBe('649');
    expect(writeCell(new Decimal('0.9900'))).toBe('0.99');
    expect(writeCell(null)).toBe('');
    expect(writeCell(true)).toBe('true');
    expect(writeCell('2026-01-01')).toBe('2026-01-01');
  });
});
