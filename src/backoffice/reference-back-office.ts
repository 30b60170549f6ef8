/**
 * The reference back office (`orderline backoffice`, PRODUCT.md C5): an ERP stand-in that receives
 * submitted orders from Orderline — as signed webhooks, from RabbitMQ, or both — and plays each one
 * forward through the Web API as an integration user, from acknowledgement to invoice, with no human
 * step. It is the demo partner and the test partner of the bridge.
 */
import pino, { type Logger } from 'pino';
import { type AmqpConsumer, DEFAULT_EXCHANGE, DEFAULT_QUEUE, startAmqpConsumer } from './amqp-consumer.js';
import { openBackOfficeState } from './back-office-state.js';
import { createEventHandler, type HandledEvent } from './event-handler.js';
import { createFulfilmentRunner } from './fulfilment-runner.js';
import {
  createOrderlineClient,
  type InboundWrite,
  type OrderlineResponse,
  type RetryPolicy,
} from './orderline-client.js';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver.js';

export interface BackOfficeOptions {
  /** Orderline's service root, e.g. `http://127.0.0.1:5555/api/data/v9.2/`. */
  readonly orderlineUrl: string;
  /** A token of an integration user (`systemuser.isintegrationuser = true`). */
  readonly token: string;
  /** Receive webhooks on `http://<host>:<port>/webhooks/orderline`. */
  readonly webhook?: { readonly port: number; readonly host?: string; readonly secret: string };
  /** Consume from RabbitMQ. */
  readonly amqp?: {
    readonly url: string;
    readonly exchange?: string;
    readonly queue?: string;
    readonly prefetch?: number;
  };
  /** The state file (`:memory:` by default). */
  readonly statePath?: string;
  /** Pause between the fulfilment steps of an order; 0 by default. */
  readonly stepDelayMs?: number;
  /** Prefix of the back office's own numbers (`ERP` gives `ERP-000001`). */
  readonly numberPrefix?: string;
  readonly retry?: RetryPolicy;
  readonly logger?: Logger;
  /** Told of every event handled (tests watch the transport and outcomes through it). */
  readonly onEvent?: (handled: HandledEvent) => void;
}

export interface ReplayedWrite {
  readonly write: InboundWrite;
  readonly response: OrderlineResponse;
}

export interface BackOffice {
  /** Its own user, learnt with WhoAmI. */
  readonly userId: string;
  /** Where it receives webhooks, when it does. */
  readonly webhookUrl: string | undefined;
  /** Every inbound write Orderline accepted, in the order sent. */
  readonly replayLog: readonly InboundWrite[];
  /** Sends every write of the replay log again, as it was; returns Orderline's answers. */
  replayAll(): Promise<ReplayedWrite[]>;
  /** Resolves once no order is being played forward. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export async function startBackOffice(options: BackOfficeOptions): Promise<BackOffice> {
  if (!options.webhook && !options.amqp) throw new Error('the back office needs a webhook port or an AMQP URL');
  const logger = options.logger ?? pino({ level: 'info' });
  const client = createOrderlineClient({
    serviceRoot: options.orderlineUrl,
    token: options.token,
    ...(options.retry ? { retry: options.retry } : {}),
  });
  const state = openBackOfficeState({
    ...(options.statePath ? { path: options.statePath } : {}),
    ...(options.numberPrefix ? { numberPrefix: options.numberPrefix } : {}),
  });
  let webhook: WebhookReceiver | undefined;
  let consumer: AmqpConsumer | undefined;
  const runner = createFulfilmentRunner({ state, client, logger, stepDelayMs: options.stepDelayMs ?? 0 });
  try {
    const userId = await client.whoAmI();
    const handle = createEventHandler({
      state,
      runner,
      logger,
      selfUserId: userId,
      ...(options.onEvent ? { onEvent: options.onEvent } : {}),
    });
    runner.resumeUnfinished();
    if (options.webhook) {
      webhook = await startWebhookReceiver({
        port: options.webhook.port,
        host: options.webhook.host ?? '127.0.0.1',
        secret: options.webhook.secret,
        handle,
        logger,
      });
      logger.info({ url: webhook.url }, 'receiving Orderline webhooks');
    }
    if (options.amqp) {
      consumer = await startAmqpConsumer({
        url: options.amqp.url,
        exchange: options.amqp.exchange ?? DEFAULT_EXCHANGE,
        queue: options.amqp.queue ?? DEFAULT_QUEUE,
        prefetch: options.amqp.prefetch ?? 16,
        handle,
        logger,
      });
    }
    logger.info({ userId, orderline: options.orderlineUrl }, 'reference back office started');
    return {
      userId,
      webhookUrl: webhook?.url,
      replayLog: client.replayLog,
      async replayAll() {
        const replayed: ReplayedWrite[] = [];
        for (const write of [...client.replayLog]) replayed.push({ write, response: await client.send(write) });
        return replayed;
      },
      idle: () => runner.idle(),
      async close() {
        await consumer?.stop();
        await webhook?.close();
        await runner.close();
        await consumer?.close();
        await client.close();
        state.close();
        logger.info('reference back office stopped');
      },
    };
  } catch (error) {
    await consumer?.close();
    await webhook?.close();
    await runner.close();
    await client.close();
    state.close();
    throw error;
  }
}
