/**
 * The two bodies a connector can send: Dataverse's RemoteExecutionContext for receivers written
 * against Dataverse webhooks, and (over AMQP, to the real RabbitMQ) Orderline's document with the
 * event id as message id and the order id as routing key.
 */
import { randomBytes } from 'node:crypto';
import amqp from 'amqplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../lifecycle/support.js';
import type { TestServer } from '../support/test-app.js';
import { TEST_STORES } from '../support/test-stores.js';
import { type Receiver, startReceiver } from './receiver.js';
import { addWebhook, newSecret, startBridgeServer, submittedOrder } from './support.js';

const RABBITMQ = 'amqp://guest:guest@127.0.0.1:5672';

describe.each(TEST_STORES)('payload formats (%s)', (kind) => {
  let server: TestServer;
  let admin: Api;
  let receiver: Receiver;

  beforeAll(async () => {
    ({ server, admin } = await startBridgeServer(kind));
    const secret = newSecret();
    receiver = await startReceiver(secret);
    await addWebhook(admin, receiver.url, { secret, format: 2 });
  });
  afterAll(async () => {
    await server.close();
    await receiver.close();
  });

  it('sends a RemoteExecutionContext with typed values and the Dataverse headers', async () => {
    const orderId = await submittedOrder(admin, 2);
    await receiver.waitFor((r) => r.accepted().some((request) => request.json?.PrimaryEntityId === orderId));
    const request = receiver.accepted().find((candidate) => candidate.json?.PrimaryEntityId === orderId)!;
    expect(request.verified).toBe(true);
    expect(request.headers['x-ms-dynamics-entity-name']).toBe('salesorder');
    expect(request.headers['x-ms-dynamics-request-name']).toBe('salesorder.submitted');
    const context = request.json;
    expect(context.MessageName).toBe('ol_SubmitSalesOrder');
    expect(context.PrimaryEntityName).toBe('salesorder');
    expect(context.Stage).toBe(40);
    expect(context.Mode).toBe(1);
    expect(context.OperationCreatedOn).toMatch(/^\/Date\(\d+\)\/$/);
    const target = context.InputParameters.find((parameter: any) => parameter.key === 'Target').value;
    expect(target.LogicalName).toBe('salesorder');
    const attribute = (name: string) => target.Attributes.find((entry: any) => entry.key === name)?.value;
    expect(attribute('statecode')).toEqual({
      __type: 'OptionSetValue:http://schemas.microsoft.com/xrm/2011/Contracts',
      Value: 1,
    });
    expect(attribute('totalamount').__type).toMatch(/^Money:/);
    expect(attribute('transactioncurrencyid')).toMatchObject({ LogicalName: 'transactioncurrency' });
    expect(attribute('ownerid')).toMatchObject({ LogicalName: 'systemuser' });
    const shared = Object.fromEntries(context.SharedVariables.map((entry: any) => [entry.key, entry.value]));
    expect(JSON.parse(shared.ol_document).data.salesorderdetails).toHaveLength(2);
  });
});

describe.each(TEST_STORES)('AMQP connector to RabbitMQ (%s)', (kind) => {
  let server: TestServer;
  let admin: Api;
  let connection: amqp.ChannelModel;
  let channel: amqp.Channel;
  const exchange = `orderline.test.${randomBytes(4).toString('hex')}`;
  let queue: string;

  beforeAll(async () => {
    ({ server, admin } = await startBridgeServer(kind));
    connection = await amqp.connect(RABBITMQ);
    channel = await connection.createChannel();
    await channel.assertExchange(exchange, 'topic', { durable: true });
    ({ queue } = await channel.assertQueue('', { exclusive: true }));
    await channel.bindQueue(queue, exchange, '#');
  });
  afterAll(async () => {
    await server.close();
    await channel.deleteExchange(exchange);
    await connection.close();
  });

  it('publishes persistent messages with the event id as message id and the order id as routing key', async () => {
    const created = await admin('ol_connectors', {
      method: 'POST',
      body: {
        ol_name: 'rabbit',
        ol_kind: 2,
        ol_url: 'amqp://guest@127.0.0.1:5672',
        ol_secret: 'guest',
        ol_exchange: exchange,
      },
    });
    expect(created.status, created.text).toBe(204);
    const orderId = await submittedOrder(admin, 1);
    const messages: amqp.ConsumeMessage[] = [];
    await channel.consume(queue, (message) => {
      if (message) messages.push(message);
    });
    await expect.poll(() => messages.length, { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
    const [message] = messages;
    const body = JSON.parse(message!.content.toString('utf8'));
    expect(message!.fields.routingKey).toBe(orderId);
    expect(message!.properties.messageId).toBe(body.id);
    expect(message!.properties.deliveryMode).toBe(2);
    expect(body.type).toBe('salesorder.submitted');
    const stored = await admin(`ol_deliveries?$filter=ol_orderid eq ${orderId}&$select=ol_status`);
    await expect
      .poll(
        async () =>
          (await admin(`ol_deliveries?$filter=ol_orderid eq ${orderId}&$select=ol_status`)).json.value[0].ol_status,
      )
      .toBe(2);
    expect(stored.status).toBe(200);
  });

  it('refuses a password in the readable URL', async () => {
    const refused = await admin('ol_connectors', {
      method: 'POST',
      body: { ol_name: 'leaky', ol_kind: 2, ol_url: 'amqp://guest:guest@127.0.0.1:5672' },
    });
    expect(refused.status).toBe(400);
    expect(refused.json.error.message).toMatch(/ol_secret/);
  });
});
