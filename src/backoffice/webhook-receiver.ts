/**
 * Receives Orderline's webhooks: `POST /webhooks/orderline`, signed per Standard Webhooks. The
 * signature is checked with the independent `standardwebhooks` package over the raw body before
 * anything else is read; a request that fails it is answered 401 and nothing is done. A verified event
 * is answered 204 once it is recorded (the fulfilment runs after the answer, so a slow step never
 * makes Orderline time out and retry).
 */
import Fastify, { type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { Webhook } from 'standardwebhooks';
import type { EventHandler } from './event-handler.js';
import { InvalidEventError, parseOrderlineEvent } from './orderline-event.js';

export const WEBHOOK_PATH = '/webhooks/orderline';

export interface WebhookReceiverOptions {
  readonly port: number;
  readonly host: string;
  /** `whsec_...`; several separated by spaces while a key is being rotated. */
  readonly secret: string;
  readonly handle: EventHandler;
  readonly logger: Logger;
}

export interface WebhookReceiver {
  /** `http://<host>:<port>/webhooks/orderline`, with the port actually bound. */
  readonly url: string;
  close(): Promise<void>;
}

function verifier(secret: string): (body: string, headers: Record<string, string>) => boolean {
  const keys = secret
    .split(/\s+/)
    .filter(Boolean)
    .map((key) => new Webhook(key));
  if (keys.length === 0) throw new Error('a webhook secret (whsec_...) is required to verify signatures');
  return (body, headers) =>
    keys.some((key) => {
      try {
        key.verify(body, headers, { jsonParse: false });
        return true;
      } catch {
        return false;
      }
    });
}

export async function startWebhookReceiver(options: WebhookReceiverOptions): Promise<WebhookReceiver> {
  const verify = verifier(options.secret);
  const server: FastifyInstance = Fastify({ logger: false, bodyLimit: 16 * 1024 * 1024 });
  // The signature covers the exact bytes sent: keep the body as text, parse it only once verified.
  server.removeAllContentTypeParsers();
  server.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  server.post(WEBHOOK_PATH, async (request, reply) => {
    const body = typeof request.body === 'string' ? request.body : '';
    const header = (name: string) => String(request.headers[name] ?? '');
    const signed = {
      'webhook-id': header('webhook-id'),
      'webhook-timestamp': header('webhook-timestamp'),
      'webhook-signature': header('webhook-signature'),
    };
    if (!verify(body, signed)) {
      options.logger.warn({ webhookId: signed['webhook-id'] }, 'webhook refused: signature missing or invalid');
      return reply.code(401).send({ error: 'invalid signature' });
    }
    try {
      const event = parseOrderlineEvent(body);
      options.handle(event, { kind: 'webhook', webhookId: signed['webhook-id'] });
      return reply.code(204).send();
    } catch (error) {
      if (error instanceof InvalidEventError) {
        options.logger.warn(
          { webhookId: signed['webhook-id'], reason: error.message },
          'webhook refused: not an event',
        );
        return reply.code(400).send({ error: error.message });
      }
      throw error;
    }
  });

  await server.listen({ port: options.port, host: options.host });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return { url: `http://${host}:${port}${WEBHOOK_PATH}`, close: () => server.close() };
}
