/**
 * What an administrator does to connectors from Administration > Back office, in Chromium, on both
 * stores (issue #14): send a webhook a test event that a receiver in the test verifies; replay a dead
 * letter (one, then all) that then arrives exactly once with its original event id; rotate a webhook's
 * secret, both secrets signing during the rotation; add an AMQP connector whose test event reaches a
 * queue bound on the real RabbitMQ. The steps run in the order written.
 */
import { randomBytes } from 'node:crypto';
import amqp from 'amqplib';
import type { Browser, Page } from 'playwright-core';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ReceivedRequest, type Receiver, startReceiver } from '../bridge/receiver.js';
import { FAST_DISPATCH } from '../bridge/support.js';
import { ADMIN_TOKEN, type TestServer } from '../support/test-app.js';
import { TEST_STORES } from '../support/test-stores.js';
import { expectAccessible } from './support/accessibility.js';
import { launchChromium } from './support/chromium.js';
import { expectAbsent, openAs } from './support/hub-pages.js';
import { createSalesRecord, createUser, type HubUser, setIntegration, startHubServer } from './support/hub-server.js';

const RABBITMQ = 'amqp://guest:guest@127.0.0.1:5672';
const TEST_EVENT = 'ol_connector.test';
const newSecret = () => `whsec_${randomBytes(24).toString('base64')}`;

async function openBackOffice(page: Page): Promise<void> {
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Site map' }).getByRole('link', { name: 'Back office' }).click();
  await page.getByRole('heading', { level: 1, name: 'Back office' }).waitFor();
}

const connectorRow = (page: Page, name: string) =>
  page.getByRole('table', { name: 'Connectors' }).getByRole('row').filter({ hasText: name });

/** Whether `secret` alone verifies the request's signature, as a receiver holding only it would check. */
function verifiesWith(secret: string, request: ReceivedRequest): boolean {
  try {
    new Webhook(secret).verify(request.body, {
      'webhook-id': request.id,
      'webhook-timestamp': request.timestamp,
      'webhook-signature': request.signature,
    });
    return true;
  } catch {
    return false;
  }
}

describe.each(TEST_STORES)(
  'connector actions on the Back office page, in Chromium (%s)',
  { timeout: 90_000 },
  (kind) => {
    let server: TestServer;
    let browser: Browser;
    let receiver: Receiver;
    let salesperson: HubUser;
    let accepting = true;
    const secret = newSecret();

    /** A test event sent from the page, as the receiver got it. */
    async function sendTestEventFromPage(page: Page, connector: string, to: Receiver): Promise<ReceivedRequest> {
      const before = to.requests.length;
      await connectorRow(page, connector)
        .getByRole('button', { name: `Send test event to ${connector}` })
        .click();
      await page
        .getByRole('status')
        .getByText(new RegExp(`A test event \\(id .+\\) is on its way to ${connector}`))
        .waitFor();
      await to.waitFor((r) => r.requests.slice(before).some((request) => request.json?.type === TEST_EVENT));
      return to.requests.slice(before).find((request) => request.json?.type === TEST_EVENT)!;
    }

    async function submittedOrder(name: string): Promise<string> {
      const orderId = await createSalesRecord(server, { set: 'salesorders', name, desks: 1 }, salesperson.token);
      const submitted = await server.api(`salesorders(${orderId})`, {
        method: 'PATCH',
        token: salesperson.token,
        body: { statecode: 1, statuscode: 3 },
      });
      expect(submitted.status, submitted.text).toBe(204);
      return orderId;
    }

    const deliveryOf = async (orderId: string) =>
      (await server.api(`ol_deliveries?$filter=ol_orderid eq ${orderId}&$select=ol_status,ol_outboxeventid`)).json
        .value[0];

    beforeAll(async () => {
      server = await startHubServer({ app: { dispatcher: FAST_DISPATCH } }, kind);
      browser = await launchChromium();
      receiver = await startReceiver(secret);
      receiver.answerWith(() => (accepting ? { status: 204 } : { status: 503, body: 'back office down' }));
      salesperson = await createUser(server, {
        firstName: 'Cole',
        lastName: 'Seller',
        roles: ['Salesperson'],
        license: 3,
      });
      await setIntegration(server, true);
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
      await receiver?.close();
    });

    it('a webhook connector added on the page receives a signed test event, listed as a delivery', async () => {
      const page = await openAs(browser, server.baseUrl, ADMIN_TOKEN);
      await openBackOffice(page);
      const form = page.getByRole('form', { name: 'Add webhook connector' });
      await form.getByRole('textbox', { name: 'Name' }).fill('erp');
      await form.getByRole('textbox', { name: 'URL' }).fill(receiver.url);
      await form.getByLabel('Signing secret').fill(secret);
      await form.getByRole('button', { name: 'Add webhook connector' }).click();
      await connectorRow(page, 'erp').getByRole('cell', { name: 'Active', exact: true }).waitFor();

      const received = await sendTestEventFromPage(page, 'erp', receiver);
      expect(received.verified, 'signed with the connector’s secret').toBe(true);
      expect(received.json.data.ol_connector.ol_name).toBe('erp');

      await page.getByRole('button', { name: 'Refresh' }).click();
      const testRow = page
        .getByRole('table', { name: 'Recent deliveries' })
        .getByRole('row')
        .filter({ hasText: TEST_EVENT });
      await testRow.filter({ hasText: '(test event)' }).getByRole('cell', { name: 'Delivered' }).waitFor();
      await expectAccessible(page, 'the Back office page after a test event');
      await page.context().close();
    });

    it('a dead letter replayed from the page arrives once more, with its original event id, exactly once', async () => {
      // No retry period: the first failure dead-letters, as the bridge suites do.
      const connectors = await server.api(`ol_connectors?$filter=ol_name eq 'erp'&$select=ol_connectorid`);
      const erp = connectors.json.value[0].ol_connectorid;
      expect((await server.api(`ol_connectors(${erp})`, { method: 'PATCH', body: { ol_retryhours: 0 } })).status).toBe(
        204,
      );
      accepting = false;
      const orderId = await submittedOrder('Order the back office refused');
      await expect.poll(async () => (await deliveryOf(orderId))?.ol_status, { timeout: 20_000 }).toBe(3);
      const eventId = (await deliveryOf(orderId)).ol_outboxeventid;

      const page = await openAs(browser, server.baseUrl, ADMIN_TOKEN);
      await openBackOffice(page);
      await page.getByRole('heading', { name: 'Dead letters (1)' }).waitFor();
      const deadRow = page.getByRole('table', { name: 'Dead letters' }).getByRole('row').filter({ hasText: orderId });
      await deadRow.getByText(/HTTP 503: back office down/).waitFor();
      await expectAccessible(page, 'the Back office page with a dead letter');

      accepting = true;
      await deadRow.getByRole('button', { name: /^Replay salesorder\.submitted/ }).click();
      await page.getByRole('status').getByText('One dead letter was queued again', { exact: false }).waitFor();
      await receiver.waitFor((r) => r.accepted().some((request) => request.json?.orderId === orderId));
      await page.getByRole('heading', { name: 'Dead letters (0)' }).waitFor();
      await expect.poll(async () => (await deliveryOf(orderId)).ol_status).toBe(2);
      const arrivals = receiver.requests.filter((request) => request.json?.orderId === orderId);
      expect(arrivals.map((request) => [request.id, request.verified])).toEqual([
        [eventId, true],
        [eventId, true],
      ]);
      expect(receiver.accepted().filter((request) => request.id === eventId)).toHaveLength(1);
      await page.context().close();
    });

    it('Replay all sends every dead letter again, each once', async () => {
      accepting = false;
      const orders = [await submittedOrder('First refused order'), await submittedOrder('Second refused order')];
      for (const orderId of orders) {
        await expect.poll(async () => (await deliveryOf(orderId))?.ol_status, { timeout: 20_000 }).toBe(3);
      }
      const page = await openAs(browser, server.baseUrl, ADMIN_TOKEN);
      await openBackOffice(page);
      await page.getByRole('heading', { name: 'Dead letters (2)' }).waitFor();
      accepting = true;
      await page.getByRole('button', { name: 'Replay all' }).click();
      await page.getByRole('status').getByText('2 dead letters were queued again', { exact: false }).waitFor();
      for (const orderId of orders) {
        await receiver.waitFor((r) => r.accepted().some((request) => request.json?.orderId === orderId));
        await expect.poll(async () => (await deliveryOf(orderId)).ol_status).toBe(2);
        expect(receiver.accepted().filter((request) => request.json?.orderId === orderId)).toHaveLength(1);
      }
      await page.context().close();
    });

    it('rotating the secret signs with both secrets, then with the new one only; neither is shown again', async () => {
      const next = newSecret();
      const page = await openAs(browser, server.baseUrl, ADMIN_TOKEN);
      await openBackOffice(page);
      await connectorRow(page, 'erp').getByRole('button', { name: 'Rotate secret of erp' }).click();
      const dialog = page.getByRole('dialog', { name: 'Rotate the secret of erp' });
      await dialog.getByLabel('New signing secret').fill('whsec_short');
      await dialog.getByRole('button', { name: 'Save secret' }).click();
      await dialog
        .getByRole('alert')
        .getByText(/ol_secret/)
        .waitFor();
      await expectAccessible(page, 'the rotation dialog with the server’s refusal');

      await dialog.getByLabel('New signing secret').fill(next);
      await dialog.getByLabel('Current signing secret (optional)').fill(secret);
      await dialog.getByRole('button', { name: 'Save secret' }).click();
      await page
        .getByRole('status')
        .getByText('requests are signed with both until the next rotation', { exact: false })
        .waitFor();
      const during = await sendTestEventFromPage(page, 'erp', receiver);
      expect([verifiesWith(secret, during), verifiesWith(next, during)]).toEqual([true, true]);

      await connectorRow(page, 'erp').getByRole('button', { name: 'Rotate secret of erp' }).click();
      await dialog.getByLabel('New signing secret').fill(next);
      await dialog.getByRole('button', { name: 'Save secret' }).click();
      await page.getByRole('status').getByText('The new secret of erp was saved', { exact: false }).waitFor();
      const after = await sendTestEventFromPage(page, 'erp', receiver);
      expect([verifiesWith(secret, after), verifiesWith(next, after)]).toEqual([false, true]);

      const content = await page.content();
      expect(content, 'the secrets are never shown').not.toContain(next.slice(6));
      expect(content).not.toContain(secret.slice(6));
      const read = await server.api(`ol_connectors?$filter=ol_name eq 'erp'`);
      expect(read.text, 'nor read back').not.toContain(next.slice(6));
      await page.context().close();
    });

    it('an AMQP connector added on the page publishes its test event to a queue bound on RabbitMQ', async () => {
      const exchange = `orderline.e2e.${randomBytes(4).toString('hex')}`;
      const connection = await amqp.connect(RABBITMQ);
      try {
        const channel = await connection.createChannel();
        await channel.assertExchange(exchange, 'topic', { durable: true });
        const { queue } = await channel.assertQueue('', { exclusive: true });
        await channel.bindQueue(queue, exchange, '#');
        const messages: amqp.ConsumeMessage[] = [];
        await channel.consume(queue, (message) => {
          if (message) messages.push(message);
        });

        const page = await openAs(browser, server.baseUrl, ADMIN_TOKEN);
        await openBackOffice(page);
        const form = page.getByRole('form', { name: 'Add AMQP connector' });
        await form.getByRole('textbox', { name: 'Name' }).fill('rabbit');
        await form.getByRole('textbox', { name: 'Broker URL' }).fill('amqp://guest:guest@127.0.0.1:5672');
        await form.getByLabel('Password').fill('guest');
        await form.getByRole('textbox', { name: 'Exchange' }).fill(exchange);
        await form.getByRole('button', { name: 'Add AMQP connector' }).click();
        // The server keeps passwords out of the readable URL, and says so.
        await page.getByRole('alert').getByText('must not hold a password', { exact: false }).waitFor();
        await expectAbsent(connectorRow(page, 'rabbit'), 'A connector refused by the server');
        await form.getByRole('textbox', { name: 'Broker URL' }).fill('amqp://guest@127.0.0.1:5672');
        await form.getByRole('button', { name: 'Add AMQP connector' }).click();
        await page.getByText('The AMQP connector rabbit was added.').waitFor();
        const row = connectorRow(page, 'rabbit');
        await row.getByRole('cell', { name: 'Active', exact: true }).waitFor();
        expect(await row.textContent()).toContain(`exchange ${exchange}`);
        await expectAbsent(row.getByRole('button', { name: /Rotate/ }), 'Rotate secret on an AMQP connector');

        await row.getByRole('button', { name: 'Send test event to rabbit' }).click();
        await page
          .getByRole('status')
          .getByText(/A test event \(id .+\) is on its way to rabbit/)
          .waitFor();
        await expect.poll(() => messages.length, { timeout: 15_000 }).toBe(1);
        const body = JSON.parse(messages[0]!.content.toString('utf8'));
        expect(body.type).toBe(TEST_EVENT);
        expect(body.data.ol_connector.ol_name).toBe('rabbit');
        expect(messages[0]!.properties.messageId).toBe(body.id);
        await expectAccessible(page, 'the Back office page with an AMQP connector');
        await page.context().close();
      } finally {
        // The connector is deleted before its exchange, so nothing publishes to a missing exchange.
        const rabbit = await server.api(`ol_connectors?$filter=ol_name eq 'rabbit'&$select=ol_connectorid`);
        for (const row of rabbit.json?.value ?? []) {
          await server.api(`ol_connectors(${row.ol_connectorid})`, { method: 'DELETE' });
        }
        const cleanup = await connection.createChannel();
        await cleanup.deleteExchange(exchange);
        await connection.close();
      }
    });
  },
);
