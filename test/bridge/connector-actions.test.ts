/**
 * The back office's Web API actions (issue #14), on both stores: `ol_SendTestEvent` sends a connector a
 * signed test event through the dispatcher, recorded as a delivery and touching no order;
 * `ol_ReplayDeliveries` replays dead letters (one, a connector's) through the code path of
 * `orderline outbox replay`, each arriving once more with its original event id. Both are declared in
 * `$metadata` and refused, in the server's words, to whoever may not manage the back office.
 */
import { randomBytes } from 'node:crypto';
import amqp from 'amqplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, as, createUser, expectOk, expectRefused, read } from '../lifecycle/support.js';
import type { TestServer } from '../support/test-app.js';
import { TEST_STORES } from '../support/test-stores.js';
import { type Receiver, startReceiver } from './receiver.js';
import { addWebhook, newSecret, startBridgeServer, submittedOrder } from './support.js';

const RABBITMQ = 'amqp://guest:guest@127.0.0.1:5672';
const DELIVERED = 2;
const DEAD_LETTERED = 3;

const sendTestEvent = (api: Api, connectorId: string) =>
  api(`ol_connectors(${connectorId})/Microsoft.Dynamics.CRM.ol_SendTestEvent`, { method: 'POST', body: {} });
const replay = (api: Api, body: Record<string, string>) => api('ol_ReplayDeliveries', { method: 'POST', body });

async function deliveryStatus(api: Api, deliveryId: string): Promise<number> {
  return (await read(api, `ol_deliveries(${deliveryId})?$select=ol_status`)).ol_status;
}

describe.each(TEST_STORES)('back-office actions of the Web API (%s)', (kind) => {
  let server: TestServer;
  let admin: Api;
  let salesperson: Api;
  const secret = newSecret();
  let receiver: Receiver;
  let accepting = true;
  let connectorId: string;

  beforeAll(async () => {
    ({ server, admin } = await startBridgeServer(kind));
    salesperson = as(server, await createUser(server, { roles: ['Salesperson'], license: 3 }));
    receiver = await startReceiver(secret);
    receiver.answerWith(() => (accepting ? { status: 204 } : { status: 503, body: 'not yet' }));
    // No retry period: the first failure dead-letters, as the fast bridge suites do.
    connectorId = await addWebhook(admin, receiver.url, { secret, name: 'erp', retryHours: 0 });
  });
  afterAll(async () => {
    await server?.close();
    await receiver?.close();
  });

  it('declares both actions in $metadata, the test event bound to ol_connector', async () => {
    const response = await admin('$metadata', { headers: { accept: 'application/xml' } });
    expect(response.status).toBe(200);
    expect(response.text).toMatch(
      /<Action Name="ol_SendTestEvent" IsBound="true">\s*<Parameter Name="entity" Type="mscrm\.ol_connector" Nullable="false"\s*\/>\s*<ReturnType Type="mscrm\.ol_SendTestEventResponse"/,
    );
    expect(response.text).toMatch(/<Action Name="ol_ReplayDeliveries" IsBound="false">/);
    expect(response.text).toMatch(/<ComplexType Name="ol_ReplayDeliveriesResponse">/);
    expect(response.text).toMatch(
      /<ActionImport Name="ol_ReplayDeliveries" Action="Microsoft.Dynamics.CRM.ol_ReplayDeliveries"/,
    );
  });

  it('sends a signed test event that the receiver verifies, listed as a delivery, writing nothing on any order', async () => {
    const ordersBefore = (await read(admin, 'salesorders?$select=salesorderid')).value.length;
    const timelineBefore = (await read(admin, 'ol_timelineentries?$select=ol_timelineentryid')).value.length;
    const sent = await sendTestEvent(admin, connectorId);
    expectOk(sent, 200);
    const { EventId: eventId, DeliveryId: deliveryId } = sent.json;

    await receiver.waitFor((r) => r.accepted().some((request) => request.id === eventId));
    const [received] = receiver.requests.filter((request) => request.id === eventId);
    expect(received!.verified, 'signed with the connector’s secret').toBe(true);
    expect(received!.json).toMatchObject({
      id: eventId,
      type: 'ol_connector.test',
      data: { ol_connector: { ol_connectorid: connectorId, ol_name: 'erp' } },
    });
    await expect.poll(() => deliveryStatus(admin, deliveryId)).toBe(DELIVERED);
    const delivery = await read(admin, `ol_deliveries(${deliveryId})?$select=ol_eventtype,ol_connectorid`);
    expect(delivery).toMatchObject({ ol_eventtype: 'ol_connector.test', ol_connectorid: connectorId });

    expect((await read(admin, 'salesorders?$select=salesorderid')).value).toHaveLength(ordersBefore);
    expect((await read(admin, 'ol_timelineentries?$select=ol_timelineentryid')).value).toHaveLength(timelineBefore);
    expect((await read(admin, 'ol_RetrieveIntegrationStatus()')).EventsWithoutConnector).toBe(0);
  });

  it('carries the test event in the Dataverse RemoteExecutionContext shape to a connector that asks for it', async () => {
    const dataverse = await startReceiver(secret);
    try {
      const id = await addWebhook(admin, dataverse.url, { secret, name: 'dataverse-shaped', format: 2 });
      const sent = await sendTestEvent(admin, id);
      expectOk(sent, 200);
      await dataverse.waitFor((r) => r.accepted().some((request) => request.id === sent.json.EventId));
      const [received] = dataverse.requests;
      expect(received!.verified).toBe(true);
      expect(received!.headers['x-ms-dynamics-entity-name']).toBe('ol_connector');
      expect(received!.json).toMatchObject({ MessageName: 'ol_SendTestEvent', PrimaryEntityName: 'ol_connector' });
      expect(received!.json.PrimaryEntityId).toBe(id);
      expectOk(await admin(`ol_connectors(${id})`, { method: 'DELETE' }));
    } finally {
      await dataverse.close();
    }
  });

  it('refuses a test event to an inactive connector, and to a salesperson, changing nothing', async () => {
    const inactive = await addWebhook(admin, receiver.url, { secret, name: 'paused' });
    expectOk(await admin(`ol_connectors(${inactive})`, { method: 'PATCH', body: { statecode: 1, statuscode: 2 } }));
    expectRefused(await sendTestEvent(admin, inactive), 400, /The connector paused is inactive.*activate it first/);
    expectRefused(await sendTestEvent(salesperson, connectorId), 403);
    const queued = await read(admin, `ol_deliveries?$filter=ol_connectorid eq ${inactive}&$select=ol_deliveryid`);
    expect(queued.value).toEqual([]);
    expectOk(await admin(`ol_connectors(${inactive})`, { method: 'DELETE' }));
  });

  it('replays one dead letter: it arrives once more, with its original event id, and exactly once', async () => {
    accepting = false;
    const orderId = await submittedOrder(admin, 1);
    const deliveryOf = async () =>
      (
        await read(
          admin,
          `ol_deliveries?$filter=ol_orderid eq ${orderId}&$select=ol_deliveryid,ol_status,ol_outboxeventid`,
        )
      ).value[0];
    await expect.poll(async () => (await deliveryOf())?.ol_status).toBe(DEAD_LETTERED);
    const dead = await deliveryOf();
    const eventId = dead.ol_outboxeventid;
    expect(receiver.accepted().filter((request) => request.id === eventId)).toEqual([]);

    // Refused to a salesperson, changing nothing.
    expectRefused(await replay(salesperson, { DeliveryId: dead.ol_deliveryid }), 403, /ol_delivery/);
    expect(await deliveryStatus(admin, dead.ol_deliveryid)).toBe(DEAD_LETTERED);

    accepting = true;
    const replayed = await replay(admin, { DeliveryId: dead.ol_deliveryid });
    expectOk(replayed, 200);
    expect(replayed.json).toMatchObject({ Replayed: 1, DeliveryIds: [dead.ol_deliveryid] });
    await expect.poll(async () => (await deliveryOf()).ol_status).toBe(DELIVERED);
    // Refused once (503), then replayed: the same event id both times, accepted once.
    const arrived = receiver.requests.filter((request) => request.json?.orderId === orderId);
    expect(arrived.map((request) => [request.id, request.verified])).toEqual([
      [eventId, true],
      [eventId, true],
    ]);
    expect(receiver.accepted().filter((request) => request.id === eventId)).toHaveLength(1);

    expectRefused(await replay(admin, { DeliveryId: dead.ol_deliveryid }), 400, /is not dead-lettered/);
    const entries = await read(
      admin,
      `ol_timelineentries?$filter=_ol_salesorderid_value eq ${orderId} and ol_kind eq 10`,
    );
    expect(entries.value).toHaveLength(1);
  });

  it('replays every dead letter of a connector in one call, and only that connector’s', async () => {
    accepting = false;
    const other = await startReceiver(secret);
    other.answerWith(() => ({ status: 503 }));
    const otherId = await addWebhook(admin, other.url, { secret, name: 'other', retryHours: 0 });
    try {
      const orders = [await submittedOrder(admin, 1), await submittedOrder(admin, 1)];
      const statuses = async (connector: string) =>
        (await read(admin, `ol_deliveries?$filter=ol_connectorid eq ${connector}&$select=ol_status,ol_orderid`)).value
          .filter((row: { ol_orderid: string }) => orders.includes(row.ol_orderid))
          .map((row: { ol_status: number }) => row.ol_status);
      await expect.poll(() => statuses(connectorId)).toEqual([DEAD_LETTERED, DEAD_LETTERED]);
      await expect.poll(() => statuses(otherId)).toEqual([DEAD_LETTERED, DEAD_LETTERED]);

      accepting = true;
      const replayed = await replay(admin, { ConnectorId: connectorId });
      expectOk(replayed, 200);
      expect(replayed.json.Replayed).toBe(2);
      await expect.poll(() => statuses(connectorId)).toEqual([DELIVERED, DELIVERED]);
      expect(await statuses(otherId)).toEqual([DEAD_LETTERED, DEAD_LETTERED]);
      for (const orderId of orders) {
        expect(receiver.accepted().filter((request) => request.json?.orderId === orderId)).toHaveLength(1);
      }
    } finally {
      expectOk(await admin(`ol_connectors(${otherId})`, { method: 'DELETE' }));
      await other.close();
    }
  });

  it('refuses malformed and unknown ids in the Dataverse error shape', async () => {
    expectRefused(await replay(admin, { DeliveryId: 'not-a-guid' }), 400, /DeliveryId/);
    expectRefused(await replay(admin, { ConnectorId: '00000000-0000-0000-0000-000000000001' }), 404);
    expectRefused(await sendTestEvent(admin, '00000000-0000-0000-0000-000000000001'), 404);
  });
});

describe.each(TEST_STORES)('a test event to an AMQP connector (%s)', (kind) => {
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
    await server?.close();
    await channel?.deleteExchange(exchange);
    await connection?.close();
  });

  it('is published on the connector’s exchange, its event id as message id and routing key', async () => {
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
    expectOk(created);
    const id = /\(([^)]+)\)$/.exec(created.headers.get('odata-entityid')!)![1]!;
    const messages: amqp.ConsumeMessage[] = [];
    await channel.consume(queue, (message) => {
      if (message) messages.push(message);
    });
    const sent = await sendTestEvent(admin, id);
    expectOk(sent, 200);
    await expect.poll(() => messages.length, { timeout: 15_000 }).toBe(1);
    const body = JSON.parse(messages[0]!.content.toString('utf8'));
    expect(body).toMatchObject({ id: sent.json.EventId, type: 'ol_connector.test' });
    expect(messages[0]!.properties.messageId).toBe(sent.json.EventId);
    expect(messages[0]!.fields.routingKey).toBe(sent.json.EventId);
    await expect.poll(() => deliveryStatus(admin, sent.json.DeliveryId)).toBe(DELIVERED);
  });
});
