/**
 * PRODUCT.md C1 and C6: random and hostile headers (Authorization, If-Match, If-None-Match, Prefer,
 * MSCRMCallerID, CallerObjectId, Content-Type, OData versions) never get a 5xx; a request without a
 * valid bearer token is a 401 in the error shape; a refused write changes nothing. Bytes no HTTP
 * client would send (bad header lines, broken chunked bodies) are answered in the same shape.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_STORES } from '../support/test-stores.js';
import { contentType, nastyText } from './support/arbitraries.js';
import {
  ADMIN_TOKEN,
  API,
  assertProperty,
  type DatabaseWatch,
  expectDataverseError,
  expectHandled,
  type HostileServer,
  RUNS,
  startHostileServer,
  watchDatabase,
} from './support/hostile-server.js';

const PROPERTY_TIMEOUT = 240_000;

/** Text a header value may carry on the wire (tab, printable ASCII, Latin-1). */
const headerText = fc.string({
  unit: fc
    .oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0xa0, max: 0xff }))
    .map((code) => String.fromCharCode(code)),
  maxLength: 80,
});

const wireSafe = (text: string) => text.replace(/[^\t\x20-\x7e\xa0-\xff]/g, '?');

const authorization = fc.oneof(
  { arbitrary: fc.constant(`Bearer ${ADMIN_TOKEN}`), weight: 4 },
  {
    arbitrary: fc.constantFrom(
      null,
      '',
      ' ',
      'Bearer',
      'Bearer ',
      `bearer ${ADMIN_TOKEN}`,
      `BEARER\t${ADMIN_TOKEN}`,
      `Bearer   ${ADMIN_TOKEN}   `,
      `Bearer ${ADMIN_TOKEN}x`,
      `Bearer ${ADMIN_TOKEN.slice(0, -1)}`,
      `Bearer ${ADMIN_TOKEN} ${ADMIN_TOKEN}`,
      `Bearer "${ADMIN_TOKEN}"`,
      `Basic ${Buffer.from(`admin:${ADMIN_TOKEN}`).toString('base64')}`,
      `Token ${ADMIN_TOKEN}`,
      ADMIN_TOKEN,
      'Bearer olt_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      "Bearer ' or 1=1 --",
      `Bearer ${'x'.repeat(8000)}`,
      'Negotiate TlRMTVNTUAABAAAAB4IIogAAAAAAAAAAAAAAAAAAAAAGAbEdAAAADw==',
    ),
    weight: 3,
  },
  { arbitrary: headerText.map((token) => `Bearer ${token}`), weight: 2 },
  { arbitrary: headerText, weight: 1 },
);

/** Does the server owe this request a 401? The contract: `Authorization: Bearer <token>`, the scheme in any case. */
function authenticates(value: string | null): boolean {
  const match = /^Bearer\s+(\S+)$/i.exec((value ?? '').trim());
  return match?.[1] === ADMIN_TOKEN;
}

const etag = fc.oneof(
  fc.constantFrom(
    '*',
    'null',
    'W/"1"',
    '"1"',
    'W/""',
    'W/"',
    'W/"abc"',
    'W/"99999999999999999999999"',
    '*, W/"1"',
    'W/"1", W/"2"',
    'W/"-1"',
  ),
  headerText,
);

const prefer = fc.oneof(
  fc.constantFrom(
    'return=representation',
    'return=minimal',
    'odata.maxpagesize=-1',
    'odata.maxpagesize=0',
    'odata.maxpagesize=99999999999',
    'odata.maxpagesize=1',
    'odata.maxpagesize=abc',
    'odata.include-annotations="*"',
    'odata.include-annotations="',
    'odata.include-annotations=*,return=representation',
    'odata.include-annotations="OData.Community.Display.V1.FormattedValue,Microsoft.Dynamics.CRM.*"',
    'odata.track-changes',
    'odata.continue-on-error',
    ',,,',
    '=',
    '"',
    'return=representation; odata.maxpagesize=2',
  ),
  headerText,
);

const callerId = fc.oneof(
  fc.uuid(),
  fc.uuid().map((id) => `{${id}}`),
  fc.constantFrom('', 'null', 'not-a-guid', '00000000-0000-0000-0000-000000000000'),
  headerText,
);

/** Optional extra headers: each is present or not. */
const extraHeaders = fc.record(
  {
    'if-match': etag,
    'if-none-match': etag,
    prefer,
    mscrmcallerid: callerId,
    callerobjectid: callerId,
    accept: fc.oneof(fc.constantFrom('application/json', 'application/xml', 'text/html', '*/*', ''), headerText),
    'odata-version': fc.oneof(fc.constantFrom('4.0', '3.0', '4.01', '5'), headerText),
    'odata-maxversion': fc.oneof(fc.constantFrom('4.0', '3.0', '4.01'), headerText),
    'msCRM.SuppressDuplicateDetection': fc.constantFrom('false', 'true', 'maybe'),
    'x-http-method': fc.constantFrom('DELETE', 'MERGE', 'PATCH'),
    'x-forwarded-proto': fc.oneof(fc.constantFrom('https', 'javascript', ''), headerText),
    host: fc.constantFrom('evil.example', 'a b', '', '127.0.0.1:1'),
  },
  { requiredKeys: [] },
);

type Call = 'read' | 'update' | 'create' | 'delete' | 'metadata' | 'whoami';
const calls: Call[] = ['read', 'update', 'create', 'delete', 'metadata', 'whoami'];

for (const kind of TEST_STORES) {
  describe(`hostile headers on ${kind}`, () => {
    let hostile: HostileServer;
    let database: DatabaseWatch;
    beforeAll(async () => {
      hostile = await startHostileServer(kind);
      database = await watchDatabase(hostile);
    });
    afterAll(async () => {
      await hostile?.close();
    });

    /** A row that a DELETE may remove without touching the seeded ones. */
    async function throwawayAccount(): Promise<string> {
      const created = await hostile.server.api('accounts', { method: 'POST', body: { name: 'Throwaway' } });
      await database.settle(created.status, 'creating a throwaway account');
      return /\(([0-9a-f-]{36})\)$/.exec(created.headers.get('odata-entityid') ?? '')![1]!;
    }

    it(
      'random headers never get a 5xx, a bad Authorization is a 401, and a refused write changes nothing',
      async () => {
        await assertProperty(
          fc.asyncProperty(
            authorization,
            extraHeaders,
            contentType,
            fc.constantFrom(...calls),
            async (auth, extra, type, call) => {
              const headers: Record<string, string | null> = {
                ...extra,
                authorization: auth === null ? null : wireSafe(auth),
              };
              let method = 'GET';
              let path = `salesorders(${hostile.seeded.orderId})`;
              let body: string | undefined;
              if (call === 'update') {
                method = 'PATCH';
                body = JSON.stringify({ description: 'changed through hostile headers' });
              } else if (call === 'create') {
                method = 'POST';
                path = 'accounts';
                body = JSON.stringify({ name: 'Created through hostile headers' });
              } else if (call === 'delete') {
                method = 'DELETE';
                path = `accounts(${await throwawayAccount()})`;
              } else if (call === 'metadata') path = '$metadata';
              else if (call === 'whoami') path = 'WhoAmI';
              if (body !== undefined) headers['content-type'] = type;
              const response = await hostile.raw(`${API}${path}`, {
                method,
                headers,
                ...(body !== undefined ? { body } : {}),
              });
              const context = `${method} ${path} with ${JSON.stringify(headers).slice(0, 800)}`;
              await database.settle(response.status, context);
              expectHandled(response, context);
              if (!authenticates(auth)) expect(response.status, context).toBe(401);
            },
          ),
        );
      },
      PROPERTY_TIMEOUT,
    );

    it(
      'malformed HTTP (bad header lines, broken chunked bodies, stray bytes) gets no 5xx, and any refusal is in the error shape',
      async () => {
        const garbageLine = fc.oneof(
          fc.constantFrom(
            'NoColonHere',
            ': no name',
            'Bad Name: x',
            ' folded continuation',
            'Content-Length: -1',
            'Content-Length: 1\r\nContent-Length: 2',
            'Content-Length: abc',
            'Transfer-Encoding: chunked',
            'Transfer-Encoding: gzip',
            'Transfer-Encoding: chunked\r\nContent-Length: 5',
            'Expect: 100-continue',
            'Host:',
            `X-Long: ${'y'.repeat(70_000)}`,
            'X-Nul: a\u0000b',
            'X-Bare-CR: a\rb',
          ),
          fc
            .tuple(fc.constantFrom('X-Fuzz', 'Prefer', 'If-Match', 'Authorization', 'Content-Type'), nastyText)
            .map(([name, value]) => `${name}: ${value}`),
        );
        const bodyText = fc.oneof(
          fc.constantFrom(
            '',
            '0\r\n\r\n',
            'zz\r\nabc\r\n0\r\n\r\n',
            '5\r\n{"na\r\n0\r\n\r\n',
            '{"name":"raw"}',
            'ffffffffffffffff\r\n',
          ),
          nastyText,
        );
        await assertProperty(
          fc.asyncProperty(
            fc.constantFrom('GET', 'POST', 'PATCH', 'DELETE', 'PUT', 'OPTIONS', 'HEAD', 'TRACE', 'BREW', 'get'),
            // Rows that a well-formed DELETE may remove: never the seeded ones.
            fc.constantFrom(
              `${API}accounts`,
              `${API}salesorders(${crypto.randomUUID()})`,
              `${API}$batch`,
              '/health',
              '*',
              'http://x/y',
              '/%',
              `${API}accounts#frag`,
            ),
            fc.array(garbageLine, { maxLength: 3 }),
            bodyText,
            async (method, target, lines, body) => {
              const head = [
                `${method} ${target} HTTP/1.1`,
                'Host: 127.0.0.1',
                `Authorization: Bearer ${ADMIN_TOKEN}`,
                'Connection: close',
                ...lines,
              ];
              const bytes = Buffer.from(`${head.join('\r\n')}\r\n\r\n${body}`, 'utf8');
              const response = await hostile.socket(bytes);
              const context = `${head.join(' | ').slice(0, 600)} || ${body.slice(0, 100)}`;
              // Some of these are well-formed enough to be served; a refused one changes nothing.
              await database.settle(response?.status, context);
              if (response !== undefined) {
                expect(response.status, `${context}\n${response.text}`).toBeLessThan(500);
                if (response.status >= 400 && method !== 'HEAD') expectDataverseError(response, context);
              }
            },
          ),
          Math.ceil(RUNS / 2),
        );
      },
      PROPERTY_TIMEOUT,
    );
  });
}
