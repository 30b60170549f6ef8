/**
 * Delivers events as HTTP POSTs (PRODUCT.md C5): signed per Standard Webhooks, Orderline's document or
 * Dataverse's RemoteExecutionContext as the body, a timeout, no redirect followed (a 3xx is a failure:
 * a receiver that moved must be reconfigured, not guessed), any 2xx a success, 410 a request to stop.
 */
import { Agent, request } from 'undici';
import type { MetadataRegistry } from '../../domain/metadata/metadata-registry.js';
import { PAYLOAD_FORMAT } from '../../domain/metadata/tables/ol-connector.js';
import type { Connector, ConnectorConfig, DeliveryOutcome, OutboundEvent } from './connector.js';
import { remoteExecutionContext } from './remote-execution-context.js';
import { retryAfterMs } from './retry-after.js';
import { parseSecrets, signatureHeader } from './standard-webhooks.js';

const USER_AGENT = 'Orderline-Webhooks/1';
/** Receivers' error bodies are kept for operators, but only this much of them. */
const ERROR_BODY_LIMIT = 300;

export function createWebhookConnector(config: ConnectorConfig, metadata: MetadataRegistry): Connector {
  const keys = config.secret ? parseSecrets(config.secret) : [];
  // Keep-alive connections, several at once: events of different orders go out in parallel.
  const agent = new Agent({ connections: 128, pipelining: 1, keepAliveTimeout: 10_000 });

  function body(event: OutboundEvent): { text: string; headers: Record<string, string> } {
    if (config.payloadFormat !== PAYLOAD_FORMAT.remoteExecutionContext) return { text: event.document, headers: {} };
    const [entityName] = event.type.split('.');
    return {
      text: remoteExecutionContext(metadata, event),
      headers: {
        'x-ms-dynamics-organization': event.organization.name,
        'x-ms-dynamics-entity-name': entityName ?? 'salesorder',
        'x-ms-dynamics-request-name': event.type,
        'x-ms-correlation-request-id': event.id,
      },
    };
  }

  return {
    async deliver(event: OutboundEvent): Promise<DeliveryOutcome> {
      const { text, headers } = body(event);
      const timestamp = Math.floor(Date.now() / 1000);
      const signed: Record<string, string> = {
        'content-type': 'application/json',
        'user-agent': USER_AGENT,
        'webhook-id': event.id,
        'webhook-timestamp': String(timestamp),
        ...headers,
      };
      if (keys.length > 0) signed['webhook-signature'] = signatureHeader(keys, event.id, timestamp, text);
      const started = performance.now();
      const latency = () => Math.round(performance.now() - started);
      try {
        const response = await request(config.url, {
          method: 'POST',
          headers: signed,
          body: text,
          dispatcher: agent,
          headersTimeout: config.timeoutMs,
          bodyTimeout: config.timeoutMs,
          signal: AbortSignal.timeout(config.timeoutMs),
        });
        const answer = await response.body.text().catch(() => '');
        const status = response.statusCode;
        if (status >= 200 && status < 300) return { kind: 'delivered', status, latencyMs: latency() };
        if (status === 410) return { kind: 'gone', status, latencyMs: latency() };
        const retryAfter = retryAfterMs(
          typeof response.headers['retry-after'] === 'string' ? response.headers['retry-after'] : undefined,
          Date.now(),
        );
        return {
          kind: 'failed',
          status,
          latencyMs: latency(),
          error: `HTTP ${status}${answer ? `: ${answer.slice(0, ERROR_BODY_LIMIT)}` : ''}`,
          ...(retryAfter !== undefined ? { retryAfterMs: retryAfter } : {}),
        };
      } catch (error) {
        const cause = (error as { cause?: { code?: string } }).cause;
        const name = (error as Error).name;
        const reason =
          name === 'TimeoutError' || name === 'AbortError' || /Timeout/.test(name)
            ? `no answer within ${config.timeoutMs} ms`
            : `${(error as { code?: string }).code ?? cause?.code ?? name}: ${(error as Error).message}`;
        return { kind: 'failed', status: null, latencyMs: latency(), error: reason };
      }
    },
    close: () => agent.close(),
  };
}
