/**
 * The back office's side of the Web API: it reads and writes as its integration user with a bearer
 * token, retries what Orderline asks it to retry (429 with `Retry-After`, 5xx, a dropped connection),
 * and keeps every write Orderline accepted in its replay log. All its writes are PATCHes carrying a
 * back-office revision or a create-only condition, so sending one twice cannot apply it twice.
 */
import { Agent, request } from 'undici';
import { parseExactJson } from './exact-json.js';
import type { JsonRecord } from './orderline-event.js';

/** One inbound write as sent: enough to send it again, byte for byte. */
export interface InboundWrite {
  readonly method: 'PATCH';
  /** Relative to the service root, e.g. `salesorders(<id>)`. */
  readonly path: string;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
}

export interface RetryPolicy {
  readonly attempts: number;
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, initialDelayMs: 200, maxDelayMs: 10_000 };

export interface OrderlineResponse {
  readonly status: number;
  readonly text: string;
}

export class OrderlineRequestError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly responseText: string,
  ) {
    super(`${method} ${path} answered ${status}: ${describeError(responseText)}`);
  }
}

function describeError(text: string): string {
  try {
    const message = (JSON.parse(text) as { error?: { message?: string } }).error?.message;
    if (message) return message;
  } catch {}
  return text.slice(0, 300) || '(no body)';
}

export interface OrderlineClientOptions {
  /** The service root, e.g. `http://127.0.0.1:5555/api/data/v9.2/`. */
  readonly serviceRoot: string;
  readonly token: string;
  readonly retry?: RetryPolicy;
}

export interface OrderlineClient {
  /** The back office's own user id (`WhoAmI`): how it recognises the echo of its own writes. */
  whoAmI(): Promise<string>;
  read(path: string): Promise<JsonRecord>;
  /**
   * Sends a write; records it in the replay log when Orderline accepts it (2xx). Answers in `tolerated`
   * (e.g. 412 for a create that already happened) are returned, every other answer throws.
   */
  write(write: InboundWrite, tolerated?: readonly number[]): Promise<number>;
  /** Sends a write as it is, with retries but without recording it: for replays. */
  send(write: InboundWrite): Promise<OrderlineResponse>;
  readonly replayLog: readonly InboundWrite[];
  close(): Promise<void>;
}

const RETRYABLE_STATUS = (status: number) => status === 429 || status >= 500;

/** `Retry-After` in seconds or as an HTTP date, in milliseconds from now. */
function retryAfterMs(header: string | string[] | undefined): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function createOrderlineClient(options: OrderlineClientOptions): OrderlineClient {
  const serviceRoot = options.serviceRoot.endsWith('/') ? options.serviceRoot : `${options.serviceRoot}/`;
  const retry = options.retry ?? DEFAULT_RETRY;
  const agent = new Agent({ connections: 32, keepAliveTimeout: 10_000 });
  const replayLog: InboundWrite[] = [];

  async function call(method: string, path: string, body?: string, extra: Record<string, string> = {}) {
    const headers: Record<string, string> = {
      authorization: `Bearer ${options.token}`,
      accept: 'application/json',
      'odata-version': '4.0',
      'odata-maxversion': '4.0',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...extra,
    };
    for (let attempt = 1; ; attempt += 1) {
      const backoff = Math.min(retry.maxDelayMs, retry.initialDelayMs * 2 ** (attempt - 1));
      try {
        const response = await request(`${serviceRoot}${path}`, {
          method: method as 'GET' | 'PATCH',
          headers,
          body,
          dispatcher: agent,
        });
        const text = await response.body.text();
        if (!RETRYABLE_STATUS(response.statusCode) || attempt >= retry.attempts) {
          return { status: response.statusCode, text };
        }
        const asked = retryAfterMs(response.headers['retry-after']);
        await sleep(asked === undefined ? backoff : Math.min(asked, retry.maxDelayMs * 6));
      } catch (error) {
        // A refused or dropped connection: Orderline is restarting or briefly unreachable.
        if (attempt >= retry.attempts) throw error;
        await sleep(backoff);
      }
    }
  }

  async function read(path: string): Promise<JsonRecord> {
    const response = await call('GET', path);
    if (response.status !== 200) throw new OrderlineRequestError('GET', path, response.status, response.text);
    return parseExactJson(response.text) as JsonRecord;
  }

  return {
    replayLog,
    async whoAmI() {
      const answer = await read('WhoAmI');
      if (typeof answer.UserId !== 'string') throw new Error('WhoAmI answered without a UserId');
      return answer.UserId;
    },
    read,
    async write(write, tolerated = []) {
      const response = await call(write.method, write.path, write.body, { ...write.headers });
      if (response.status >= 200 && response.status < 300) {
        replayLog.push(write);
        return response.status;
      }
      if (tolerated.includes(response.status)) return response.status;
      throw new OrderlineRequestError(write.method, write.path, response.status, response.text);
    },
    send: (write) => call(write.method, write.path, write.body, { ...write.headers }),
    close: () => agent.close(),
  };
}
