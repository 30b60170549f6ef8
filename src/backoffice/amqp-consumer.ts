/**
 * Consumes Orderline's events from RabbitMQ: a durable queue bound to the connector's topic exchange
 * with `#` (every order), manual acknowledgement, and a prefetch that bounds the orders in flight. A
 * message is acknowledged once the work it started is over (for `salesorder.submitted`: the order
 * played through); if the back office dies first, RabbitMQ redelivers it and the event id (also the
 * message id) keeps it from being processed twice. The connection recovers by itself after a broker
 * restart, re-declaring the queue and its binding.
 */
import amqp, { type Channel, type ChannelModel, type ConsumeMessage } from 'amqplib';
import type { Logger } from 'pino';
import type { EventHandler } from './event-handler.js';
import { InvalidEventError, parseOrderlineEvent } from './orderline-event.js';

/** Orderline's AMQP connector publishes here unless its `ol_exchange` names another exchange. */
export const DEFAULT_EXCHANGE = 'orderline.orders';
export const DEFAULT_QUEUE = 'orderline.backoffice';

export interface AmqpConsumerOptions {
  /** `amqp://user:password@host:5672/vhost` */
  readonly url: string;
  readonly exchange: string;
  readonly queue: string;
  readonly prefetch: number;
  readonly handle: EventHandler;
  readonly logger: Logger;
}

export interface AmqpConsumer {
  /** Takes no more messages (the ones in hand are still settled). */
  stop(): Promise<void>;
  /** Closes the connection: messages not acknowledged yet go back to the queue. */
  close(): Promise<void>;
}

export async function startAmqpConsumer(options: AmqpConsumerOptions): Promise<AmqpConsumer> {
  const { exchange, queue, logger } = options;
  let closing = false;
  let consuming: { channel: Channel; consumerTag: string } | undefined;

  async function settle(channel: Channel, message: ConsumeMessage): Promise<void> {
    try {
      const event = parseOrderlineEvent(message.content.toString('utf8'));
      const handled = options.handle(event, {
        kind: 'amqp',
        messageId: message.properties.messageId as string | undefined,
        routingKey: message.fields.routingKey,
        deliveryMode: message.properties.deliveryMode as number | undefined,
        redelivered: message.fields.redelivered,
      });
      await handled.work;
      // Stopped half-way by a shutdown: the order resumes at the next start, the message is redelivered.
      if (closing) return;
      channel.ack(message);
    } catch (error) {
      if (error instanceof InvalidEventError) {
        logger.warn(
          { messageId: message.properties.messageId, reason: error.message },
          'message rejected: not an event',
        );
        // Not an event, and it never will be: drop it (or dead-letter it, if the queue has a DLX).
        channel.nack(message, false, false);
        return;
      }
      // Could not even record it: leave it to RabbitMQ to deliver again.
      logger.error({ messageId: message.properties.messageId, err: error }, 'message not handled; requeued');
      channel.nack(message, false, true);
    }
  }

  const connection = await amqp.connect(options.url, {
    recovery: {
      initialDelay: 200,
      maxDelay: 5_000,
      initialMaxRetries: 3,
      async setup(model: ChannelModel) {
        const channel = await model.createChannel();
        await channel.prefetch(options.prefetch);
        await channel.assertExchange(exchange, 'topic', { durable: true });
        await channel.assertQueue(queue, { durable: true });
        await channel.bindQueue(queue, exchange, '#');
        const { consumerTag } = await channel.consume(
          queue,
          (message: ConsumeMessage | null) => {
            if (!message) return;
            // A message whose channel closed meanwhile is redelivered: its ack would fail, harmlessly.
            settle(channel, message).catch(() => {});
          },
          { noAck: false },
        );
        consuming = { channel, consumerTag };
        logger.info({ exchange, queue, prefetch: options.prefetch }, 'consuming Orderline events from RabbitMQ');
      },
    },
  });
  connection.on('disconnect', (error: Error) => {
    if (!closing) logger.warn({ reason: error.message }, 'RabbitMQ connection lost; reconnecting');
  });
  connection.on('error', (error: Error) => logger.warn({ reason: error.message }, 'RabbitMQ connection error'));

  return {
    async stop() {
      closing = true;
      const current = consuming;
      consuming = undefined;
      await current?.channel.cancel(current.consumerTag).catch(() => {});
    },
    async close() {
      closing = true;
      await connection.close().catch(() => {});
    },
  };
}
