import { filterSource, quote, type SyntaxSource, syntaxError } from './syntax-error.js';

export type Punctuation = '(' | ')' | ',' | '/' | ':' | '[' | ']' | '=' | ';';

export type TokenKind =
  /** `name`, `_x_value`, and the keywords (`eq`, `and`, `true`...), which only the parser tells apart. */
  | 'identifier'
  /** Dotted name: `Microsoft.Dynamics.CRM.In`, or a type cast the parser refuses. */
  | 'qualifiedName'
  /** `@p1`; the value is the name without `@`. */
  | 'alias'
  /** `$it`, `$root`, `$count`...; the value keeps the `$`. */
  | 'systemName'
  /** `'...'` with `''` for a quote; the value is unescaped. */
  | 'string'
  /** `"..."` with JSON escapes; only valid inside query function collections. */
  | 'jsonString'
  /** The value is the text without its type suffix. */
  | 'number'
  /** The value is lower-cased. */
  | 'guid'
  | 'datetime'
  | 'date'
  | Punctuation
  | 'end';

export interface Token {
  readonly kind: TokenKind;
  /** The source text of the token, as written. */
  readonly text: string;
  /** The decoded value (see each kind). */
  readonly value: string;
  /** Zero-based index of the first character. */
  readonly start: number;
  /** Zero-based index just past the last character. */
  readonly end: number;
}

const punctuation = new Set<string>(['(', ')', ',', '/', ':', '[', ']', '=', ';']);

// Sticky expressions: each is tried at the current index only.
const guidPattern = /[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}/y;
const dateTimePattern =
  /(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,7})?)?(?:([Zz])|([+-])(\d{2}):(\d{2}))?/y;
const datePattern = /(\d{4})-(\d{2})-(\d{2})/y;
const numberPattern = /[+-]?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const identifierPattern = /[A-Za-z_][A-Za-z0-9_]*/y;
const qualifiedNamePattern = /[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*/y;
/** Characters that may not directly follow a number: `12abc` and `1.2.3` are malformed. */
const numberContinuation = /[A-Za-z0-9_.]/;
/** Nor a date, date-time or GUID: `2024-05-011`, `2024-05-01T10:00:00+2` are malformed, not arithmetic. */
const temporalContinuation = /[A-Za-z0-9_.:+-]/;
const numberSuffix = /[mMdDfFlL]/;
const identifierChar = /[A-Za-z0-9_]/;
const whitespace = new Set([' ', '\t', '\r', '\n']);

/**
 * Splits `$filter` text (and the `$select`/`$orderby` lists, which share its tokens) into tokens with
 * their positions. Keywords are left as identifiers because OData keywords are only keywords where an
 * operator can stand. Throws a querySyntax DomainError for text that is not a token.
 */
export function tokenizeFilter(text: string, source: SyntaxSource = filterSource): readonly Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < text.length) {
    const char = text[index]!;
    if (whitespace.has(char)) {
      index += 1;
      continue;
    }
    const token = readToken(text, index, source);
    tokens.push(token);
    index = token.end;
  }
  tokens.push({ kind: 'end', text: '', value: '', start: text.length, end: text.length });
  return tokens;
}

function readToken(text: string, start: number, source: SyntaxSource): Token {
  const char = text[start]!;
  if (punctuation.has(char)) {
    return { kind: char as Punctuation, text: char, value: char, start, end: start + 1 };
  }
  if (char === "'") return readString(text, start, source);
  if (char === '"') return readJsonString(text, start, source);
  if (char === '@' || char === '$') {
    identifierPattern.lastIndex = start + 1;
    const name = identifierPattern.exec(text)?.[0];
    if (name === undefined) {
      throw syntaxError(
        source,
        start,
        `'${char}' must be followed by a name, as in ${char === '@' ? '@p1' : '$filter'}`,
      );
    }
    const end = start + 1 + name.length;
    const raw = text.slice(start, end);
    return char === '@'
      ? { kind: 'alias', text: raw, value: name, start, end }
      : { kind: 'systemName', text: raw, value: raw, start, end };
  }
  const literal = readLiteral(text, start, source);
  if (literal !== undefined) return literal;
  if (/[A-Za-z_]/.test(char)) {
    qualifiedNamePattern.lastIndex = start;
    const name = qualifiedNamePattern.exec(text)![0];
    const end = start + name.length;
    return { kind: name.includes('.') ? 'qualifiedName' : 'identifier', text: name, value: name, start, end };
  }
  if (char === '-') {
    throw syntaxError(source, start, "the negation operator '-' is not supported");
  }
  if (char === '{') {
    throw syntaxError(source, start, "unexpected character '{' (write GUIDs without braces)");
  }
  throw syntaxError(source, start, `unexpected character ${describeCharacter(text, start)}`);
}

/** GUIDs, dates, date-times and numbers; undefined when none starts here. */
function readLiteral(text: string, start: number, source: SyntaxSource): Token | undefined {
  guidPattern.lastIndex = start;
  const guid = guidPattern.exec(text);
  if (guid !== null) {
    const end = checkLiteralEnd(text, start, start + guid[0].length, 'GUID', temporalContinuation, source);
    return { kind: 'guid', text: guid[0], value: guid[0].toLowerCase(), start, end };
  }
  dateTimePattern.lastIndex = start;
  const dateTime = dateTimePattern.exec(text);
  if (dateTime !== null) {
    const end = checkLiteralEnd(text, start, start + dateTime[0].length, 'date-time', temporalContinuation, source);
    return { kind: 'datetime', text: dateTime[0], value: normalizeDateTime(dateTime, start, source), start, end };
  }
  datePattern.lastIndex = start;
  const date = datePattern.exec(text);
  if (date !== null) {
    const end = checkLiteralEnd(text, start, start + date[0].length, 'date', temporalContinuation, source);
    checkDate(date, start, source);
    return { kind: 'date', text: date[0], value: date[0], start, end };
  }
  numberPattern.lastIndex = start;
  const number = numberPattern.exec(text);
  if (number !== null) {
    let end = start + number[0].length;
    // A type suffix (12.50m, 5L) is dropped: the translation decides the type from the column.
    if (numberSuffix.test(text[end] ?? '') && !identifierChar.test(text[end + 1] ?? '')) end += 1;
    end = checkLiteralEnd(text, start, end, 'number', numberContinuation, source);
    return { kind: 'number', text: text.slice(start, end), value: number[0], start, end };
  }
  return undefined;
}

function checkLiteralEnd(
  text: string,
  start: number,
  end: number,
  what: string,
  continuation: RegExp,
  source: SyntaxSource,
): number {
  if (end < text.length && continuation.test(text[end]!)) {
    let stop = end;
    while (stop < text.length && /[A-Za-z0-9_.:+-]/.test(text[stop]!)) stop += 1;
    throw syntaxError(source, start, `malformed ${what} ${quote(text.slice(start, stop))}`);
  }
  return end;
}

function readString(text: string, start: number, source: SyntaxSource): Token {
  let value = '';
  let index = start + 1;
  for (;;) {
    const close = text.indexOf("'", index);
    if (close < 0) {
      throw syntaxError(source, start, "unterminated string literal (a quote inside a string is written '')");
    }
    value += text.slice(index, close);
    if (text[close + 1] === "'") {
      value += "'";
      index = close + 2;
      continue;
    }
    return { kind: 'string', text: text.slice(start, close + 1), value, start, end: close + 1 };
  }
}

const jsonEscapes: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

/** Double-quoted strings follow JSON, as in OData's collection literals (`PropertyValues=["1","10"]`). */
function readJsonString(text: string, start: number, source: SyntaxSource): Token {
  let value = '';
  let index = start + 1;
  while (index < text.length) {
    const char = text[index]!;
    if (char === '"') {
      return { kind: 'jsonString', text: text.slice(start, index + 1), value, start, end: index + 1 };
    }
    if (char !== '\\') {
      value += char;
      index += 1;
      continue;
    }
    const escaped = text[index + 1] ?? '';
    const simple = jsonEscapes[escaped];
    if (simple !== undefined) {
      value += simple;
      index += 2;
    } else if (escaped === 'u' && /^[0-9A-Fa-f]{4}$/.test(text.slice(index + 2, index + 6))) {
      value += String.fromCharCode(Number.parseInt(text.slice(index + 2, index + 6), 16));
      index += 6;
    } else {
      throw syntaxError(source, index, `invalid escape sequence ${quote(text.slice(index, index + 2))} in a string`);
    }
  }
  throw syntaxError(source, start, 'unterminated string literal (a double-quoted string ends with ")');
}

const daysInMonth = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isValidDate(year: number, month: number, day: number): boolean {
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const limit = month === 2 && !leap ? 28 : daysInMonth[month - 1]!;
  return day <= limit;
}

function checkDate(match: RegExpExecArray, start: number, source: SyntaxSource): void {
  if (!isValidDate(Number(match[1]), Number(match[2]), Number(match[3]))) {
    throw syntaxError(source, start, `invalid date ${quote(match[0])}`);
  }
}

/**
 * Checks the fields and writes the canonical text: upper-case `T` and `Z`, and `Z` added when no
 * offset was written (Dataverse reads such values as UTC), so the translation sees one form.
 */
function normalizeDateTime(match: RegExpExecArray, start: number, source: SyntaxSource): string {
  const [text, year, month, day, hour, minute, second, fraction, zulu, sign, offsetHour, offsetMinute] = match;
  const valid =
    isValidDate(Number(year), Number(month), Number(day)) &&
    Number(hour) <= 23 &&
    Number(minute) <= 59 &&
    (second === undefined || Number(second) <= 59) &&
    (offsetHour === undefined || Number(offsetHour) <= 14) &&
    (offsetMinute === undefined || Number(offsetMinute) <= 59);
  if (!valid) throw syntaxError(source, start, `invalid date-time ${quote(text)}`);
  const time = `${hour}:${minute}${second === undefined ? '' : `:${second}`}${fraction ?? ''}`;
  const offset = zulu !== undefined || sign === undefined ? 'Z' : `${sign}${offsetHour}:${offsetMinute}`;
  return `${year}-${month}-${day}T${time}${offset}`;
}

/** A character for a message: quoted when printable, as U+XXXX otherwise. */
function describeCharacter(text: string, index: number): string {
  const codePoint = text.codePointAt(index)!;
  if (codePoint < 0x20 || (codePoint >= 0x7f && codePoint <= 0x9f) || (codePoint >= 0xd800 && codePoint <= 0xdfff)) {
    return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return `'${String.fromCodePoint(codePoint)}'`;
}
