import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type BatchItem, type BatchOperation, type BatchRequest, readBatch } from './batch-reader.js';
import {
  type BatchOperationResponse,
  type BatchResponseItem,
  reasonPhrase,
  writeBatchResponse,
} from './batch-writer.js';

const uuidPattern = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** Replaces the random boundaries so a whole response can be compared with a literal. */
function normalise(body: string): string {
  return body
    .replace(new RegExp(`batchresponse_${uuidPattern}`, 'g'), 'batchresponse_B')
    .replace(new RegExp(`changesetresponse_${uuidPattern}`, 'g'), (match) => `changesetresponse_${match.slice(-4)}`);
}

const entityUrl = 'http://localhost/api/data/v9.2/salesorders(6f2d7a3e-0000-4000-8000-000000000001)';

const created: BatchOperationResponse = {
  status: 204,
  headers: { 'OData-Version': '4.0', Location: entityUrl, 'OData-EntityId': entityUrl },
  contentId: '1',
};
const retrieved: BatchOperationResponse = {
  status: 200,
  headers: { 'Content-Type': 'application/json; odata.metadata=minimal', 'OData-Version': '4.0' },
  body: '{"@odata.etag":"W/\\"1\\"","name":"Order 1"}',
};

describe('writeBatchResponse: layout', () => {
  it('writes the exact layout Dataverse uses', () => {
    const { contentType, body } = writeBatchResponse([
      { kind: 'changeset', responses: [created, { ...created, contentId: '2' }] },
      { kind: 'operation', response: retrieved },
    ]);
    const changeSet = new RegExp(`changesetresponse_${uuidPattern}`).exec(body)![0];
    const tail = changeSet.slice(-4);
    expect(contentType).toMatch(new RegExp(`^multipart/mixed; boundary=batchresponse_${uuidPattern}$`));
    expect(body.startsWith(`--${contentType.slice('multipart/mixed; boundary='.length)}\r\n`)).toBe(true);
    const createdPart = (contentId: string) =>
      [
        `--changesetresponse_${tail}`,
        'Content-Type: application/http',
        'Content-Transfer-Encoding: binary',
        `Content-ID: ${contentId}`,
        '',
        'HTTP/1.1 204 No Content',
        'OData-Version: 4.0',
        `Location: ${entityUrl}`,
        `OData-EntityId: ${entityUrl}`,
        '',
        '',
      ].join('\r\n');
    expect(normalise(body)).toBe(
      [
        '--batchresponse_B',
        `Content-Type: multipart/mixed; boundary=changesetresponse_${tail}`,
        '',
        createdPart('1'),
        createdPart('2'),
        `--changesetresponse_${tail}--`,
        '--batchresponse_B',
        'Content-Type: application/http',
        'Content-Transfer-Encoding: binary',
        '',
        'HTTP/1.1 200 OK',
        'Content-Type: application/json; odata.metadata=minimal',
        'OData-Version: 4.0',
        '',
        retrieved.body,
        '--batchresponse_B--',
        '',
      ].join('\r\n'),
    );
  });

  it('starts with the delimiter, uses CRLF only and ends with the close delimiter', () => {
    const { contentType, body } = writeBatchResponse([{ kind: 'operation', response: retrieved }]);
    const boundary = contentType.split('boundary=')[1]!;
    expect(body.split('\r\n')[0]).toBe(`--${boundary}`);
    expect(body.endsWith(`\r\n--${boundary}--\r\n`)).toBe(true);
    expect(body.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
  });

  it('writes an empty batch as just the close delimiter', () => {
    const { contentType, body } = writeBatchResponse([]);
    expect(body).toBe(`--${contentType.split('boundary=')[1]}--\r\n`);
  });

  it('takes fresh boundaries for every response and every change set', () => {
    const first = writeBatchResponse([
      { kind: 'changeset', responses: [] },
      { kind: 'changeset', responses: [] },
    ]);
    const second = writeBatchResponse([]);
    expect(first.contentType).not.toBe(second.contentType);
    const changeSets = first.body.match(new RegExp(`boundary=changesetresponse_${uuidPattern}`, 'g'));
    expect(new Set(changeSets).size).toBe(2);
  });

  it('echoes Content-ID on change-set parts and on top-level parts that carry one', () => {
    const { body } = writeBatchResponse([
      { kind: 'changeset', responses: [{ status: 201, headers: {}, body: '{}', contentId: '100001' }] },
      { kind: 'operation', response: { status: 204, headers: {}, contentId: 'x' } },
      { kind: 'operation', response: { status: 204, headers: {} } },
    ]);
    expect(body.match(/^Content-ID: .*$/gm)).toEqual(['Content-ID: 100001', 'Content-ID: x']);
  });

  it('never lets a brace or a line break into a part header', () => {
    const { body } = writeBatchResponse([
      {
        kind: 'operation',
        response: {
          status: 204,
          headers: { 'OData-EntityId': "http://h/api/data/v9.2/accounts(name='{a}')", 'X-Note': 'one\r\ntwo\nthree' },
          contentId: '{1}',
        },
      },
    ]);
    expect(body).not.toMatch(/[{}]/);
    expect(body).toContain("OData-EntityId: http://h/api/data/v9.2/accounts(name='%7Ba%7D')\r\n");
    expect(body).toContain('X-Note: one two three\r\n');
    expect(body).toContain('Content-ID: %7B1%7D\r\n');
  });

  it('refuses statuses and header names that cannot be written', () => {
    expect(() => writeBatchResponse([{ kind: 'operation', response: { status: 20, headers: {} } }])).toThrow(
      RangeError,
    );
    expect(() => writeBatchResponse([{ kind: 'operation', response: { status: 200.5, headers: {} } }])).toThrow(
      RangeError,
    );
    expect(() =>
      writeBatchResponse([{ kind: 'operation', response: { status: 200, headers: { 'a b': 'x' } } }]),
    ).toThrow(RangeError);
  });
});

describe('reasonPhrase', () => {
  it('uses the standard phrases for the statuses Dataverse answers with', () => {
    const expected: Record<number, string> = {
      200: 'OK',
      201: 'Created',
      204: 'No Content',
      304: 'Not Modified',
      400: 'Bad Request',
      401: 'Unauthorized',
      403: 'Forbidden',
      404: 'Not Found',
      405: 'Method Not Allowed',
      412: 'Precondition Failed',
      413: 'Payload Too Large',
      415: 'Unsupported Media Type',
      429: 'Too Many Requests',
      500: 'Internal Server Error',
      501: 'Not Implemented',
    };
    for (const [status, phrase] of Object.entries(expected)) expect(reasonPhrase(Number(status))).toBe(phrase);
  });

  it("falls back to Node's table, reduced to words dynamics-web-api can read", () => {
    expect(reasonPhrase(202)).toBe('Accepted');
    expect(reasonPhrase(503)).toBe('Service Unavailable');
    expect(reasonPhrase(203)).toBe('Non Authoritative Information');
    expect(reasonPhrase(418)).toBe('Im a Teapot');
    expect(reasonPhrase(599)).toBe('Unknown');
  });

  it('writes the phrase on the status line', () => {
    const { body } = writeBatchResponse([
      { kind: 'operation', response: { status: 412, headers: {}, body: '{"error":{}}' } },
      { kind: 'changeset', responses: [{ status: 201, headers: {}, body: '{}', contentId: '1' }] },
    ]);
    expect(body.match(/^HTTP\/1\.1 .*$/gm)).toEqual(['HTTP/1.1 412 Precondition Failed', 'HTTP/1.1 201 Created']);
  });
});

/**
 * Reads a response the way dynamics-web-api 2.5.0's parseBatchResponse does (restated from its source):
 * the first line is the delimiter; a part containing `--changesetresponse_` is trimmed, loses its first
 * line, and is read again the same way; a part's status comes from its `HTTP/1.1 nnn words` line and its
 * JSON from the first `{` to the last `}`.
 */
function readLikeDynamicsWebApi(text: string): { status: number; json: unknown }[] {
  const delimiter = text.slice(0, text.search(/\r?\n/));
  const results: { status: number; json: unknown }[] = [];
  for (const part of text.split(delimiter).slice(1, -1)) {
    if (part.includes('--changesetresponse_')) {
      const trimmed = part.trim();
      results.push(...readLikeDynamicsWebApi(trimmed.slice(trimmed.search(/\r?\n/) + 1).trim()));
      continue;
    }
    const status = /HTTP\/?\s*[\d.]*\s+(\d{3})\s+([\w\s]*)$/m.exec(part);
    expect(status, `no status line in ${JSON.stringify(part)}`).not.toBeNull();
    const json = part.slice(part.indexOf('{'), part.lastIndexOf('}') + 1);
    results.push({ status: Number(status![1]), json: json === '' ? undefined : JSON.parse(json) });
  }
  return results;
}

describe('writeBatchResponse: properties', () => {
  const headerName = fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,15}$/);
  const headerValue = fc.string({ maxLength: 30 });
  const jsonBody = fc
    .dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 })
    .map((value) => JSON.stringify(value));
  const response: fc.Arbitrary<BatchOperationResponse> = fc.record(
    {
      status: fc.oneof(
        fc.constantFrom(200, 201, 204, 304, 400, 404, 412, 429, 500),
        fc.integer({ min: 100, max: 599 }),
      ),
      headers: fc.dictionary(headerName, headerValue, { maxKeys: 4 }),
      body: jsonBody,
      contentId: fc.stringMatching(/^[0-9]{1,6}$/),
    },
    { requiredKeys: ['status', 'headers'] },
  );
  const items: fc.Arbitrary<BatchResponseItem[]> = fc.array(
    fc.oneof(
      response.map((r): BatchResponseItem => ({ kind: 'operation', response: r })),
      fc.array(response, { maxLength: 4 }).map((rs): BatchResponseItem => ({ kind: 'changeset', responses: rs })),
    ),
    { maxLength: 6 },
  );
  const flatten = (list: readonly BatchResponseItem[]) =>
    list.flatMap((item) => (item.kind === 'operation' ? [item.response] : item.responses));

  it('is read back by the dynamics-web-api parsing rules: same statuses, same JSON, same order', () => {
    fc.assert(
      fc.property(items, (list) => {
        const { body } = writeBatchResponse(list);
        expect(readLikeDynamicsWebApi(body)).toEqual(
          flatten(list).map((r) => ({ status: r.status, json: r.body === undefined ? undefined : JSON.parse(r.body) })),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('keeps every part framed: one header line per header, no braces in headers, body intact', () => {
    fc.assert(
      fc.property(items, (list) => {
        const { body } = writeBatchResponse(list);
        // Each delimiter owns the CRLF before it; the CRLF after it is dropped from the next part.
        const parts = body
          .split(/(?:^|\r\n)--(?:batch|changeset)response_[0-9a-f-]{36}(?:--)?(?=\r\n|$)/)
          .map((part) => part.replace(/^\r\n/, ''))
          .filter((part) => part.startsWith('Content-Type: application/http'));
        const expected = flatten(list);
        expect(parts).toHaveLength(expected.length);
        parts.forEach((part, index) => {
          const written = expected[index]!;
          const [mime, http, ...rest] = part.split('\r\n\r\n');
          expect(`${mime}\n${http}`).not.toMatch(/[{}]/);
          expect(mime!.split('\r\n')).toHaveLength(written.contentId === undefined ? 2 : 3);
          expect(http!.split('\r\n')).toHaveLength(1 + Object.keys(written.headers).length);
          expect(rest.join('\r\n\r\n')).toBe(written.body ?? '');
        });
      }),
      { numRuns: 300 },
    );
  });
});

/**
 * A test-only request writer, the mirror image of readBatch, so arbitrary requests can be written and
 * read back. It varies what clients vary: line endings, boundary quoting, a leading blank line, preamble
 * and epilogue.
 */
interface WriteStyle {
  readonly eol: '\r\n' | '\n';
  readonly quoted: boolean;
  readonly leadingBlankLine: boolean;
  readonly preamble: string;
  readonly epilogue: string;
}

function writeBatchRequest(request: BatchRequest, style: WriteStyle): { contentType: string; body: string } {
  const { eol } = style;
  const boundary = `batch_${randomUUID()}`;
  const parameter = (value: string) => (style.quoted ? `; boundary="${value}"` : `;boundary=${value}`);
  const operationPart = (operation: BatchOperation) =>
    [
      'Content-Type: application/http',
      'Content-Transfer-Encoding: binary',
      ...(operation.contentId === undefined ? [] : [`Content-ID: ${operation.contentId}`]),
      '',
      `${operation.method} ${operation.url} HTTP/1.1`,
      ...Object.entries(operation.headers).map(([name, value]) => `${name}: ${value}`),
      '',
      operation.body,
    ].join(eol);
  const itemPart = (item: BatchItem) => {
    if (item.kind === 'operation') return operationPart(item.operation);
    const changeSet = `changeset_${randomUUID()}`;
    const inner = item.operations.map((operation) => `--${changeSet}${eol}${operationPart(operation)}${eol}`).join('');
    return `Content-Type: multipart/mixed${parameter(changeSet)}${eol}${eol}${inner}--${changeSet}--`;
  };
  const opening = (style.preamble === '' ? '' : style.preamble + eol) + (style.leadingBlankLine ? eol : '');
  const parts = request.items.map((item) => `--${boundary}${eol}${itemPart(item)}${eol}`).join('');
  return {
    contentType: `multipart/mixed${parameter(boundary)}`,
    body: `${opening}${parts}--${boundary}--${eol}${style.epilogue}`,
  };
}

describe('readBatch reads back what a batch request writer writes', () => {
  // Bodies full of dashes, blank lines, near-miss delimiters and both line endings, but never a boundary
  // (those carry a UUID the body cannot know).
  const body = fc
    .array(
      fc.constantFrom(
        'a',
        'é',
        ' ',
        '-',
        '--',
        '--batch',
        '--changeset_',
        ':',
        '{"x":"$1"}',
        '\r\n',
        '\n',
        '\r\n\r\n',
        'HTTP/1.1 200 OK',
      ),
      { maxLength: 12 },
    )
    .map((pieces) => pieces.join(''));
  const headers = fc
    .uniqueArray(
      fc.tuple(
        fc.stringMatching(/^[a-z][a-z0-9.-]{0,15}$/).filter((name) => name !== 'content-id'),
        fc.stringMatching(/^[!-~]([ !-~]{0,20}[!-~])?$/),
      ),
      { selector: ([name]) => name, maxLength: 5 },
    )
    .map((entries) => Object.fromEntries(entries));
  const url = fc.oneof(
    fc.constantFrom('$1', '$100001/primarycontactid/$ref', 'salesorders', '/api/data/v9.2/accounts(1)'),
    fc
      .constant('http://127.0.0.1:3000/api/data/v9.2/')
      .chain((base) => fc.stringMatching(/^[!-~]{1,30}$/).map((path) => base + path)),
    fc.stringMatching(/^[!-~]{1,40}$/),
  );
  const contentId = fc.option(fc.stringMatching(/^[0-9A-Za-z]{1,8}$/), { nil: undefined });
  const operation = (method: fc.Arbitrary<string>): fc.Arbitrary<BatchOperation> =>
    fc
      .record({ method, url, headers, body, contentId })
      .map(({ contentId: id, ...rest }) => (id === undefined ? rest : { ...rest, contentId: id }));
  const anyMethod = fc.oneof(
    fc.constantFrom('GET', 'POST', 'PATCH', 'PUT', 'DELETE'),
    fc.stringMatching(/^[A-Z]{1,10}$/),
  );
  // Content-IDs must be unique within a change set, so repeats are dropped.
  const changeSet = fc
    .array(operation(fc.constantFrom('POST', 'PATCH', 'PUT', 'DELETE')), { maxLength: 5 })
    .map((operations) => {
      const seen = new Set<string>();
      return operations.map(({ contentId: id, ...rest }) => {
        if (id === undefined || seen.has(id)) return rest;
        seen.add(id);
        return { ...rest, contentId: id };
      });
    });
  const request: fc.Arbitrary<BatchRequest> = fc
    .array(
      fc.oneof(
        operation(anyMethod).map((op): BatchItem => ({ kind: 'operation', operation: op })),
        changeSet.map((operations): BatchItem => ({ kind: 'changeset', operations })),
      ),
      { maxLength: 8 },
    )
    .map((items) => ({ items }));
  const style: fc.Arbitrary<WriteStyle> = fc.record({
    eol: fc.constantFrom('\r\n' as const, '\n' as const),
    quoted: fc.boolean(),
    leadingBlankLine: fc.boolean(),
    preamble: fc.constantFrom('', 'This is a multi-part message in MIME format.', '-- not a delimiter'),
    epilogue: fc.constantFrom('', '\r\n', 'trailing words\n--batch_'),
  });

  it('round-trips arbitrary batch requests', () => {
    fc.assert(
      fc.property(request, style, (original, writeStyle) => {
        const { contentType, body: written } = writeBatchRequest(original, writeStyle);
        expect(readBatch(contentType, written)).toEqual(original);
      }),
      { numRuns: 500 },
    );
  });
});
