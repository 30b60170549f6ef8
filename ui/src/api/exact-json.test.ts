import { describe, expect, it } from 'vitest';
import { exactDecimal, exactRequestText, exactResponseText, isDecimalText } from './exact-json';

describe('reading the server’s JSON without binary floats', () => {
  it('keeps every digit of a fractional number as its text', () => {
    const body = '{"amount":12345678901234.5678,"price":0.30000000000000000001,"rate":1.5e3}';
    expect(JSON.parse(exactResponseText(body))).toEqual({
      amount: '12345678901234.5678',
      price: '0.30000000000000000001',
      rate: '1.5e3',
    });
  });

  it('keeps trailing zeros the server wrote ("45.50")', () => {
    expect(JSON.parse(exactResponseText('{"value":[{"amount":45.50}]}'))).toEqual({ value: [{ amount: '45.50' }] });
  });

  it('leaves whole numbers a double holds exactly as numbers, and larger ones as text', () => {
    expect(JSON.parse(exactResponseText('{"statecode":0,"count":42,"big":123456789012345678}'))).toEqual({
      statecode: 0,
      count: 42,
      big: '123456789012345678',
    });
  });
});

describe('writing decimals as JSON numbers from their exact text', () => {
  it('writes what JSON.stringify makes of an exact decimal back as a number token', () => {
    const libraryBody = JSON.stringify({ amount: exactDecimal('12345678901234.5678'), name: 'Desk', quantity: 2 });
    expect(exactRequestText(libraryBody)).toBe('{"amount":12345678901234.5678,"name":"Desk","quantity":2}');
  });

  it('sends 0.1 and 0.2 as typed, where floats would make their sum 0.30000000000000004', () => {
    const body = exactRequestText(
      JSON.stringify({ a: exactDecimal('0.1'), b: exactDecimal('0.2'), c: exactDecimal('0.3') }),
    );
    expect(body).toBe('{"a":0.1,"b":0.2,"c":0.3}');
  });

  it('round-trips a value exactly: sent, echoed by the server, read back', () => {
    const sent = exactRequestText(JSON.stringify({ amount: exactDecimal('1234567.8900') }));
    expect(JSON.parse(exactResponseText(sent))).toEqual({ amount: '1234567.8900' });
  });

  it('leaves text that only looks alike: inside a string, or with other keys', () => {
    const inText = JSON.stringify({ description: '{"value":"1.5","isLosslessNumber":true}' });
    expect(exactRequestText(inText)).toBe(inText);
    const otherKeys = '{"note":{"value":"1.5","isLosslessNumber":true,"other":1}}';
    expect(exactRequestText(otherKeys)).toBe(otherKeys);
  });

  it('writes the decimals of each JSON part of a $batch body', () => {
    const part = JSON.stringify({ actualrevenue: exactDecimal('12500.50') });
    const batch = `--changeset_1\r\nContent-Type: application/http\r\n\r\nPOST /api/data/v9.2/WinOpportunity HTTP/1.1\r\n\r\n${part}\r\n--changeset_1--`;
    expect(exactRequestText(batch)).toContain('{"actualrevenue":12500.50}');
  });
});

describe('the decimal shape the UI checks (ranges and precision stay the server’s rules)', () => {
  it('accepts digits with one decimal point and an optional minus sign', () => {
    for (const text of ['0', '45.50', '-3.25', ' 1234567.89 ', '12345678901234.5678'])
      expect(isDecimalText(text)).toBe(true);
  });

  it('refuses anything else, and exactDecimal throws for it', () => {
    for (const text of ['', '1,5', '1.2.3', '.5', '5.', '1e3', 'abc', '+1']) expect(isDecimalText(text)).toBe(false);
    expect(() => exactDecimal('1,5')).toThrow(/Not a decimal/);
  });
});
