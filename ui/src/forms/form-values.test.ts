import { describe, expect, it } from 'vitest';
import { exactRequestText } from '../api/exact-json';
import type { FieldDefinition } from '../entities/entity-definition';
import { changesOf, moneyText, sameValue, validate, valuesFromRow } from './form-values';

const price: FieldDefinition = { column: 'price', label: 'Price', kind: 'money' };
const rate: FieldDefinition = { column: 'rate', label: 'Rate', kind: 'decimal' };
const count: FieldDefinition = { column: 'count', label: 'Count', kind: 'integer' };
const name: FieldDefinition = { column: 'name', label: 'Name', kind: 'text' };
const fields = [price, rate, count, name];

describe('money shown to the currency’s precision', () => {
  it('pads an amount to the decimals of the server’s formatted value', () => {
    expect(moneyText('45.5', '$45.50')).toBe('45.50');
    expect(moneyText('45', '$45.00')).toBe('45.00');
    expect(moneyText('1234567.8', '1 234 567,800 €')).toBe('1234567.800');
  });

  it('never rounds digits away, and leaves the text alone without a formatted value', () => {
    expect(moneyText('45.5678', '$45.57')).toBe('45.5678');
    expect(moneyText('45.5', undefined)).toBe('45.5');
    expect(moneyText('100', '¥100')).toBe('100');
  });

  it('reads a form’s money from the row with its formatted value', () => {
    const values = valuesFromRow(fields, {
      price: '45.5',
      price_Formatted: '$45.50',
      rate: '0.125',
      count: 3,
      name: 'Desk',
    });
    expect(values).toEqual({ price: '45.50', rate: '0.125', count: '3', name: 'Desk' });
  });
});

describe('the unsaved-changes check compares decimals by value', () => {
  it('holds "45.50" and "45.5" (and "045.500") to be the same amount', () => {
    expect(sameValue(price, '45.50', '45.5')).toBe(true);
    expect(sameValue(price, '045.500', '45.5')).toBe(true);
    expect(sameValue(rate, '-0.0', '0')).toBe(true);
  });

  it('tells different amounts apart, however close', () => {
    expect(sameValue(price, '45.50', '45.51')).toBe(false);
    expect(sameValue(price, '12345678901234.5678', '12345678901234.5679')).toBe(false);
    expect(sameValue(price, '-1', '1')).toBe(false);
  });

  it('compares text and whole numbers as text', () => {
    expect(sameValue(name, '45.50', '45.5')).toBe(false);
  });

  it('finds nothing to save after typing "45.50" over a saved 45.5', () => {
    const initial = { price: '45.5', rate: '', count: '', name: 'Desk' };
    expect(changesOf(fields, initial, { ...initial, price: '45.50' }, false)).toEqual({});
  });
});

describe('the body sent for a form', () => {
  it('writes money and decimals as JSON numbers from the typed text, exactly', () => {
    const initial = { price: '', rate: '', count: '', name: '' };
    const values = { price: '12345678901234.5678', rate: '0.1', count: '7', name: 'Desk' };
    const body = changesOf(fields, initial, values, true);
    expect(exactRequestText(JSON.stringify(body))).toBe(
      '{"price":12345678901234.5678,"rate":0.1,"count":7,"name":"Desk"}',
    );
  });

  it('clears an emptied amount with null', () => {
    const body = changesOf(
      fields,
      { price: '45.50', rate: '', count: '', name: 'Desk' },
      { price: '', rate: '', count: '', name: 'Desk' },
      false,
    );
    expect(body).toEqual({ price: null });
  });

  it('asks for a number when a decimal has another shape, and leaves ranges to the server', () => {
    expect(validate([price], { price: '1,5' })).toEqual({ price: 'Price must be a number, like 1250.50.' });
    expect(validate([price], { price: '99999999999999999999.99999' })).toEqual({});
  });
});
