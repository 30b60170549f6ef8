/**
 * Delivers events to RabbitMQ (PRODUCT.md C5): a confirm channel, persistent messages, the event id as
 * `messageId`, the order id as routing key on a durable topic exchange. A publish counts as delivered
 * only once the broker confirms it; a lost connection fails the attempt and the next one reconnects.
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

export function createAmqpConnector(config: ConnectorConfig): Connector {
  const exchange = config.exchange || DEFAULT_EXCHANGE;
  let channel: Promise<amqp.ConfirmChannel> | undefined;
  let connection: amqp.ChannelModel | undefined;

  function open(): Promise<amqp.ConfirmChannel> {
    channel ??= (async () => {
      const opened = await amqp.connect(amqpUrl(config), { timeout: config.timeoutMs });
      connection = opened;
      const forget = () => {
        channel = undefined;
        connection = undefined;
      };
      opened.on('close', forget);
      opened.on('error', forget);
      const confirm = await opened.createConfirmChannel();
      confirm.on('close', forget);
      confirm.on('error', forget);
      await confirm.assertExchange(exchange, 'topic', { durable: true });
      return confirm;
    })().catch((error: unknown) => {
      channel = undefined;
      throw error;
    });
    return channel;
  }

  return {
    async deliver(event: OutboundEvent): Promise<DeliveryOutcome> {
      const started = performance.now();
      const latency = () => Math.round(performance.now() - started);
      try {
        const confirm = await open();
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
              messageId: event.id,
              contentType: 'application/json',
              type: event.type,
              timestamp: Math.floor(Date.now() / 1000),
              headers: { 'ol-sequence': event.sequence, 'ol-order-id': event.orderId },
            },
            (error) => {
              clearTimeout(timer);
              if (error) reject(error instanceof Error ? error : new Error('the broker refused the message (nack)'));
              else resolve();
            },
          );
        });
        return { kind: 'delivered', status: null, latencyMs: latency() };
      } catch (error) {
        return { kind: 'failed', status: null, latencyMs: latency(), error: `AMQP: ${(error as Error).message}` };
      }
    },
    async close() {
      const current = connection;
      channel = undefined;
      connection = undefined;
      await current?.close().catch(() => {});
    },
  };
}
