/**
 * Delivers events to RabbitMQ (PRODUCT.md C5): a confirm channel, persistent messages, the event id as
 * `messageId`, the order id as routing key on a durable topic exchange. A publish counts as delivered
 * only once the broker confirms it, and it is mandatory: a message no queue is bound for comes back and
 * the attempt fails, so "delivered" means "in a queue". A lost connection or closed channel fails the
 * attempt and the next one reconnects.
 */
import amqp from 'amqplib';
import type { Connector, ConnectorConfig, DeliveryOutcome, OutboundEvent } from './connector.js';

export const DEFAULT_EXCHANGE = 'orderline.orders';

/** The URL with the password from the connector's secret (kept out of the readable `ol_url`). */
export function amqpUrl(config: ConnectorConfig): string {
  const url = new URL(config.url);
  if (config.secret) url.password = encodeURIComponent(config.secret);
  return url.toString();
}

/** One connection to the broker and its confirm channel, and the messages the broker returned on it. */
interface Session {
  readonly connection: amqp.ChannelModel;
  readonly channel: amqp.ConfirmChannel;
  /** `messageId`s returned as unroutable, each waiting for its confirm to read it. */
  readonly returned: Set<string>;
}

export function createAmqpConnector(config: ConnectorConfig): Connector {
  const exchange = config.exchange || DEFAULT_EXCHANGE;
  let session: Promise<Session> | undefined;

  function open(): Promise<Session> {
    if (session) return session;
    const opening: Promise<Session> = (async () => {
      const connection = await amqp.connect(amqpUrl(config), { timeout: config.timeoutMs });
      const forget = () => {
        // Only this session: a late close of an old connection must not drop its successor.
        if (session === opening) session = undefined;
        // A channel the broker closed (an error on it) leaves its connection open: close that too, or
        // every channel error would leak a connection.
        void connection.close().catch(() => {});
      };
      connection.on('error', () => {});
      connection.on('close', forget);
      try {
        const channel = await connection.createConfirmChannel();
        const returned = new Set<string>();
        channel.on('error', () => {});
        channel.on('close', forget);
        // The broker sends basic.return before the confirm of the same message.
        channel.on('return', (message: amqp.ConsumeMessage) => {
          const id = message.properties.messageId;
          if (typeof id === 'string') returned.add(id);
        });
        await channel.assertExchange(exchange, 'topic', { durable: true });
        return { connection, channel, returned };
      } catch (error) {
        await connection.close().catch(() => {});
        throw error;
      }
    })();
    session = opening;
    opening.catch(() => {
      if (session === opening) session = undefined;
    });
    return opening;
  }

  return {
    async deliver(event: OutboundEvent): Promise<DeliveryOutcome> {
      const started = performance.now();
      const latency = () => Math.round(performance.now() - started);
      try {
        const { channel: confirm, returned } = await open();
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(
            () => reject(new Error(`no confirm within ${config.timeoutMs} ms`)),
            config.timeoutMs,
          );
          confirm.publish(
            exchange,
            event.orderId,
            Buffer.from(event.document),
            {
              persistent: true,
              // Unroutable (no queue bound for it) comes back instead of being confirmed into nowhere.
              mandatory: true,
              messageId: event.id,
              contentType: 'application/json',
              type: event.type,
              timestamp: Math.floor(Date.now() / 1000),
              headers: { 'ol-sequence': event.sequence, 'ol-order-id': event.orderId },
            },
            (error) => {
              clearTimeout(timer);
              if (error) reject(error instanceof Error ? error : new Error('the broker refused the message (nack)'));
              else if (returned.delete(event.id)) {
                reject(new Error(`no queue is bound to exchange ${exchange} for routing key ${event.orderId}`));
              } else resolve();
            },
          );
        });
        return { kind: 'delivered', status: null, latencyMs: latency() };
      } catch (error) {
        return { kind: 'failed', status: null, latencyMs: latency(), error: `AMQP: ${(error as Error).message}` };
      }
    },
    async close() {
      const current = session;
      session = undefined;
      const opened = await current?.catch(() => undefined);
      await opened?.connection.close().catch(() => {});
    },
  };
}
