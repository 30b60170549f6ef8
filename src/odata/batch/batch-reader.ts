import { DomainError, invalidArgument } from '../../domain/errors.js';

/**
 * Reads the multipart/mixed body of a `POST $batch` (OData v4 multipart format, RFC 2046 framing) into
 * plain data. Nothing is resolved or executed here: URLs, `$n` references and bodies are handed over as
 * written, so the executor decides what they mean.
 */

export interface BatchOperation {
  readonly method: string;
  /** Exactly as on the request line: absolute, `/api/...`, relative, or a `$n` reference. */
  readonly url: string;
  /** Inner HTTP headers, names lower-cased; repeated names are joined with ", ". */
  readonly headers: Readonly<Record<string, string>>;
  /**
   * Everything between the header section and the line break that opens the next delimiter, byte for byte.
   * dynamics-web-api writes a blank line after each body, so its bodies keep one trailing line break.
   */
  readonly body: string;
  readonly contentId?: string;
}

export type BatchItem =
  | { readonly kind: 'operation'; readonly operation: BatchOperation }
  | { readonly kind: 'changeset'; readonly operations: readonly BatchOperation[] };

export interface BatchRequest {
  readonly items: readonly BatchItem[];
}

export interface ReadBatchOptions {
  /** Largest accepted body in UTF-8 bytes; larger bodies are refused as payloadTooLarge. */
  readonly maxBodyBytes?: number;
  /** Most operations accepted across the whole batch, change sets included. */
  readonly maxOperations?: number;
}

export const defaultMaxBatchBodyBytes = 10 * 1024 * 1024;
/** Dataverse's documented limit on requests per batch. */
export const defaultMaxBatchOperations = 1000;

/** Methods that change data; only these may sit in a change set, which exists to make changes atomic. */
const changeSetMethods: ReadonlySet<string> = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

/** Encodings that leave the bytes as they are; anything else would need decoding we do not offer. */
const identityTransferEncodings: ReadonlySet<string> = new Set(['binary', '8bit', '7bit']);

const tokenPattern = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** RFC 2046 `boundary`: 1-70 bchars, and it may not end with a space. */
const boundaryPattern = /^[0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?]$/;
const httpVersionPattern = /^HTTP\/\d(?:\.\d)?$/;

/**
 * `METHOD url HTTP/1.1`, read as Microsoft's OData batch reader reads it: the method ends at the first
 * space, the version starts after the last one, and the URL is everything between. Clients such as
 * dataverse-webapi write the URL of a part unencoded (`GET accounts?$filter=name eq 'x' HTTP/1.1`);
 * Dataverse runs those parts, so refusing them would fail a batch Dataverse serves.
 */
function parseRequestLine(line: string): { method: string; url: string } | undefined {
  const trimmed = line.replace(/[ \t]+$/, '');
  const firstSpace = trimmed.indexOf(' ');
  const lastSpace = trimmed.lastIndexOf(' ');
  if (firstSpace <= 0 || lastSpace === firstSpace) return undefined;
  const method = trimmed.slice(0, firstSpace);
  const url = trimmed.slice(firstSpace + 1, lastSpace).trim();
  if (!tokenPattern.test(method) || url === '' || !httpVersionPattern.test(trimmed.slice(lastSpace + 1))) {
    return undefined;
  }
  return { method, url };
}

export function readBatch(contentType: string, body: string, options: ReadBatchOptions = {}): BatchRequest {
  const maxBytes = options.maxBodyBytes ?? defaultMaxBatchBodyBytes;
  const maxOperations = options.maxOperations ?? defaultMaxBatchOperations;
  // The length check first: a UTF-16 length over the limit already means at least that many bytes.
  if (body.length > maxBytes || Buffer.byteLength(body, 'utf8') > maxBytes) {
    throw new DomainError('payloadTooLarge', `The batch body is larger than the limit of ${maxBytes} bytes.`);
  }

  const media = parseMediaType(contentType);
  if (media === undefined || media.type !== 'multipart/mixed') {
    throw new DomainError(
      'unsupportedMediaType',
      `A $batch request must have Content-Type multipart/mixed with a boundary, not '${truncate(contentType)}'.`,
    );
  }
  const boundary = requireBoundary(media.parameters, 'The $batch request');

  const counter = { operations: 0, max: maxOperations };
  const items = splitMultipart(body, boundary, 'The batch body').map((part, index): BatchItem => {
    const where = `Batch part ${index + 1}`;
    const mime = splitHeaderSection(part, where);
    const partType = readPartType(mime.headers, where);
    if (partType.type === 'multipart/mixed') {
      return { kind: 'changeset', operations: readChangeSet(partType.parameters, mime.rest, where, counter) };
    }
    return { kind: 'operation', operation: readOperation(mime.headers, mime.rest, where, counter) };
  });
  return { items };
}

interface OperationCounter {
  operations: number;
  readonly max: number;
}

function readChangeSet(
  parameters: ReadonlyMap<string, string>,
  content: string,
  where: string,
  counter: OperationCounter,
): BatchOperation[] {
  const boundary = requireBoundary(parameters, `The change set in ${where.toLowerCase()}`);
  const seenContentIds = new Set<string>();
  return splitMultipart(content, boundary, `The change set in ${where.toLowerCase()}`).map((part, index) => {
    const inner = `${where}, change set part ${index + 1}`;
    const mime = splitHeaderSection(part, inner);
    const partType = readPartType(mime.headers, inner);
    if (partType.type === 'multipart/mixed') {
      throw invalidArgument(`${inner}: change sets cannot be nested inside a change set.`);
    }
    const operation = readOperation(mime.headers, mime.rest, inner, counter);
    if (!changeSetMethods.has(operation.method)) {
      throw invalidArgument(
        `${inner}: ${operation.method} requests are not allowed inside a change set; only POST, PATCH, PUT and DELETE are.`,
      );
    }
    if (operation.contentId !== undefined) {
      // `$n` references must point at exactly one earlier request of the same change set.
      if (seenContentIds.has(operation.contentId)) {
        throw invalidArgument(
          `${inner}: Content-ID '${truncate(operation.contentId)}' is used twice in the same change set.`,
        );
      }
      seenContentIds.add(operation.contentId);
    }
    return operation;
  });
}

function readOperation(
  mimeHeaders: ReadonlyMap<string, string>,
  content: string,
  where: string,
  counter: OperationCounter,
): BatchOperation {
  // Counted before parsing so a hostile batch stops at the limit instead of being read to the end.
  counter.operations += 1;
  if (counter.operations > counter.max) {
    throw invalidArgument(`The batch contains more than ${counter.max} requests, the most a batch may hold.`);
  }
  const encoding = mimeHeaders.get('content-transfer-encoding');
  if (encoding !== undefined && !identityTransferEncodings.has(encoding.toLowerCase())) {
    throw invalidArgument(`${where}: Content-Transfer-Encoding '${truncate(encoding)}' is not supported; use binary.`);
  }

  const { requestLine, rest } = takeRequestLine(content);
  const match = requestLine === undefined ? undefined : parseRequestLine(requestLine);
  if (match === undefined) {
    const shown = requestLine === undefined ? 'nothing' : `'${truncate(requestLine)}'`;
    throw invalidArgument(
      `${where}: expected a request line such as 'GET /api/data/v9.2/accounts HTTP/1.1', found ${shown}.`,
    );
  }
  const http = splitHeaderSection(rest, where);
  const contentId = nonEmpty(mimeHeaders.get('content-id')) ?? nonEmpty(http.headers.get('content-id'));
  const operation: BatchOperation = {
    method: match.method,
    url: match.url,
    headers: Object.fromEntries(http.headers),
    body: http.rest,
  };
  return contentId === undefined ? operation : { ...operation, contentId };
}

/** Splits off the first non-empty line; RFC 9112 lets a server skip blank lines before a request line. */
function takeRequestLine(content: string): { requestLine: string | undefined; rest: string } {
  let position = 0;
  while (position < content.length) {
    const end = lineEnd(content, position);
    const line = lineText(content, position, end);
    const next = end === content.length ? end : end + 1;
    if (line !== '') return { requestLine: line, rest: content.slice(next) };
    position = next;
  }
  return { requestLine: undefined, rest: '' };
}

interface PartType {
  readonly type: string;
  readonly parameters: ReadonlyMap<string, string>;
}

function readPartType(headers: ReadonlyMap<string, string>, where: string): PartType {
  const raw = headers.get('content-type');
  const media = raw === undefined ? undefined : parseMediaType(raw);
  if (media !== undefined && (media.type === 'application/http' || media.type === 'multipart/mixed')) return media;
  const found = raw === undefined ? 'no Content-Type' : `Content-Type '${truncate(raw)}'`;
  throw invalidArgument(
    `${where} has ${found}; every part must be application/http (or multipart/mixed for a change set).`,
  );
}

function requireBoundary(parameters: ReadonlyMap<string, string>, owner: string): string {
  const boundary = parameters.get('boundary');
  if (boundary === undefined || boundary === '') {
    throw invalidArgument(`${owner} has no boundary parameter in its multipart/mixed Content-Type.`);
  }
  if (!boundaryPattern.test(boundary)) {
    throw invalidArgument(`${owner} has an invalid multipart boundary '${truncate(boundary)}'.`);
  }
  return boundary;
}

/**
 * RFC 2046 framing. A delimiter is a line that starts with `--boundary`, optionally followed by `--` (the
 * close delimiter) and trailing whitespace. The line break before a delimiter belongs to the delimiter, so
 * it is not part of the preceding body; the first delimiter may open the text without one. Text before the
 * first delimiter (preamble, the blank line some clients send) and after the close delimiter (epilogue)
 * is ignored. Both CRLF and bare LF end a line.
 */
function splitMultipart(text: string, boundary: string, what: string): string[] {
  const dashBoundary = `--${boundary}`;
  const parts: string[] = [];
  let partStart = -1;
  let position = 0;
  while (position <= text.length) {
    const end = lineEnd(text, position);
    if (text.startsWith(dashBoundary, position)) {
      const tail = lineText(text, position + dashBoundary.length, end);
      const isClose = tail.startsWith('--');
      if (/^[ \t]*$/.test(isClose ? tail.slice(2) : tail)) {
        if (partStart >= 0) parts.push(text.slice(partStart, Math.max(partStart, stripBreakBefore(text, position))));
        if (isClose) return parts;
        partStart = end === text.length ? end : end + 1;
      }
    }
    if (end === text.length) break;
    position = end + 1;
  }
  if (partStart < 0) throw invalidArgument(`${what} does not contain the delimiter '${dashBoundary}'.`);
  throw invalidArgument(`${what} ends without the closing delimiter '${dashBoundary}--'.`);
}

/** Where the content before a delimiter line ends: just before its CRLF or LF. */
function stripBreakBefore(text: string, delimiterStart: number): number {
  if (delimiterStart >= 2 && text.startsWith('\r\n', delimiterStart - 2)) return delimiterStart - 2;
  if (delimiterStart >= 1 && text[delimiterStart - 1] === '\n') return delimiterStart - 1;
  return delimiterStart;
}

interface HeaderSection {
  readonly headers: ReadonlyMap<string, string>;
  /** What follows the blank line that ends the headers; empty when there is no blank line. */
  readonly rest: string;
}

/**
 * Reads `Name: value` lines up to the first empty line. A section that runs to the end without an empty
 * line is all headers: clients such as dynamics-web-api end a bodiless GET right before the delimiter.
 */
function splitHeaderSection(text: string, where: string): HeaderSection {
  // Values are kept as pieces and joined once at the end: joining per line would copy a long value again
  // for every folded or repeated line, which a hostile body can make quadratic.
  const pieces = new Map<string, string[][]>();
  let current: string[] | undefined;
  let position = 0;
  let rest = '';
  while (position < text.length) {
    const end = lineEnd(text, position);
    const line = lineText(text, position, end);
    const next = end === text.length ? end : end + 1;
    if (line === '') {
      rest = text.slice(next);
      break;
    }
    if ((line.startsWith(' ') || line.startsWith('\t')) && current !== undefined) {
      // Obsolete line folding: the line continues the previous header's value.
      current.push(line.trim());
    } else {
      const colon = line.indexOf(':');
      const name = colon < 0 ? '' : line.slice(0, colon).trim().toLowerCase();
      if (!tokenPattern.test(name)) {
        throw invalidArgument(`${where}: malformed header line '${truncate(line)}'.`);
      }
      current = [line.slice(colon + 1).trim()];
      const occurrences = pieces.get(name);
      if (occurrences === undefined) pieces.set(name, [current]);
      else occurrences.push(current);
    }
    position = next;
  }
  const headers = new Map<string, string>();
  for (const [name, occurrences] of pieces) {
    const values = occurrences.map((parts) => parts.filter((part) => part !== '').join(' '));
    headers.set(name, values.join(', '));
  }
  return { headers, rest };
}

interface MediaType {
  readonly type: string;
  readonly parameters: ReadonlyMap<string, string>;
}

/** `type/subtype; name=value; name="quoted \" value"`; type and parameter names lower-cased. */
function parseMediaType(text: string): MediaType | undefined {
  const semicolon = text.indexOf(';');
  const type = (semicolon < 0 ? text : text.slice(0, semicolon)).trim().toLowerCase();
  const [main, sub, ...extra] = type.split('/');
  if (
    main === undefined ||
    sub === undefined ||
    extra.length > 0 ||
    !tokenPattern.test(main) ||
    !tokenPattern.test(sub)
  ) {
    return undefined;
  }
  const parameters = new Map<string, string>();
  let position = semicolon < 0 ? text.length : semicolon + 1;
  while (position < text.length) {
    let nameEnd = position;
    while (nameEnd < text.length && text[nameEnd] !== ';' && text[nameEnd] !== '=') nameEnd += 1;
    if (nameEnd === text.length) break;
    const name = text.slice(position, nameEnd).trim().toLowerCase();
    position = nameEnd + 1;
    // A parameter without a value (`; charset;`) is skipped rather than swallowing the next one.
    if (text[position - 1] === ';') continue;
    let value = '';
    while (text[position] === ' ' || text[position] === '\t') position += 1;
    if (text[position] === '"') {
      position += 1;
      while (position < text.length && text[position] !== '"') {
        if (text[position] === '\\' && position + 1 < text.length) position += 1;
        value += text[position];
        position += 1;
      }
      const close = text.indexOf(';', position);
      position = close < 0 ? text.length : close + 1;
    } else {
      const close = text.indexOf(';', position);
      const stop = close < 0 ? text.length : close;
      value = text.slice(position, stop).trim();
      position = stop + 1;
    }
    // The first occurrence wins, so a trailing duplicate cannot swap the boundary.
    if (tokenPattern.test(name) && !parameters.has(name)) parameters.set(name, value);
  }
  return { type, parameters };
}

function lineEnd(text: string, from: number): number {
  const newline = text.indexOf('\n', from);
  return newline < 0 ? text.length : newline;
}

/** The line's text without its terminator (a CR before the LF is part of the terminator). */
function lineText(text: string, from: number, end: number): string {
  const stop = end > from && text[end - 1] === '\r' ? end - 1 : end;
  return text.slice(from, stop);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/** Keeps echoed client text in error messages short. */
function truncate(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
