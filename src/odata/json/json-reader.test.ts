import { describe, expect, it } from 'vitest';
import { DomainError } from '../../domain/errors.js';
import { JsonNumber, type JsonValue } from './json-number.js';
import { readJson } from './json-reader.js';

function refusal(text: string): DomainError {
  try {
    readJson(text);
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).kind).toBe('invalidArgument');
    expect((error as DomainError).status).toBe(400);
    return error as DomainError;
  }
  throw new Error(`expected ${JSON.stringify(text)} to be refused`);
}

const nested = (depth: number, open = '[', close = ']') => `${open.repeat(depth)}${close.repeat(depth)}`;
const nestedObjects = (depth: number) => `${'{"a":'.repeat(depth - 1)}{}${'}'.repeat(depth - 1)}`;

describe('readJson: numbers', () => {
  it.each(['922337203685477.1234', '0.1', '-0', '12345678901234567890123', '1e400', '1.50', '-2.5E-3'])(
    'keeps %s as the exact text the client wrote',
    (text) => {
      const value = readJson(text);
      expect(value).toBeInstanceOf(JsonNumber);
      expect((value as JsonNumber).text).toBe(text);
    },
  );

  it('keeps numbers exact inside objects and arrays', () => {
    const body = readJson('{"creditlimit":922337203685477.1234,"list":[1,2.50]}') as Record<string, JsonValue>;
    expect((body.creditlimit as JsonNumber).text).toBe('922337203685477.1234');
    expect((body.list as JsonValue[]).map((item) => (item as JsonNumber).text)).toEqual(['1', '2.50']);
  });
});

describe('readJson: other values', () => {
  it.each<[string, JsonValue]>([
    ['null', null],
    ['true', true],
    ['false', false],
    ['"a\\"b\\u00e9\\n"', 'a"bé\n'],
    ['[]', []],
    ['{}', {}],
    [' { "name" : "A" , "x" : [ null , true ] } ', { name: 'A', x: [null, true] }],
    ['{"braces":"{[{[","depth":"]]]}}}"}', { braces: '{[{[', depth: ']]]}}}' }],
  ])('reads %s', (text, expected) => {
    expect(readJson(text)).toEqual(expected);
  });
});

describe('readJson: nesting', () => {
  it('accepts 64 levels', () => {
    expect(() => readJson(nested(64))).not.toThrow();
    expect(() => readJson(nestedObjects(64))).not.toThrow();
  });

  it.each([
    ['arrays', nested(65)],
    ['objects', nestedObjects(65)],
    ['mixed', `${'[{"a":'.repeat(40)}1${'}]'.repeat(40)}`],
    ['a deep, unterminated body', '['.repeat(100_000)],
  ])('refuses %s nested deeper than 64 levels before parsing', (_name, text) => {
    expect(refusal(text).message).toContain('nests deeper than 64 levels');
  });

  it('does not count brackets inside strings, even after escaped quotes', () => {
    const inString = JSON.stringify({ text: `\\"${'['.repeat(200)}` });
    expect(readJson(inString)).toEqual({ text: `\\"${'['.repeat(200)}` });
  });
});

describe('readJson: malformed bodies', () => {
  it.each([
    '',
    '{',
    '{"a":}',
    '{"a":1,}',
    '[1,]',
    "{'a':1}",
    '{a:1}',
    'NaN',
    'Infinity',
    '01',
    '1.',
    '.5',
    '+1',
    'undefined',
    '"unterminated',
    '{"a":1} trailing',
    '"\\x41"',
    '[1 2]',
  ])('refuses %j with a 400 that says the body is not valid JSON', (text) => {
    expect(refusal(text).message).toMatch(/^The request body is not valid JSON: .+/);
  });
});

describe('readJson: __proto__', () => {
  it('keeps a __proto__ key as plain data and never touches a prototype', () => {
    const body = readJson('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(Object.getPrototypeOf(body)).toBe(Object.prototype);
    expect(Object.keys(body as object)).toEqual(['__proto__', 'constructor']);
    expect(Object.getOwnPropertyDescriptor(body, '__proto__')?.value).toEqual({ polluted: true });
  });

  it('does so in nested objects too', () => {
    const body = readJson('{"a":[{"__proto__":{"isAdmin":true}}]}') as { a: Record<string, unknown>[] };
    expect(body.a[0]!.isAdmin).toBeUndefined();
    expect(Object.keys(body.a[0]!)).toEqual(['__proto__']);
  });
});
