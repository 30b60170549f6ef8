import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { abortWhenClientLeaves } from './client-departure.js';

/** Serves one request; `answer` decides whether the server replies; resolves with the request's signal. */
async function serveOnce(answer: boolean, clientAborts: boolean): Promise<AbortSignal> {
  let signal: AbortSignal | undefined;
  let settled!: () => void;
  const done = new Promise<void>((resolve) => {
    settled = resolve;
  });
  const server = createServer((_request, response) => {
    signal = abortWhenClientLeaves(response);
    response.once('close', () => setImmediate(settled));
    if (answer) response.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const client = httpRequest({ port, host: '127.0.0.1', path: '/' }, (response) => response.resume());
  client.on('error', () => {});
  client.end();
  if (clientAborts) setTimeout(() => client.destroy(), 100);
  await done;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  return signal!;
}

describe('abortWhenClientLeaves', () => {
  it('aborts when the client closes the connection before the answer', async () => {
    expect((await serveOnce(false, true)).aborted).toBe(true);
  });

  it('leaves the signal alone once the answer is written in full', async () => {
    expect((await serveOnce(true, false)).aborted).toBe(false);
  });
});
