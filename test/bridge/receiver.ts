/**
 * A real webhook receiver on loopback for the bridge suites: it records every request (headers and
 * raw body), verifies signatures with the independent `standardwebhooks` package, and answers as the
 * test scripts it (accept, fail with a status, hang, ask to retry later, answer slowly). For the crash
 * suites it also keeps, per request, the interval during which it was in flight and, when told how,
 * which client process sent it.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface ReceivedRequest {
  readonly id: string;
  readonly timestamp: string;
  readonly signature: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
  readonly json: any;
  readonly verified: boolean;
  readonly at: number;
  /** The client's port of the connection it came on. */
  readonly remotePort: number;
  /** Who sent it, as `ReceiverOptions.identifyClient` named the connection's client. */
  readonly client: string | undefined;
}

/** One request while it was in flight at the receiver: from its arrival until answered or dropped. */
export interface InFlight {
  readonly id: string;
  readonly client: string | undefined;
  /** Epoch milliseconds, with sub-millisecond precision. */
  readonly from: number;
  /** When the answer was sent or the connection closed; undefined while neither happened. */
  readonly to: number | undefined;
}

export interface ReceiverOptions {
  /** Names the client of a new connection (e.g. the process holding its other end). */
  identifyClient?(remotePort: number, receiverPort: number): string | undefined;
}

/** `delayMs` answers after that long, as a receiver doing real work would. */
export type Answer = { status: number; headers?: Record<string, string>; body?: string; delayMs?: number } | 'hang';

export interface Receiver {
  readonly url: string;
  readonly requests: ReceivedRequest[];
  /** Requests answered 2xx, each webhook-id once: what a deduping receiver keeps. */
  accepted(): ReceivedRequest[];
  /** How the next requests are answered (default: 204). */
  answerWith(answer: (request: ReceivedRequest) => Answer): void;
  waitFor(predicate: (receiver: Receiver) => boolean, timeoutMs?: number): Promise<void>;
  /** Every request's in-flight interval, in arrival order. */
  inFlight(): readonly InFlight[];
  close(): Promise<void>;
}

export async function startReceiver(secret?: string, port = 0, options: ReceiverOptions = {}): Promise<Receiver> {
  const requests: ReceivedRequest[] = [];
  const flights: { id: string; client: string | undefined; from: number; to: number | undefined }[] = [];
  const clients = new WeakMap<Socket, string | undefined>();
  const now = () => performance.timeOrigin + performance.now();
  const acceptedById = new Map<string, ReceivedRequest>();
  const verifier = secret ? new Webhook(secret) : undefined;
  let answer: (request: ReceivedRequest) => Answer = () => ({ status: 204 });
  const sockets = new Set<Socket>();
  const server: Server = createServer((request, response) => {
    const client = clients.get(request.socket);
    const flight = {
      id: String(request.headers['webhook-id'] ?? ''),
      client,
      from: now(),
      to: undefined as number | undefined,
    };
    flights.push(flight);
    response.once('close', () => {
      flight.to = now();
    });
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const header = (name: string) => String(request.headers[name] ?? '');
      let verified = false;
      if (verifier) {
        try {
          verifier.verify(body, {
            'webhook-id': header('webhook-id'),
            'webhook-timestamp': header('webhook-timestamp'),
            'webhook-signature': header('webhook-signature'),
          });
          verified = true;
        } catch {
          verified = false;
        }
      }
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        json = undefined;
      }
      const received: ReceivedRequest = {
        id: header('webhook-id'),
        timestamp: header('webhook-timestamp'),
        signature: header('webhook-signature'),
        headers: request.headers,
        body,
        json,
        verified,
        at: Date.now(),
        remotePort: request.socket.remotePort ?? 0,
        client,
      };
      requests.push(received);
      const chosen = answer(received);
      if (chosen === 'hang') return;
      const send = () => {
        if (chosen.status >= 200 && chosen.status < 300 && !acceptedById.has(received.id)) {
          acceptedById.set(received.id, received);
        }
        // Processed, so accepted (a deduping receiver records the id before it answers); a client gone
        // meanwhile (a killed dispatcher) gets no answer and will send the event again.
        if (response.destroyed) return;
        response.writeHead(chosen.status, chosen.headers);
        response.end(chosen.body ?? '');
      };
      if (chosen.delayMs) setTimeout(send, chosen.delayMs);
      else send();
    });
  });
  server.on('connection', (socket) => {
    if (options.identifyClient && socket.remotePort !== undefined) {
      clients.set(socket, options.identifyClient(socket.remotePort, (server.address() as AddressInfo).port));
    }
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const bound = (server.address() as AddressInfo).port;
  const receiver: Receiver = {
    url: `http://127.0.0.1:${bound}/hooks/orders`,
    requests,
    accepted: () => [...acceptedById.values()],
    answerWith(next) {
      answer = next;
    },
    async waitFor(predicate, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(receiver)) {
        if (Date.now() > deadline) {
          throw new Error(`receiver: condition not met within ${timeoutMs} ms (${requests.length} requests)`);
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    inFlight: () => flights.map((flight) => ({ ...flight })),
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return receiver;
}
