import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError, type ErrorKind } from '../../domain/errors.js';
import { type BatchOperation, readBatch } from './batch-reader.js';

const dwaBoundary = 'dwa_batch_6b783481-321c-46d3-a13d-07ead57be2b1';
const dwaChangeSet = 'changeset_1bad2cdf-6273-4966-8346-e69c3b45a106';
const dwaBase = 'http://127.0.0.1:43773/api/data/v9.2/';

/**
 * Captured from dynamics-web-api 2.5.0 (startBatch; retrieveMultiple; create; create binding "$1";
 * update of "$1"; retrieve; executeBatch) against a loopback server. Joined with CRLF this is the exact
 * body 2.5.0 put on the wire; joined with LF it is the LF-only shape the ecosystem notes describe.
 * Either way it opens with a blank line and every body is followed by one more blank line.
 */
const dwaLines = [
  '',
  `--${dwaBoundary}`,
  'Content-Type: application/http',
  'Content-Transfer-Encoding: binary',
  '',
  `GET ${dwaBase}salesorders?$select=name&$top=1 HTTP/1.1`,
  'Accept: application/json',
  '',
  `--${dwaBoundary}`,
  `Content-Type: multipart/mixed;boundary=${dwaChangeSet}`,
  '',
  `--${dwaChangeSet}`,
  'Content-Type: application/http',
  'Content-Transfer-Encoding: binary',
  'Content-ID: 100001',
  '',
  `POST ${dwaBase}salesorders HTTP/1.1`,
  'Content-Type: application/json',
  '',
  '{"name":"Ord\\u00e9r 1"}',
  '',
  `--${dwaChangeSet}`,
  'Content-Type: application/http',
  'Content-Transfer-Encoding: binary',
  'Content-ID: 100002',
  '',
  `POST ${dwaBase}salesorderdetails HTTP/1.1`,
  'Content-Type: application/json',
  '',
  '{"quantity":2,"salesorderid@odata.bind":"$1"}',
  '',
  `--${dwaChangeSet}`,
  'Content-Type: application/http',
  'Content-Transfer-Encoding: binary',
  'Content-ID: 100003',
  '',
  'PATCH $1 HTTP/1.1',
  'Content-Type: application/json',
  'If-Match: *',
  '',
  '{"description":"x"}',
  '',
  `--${dwaChangeSet}--`,
  '',
  `--${dwaBoundary}`,
  'Content-Type: application/http',
  'Content-Transfer-Encoding: binary',
  '',
  `GET ${dwaBase}accounts(00000000-0000-0000-0000-000000000001)?$select=name HTTP/1.1`,
  'Accept: application/json',
  '',
  `--${dwaBoundary}--`,
  '',
];
const dwaContentType = `multipart/mixed;boundary=${dwaBoundary}`;

/** What both line-ending variants of the dynamics-web-api body must read as; `eol` is the one used. */
function dwaExpected(eol: string) {
  return {
    items: [
      {
        kind: 'operation',
        operation: {
          method: 'GET',
          url: `${dwaBase}salesorders?$select=name&$top=1`,
          headers: { accept: 'application/json' },
          body: '',
        },
      },
      {
        kind: 'changeset',
        operations: [
          {
            method: 'POST',
            url: `${dwaBase}salesorders`,
            headers: { 'content-type': 'application/json' },
            // The blank line dynamics-web-api writes after a body stays in it; the delimiter owns only one break.
            body: `{"name":"Ord\\u00e9r 1"}${eol}`,
            contentId: '100001',
          },
          {
            method: 'POST',
            url: `${dwaBase}salesorderdetails`,
            headers: { 'content-type': 'application/json' },
            body: `{"quantity":2,"salesorderid@odata.bind":"$1"}${eol}`,
            contentId: '100002',
          },
          {
            method: 'PATCH',
            url: '$1',
            headers: { 'content-type': 'application/json', 'if-match': '*' },
            body: `{"description":"x"}${eol}`,
            contentId: '100003',
          },
        ],
      },
      {
        kind: 'operation',
        operation: {
          method: 'GET',
          url: `${dwaBase}accounts(00000000-0000-0000-0000-000000000001)?$select=name`,
          headers: { accept: 'application/json' },
          body: '',
        },
      },
    ],
  };
}

/** The Microsoft Learn layout: CRLF, quoted boundaries, no blank line before delimiters, $n references. */
const docsBody = [
  '--batch_80dd1615-2a10-428a-bb6f-0e559792721f',
  'Content-Type: multipart/mixed; boundary="changeset_BBB456"',
  '',
  '--changeset_BBB456',
  'Content-Type: application/http',
  'Content-Transfer-Encoding: binary',
  'Content-ID: 1',
  '',
  'POST https://contoso.crm.dynamics.com/api/data/v9.2/accounts HTTP/1.1',
  'Content-Type: application/json; type=entry',
  '',
  '{',
  '  "name": "Contoso -- Main"',
  '}',
  '--changeset_BBB456',
  'Content-Type: application/http',
  'Content-Transfer-Encoding: binary',
  'Content-ID: 2',
  '',
  'POST https://contoso.crm.dynamics.com/api/data/v9.2/contacts HTTP/1.1',
  'Content-Type: application/json; type=entry',
  '',
  '{"lastname":"Cannon","parentcustomerid_account@odata.bind":"$1"}',
  '--changeset_BBB456',
  'Content-Type: application/http',
  'Content-Transfer-Encoding: binary',
  'Content-ID: 3',
  '',
  'PUT $1/primarycontactid/$ref HTTP/1.1',
  'Content-Type: application/json',
  '',
  '{"@odata.id":"$2"}',
  '--changeset_BBB456--',
  '',
  '--batch_80dd1615-2a10-428a-bb6f-0e559792721f',
  'Content-Type: application/http',
  'Content-Transfer-Encoding: binary',
  '',
  'GET /api/data/v9.2/accounts?$select=name&$filter=name%20eq%20%27Contoso%27 HTTP/1.1',
  'Accept: application/json',
  'OData-Version: 4.0',
  '',
  '--batch_80dd1615-2a10-428a-bb6f-0e559792721f--',
  '',
].join('\r\n');
const docsContentType = 'multipart/mixed; boundary="batch_80dd1615-2a10-428a-bb6f-0e559792721f"';

function refusal(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  throw new Error('expected a DomainError, but nothing was thrown');
}

function expectRefusal(run: () => unknown, kind: ErrorKind, message: RegExp): void {
  const error = refusal(run);
  expect(error.kind).toBe(kind);
  expect(error.message).toMatch(message);
}

/** One application/http part (MIME headers, request line, headers, body) with CRLF. */
function httpPart(requestLine: string, options: { mime?: string[]; headers?: string[]; body?: string } = {}): string {
  const mime = options.mime ?? ['Content-Type: application/http', 'Content-Transfer-Encoding: binary'];
  return [...mime, '', requestLine, ...(options.headers ?? []), '', options.body ?? ''].join('\r\n');
}

/** A batch of the given parts under boundary `b`, CRLF, with its close delimiter. */
function batchOf(parts: readonly string[]): string {
  return parts.map((part) => `--b\r\n${part}\r\n`).join('') + '--b--\r\n';
}

/** A change-set part with boundary `cs` holding the given parts. */
function changeSetOf(parts: readonly string[]): string {
  const inner = parts.map((part) => `--cs\r\n${part}\r\n`).join('') + '--cs--';
  return `Content-Type: multipart/mixed; boundary=cs\r\n\r\n${inner}`;
}

const batchType = 'multipart/mixed; boundary=b';

describe('readBatch: shapes real clients send', () => {
  it('reads the exact CRLF body dynamics-web-api 2.5.0 sends', () => {
    expect(readBatch(dwaContentType, dwaLines.join('\r\n'))).toEqual(dwaExpected('\r\n'));
  });

  it('reads the LF-only variant of the dynamics-web-api body, leading blank line included', () => {
    expect(readBatch(dwaContentType, dwaLines.join('\n'))).toEqual(dwaExpected('\n'));
  });

  it('leaves $n references and absolute URLs for the caller to resolve', () => {
    const batch = readBatch(dwaContentType, dwaLines.join('\n'));
    const changeSet = batch.items[1];
    expect(changeSet?.kind).toBe('changeset');
    if (changeSet?.kind !== 'changeset') return;
    expect(changeSet.operations.map((operation) => operation.url)).toEqual([
      `${dwaBase}salesorders`,
      `${dwaBase}salesorderdetails`,
      '$1',
    ]);
    expect(JSON.parse(changeSet.operations[1]!.body)).toEqual({ quantity: 2, 'salesorderid@odata.bind': '$1' });
  });

  it('reads the Microsoft Learn layout with quoted boundaries', () => {
    const expected: BatchOperation[] = [
      {
        method: 'POST',
        url: 'https://contoso.crm.dynamics.com/api/data/v9.2/accounts',
        headers: { 'content-type': 'application/json; type=entry' },
        body: '{\r\n  "name": "Contoso -- Main"\r\n}',
        contentId: '1',
      },
      {
        method: 'POST',
        url: 'https://contoso.crm.dynamics.com/api/data/v9.2/contacts',
        headers: { 'content-type': 'application/json; type=entry' },
        body: '{"lastname":"Cannon","parentcustomerid_account@odata.bind":"$1"}',
        contentId: '2',
      },
      {
        method: 'PUT',
        url: '$1/primarycontactid/$ref',
        headers: { 'content-type': 'application/json' },
        body: '{"@odata.id":"$2"}',
        contentId: '3',
      },
    ];
    expect(readBatch(docsContentType, docsBody)).toEqual({
      items: [
        { kind: 'changeset', operations: expected },
        {
          kind: 'operation',
          operation: {
            method: 'GET',
            url: '/api/data/v9.2/accounts?$select=name&$filter=name%20eq%20%27Contoso%27',
            headers: { accept: 'application/json', 'odata-version': '4.0' },
            body: '',
          },
        },
      ],
    });
  });
});

describe('readBatch: framing details', () => {
  it('accepts boundary parameters quoted or not, with or without spaces, among other parameters', () => {
    const body = batchOf([httpPart('GET accounts HTTP/1.1')]);
    for (const contentType of [
      'multipart/mixed;boundary=b',
      'multipart/mixed; boundary=b',
      'multipart/mixed; boundary="b"',
      'Multipart/Mixed; charset=utf-8; BOUNDARY="b"',
      'multipart/mixed; odd; boundary=b',
    ]) {
      expect(readBatch(contentType, body).items).toHaveLength(1);
    }
  });

  it('accepts a boundary that needs quoting', () => {
    const body = '--a b:c\r\n' + httpPart('GET x HTTP/1.1') + '\r\n--a b:c--';
    expect(readBatch('multipart/mixed; boundary="a b:c"', body).items).toHaveLength(1);
  });

  it('ignores preamble and epilogue text, and whitespace after delimiters', () => {
    const body = `This is a preamble.\r\n--b \t\r\n${httpPart('DELETE accounts(1) HTTP/1.1')}\r\n--b--  \r\nepilogue --b\r\nmore`;
    expect(readBatch(batchType, body).items).toEqual([
      { kind: 'operation', operation: { method: 'DELETE', url: 'accounts(1)', headers: {}, body: '' } },
    ]);
  });

  it('keeps bodies with dashes, blank lines and near-miss delimiters intact', () => {
    const text = '--\r\n\r\n--bx\r\n --b\r\n--b-x\r\n-- b';
    const batch = readBatch(batchType, batchOf([httpPart('POST notes HTTP/1.1', { body: text })]));
    expect(batch.items[0]).toMatchObject({ kind: 'operation', operation: { body: text } });
  });

  it('accepts a close delimiter at the very end without a line break', () => {
    const body = `--b\n${httpPart('GET x HTTP/1.1')}\n--b--`;
    expect(readBatch(batchType, body).items).toHaveLength(1);
  });

  it('reads the Content-ID from the inner headers when the MIME headers have none', () => {
    const part = httpPart('POST accounts HTTP/1.1', { headers: ['Content-ID: 7'], body: '{}' });
    const batch = readBatch(batchType, batchOf([changeSetOf([part])]));
    expect(batch.items[0]).toEqual({
      kind: 'changeset',
      operations: [{ method: 'POST', url: 'accounts', headers: { 'content-id': '7' }, body: '{}', contentId: '7' }],
    });
  });

  it('prefers the MIME Content-ID and keeps one on a part outside any change set', () => {
    const part = httpPart('GET x HTTP/1.1', {
      mime: ['Content-Type: application/http', 'Content-ID: outer'],
      headers: ['Content-ID: inner'],
    });
    expect(readBatch(batchType, batchOf([part])).items[0]).toMatchObject({ operation: { contentId: 'outer' } });
  });

  it('lower-cases header names, keeps values (colons included), joins repeats and unfolds continuations', () => {
    const part = httpPart('GET x HTTP/1.1', {
      headers: [
        'Prefer: odata.maxpagesize=5',
        'PREFER: return=representation',
        'X-Url: http://h:1/a',
        'X-Long: one',
        '\ttwo',
      ],
    });
    expect(readBatch(batchType, batchOf([part])).items[0]).toMatchObject({
      operation: {
        headers: { prefer: 'odata.maxpagesize=5, return=representation', 'x-url': 'http://h:1/a', 'x-long': 'one two' },
      },
    });
  });

  it('allows blank lines before the request line, HTTP/1.0 and a part without a trailing blank line', () => {
    const body = '--b\r\nContent-Type: application/http\r\n\r\n\r\nGET x HTTP/1.0\r\n--b--';
    expect(readBatch(batchType, body).items).toEqual([
      { kind: 'operation', operation: { method: 'GET', url: 'x', headers: {}, body: '' } },
    ]);
  });

  it('accepts the same Content-ID in two different change sets (dynamics-web-api restarts at 100001)', () => {
    const part = httpPart('POST a HTTP/1.1', { mime: ['Content-Type: application/http', 'Content-ID: 100001'] });
    expect(readBatch(batchType, batchOf([changeSetOf([part]), changeSetOf([part])])).items).toHaveLength(2);
  });

  it('reads an empty batch and an empty change set', () => {
    expect(readBatch(batchType, '--b--\r\n').items).toEqual([]);
    expect(readBatch(batchType, batchOf([changeSetOf([])])).items).toEqual([{ kind: 'changeset', operations: [] }]);
  });

  it('accepts exactly the operation limit', () => {
    const gets = Array.from({ length: 998 }, () => httpPart('GET x HTTP/1.1'));
    const posts = [httpPart('POST a HTTP/1.1'), httpPart('POST b HTTP/1.1')];
    expect(readBatch(batchType, batchOf([...gets, changeSetOf(posts)])).items).toHaveLength(999);
  });
});

describe('readBatch: refusals', () => {
  const oneGet = batchOf([httpPart('GET x HTTP/1.1')]);

  it('refuses a Content-Type that is not multipart/mixed', () => {
    expectRefusal(() => readBatch('application/json', oneGet), 'unsupportedMediaType', /multipart\/mixed/);
    expectRefusal(() => readBatch('', oneGet), 'unsupportedMediaType', /multipart\/mixed/);
  });

  it('refuses a missing or invalid boundary', () => {
    expectRefusal(() => readBatch('multipart/mixed', oneGet), 'invalidArgument', /no boundary/);
    expectRefusal(() => readBatch('multipart/mixed; boundary=', oneGet), 'invalidArgument', /no boundary/);
    expectRefusal(() => readBatch('multipart/mixed; boundary=""', oneGet), 'invalidArgument', /no boundary/);
    expectRefusal(
      () => readBatch('multipart/mixed; boundary="a{b"', oneGet),
      'invalidArgument',
      /invalid multipart boundary/,
    );
    expectRefusal(() => readBatch('multipart/mixed; boundary="ends "', oneGet), 'invalidArgument', /invalid/);
    const long = 'x'.repeat(71);
    expectRefusal(() => readBatch(`multipart/mixed; boundary=${long}`, oneGet), 'invalidArgument', /invalid/);
  });

  it('refuses a change set without a boundary', () => {
    const part = 'Content-Type: multipart/mixed\r\n\r\n--cs\r\n--cs--';
    expectRefusal(
      () => readBatch(batchType, batchOf([part])),
      'invalidArgument',
      /change set in batch part 1.*no boundary/,
    );
  });

  it('refuses a body without the closing delimiter, or without any delimiter', () => {
    expectRefusal(
      () => readBatch(batchType, oneGet.replace('--b--', '')),
      'invalidArgument',
      /closing delimiter '--b--'/,
    );
    expectRefusal(() => readBatch(batchType, '--b\r\nContent-Type: application/http'), 'invalidArgument', /closing/);
    expectRefusal(() => readBatch(batchType, 'hello'), 'invalidArgument', /does not contain the delimiter '--b'/);
    expectRefusal(() => readBatch(batchType, ''), 'invalidArgument', /does not contain/);
  });

  it('refuses a change set without its closing delimiter', () => {
    const part = changeSetOf([httpPart('POST a HTTP/1.1')]).replace('--cs--', '');
    expectRefusal(
      () => readBatch(batchType, batchOf([part])),
      'invalidArgument',
      /change set in batch part 1.*'--cs--'/,
    );
  });

  it('refuses more than 1000 operations, counting those inside change sets', () => {
    const gets = Array.from({ length: 1001 }, () => httpPart('GET x HTTP/1.1'));
    expectRefusal(() => readBatch(batchType, batchOf(gets)), 'invalidArgument', /more than 1000 requests/);
    const mixed = [...gets.slice(0, 999), changeSetOf([httpPart('POST a HTTP/1.1'), httpPart('POST b HTTP/1.1')])];
    expectRefusal(() => readBatch(batchType, batchOf(mixed)), 'invalidArgument', /more than 1000 requests/);
  });

  it('takes the operation limit as an option', () => {
    const gets = Array.from({ length: 3 }, () => httpPart('GET x HTTP/1.1'));
    expectRefusal(() => readBatch(batchType, batchOf(gets), { maxOperations: 2 }), 'invalidArgument', /more than 2/);
  });

  it('refuses change sets nested in a change set', () => {
    const nested = changeSetOf([httpPart('POST a HTTP/1.1')]).replaceAll('cs', 'inner');
    expectRefusal(
      () => readBatch(batchType, batchOf([changeSetOf([nested])])),
      'invalidArgument',
      /cannot be nested inside a change set/,
    );
  });

  it('refuses GET and every method other than POST, PATCH, PUT and DELETE inside a change set', () => {
    for (const method of ['GET', 'HEAD', 'OPTIONS', 'MERGE', 'post']) {
      const body = batchOf([changeSetOf([httpPart('POST a HTTP/1.1'), httpPart(`${method} x HTTP/1.1`)])]);
      expectRefusal(
        () => readBatch(batchType, body),
        'invalidArgument',
        new RegExp(`change set part 2: ${method} requests are not allowed inside a change set`),
      );
    }
  });

  it('refuses a part that is not application/http', () => {
    const textPart = httpPart('GET x HTTP/1.1', { mime: ['Content-Type: text/plain'] });
    expectRefusal(
      () => readBatch(batchType, batchOf([textPart])),
      'invalidArgument',
      /Content-Type 'text\/plain'.*application\/http/,
    );
    const untyped = httpPart('GET x HTTP/1.1', { mime: ['Content-Transfer-Encoding: binary'] });
    expectRefusal(() => readBatch(batchType, batchOf([untyped])), 'invalidArgument', /no Content-Type/);
    const inChangeSet = changeSetOf([httpPart('POST x HTTP/1.1', { mime: ['Content-Type: application/json'] })]);
    expectRefusal(
      () => readBatch(batchType, batchOf([inChangeSet])),
      'invalidArgument',
      /change set part 1 has Content-Type/,
    );
  });

  it('refuses a transfer encoding it would have to decode', () => {
    const part = httpPart('GET x HTTP/1.1', {
      mime: ['Content-Type: application/http', 'Content-Transfer-Encoding: base64'],
    });
    expectRefusal(() => readBatch(batchType, batchOf([part])), 'invalidArgument', /base64/);
  });

  it("reads a URL with unencoded spaces as Microsoft's OData batch reader does: between the first and the last space", () => {
    const lines = [
      ["GET accounts?$filter=name eq 'A B' HTTP/1.1", "accounts?$filter=name eq 'A B'"],
      [
        "GET /api/data/v9.2/accounts?$filter=name eq 'x'&$select=name HTTP/1.1  ",
        "/api/data/v9.2/accounts?$filter=name eq 'x'&$select=name",
      ],
      ['GET   x y   HTTP/1.0', 'x y'],
    ] as const;
    const batch = readBatch(batchType, batchOf(lines.map(([line]) => httpPart(line))));
    expect(batch.items.map((item) => (item.kind === 'operation' ? item.operation.url : undefined))).toEqual(
      lines.map(([, url]) => url),
    );
  });

  it('refuses malformed request lines', () => {
    for (const line of [
      'GET x',
      'GET  HTTP/1.1',
      'GET x y',
      "GET accounts?$filter=name eq 'x'",
      'GET x HTTP/2.0.1',
      'G(T x HTTP/1.1',
      'HTTP/1.1 200 OK',
    ]) {
      expectRefusal(
        () => readBatch(batchType, batchOf([httpPart(line)])),
        'invalidArgument',
        /expected a request line/,
      );
    }
    const empty = '--b\r\nContent-Type: application/http\r\n\r\n--b--';
    expectRefusal(() => readBatch(batchType, empty), 'invalidArgument', /found nothing/);
  });

  it('refuses a malformed header line', () => {
    const part = httpPart('POST x HTTP/1.1', {
      headers: ['Content-Type: application/json', '{"name":"no blank line"}'],
    });
    expectRefusal(() => readBatch(batchType, batchOf([part])), 'invalidArgument', /malformed header line/);
  });

  it('refuses a duplicate Content-ID within one change set', () => {
    const part = httpPart('POST a HTTP/1.1', { mime: ['Content-Type: application/http', 'Content-ID: 1'] });
    expectRefusal(
      () => readBatch(batchType, batchOf([changeSetOf([part, part])])),
      'invalidArgument',
      /Content-ID '1' is used twice/,
    );
  });

  it('refuses a body over the size limit, counted in UTF-8 bytes', () => {
    const error = refusal(() => readBatch(batchType, oneGet, { maxBodyBytes: oneGet.length - 1 }));
    expect(error.kind).toBe('payloadTooLarge');
    expect(error.status).toBe(413);
    expect(readBatch(batchType, oneGet, { maxBodyBytes: oneGet.length }).items).toHaveLength(1);
    const accented = batchOf([httpPart('POST x HTTP/1.1', { body: 'é'.repeat(100) })]);
    expect(() => readBatch(batchType, accented, { maxBodyBytes: accented.length + 50 })).toThrow(/limit/);
  });

  it('refuses bodies over 10 MB by default', () => {
    const big = oneGet + ' '.repeat(10 * 1024 * 1024);
    expect(refusal(() => readBatch(batchType, big)).kind).toBe('payloadTooLarge');
  });
});

describe('readBatch: robustness', () => {
  /** Whole lines that make garbage look like a batch often enough to reach the deeper parsers. */
  const line = fc.oneof(
    {
      weight: 4,
      arbitrary: fc.constantFrom(
        '',
        '--b',
        '--b--',
        '--cs',
        '--cs--',
        '--b  ',
        'Content-Type: application/http',
        'Content-Type: multipart/mixed; boundary=cs',
        'Content-Type: multipart/mixed; boundary="cs',
        'Content-Type: multipart/mixed',
        'Content-Type: text/plain',
        'Content-Transfer-Encoding: binary',
        'Content-Transfer-Encoding: base64',
        'Content-ID: 1',
        ' folded',
        'GET x HTTP/1.1',
        'POST $1 HTTP/1.1',
        'PATCH /api/data/v9.2/accounts(1) HTTP/1.1',
        'HTTP/1.1 200 OK',
        'If-Match: *',
        '{"a":"--b"}',
        'no colon here',
      ),
    },
    { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  );
  const lineBreak = fc.constantFrom('\r\n', '\n', '\r');
  const lines = fc
    .array(fc.tuple(line, lineBreak), { maxLength: 40 })
    .map((pairs) => pairs.map(([text, eol]) => text + eol).join(''));
  // Valid bodies with one random cut and one random insertion, under their own Content-Type.
  const mutated = fc
    .tuple(
      fc.constantFrom(
        [docsContentType, docsBody],
        [dwaContentType, dwaLines.join('\n')],
        [dwaContentType, dwaLines.join('\r\n')],
      ),
      fc.nat(),
      fc.nat({ max: 40 }),
      fc.nat(),
      line,
    )
    .map(([[type, body], cutAt, cutLength, insertAt, text]) => {
      const cut = cutAt % (body.length + 1);
      const shorter = body.slice(0, cut) + body.slice(cut + cutLength);
      const at = insertAt % (shorter.length + 1);
      return [type, shorter.slice(0, at) + text + shorter.slice(at)] as const;
    });
  const anyContentType = fc.oneof(
    fc.constantFrom('multipart/mixed', 'text/plain', 'multipart/mixed; boundary="b', 'multipart/mixed; boundary=b;x="'),
    fc.string({ maxLength: 40 }),
  );
  const request = fc.oneof(
    { weight: 3, arbitrary: lines.map((body) => [batchType, body] as const) },
    { weight: 3, arbitrary: mutated },
    { weight: 1, arbitrary: fc.tuple(anyContentType, fc.string({ maxLength: 200 })) },
  );

  it('either reads a garbage body or refuses it with a DomainError, never another exception', () => {
    fc.assert(
      fc.property(request, ([type, body]) => {
        try {
          readBatch(type, body, { maxOperations: 5 });
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
        }
      }),
      { numRuns: 5000 },
    );
  });
});
