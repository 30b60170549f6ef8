import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createOrderlineClient, type InboundWrite, OrderlineRequestError } from './orderline-client.js';

interface Answer {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

/** An Orderline stand-in that answers from a script and records what it was asked. */
async function scriptedOrderline(answers: Answer[]) {
  const asked: { method: string; url: string; authorization: string; body: string }[] = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    request.on('end', () => {
      asked.push({
        method: request.method!,
        url: request.url!,
        authorization: String(request.headers.authorization),
        body,
      });
      const answer = answers.shift() ?? { status: 204 };
      response.writeHead(answer.status, answer.headers);
      response.end(answer.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { root: `http://127.0.0.1:${port}/api/data/v9.2/`, asked, close: () => new Promise((r) => server.close(r)) };
}

const write: InboundWrite = {
  method: 'PATCH',
  path: 'salesorders(o1)',
  body: '{"ol_processingstatus":3,"ol_backofficerevision":1700000000000}',
  headers: { 'if-match': '*' },
};

describe('the back office talking to Orderline', () => {
  const closers: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
  });

  async function clientFor(answers: Answer[]) {
    const orderline = await scriptedOrderline(answers);
    const client = createOrderlineClient({
      serviceRoot: orderline.root,
      token: 'erp-token',
      retry: { attempts: 4, initialDelayMs: 5, maxDelayMs: 50 },
    });
    closers.push(orderline.close, () => client.close());
    return { client, orderline };
  }

  it('sends its token and keeps each accepted write in the replay log, as sent', async () => {
    const { client, orderline } = await clientFor([{ status: 204 }]);
    expect(await client.write(write)).toBe(204);
    expect(orderline.asked).toEqual([
      { method: 'PATCH', url: '/api/data/v9.2/salesorders(o1)', authorization: 'Bearer erp-token', body: write.body },
    ]);
    expect(client.replayLog).toEqual([write]);
  });

  it('retries a 429 after its Retry-After, and a 5xx, until Orderline accepts', async () => {
    const { client, orderline } = await clientFor([
      { status: 429, headers: { 'retry-after': '0' } },
      { status: 503 },
      { status: 204 },
    ]);
    expect(await client.write(write)).toBe(204);
    expect(orderline.asked).toHaveLength(3);
    expect(client.replayLog).toHaveLength(1);
  });

  it('refuses with Orderline’s message, and logs nothing, when a write is refused', async () => {
    const refusal = { error: { code: '0x80040203', message: 'only active orders can be edited' } };
    const { client } = await clientFor([{ status: 400, body: JSON.stringify(refusal) }]);
    const refused = await client.write(write).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(OrderlineRequestError);
    expect((refused as Error).message).toMatch(/answered 400: only active orders can be edited/);
    expect(client.replayLog).toEqual([]);
  });

  it('returns a tolerated answer instead of failing, without logging it', async () => {
    const { client } = await clientFor([{ status: 412 }]);
    expect(await client.write(write, [412])).toBe(412);
    expect(client.replayLog).toEqual([]);
  });

  it('learns its own user with WhoAmI', async () => {
    const { client } = await clientFor([{ status: 200, body: '{"UserId":"u-erp","BusinessUnitId":"b"}' }]);
    expect(await client.whoAmI()).toBe('u-erp');
  });
});
