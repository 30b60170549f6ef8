/**
 * What every hostile-input suite shares: a real server on loopback, a raw HTTP client that sends
 * exactly the bytes it is given (fetch would normalise paths and refuse odd headers), a few seeded
 * rows, a fingerprint of the database to prove that a refused request changed nothing, and the one
 * assertion PRODUCT.md asks for: never a 5xx, and every 4xx in Dataverse's error shape.
 */
import { request as httpRequest, type OutgoingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import fc from 'fast-check';
import { expect } from 'vitest';
import { ADMIN_TOKEN, startTestServer, type TestServer } from '../../support/test-app.js';
import type { StoreKind } from '../../support/test-stores.js';

export { ADMIN_TOKEN };

export const API = '/api/data/v9.2/';

export interface RawResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly text: string;
  /** The parsed body, or undefined when it is not JSON. */
  readonly json: any;
}

export interface RawInit {
  readonly method?: string;
  /** Sent as given; `authorization` defaults to the administrator's bearer token unless set (null: none). */
  readonly headers?: Record<string, string | null>;
  readonly body?: string | Buffer;
}

export interface Seeded {
  readonly accountId: string;
  readonly orderId: string;
  readonly lineIds: readonly string[];
}

export interface HostileServer {
  readonly server: TestServer;
  readonly seeded: Seeded;
  /** Sends `method target` where target is the raw request-target (`/api/data/v9.2/...`). */
  raw(target: string, init?: RawInit): Promise<RawResponse>;
  /**
   * Writes bytes on a fresh TCP connection and reads the first answer (for requests no client would
   * build); undefined when the server closed the connection without one.
   */
  socket(bytes: Buffer): Promise<RawResponse | undefined>;
  fingerprint(): Promise<Fingerprint>;
  close(): Promise<void>;
}

/** The seeded rows as a client reads them (etag included) and the row counts of the tables touched. */
export interface Fingerprint {
  readonly rows: Readonly<Record<string, unknown>>;
  readonly counts: Readonly<Record<string, string>>;
}

/** Tables whose row counts a refused write must leave alone. */
const COUNTED_SETS = ['accounts', 'contacts', 'salesorders', 'salesorderdetails', 'invoices', 'systemusers'];

export async function startHostileServer(kind: StoreKind): Promise<HostileServer> {
  const server = await startTestServer(kind);
  const url = new URL(server.baseUrl);

  function raw(target: string, init: RawInit = {}): Promise<RawResponse> {
    const headers: OutgoingHttpHeaders = { accept: 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` };
    for (const [name, value] of Object.entries(init.headers ?? {})) {
      if (value === null) delete headers[name.toLowerCase()];
      else headers[name.toLowerCase()] = value;
    }
    if (init.body !== undefined) headers['content-length'] = String(Buffer.byteLength(init.body));
    return new Promise((resolve, reject) => {
      const call = httpRequest(
        { host: url.hostname, port: url.port, method: init.method ?? 'GET', path: target, headers, agent: false },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let json: unknown;
            try {
              json = text ? JSON.parse(text) : undefined;
            } catch {
              json = undefined;
            }
            resolve({ status: response.statusCode ?? 0, headers: response.headers, text, json });
          });
        },
      );
      // A connection the server drops without an answer is a failure too: say which request it was.
      call.on('error', (error) =>
        reject(new Error(`${init.method ?? 'GET'} ${target.slice(0, 300)}: ${error.message}`)),
      );
      call.end(init.body);
    });
  }

  const seeded = await seed(server);

  async function fingerprint(): Promise<Fingerprint> {
    const rows: Record<string, unknown> = {};
    const targets = [
      `accounts(${seeded.accountId})`,
      `salesorders(${seeded.orderId})`,
      ...seeded.lineIds.map((id) => `salesorderdetails(${id})`),
    ];
    for (const target of targets) {
      const response = await server.api(target);
      rows[target] = response.status === 200 ? response.json : `status ${response.status}`;
    }
    const counts: Record<string, string> = {};
    for (const set of COUNTED_SETS) counts[set] = (await server.api(`${set}/$count`)).text;
    return { rows, counts };
  }

  function socket(bytes: Buffer): Promise<RawResponse | undefined> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      // Written without closing our side: a half-closed connection makes the server drop requests in
      // flight unanswered. The requests say `Connection: close`, so the server closes after its answer;
      // one still waiting for body bytes after a second gets our end of stream, and nothing after 5 s fails.
      const connection = connect({ host: url.hostname, port: Number(url.port) }, () => connection.write(bytes));
      const finish = setTimeout(() => connection.end(), 1000);
      connection.setTimeout(5000, () => {
        connection.destroy();
        reject(new Error(`no answer within 5 s to ${bytes.toString('latin1').slice(0, 200)}`));
      });
      connection.on('close', () => clearTimeout(finish));
      connection.on('data', (chunk: Buffer) => chunks.push(chunk));
      connection.on('error', () => {});
      connection.on('close', () => resolve(parseRawResponse(Buffer.concat(chunks).toString('utf8'))));
    });
  }

  return {
    server,
    seeded,
    raw,
    socket,
    fingerprint,
    async close() {
      await server.close();
    },
  };
}

/** The first response on a connection: status line, headers, and a Content-Length body (undefined: no answer). */
function parseRawResponse(text: string): RawResponse | undefined {
  const match = /^HTTP\/1\.1 (\d{3})[^\r\n]*\r\n([\s\S]*?)\r\n\r\n/.exec(text);
  if (!match) return undefined;
  const headers: Record<string, string> = {};
  for (const line of match[2]!.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const rest = Buffer.from(text.slice(match[0].length), 'utf8');
  const length = Number(headers['content-length'] ?? rest.length);
  const body = rest.subarray(0, length).toString('utf8');
  let json: unknown;
  try {
    json = body ? JSON.parse(body) : undefined;
  } catch {
    json = undefined;
  }
  return { status: Number(match[1]), headers, text: body, json };
}

function idOf(entityUrl: string | null): string {
  const match = /\(([0-9a-f-]{36})\)$/.exec(entityUrl ?? '');
  if (!match) throw new Error(`no entity id in ${entityUrl}`);
  return match[1]!;
}

/** An account and an order for it with two write-in lines. */
async function seed(server: TestServer): Promise<Seeded> {
  const account = await server.api('accounts', {
    method: 'POST',
    body: { name: 'Hostile Input Ltd', accountnumber: 'HI-1' },
  });
  if (account.status !== 204) throw new Error(`seeding the account failed: ${account.status} ${account.text}`);
  const accountId = idOf(account.headers.get('odata-entityid'));
  const order = await server.api('salesorders', {
    method: 'POST',
    body: { name: 'Seeded order', 'customerid_account@odata.bind': `/accounts(${accountId})`, freightamount: 5 },
  });
  if (order.status !== 204) throw new Error(`seeding the order failed: ${order.status} ${order.text}`);
  const orderId = idOf(order.headers.get('odata-entityid'));
  const lineIds: string[] = [];
  for (const [description, quantity, price] of [
    ['Widget', 3, 12.5],
    ['Gadget', 1, 99.99],
  ] as const) {
    const line = await server.api('salesorderdetails', {
      method: 'POST',
      body: {
        'salesorderid@odata.bind': `/salesorders(${orderId})`,
        isproductoverridden: true,
        productdescription: description,
        quantity,
        priceperunit: price,
      },
    });
    if (line.status !== 204) throw new Error(`seeding a line failed: ${line.status} ${line.text}`);
    lineIds.push(idOf(line.headers.get('odata-entityid')));
  }
  return { accountId, orderId, lineIds };
}

/**
 * The database as the last request left it. `settle` is called right after each request, before any
 * other assertion: it compares when the request was refused (or not answered) and moves on when it
 * was accepted, so the baseline stays true even for the runs fast-check replays while shrinking.
 */
export interface DatabaseWatch {
  /** `status` undefined: no answer came, so the request may or may not have happened. */
  settle(status: number | undefined, context: string): Promise<void>;
}

export async function watchDatabase(hostile: HostileServer): Promise<DatabaseWatch> {
  let baseline = await hostile.fingerprint();
  return {
    async settle(status, context) {
      const before = baseline;
      baseline = await hostile.fingerprint();
      if (status !== undefined && status >= 400) expectUnchanged(baseline, before, context);
    },
  };
}

/** A refused request leaves the database as it was; on failure the message names what moved. */
export function expectUnchanged(now: Fingerprint, baseline: Fingerprint, context: string): void {
  const moved: string[] = [];
  for (const [name, value] of Object.entries(now.counts)) {
    if (baseline.counts[name] !== value) moved.push(`count of ${name}: ${baseline.counts[name]} -> ${value}`);
  }
  for (const [target, row] of Object.entries(now.rows)) {
    const before = baseline.rows[target] as Record<string, unknown> | string;
    if (typeof row !== 'object' || typeof before !== 'object' || row === null || before === null) {
      if (JSON.stringify(row) !== JSON.stringify(before))
        moved.push(`${target}: ${JSON.stringify(before)} -> ${JSON.stringify(row)}`);
      continue;
    }
    for (const key of new Set([...Object.keys(before), ...Object.keys(row)])) {
      const [was, is] = [JSON.stringify(before[key]), JSON.stringify((row as Record<string, unknown>)[key])];
      if (was !== is) moved.push(`${target}.${key}: ${was} -> ${is}`);
    }
  }
  expect(moved, `a refused request changed the database: ${context}\n${moved.join('\n').slice(0, 2000)}`).toEqual([]);
}

function headerText(value: string | string[] | undefined): string {
  return Array.isArray(value) ? value.join(', ') : (value ?? '');
}

/** PRODUCT.md C1: a refusal is `{"error":{"code":"0x...","message":"..."}}` sent as JSON. */
export function expectDataverseError(response: RawResponse, context: string): void {
  expect(headerText(response.headers['content-type']), `${context}\n${response.text}`).toMatch(/^application\/json\b/);
  expect(response.json, `${context}\n${response.text}`).toBeTypeOf('object');
  const error = response.json?.error;
  expect(error?.code, `${context}\n${response.text}`).toMatch(/^0x[0-9a-fA-F]+$/);
  expect(typeof error?.message === 'string' && error.message.length > 0, `${context}\n${response.text}`).toBe(true);
}

/** Never a 5xx for input; a 4xx carries the error shape. */
export function expectHandled(response: RawResponse, context: string): void {
  expect(response.status, `${context}\n${response.status} ${response.text.slice(0, 2000)}`).toBeLessThan(500);
  if (response.status >= 400) expectDataverseError(response, context);
}

/**
 * encodeURIComponent that also takes lone surrogates (mutated input cuts pairs in half): they are
 * written as the three bytes of their WTF-8 form, which is not UTF-8, so the server sees a malformed
 * escape, as a hostile client would send it.
 */
export function percentEncode(text: string): string {
  return text.replace(/[\s\S]/gu, (char) => {
    const code = char.charCodeAt(0);
    if (char.length === 1 && code >= 0xd800 && code <= 0xdfff) {
      const bytes = [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)];
      return bytes.map((byte) => `%${byte.toString(16).toUpperCase()}`).join('');
    }
    return encodeURIComponent(char);
  });
}

/** Percent-encodes what node's client refuses in a request-target, and leaves the rest as written. */
export function rawTarget(text: string): string {
  return text.replace(/[^\u0021-\u007e]/gu, (char) => percentEncode(char));
}

/** fast-check settings: a modest run count so each store's suite stays around a minute. */
export const RUNS = Number(process.env.HOSTILE_RUNS ?? 150);

/** Long strings in a counterexample are cut, so a failure report stays readable. */
function shorten(value: unknown): string {
  return JSON.stringify(value, (_key, item) =>
    typeof item === 'string' && item.length > 300 ? `${item.slice(0, 300)}... (${item.length} chars)` : item,
  );
}

/**
 * fc.assert with a readable report: the shrunk counterexample with long strings cut, the seed and
 * path to replay it (`fc.check(..., { seed, path })`), and the failing assertion.
 */
export async function assertProperty<Ts extends unknown[]>(
  property: fc.IAsyncProperty<Ts>,
  numRuns = RUNS,
): Promise<void> {
  const details = await fc.check(property, { numRuns });
  if (!details.failed) return;
  const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  throw new Error(
    `Property failed after ${details.numRuns} runs (seed ${details.seed}, path "${details.counterexamplePath}")\n` +
      `Counterexample: ${shorten(details.counterexample)}\n${cause.slice(0, 3000)}`,
  );
}
