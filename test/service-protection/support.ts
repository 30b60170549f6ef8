/**
 * What the service protection suites share: Orderline apps on a database of the test's choosing (so two
 * can share one PostgreSQL), a client that honours `Retry-After` for set-up requests, `$batch` bodies
 * that cost measurable execution time, and requests held in flight by a body that is still arriving.
 */
import { request as httpRequest } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'vitest';
import { createApp } from '../../src/app.js';
import { type AppConfig, configWith } from '../../src/config/app-config.js';
import { createLogger } from '../../src/observability/logger.js';
import { createUser, type TestUser } from '../lifecycle/support.js';
import { ADMIN_TOKEN, type ApiResponse, type TestServer } from '../support/test-app.js';

export { sleep };

export const BURST_REMAINING = 'x-ms-ratelimit-burst-remaining-xrm-requests';
export const TIME_REMAINING = 'x-ms-ratelimit-time-remaining-xrm-requests';

/** An Orderline app listening on loopback over `database`, which the caller creates and drops. */
export async function startAppOn(database: string, config: Partial<AppConfig>): Promise<TestServer> {
  // The scope suite sends bad tokens by the dozen; the failed-authentication throttle has its own suites.
  const settings = { database, adminToken: ADMIN_TOKEN, logLevel: 'silent' as const, authFailureLimit: 0 };
  const app = await createApp(configWith({ ...settings, ...config }), {
    logger: createLogger('silent'),
  });
  await app.server.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const baseUrl = `http://127.0.0.1:${port}/`;
  const serviceRoot = `${baseUrl}api/data/v9.2/`;
  return {
    kind: database.startsWith('postgres') ? 'postgres' : 'sqlite',
    app,
    location: database,
    baseUrl,
    serviceRoot,
    async api(path, init = {}) {
      const headers: Record<string, string> = { accept: 'application/json', ...init.headers };
      const token = init.token === undefined ? ADMIN_TOKEN : init.token;
      if (token !== null) headers.authorization = `Bearer ${token}`;
      const body =
        init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
      if (body !== undefined) headers['content-type'] ??= 'application/json';
      const response = await fetch(`${serviceRoot}${path}`, { method: init.method ?? 'GET', headers, body });
      const text = await response.text();
      let json: unknown;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = undefined;
      }
      return { status: response.status, headers: response.headers, text, json };
    },
    close: () => app.close(),
  };
}

/**
 * The server as a well-behaved client sees it: a 429 is retried after its `Retry-After`. Set-up goes
 * through it so the administrator's own small budget never fails a suite on a slow machine.
 */
export function patient(server: TestServer): TestServer {
  return {
    ...server,
    async api(path, init) {
      for (;;) {
        const response = await server.api(path, init);
        if (response.status !== 429) return response;
        await sleep(Number(response.headers.get('retry-after') ?? 1) * 1000);
      }
    },
  };
}

/** A user with the Salesperson role, created by the administrator. */
export function salesperson(server: TestServer): Promise<TestUser> {
  return createUser(patient(server), { roles: ['Salesperson'] });
}

/** A `$batch` of `reads` `WhoAmI` calls: real work for the server, in one request. */
export function batchOfReads(reads: number): { body: string; headers: Record<string, string> } {
  const boundary = 'batch_service_protection';
  const part = [
    `--${boundary}`,
    'Content-Type: application/http',
    'Content-Transfer-Encoding: binary',
    '',
    'GET WhoAmI HTTP/1.1',
    'Accept: application/json',
    '',
    '',
  ].join('\r\n');
  return {
    body: `${part.repeat(reads)}--${boundary}--\r\n`,
    headers: { 'content-type': `multipart/mixed; boundary=${boundary}` },
  };
}

export function expectThrottled(response: ApiResponse, code: string, message: string): number {
  expect(response.status, response.text).toBe(429);
  expect(response.json).toEqual({ error: { code, message } });
  const retryAfter = response.headers.get('retry-after');
  expect(retryAfter).toMatch(/^[1-9]\d*$/);
  return Number(retryAfter);
}

/** A request whose headers have been sent but whose body has not all arrived: it stays in flight. */
export interface HeldRequest {
  /** The answer, which comes before the body is finished only when the request is refused at once. */
  readonly answer: Promise<ApiResponse>;
  /** Sends the rest of the body and resolves with the answer. */
  finish(): Promise<ApiResponse>;
}

export function holdRequest(server: TestServer, path: string, token: string, body: string): HeldRequest {
  const url = new URL(`${server.serviceRoot}${path}`);
  const call = httpRequest({
    host: url.hostname,
    port: url.port,
    method: 'POST',
    path: url.pathname,
    agent: false,
    headers: {
      authorization: `Bearer ${token}`,
      accept: 'application/json',
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
    },
  });
  const answer = new Promise<ApiResponse>((resolve, reject) => {
    call.on('error', reject);
    call.on('response', (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('error', reject);
      response.on('end', () => {
        const headers = new Headers();
        for (const [name, value] of Object.entries(response.headers)) {
          if (typeof value === 'string') headers.set(name, value);
        }
        let json: unknown;
        try {
          json = text ? JSON.parse(text) : undefined;
        } catch {
          json = undefined;
        }
        resolve({ status: response.statusCode ?? 0, headers, text, json });
      });
    });
  });
  // The headers and the first byte of the body go now; the rest when the test says so.
  call.write(body.slice(0, 1));
  return {
    answer,
    finish() {
      if (!call.writableEnded) call.end(body.slice(1));
      return answer;
    },
  };
}
