/**
 * What the fault suites share: writers that keep creating orders, adding a line and submitting them
 * while a service fails under the server, every request bounded by a deadline and every answer kept;
 * and the checks run once the fault is over (each acknowledged write read back, each failure in the
 * Dataverse error shape, each outbox event delivered under its one id).
 */
import { expect } from 'vitest';
import { ADMIN_TOKEN, type TestServer } from '../support/test-app.js';

/** Longer than any answer the server should take, even waiting for its database to come back. */
export const REQUEST_DEADLINE_MS = 20_000;

export interface Answer {
  readonly what: string;
  /** The HTTP status, or 'hang' when the deadline passed first. */
  readonly status: number | 'hang';
  readonly retryAfter: string | null;
  readonly body: string;
  /** When the answer arrived (Date.now()). */
  readonly at: number;
}

export interface CallResult extends Answer {
  readonly entityId: string | undefined;
  readonly json: any;
}

/** One Web API call as the administrator, bounded by `REQUEST_DEADLINE_MS`. */
export async function call(server: TestServer, method: string, path: string, body?: unknown): Promise<CallResult> {
  const headers: Record<string, string> = { accept: 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  try {
    const response = await fetch(`${server.serviceRoot}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_DEADLINE_MS),
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    const entityId = response.headers.get('odata-entityid')?.match(/\(([0-9a-f-]{36})\)/i)?.[1];
    return {
      what: `${method} ${path.split('(')[0]}`,
      status: response.status,
      retryAfter: response.headers.get('retry-after'),
      body: text,
      at: Date.now(),
      entityId,
      json,
    };
  } catch (error) {
    if ((error as Error).name !== 'TimeoutError') throw error;
    return {
      what: `${method} ${path}`,
      status: 'hang',
      retryAfter: null,
      body: '',
      at: Date.now(),
      entityId: undefined,
      json: undefined,
    };
  }
}

export interface Traffic {
  readonly answers: readonly Answer[];
  /** Orders whose create was answered 204, and the lines likewise. */
  readonly orders: ReadonlySet<string>;
  readonly lines: ReadonlySet<string>;
  /** Orders whose submit was answered 204: each must reach the back office. */
  readonly submitted: ReadonlySet<string>;
  /** The first write answered 2xx at or after `since`, or undefined. */
  firstSuccessAfter(since: number): number | undefined;
  stop(): Promise<void>;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface WriterOptions {
  /** A pause after each submitted order, to keep the pace (and the backlog an outage piles up) modest. */
  readonly pauseMs?: number;
}

/** `writers` loops, each creating an order, adding a line and submitting it, until stopped. */
export function startWriters(server: TestServer, writers: number, options: WriterOptions = {}): Traffic {
  const answers: Answer[] = [];
  const orders = new Set<string>();
  const lines = new Set<string>();
  const submitted = new Set<string>();
  let running = true;
  const keep = (result: CallResult) => {
    answers.push({
      what: result.what,
      status: result.status,
      retryAfter: result.retryAfter,
      body: result.body,
      at: result.at,
    });
    return typeof result.status === 'number' && result.status >= 200 && result.status < 300;
  };
  async function writer(index: number): Promise<void> {
    let round = 0;
    while (running) {
      round += 1;
      const order = await call(server, 'POST', 'salesorders', { name: `Fault order ${index}.${round}` });
      if (!keep(order) || !order.entityId) {
        await pause(100);
        continue;
      }
      orders.add(order.entityId);
      const line = await call(server, 'POST', 'salesorderdetails', {
        isproductoverridden: true,
        productdescription: 'Write-in',
        quantity: 2,
        priceperunit: 10,
        'salesorderid@odata.bind': `/salesorders(${order.entityId})`,
      });
      if (!keep(line) || !line.entityId) {
        await pause(100);
        continue;
      }
      lines.add(line.entityId);
      const submit = await call(server, 'PATCH', `salesorders(${order.entityId})`, { statecode: 1, statuscode: 3 });
      if (keep(submit)) submitted.add(order.entityId);
      else await pause(100);
      if (options.pauseMs) await pause(options.pauseMs);
    }
  }
  const loops = Array.from({ length: writers }, (_, index) => writer(index));
  return {
    answers,
    orders,
    lines,
    submitted,
    firstSuccessAfter(since) {
      return answers.find((answer) => answer.at >= since && typeof answer.status === 'number' && answer.status < 300)
        ?.at;
    },
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}

/** Counts of answers by status, for the report and the failure messages. */
export function tally(answers: readonly Answer[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const answer of answers) counts[String(answer.status)] = (counts[String(answer.status)] ?? 0) + 1;
  return counts;
}

/**
 * No hang, no 500: every answer is a success, a 4xx, or a 503 with `Retry-After`, each refusal in the
 * Dataverse error shape.
 */
export function expectOnlyClearAnswers(answers: readonly Answer[]): void {
  for (const answer of answers) {
    const { status } = answer;
    expect(status, `${answer.what} hung`).not.toBe('hang');
    if (typeof status !== 'number' || status < 300) continue;
    const detail = `${answer.what} answered ${status}: ${answer.body}`;
    expect(status === 503 || (status >= 400 && status < 500), detail).toBe(true);
    if (status === 503) expect(Number(answer.retryAfter), detail).toBeGreaterThan(0);
    const error = JSON.parse(answer.body).error;
    expect(error.code, detail).toMatch(/^0x[0-9a-f]{8}$/);
    expect(typeof error.message, detail).toBe('string');
  }
}

/** Every row a 2xx answered for is there after recovery, and every order answered as submitted is. */
export async function expectAcknowledgedWritesKept(server: TestServer, traffic: Traffic): Promise<void> {
  for (const id of traffic.orders) {
    const order = await call(server, 'GET', `salesorders(${id})?$select=statecode`);
    expect(order.status, `order ${id} was acknowledged`).toBe(200);
    if (traffic.submitted.has(id)) expect(order.json.statecode, `order ${id} was submitted`).toBe(1);
  }
  for (const id of traffic.lines) {
    const line = await call(server, 'GET', `salesorderdetails(${id})?$select=quantity`);
    expect(line.status, `line ${id} was acknowledged`).toBe(200);
  }
}

/** Every row of an entity set, following `@odata.nextLink`. */
export async function readAll(server: TestServer, query: string): Promise<any[]> {
  const rows: any[] = [];
  let path: string | undefined = query;
  while (path) {
    const page = await call(server, 'GET', path);
    expect(page.status, page.body).toBe(200);
    rows.push(...page.json.value);
    const next: string | undefined = page.json['@odata.nextLink'];
    path = next?.slice(server.serviceRoot.length);
  }
  return rows;
}

/** The outbox's events of the orders the traffic submitted (and of any submit whose answer was lost). */
export async function outboxEvents(server: TestServer): Promise<{ id: string; orderId: string; type: string }[]> {
  const rows = await readAll(server, 'ol_outboxevents?$select=ol_orderid,ol_eventtype');
  return rows.map((row) => ({
    id: row.ol_outboxeventid,
    orderId: row._ol_orderid_value ?? row.ol_orderid,
    type: row.ol_eventtype,
  }));
}

/** The value of one unlabelled sample in `GET /metrics`, or undefined. */
export async function metric(server: TestServer, name: string): Promise<{ status: number; value: number | undefined }> {
  const response = await fetch(`${server.baseUrl}metrics`, { signal: AbortSignal.timeout(REQUEST_DEADLINE_MS) });
  const text = await response.text();
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${name} `));
  return { status: response.status, value: line === undefined ? undefined : Number(line.split(' ')[1]) };
}

/** `GET /ready`'s status, bounded. */
export async function readiness(server: TestServer): Promise<number> {
  const response = await fetch(`${server.baseUrl}ready`, { signal: AbortSignal.timeout(REQUEST_DEADLINE_MS) });
  await response.arrayBuffer();
  return response.status;
}

/** Polls until `check` holds; the time it first held, or throws after `timeoutMs`. */
export async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return Date.now();
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await pause(100);
  }
}
