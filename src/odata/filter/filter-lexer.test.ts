import { describe, expect, it } from 'vitest';
import { DomainError } from '../../domain/errors.js';
import { tokenizeFilter } from './filter-lexer.js';

/** kind:value pairs, without the final end token. */
function kinds(text: string): readonly string[] {
  return tokenizeFilter(text)
    .filter((token) => token.kind !== 'end')
    .map((token) => `${token.kind}:${token.value}`);
}

function lexError(text: string): string {
  try {
    tokenizeFilter(text);
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).kind).toBe('querySyntax');
    return (error as Error).message;
  }
  throw new Error(`expected '${text}' to be refused`);
}

describe('tokenizeFilter', () => {
  it('gives every token its position and ends with an end token', () => {
    const tokens = tokenizeFilter("name eq 'x'");
    expect(tokens.map((token) => [token.kind, token.text, token.start, token.end])).toEqual([
      ['identifier', 'name', 0, 4],
      ['identifier', 'eq', 5, 7],
      ['string', "'x'", 8, 11],
      ['end', '', 11, 11],
    ]);
  });

  it.each([
    ['identifiers and keywords', 'a and _x_value', ['identifier:a', 'identifier:and', 'identifier:_x_value']],
    ['qualified names', 'Microsoft.Dynamics.CRM.In', ['qualifiedName:Microsoft.Dynamics.CRM.In']],
    ['aliases without the @', '@p1', ['alias:p1']],
    ['system names with the $', '$it/$count', ['systemName:$it', '/:/', 'systemName:$count']],
    ['punctuation', '(),/:[]=;', ['(:(', '):)', ',:,', '/:/', ':::', '[:[', ']:]', '=:=', ';:;']],
    ['tabs and line breaks as whitespace', 'a\teq\r\n1', ['identifier:a', 'identifier:eq', 'number:1']],
    ['single-quoted strings with doubled quotes', "'a''b'", ["string:a'b"]],
    ['an empty string', "''", ['string:']],
    ['a string that is only a quote', "''''", ["string:'"]],
    ['strings keep spaces and unicode', "'  é 😀 '", ['string:  é 😀 ']],
    ['double-quoted strings with JSON escapes', '"a\\"b\\\\c\\u0041\\n"', ['jsonString:a"b\\cA\n']],
    ['single quotes inside double quotes', `"it's"`, ["jsonString:it's"]],
    ['integers', '0 42 -3 +7', ['number:0', 'number:42', 'number:-3', 'number:+7']],
    ['decimals and exponents', '12.50 1E5 1.5e-3', ['number:12.50', 'number:1E5', 'number:1.5e-3']],
    [
      'type suffixes are dropped',
      '12.50m 3M 1.5d 2D 1f 2F 5l 6L',
      ['number:12.50', 'number:3', 'number:1.5', 'number:2', 'number:1', 'number:2', 'number:5', 'number:6'],
    ],
    ['GUIDs in lower case', '5F4B1C2A-ABCD-0000-0000-00000000000F', ['guid:5f4b1c2a-abcd-0000-0000-00000000000f']],
    [
      'GUIDs that start with letters',
      'deadbeef-0000-0000-0000-000000000001',
      ['guid:deadbeef-0000-0000-0000-000000000001'],
    ],
    ['dates', '2024-05-01', ['date:2024-05-01']],
    ['leap days', '2024-02-29', ['date:2024-02-29']],
    ['date-times in UTC', '2024-05-01T10:00:00Z', ['datetime:2024-05-01T10:00:00Z']],
    [
      'date-times with fractions and offsets',
      '2024-05-01T10:00:00.123+02:00',
      ['datetime:2024-05-01T10:00:00.123+02:00'],
    ],
    ['date-times without seconds', '2024-05-01T10:00-05:30', ['datetime:2024-05-01T10:00-05:30']],
    ['lower-case t and z, normalized', '2024-05-01t10:00:00z', ['datetime:2024-05-01T10:00:00Z']],
    ['date-times without an offset, read as UTC', '2024-05-01T10:00:00', ['datetime:2024-05-01T10:00:00Z']],
  ])('reads %s', (_name, text, expected) => {
    expect(kinds(text)).toEqual(expected);
  });

  it('keeps the written text of a number and drops only the suffix from its value', () => {
    const [token] = tokenizeFilter('12.50m');
    expect(token).toMatchObject({ kind: 'number', text: '12.50m', value: '12.50' });
  });

  it('keeps the written text of a date-time beside its normalized value', () => {
    const [token] = tokenizeFilter('2024-05-01t10:00:00z');
    expect(token).toMatchObject({ text: '2024-05-01t10:00:00z', value: '2024-05-01T10:00:00Z' });
  });

  it('reads an empty text as just the end token', () => {
    expect(tokenizeFilter('  ')).toEqual([{ kind: 'end', text: '', value: '', start: 2, end: 2 }]);
  });

  it('puts the label and offset of the source in messages', () => {
    expect(() => tokenizeFilter("a eq 'x", { name: '$expand', offset: 10 })).toThrow(
      "Syntax error at position 16 in '$expand': unterminated string literal (a quote inside a string is written '')",
    );
  });

  it.each([
    ["name eq 'abc", "Syntax error at position 9 in '$filter': unterminated string literal"],
    ["name eq 'it''s", "Syntax error at position 9 in '$filter': unterminated string literal"],
    ['name eq "abc', "Syntax error at position 9 in '$filter': unterminated string literal"],
    ['"a\\x"', "Syntax error at position 3 in '$filter': invalid escape sequence '\\x' in a string"],
    ['"\\u12"', "Syntax error at position 2 in '$filter': invalid escape sequence"],
    ['a eq 12abc', "Syntax error at position 6 in '$filter': malformed number '12abc'"],
    ['a eq 1.2.3', "Syntax error at position 6 in '$filter': malformed number '1.2.3'"],
    ['a eq 1.', "Syntax error at position 6 in '$filter': malformed number '1.'"],
    ['a eq 2024-02-30', "Syntax error at position 6 in '$filter': invalid date '2024-02-30'"],
    ['a eq 2023-02-29', "Syntax error at position 6 in '$filter': invalid date '2023-02-29'"],
    ['a eq 2024-13-01', "Syntax error at position 6 in '$filter': invalid date '2024-13-01'"],
    ['a eq 0000-01-01', "Syntax error at position 6 in '$filter': invalid date '0000-01-01'"],
    ['a eq 2024-05-01T24:00:00Z', "Syntax error at position 6 in '$filter': invalid date-time '2024-05-01T24:00:00Z'"],
    ['a eq 2024-05-01T10:60Z', "Syntax error at position 6 in '$filter': invalid date-time"],
    ['a eq 2024-05-01T10:00:00+15:00', "Syntax error at position 6 in '$filter': invalid date-time"],
    ['a eq 2024-05-01T10', "Syntax error at position 6 in '$filter': malformed date '2024-05-01T10'"],
    [
      'a eq 2024-05-01T10:00:00+2',
      "Syntax error at position 6 in '$filter': malformed date-time '2024-05-01T10:00:00+2'",
    ],
    ['a eq 2024-05-011', "Syntax error at position 6 in '$filter': malformed date '2024-05-011'"],
    [
      'a eq 5f4b1c2a-0000-0000-0000-0000000000011',
      "Syntax error at position 6 in '$filter': malformed GUID '5f4b1c2a-0000-0000-0000-0000000000011'",
    ],
    [
      'a eq {5f4b1c2a-0000-0000-0000-000000000001}',
      "Syntax error at position 6 in '$filter': unexpected character '{'",
    ],
    ['a eq -b', "Syntax error at position 6 in '$filter': the negation operator '-' is not supported"],
    ['a * 2', "Syntax error at position 3 in '$filter': unexpected character '*'"],
    ['a eq \u0001', "Syntax error at position 6 in '$filter': unexpected character U+0001"],
    ['a eq é', "Syntax error at position 6 in '$filter': unexpected character 'é'"],
    ['a eq 😀', "Syntax error at position 6 in '$filter': unexpected character '😀'"],
    ['a eq \ud800', "Syntax error at position 6 in '$filter': unexpected character U+D800"],
    ['@ eq 1', "Syntax error at position 1 in '$filter': '@' must be followed by a name"],
    ['$ eq 1', "Syntax error at position 1 in '$filter': '$' must be followed by a name"],
  ])('refuses %j', (text, message) => {
    expect(lexError(text)).toContain(message);
  });

  it('shortens long tokens quoted in messages', () => {
    const message = lexError(`a eq 1${'x'.repeat(1000)}`);
    expect(message.length).toBeLessThan(200);
    expect(message).toContain('...');
  });
});
