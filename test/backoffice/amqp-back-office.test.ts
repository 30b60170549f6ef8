/**
 * The reference back office consuming from the real RabbitMQ (issue #5): Orderline's AMQP connector
 * publishes each event persistent, with the event id as message id and the order id as routing key; the
 * back office's durable queue, bound with `#`, takes every order and plays it through to Invoiced.
 * Each run uses its own exchange and queue, so parallel runs never share messages.
 */
import { randomBytes } from 'node:crypto';
import amqp from 'amqplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackOffice } from '../../src/backoffice/reference-back-office.js';
import { type BridgeFixture, startBridgeServer } from '../bridge/support.js';
import { post, read } from '../lifecycle/support.js';
import { TEST_STORES } from '../support/test-stores.js';
import {
  type HandledEvents,
  orderAsStored,
  recordHandledEvents,
  startTestBackOffice,
  submittedOrderWithTerms,
} from './support.js';

const BROKER = 'amqp://guest:guest@127.0.0.1:5672';

describe.each(TEST_STORES)('the reference back office over RabbitMQ (%s)', (kind) => {
  let fixture: BridgeFixture;
  let backOffice: BackOffice;
  let events: HandledEvents;
  const run = randomBytes(4).toString('hex');
  const exchange = `orderline.test.${kind}.${run}`;
  const queue = `orderline.backoffice.test.${kind}.${run}`;

  beforeAll(async () => {
    fixture = await startBridgeServer(kind);
    const recorder = recordHandledEvents();
    events = recorder;
    // The queue must exist before the first publish: RabbitMQ drops what no queue is bound to take.
    backOffice = await startTestBackOffice(fixture, recorder, { amqp: { url: BROKER, exchange, queue, prefetch: 8 } });
    await post(fixture.admin, 'ol_connectors', {
      ol_name: `rabbitmq-${run}`,
      ol_kind: 2,
      ol_url: 'amqp://guest@127.0.0.1:5672',
      ol_secret: 'guest',
      ol_exchange: exchange,
      ol_payloadformat: 1,
      ol_timeoutms: 5_000,
      ol_retryhours: 24,
    });
  });
  afterAll(async () => {
    await backOffice?.close();
    await fixture?.server.close();
    const connection = await amqp.connect(BROKER);
    const channel = await connection.createChannel();
    await channel.deleteQueue(queue);
    await channel.deleteExchange(exchange);
    await connection.close();
  });

  it('consumes submitted orders and takes each to Invoiced', async () => {
    const orderIds = await Promise.all([1, 2, 3].map((lines) => submittedOrderWithTerms(fixture.admin, lines)));

    await Promise.all(orderIds.map((orderId) => events.playedThrough(orderId)));

    for (const orderId of orderIds) {
      const { order, lines, invoices, invoiceLines } = await orderAsStored(fixture.admin, orderId);
      expect(order).toMatchObject({ statecode: 4, statuscode: 100003, ol_processingstatus: 7 });
      expect(order.ol_backofficetotalamount).toBe(order.totalamount);
      for (const line of lines) expect(line.quantityshipped).toBe(line.quantity);
      expect(invoices).toHaveLength(1);
      expect(invoices[0]).toMatchObject({ statuscode: 4, totalamount: order.totalamount });
      expect(invoiceLines).toHaveLength(lines.length);
    }
  });

  it('receives each event persistent, with the event id as message id and the order id as routing key', async () => {
    const orderId = await submittedOrderWithTerms(fixture.admin, 1);
    await events.playedThrough(orderId);

    const [submitted] = events.of(orderId);
    expect(submitted!.event.type).toBe('salesorder.submitted');
    expect(submitted!.transport).toEqual({
      kind: 'amqp',
      messageId: submitted!.event.id,
      routingKey: orderId,
      deliveryMode: 2,
      redelivered: false,
    });
  });

  it('acknowledges a message delivered again with the same message id, and processes it once', async () => {
    const orderId = await submittedOrderWithTerms(fixture.admin, 1);
    await events.playedThrough(orderId);
    const [submitted] = (
      await read(
        fixture.admin,
        `ol_outboxevents?$filter=ol_orderid eq ${orderId} and ol_eventtype eq 'salesorder.submitted'`,
      )
    ).value;
    const writesBefore = backOffice.replayLog.length;

    const connection = await amqp.connect(BROKER);
    const channel = await connection.createConfirmChannel();
    channel.publish(exchange, orderId, Buffer.from(submitted.ol_document), {
      persistent: true,
      messageId: submitted.ol_outboxeventid,
    });
    await channel.waitForConfirms();

    await expect.poll(() => events.of(orderId).map((handled) => handled.outcome)).toContain('duplicate');
    await expect.poll(async () => (await channel.checkQueue(queue)).messageCount).toBe(0);
    await connection.close();
    expect(backOffice.replayLog.length).toBe(writesBefore);
  });
});
