import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RawJson } from './json-number.js';
import { type Writable, writeJson } from './json-writer.js';

describe('writeJson', () => {
  it('writes RawJson verbatim, so exact decimals never pass through a binary float', () => {
    expect(writeJson({ creditlimit: new RawJson('922337203685477.1234') })).toBe(
      '{"creditlimit":922337203685477.1234}',
    );
    expect(writeJson([new RawJson('0.10'), new RawJson('1e400')])).toBe('[0.10,1e400]');
  });

  it.each<[Writable, string]>([
    ['plain', '"plain"'],
    ['quote " and backslash \\', '"quote \\" and backslash \\\\"'],
    ['line\nbreak\ttab', '"line\\nbreak\\ttab"'],
    ['\u0000\u001f', '"\\u0000\\u001f"'],
    ['</script>', '"</script>"'],
    ['é€😀', '"é€😀"'],
    ['\ud800', '"\\ud800"'],
  ])('escapes the string %j as %s', (value, expected) => {
    expect(writeJson(value)).toBe(expected);
  });

  it('escapes keys as well as values', () => {
    expect(writeJson({ 'a"b': 1, 'name@OData.Community.Display.V1.FormattedValue': 'x' })).toBe(
      '{"a\\"b":1,"name@OData.Community.Display.V1.FormattedValue":"x"}',
    );
  });

  it.each<[Writable, string]>([
    [null, 'null'],
    [undefined, 'null'],
    [true, 'true'],
    [false, 'false'],
    [0, '0'],
    [-12.5, '-12.5'],
    [1e21, '1e+21'],
    [Number.NaN, 'null'],
    [Number.POSITIVE_INFINITY, 'null'],
    [Number.NEGATIVE_INFINITY, 'null'],
    [[], '[]'],
    [{}, '{}'],
  ])('writes %s as %s', (value, expected) => {
    expect(writeJson(value)).toBe(expected);
  });

  it('skips properties whose value is undefined, but writes null ones', () => {
    expect(writeJson({ a: undefined, b: null, c: 1 })).toBe('{"b":null,"c":1}');
  });

  it('writes undefined array items as null, as JSON.stringify does', () => {
    expect(writeJson([1, undefined, 2])).toBe('[1,null,2]');
    expect(writeJson([1, undefined, 2])).toBe(JSON.stringify([1, undefined, 2]));
  });

  it('writes non-finite numbers as null wherever they are', () => {
    expect(writeJson({ a: Number.NaN, b: [Number.POSITIVE_INFINITY] })).toBe('{"a":null,"b":[null]}');
  });

  it('keeps the order of properties', () => {
    expect(writeJson({ '@odata.context': 'c', value: [{ z: 1, a: 2 }] })).toBe(
      '{"@odata.context":"c","value":[{"z":1,"a":2}]}',
    );
  });

  it('writes a __proto__ own property as an ordinary key', () => {
    const value = JSON.parse('{"__proto__":{"x":1}}') as Writable;
    expect(writeJson(value)).toBe('{"__proto__":{"x":1}}');
  });

  it('reads back equal through JSON.parse, for any JSON value (-0 reads back as 0, as JSON has no -0)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(JSON.parse(writeJson(value as Writable))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it('writes what JSON.stringify writes, for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(writeJson(value as Writable)).toBe(JSON.stringify(value));
      }),
    );
  });
});
