/**
 * A Web API client for an Orderline running as a separate process, as a real client uses it: `fetch`
 * with a bearer token, and, for the writes of a burst, retries when the server gave no answer (it was
 * killed) or is not back yet. Retrying is safe because the writes retried here are idempotent: a
 * Submit of a Submitted order changes nothing, and a back-office write repeating its revision is
 * ignored (PRODUCT.md C5).
 */
import { randomBytes, randomUUID } from 'node:crypto';

export type Row = Readonly<Record<string, unknown>>;

/** A JSON answer: a collection's `value`, or an object's properties. */
export interface Body {
  readonly value?: Row[];
  readonly [property: string]: unknown;
}

export interface Response {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The parsed body; empty when there is none or it is not JSON. */
  readonly json: Body;
}

export interface RequestInit {
  readonly method?: string;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

export interface Client {
  readonly serviceRoot: string;
  call(path: string, init?: RequestInit): Promise<Response>;
  /** The same client acting with another token. */
  as(token: string): Client;
}

export function orderlineClient(baseUrl: string, token: string): Client {
  const serviceRoot = `${baseUrl}api/data/v9.2/`;
  return {
    serviceRoot,
    async call(path, init = {}) {
      const headers: Record<string, string> = {
        accept: 'application/json',
        authorization: `Bearer ${token}`,
        ...init.headers,
      };
      let body: string | undefined;
      if (init.body !== undefined) {
        body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
        headers['content-type'] ??= 'application/json';
      }
      const response = await fetch(`${serviceRoot}${path}`, { method: init.method ?? 'GET', headers, body });
      const text = await response.text();
      let json: Body = {};
      try {
        json = text ? JSON.parse(text) : {};
      } catch {
        json = {};
      }
      return { status: response.status, headers: response.headers, text, json };
    },
    as: (other) => orderlineClient(baseUrl, other),
  };
}

function expectStatus(response: Response, status: number, what: string): Response {
  if (response.status !== status)
    throw new Error(`${what}: expected ${status}, got ${response.status} ${response.text}`);
  return response;
}

const idFrom = (response: Response): string => /\(([^)]+)\)$/.exec(response.headers.get('odata-entityid') ?? '')![1]!;

/** Every row of a query, page after page. */
export async function readAll(client: Client, path: string): Promise<Row[]> {
  const rows: Row[] = [];
  let next: string | undefined = path;
  while (next) {
    const response = expectStatus(
      await client.call(next, { headers: { prefer: 'odata.maxpagesize=5000' } }),
      200,
      `GET ${next}`,
    );
    rows.push(...(response.json.value ?? []));
    const link = response.json['@odata.nextLink'] as string | undefined;
    next = link?.startsWith(client.serviceRoot) ? link.slice(client.serviceRoot.length) : link;
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------------
// Set-up, before any process is killed

export const newWebhookSecret = () => `whsec_${randomBytes(24).toString('base64')}`;

export async function switchIntegrationOn(admin: Client): Promise<void> {
  const organization = expectStatus(await admin.call('organizations?$select=organizationid'), 200, 'organization');
  const id = organization.json.value?.[0]?.organizationid;
  expectStatus(
    await admin.call(`organizations(${id})`, { method: 'PATCH', body: { issopintegrationenabled: true } }),
    204,
    'switch the integration on',
  );
}

/**
 * A webhook connector through the API, with a short timeout: a killed dispatcher's claims are sent
 * again when their lease (timeout + ORDERLINE_DISPATCH_LEASE_MARGIN_MS) ends.
 */
export async function addWebhookConnector(admin: Client, url: string, secret: string, timeoutMs = 1_000) {
  const response = await admin.call('ol_connectors', {
    method: 'POST',
    body: { ol_name: 'erp', ol_kind: 1, ol_url: url, ol_secret: secret, ol_payloadformat: 1, ol_timeoutms: timeoutMs },
  });
  return idFrom(expectStatus(response, 204, 'create the webhook connector'));
}

/** An integration user (the back office) with the Sales Manager role, and its token. */
export async function integrationUserToken(admin: Client): Promise<string> {
  const created = await admin.call('systemusers', {
    method: 'POST',
    body: {
      domainname: `erp-${randomBytes(4).toString('hex')}@orderline.test`,
      firstname: 'ERP',
      lastname: 'Integration',
      isintegrationuser: true,
      ol_saleslicense: 3,
    },
  });
  const userId = idFrom(expectStatus(created, 204, 'create the integration user'));
  const role = expectStatus(
    await admin.call(`roles?$filter=name eq 'Sales Manager'&$select=roleid`),
    200,
    'find the Sales Manager role',
  );
  expectStatus(
    await admin.call(`systemusers(${userId})/systemuserroles_association/$ref`, {
      method: 'POST',
      body: { '@odata.id': `${admin.serviceRoot}roles(${role.json.value?.[0]?.roleid})` },
    }),
    204,
    'grant Sales Manager',
  );
  const token = await admin.call('ol_CreateAccessToken', { method: 'POST', body: { SystemUserId: userId } });
  return String(expectStatus(token, 200, 'issue a token for the integration user').json.AccessToken);
}

/**
 * `count` Active orders with one write-in line each, created through `$batch` (100 orders, 200
 * operations, per request, two requests at a time). The ids are chosen here, so the test knows them
 * before the server does.
 */
export async function createOrders(admin: Client, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, () => randomUUID());
  const chunks: string[][] = [];
  for (let start = 0; start < ids.length; start += 100) chunks.push(ids.slice(start, start + 100));
  const boundary = `batch_${randomBytes(6).toString('hex')}`;
  const part = (url: string, body: unknown) =>
    `--${boundary}\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n` +
    `POST ${url} HTTP/1.1\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(body)}\r\n`;
  async function createChunk(chunk: string[]) {
    const body =
      chunk
        .flatMap((id, index) => [
          part('salesorders', { salesorderid: id, name: `Burst order ${index}` }),
          part('salesorderdetails', {
            isproductoverridden: true,
            productdescription: 'Write-in',
            quantity: 2,
            priceperunit: 10,
            'salesorderid@odata.bind': `/salesorders(${id})`,
          }),
        ])
        .join('') + `--${boundary}--\r\n`;
    const response = await admin.call('$batch', {
      method: 'POST',
      body,
      headers: { 'content-type': `multipart/mixed; boundary=${boundary}` },
    });
    const statuses = [...response.text.matchAll(/^HTTP\/1\.1 (\d{3})/gm)].map((match) => match[1]);
    if (
      response.status !== 200 ||
      statuses.length !== chunk.length * 2 ||
      statuses.some((status) => status !== '204')
    ) {
      throw new Error(`creating orders through $batch failed: ${response.status} ${response.text.slice(0, 2000)}`);
    }
  }
  for (let index = 0; index < chunks.length; index += 2)
    await Promise.all(chunks.slice(index, index + 2).map(createChunk));
  return ids;
}

// ---------------------------------------------------------------------------------------------------
// Writes that survive a killed server

export interface RetryCounter {
  /** Attempts that got no answer (connection refused or reset) or a 5xx, and were made again. */
  retries: number;
  /** 5xx answers among them, by status and body: the server should never answer one. */
  readonly serverErrors: string[];
  /** Set when the test gave up: writes still retrying stop. */
  stopped: boolean;
}

export const newRetryCounter = (): RetryCounter => ({ retries: 0, serverErrors: [], stopped: false });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends a write until the server answers it, as a client that got no answer does. `expected` is the
 * success status; any other 4xx is a failure of the test.
 */
export async function untilAnswered(
  send: () => Promise<Response>,
  expected: number,
  what: string,
  counter: RetryCounter,
  deadlineMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  let last = 'no attempt';
  while (Date.now() < deadline) {
    if (counter.stopped) throw new Error(`${what}: the test stopped`);
    let response: Response | undefined;
    try {
      response = await send();
    } catch (error) {
      last = `${(error as Error).message} (${String((error as { cause?: { code?: string } }).cause?.code ?? '')})`;
    }
    if (response) {
      if (response.status === expected) return;
      last = `${response.status} ${response.text}`;
      if (response.status < 500) throw new Error(`${what}: ${last}`);
      counter.serverErrors.push(`${what}: ${last}`);
    }
    counter.retries += 1;
    await sleep(50 + Math.floor(Math.random() * 100));
  }
  throw new Error(`${what}: no answer within ${deadlineMs} ms; last: ${last}`);
}

export const submitOrder = (client: Client, orderId: string, counter: RetryCounter) =>
  untilAnswered(
    () => client.call(`salesorders(${orderId})`, { method: 'PATCH', body: { statecode: 1, statuscode: 3 } }),
    204,
    `submit ${orderId}`,
    counter,
  );

/** The back office acknowledges with its order number, at revision 1: a second send is ignored. */
export const acknowledgeOrder = (backOffice: Client, orderId: string, counter: RetryCounter) =>
  untilAnswered(
    () =>
      backOffice.call(`salesorders(${orderId})`, {
        method: 'PATCH',
        body: { ol_backofficeordernumber: `BO-${orderId.slice(0, 8)}`, ol_backofficerevision: 1 },
      }),
    204,
    `acknowledge ${orderId}`,
    counter,
  );

/** Runs `task` for every item, at most `concurrency` at a time. */
export async function forEachConcurrently<T>(
  items: readonly T[],
  concurrency: number,
  task: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  async function worker() {
    while (next < items.length) {
      const item = items[next]!;
      next += 1;
      await task(item);
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}
