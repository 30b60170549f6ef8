/**
 * No silent stuck orders (issue #14): with the integration on and no connector, submitted orders are
 * locked and their events wait. The integration status says so, and the first connector added takes
 * every waiting event, delivering each once, in the order it was written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, as, createUser, expectOk, read } from '../lifecycle/support.js';
import type { TestServer } from '../support/test-app.js';
import { TEST_STORES } from '../support/test-stores.js';
import { type Receiver, startReceiver } from './receiver.js';
import { addWebhook, newSecret, startBridgeServer, submittedOrder } from './support.js';

const status = (api: Api) => read(api, 'ol_RetrieveIntegrationStatus()');

describe.each(TEST_STORES)('events that wait for a connector (%s)', (kind) => {
  let server: TestServer;
  let admin: Api;
  let backOffice: Api;
  let salesperson: Api;
  const receivers: Receiver[] = [];
  const orders: string[] = [];

  beforeAll(async () => {
    ({ server, admin, backOffice } = await startBridgeServer(kind));
    salesperson = as(server, await createUser(server, { roles: ['Salesperson'] }));
  });
  afterAll(async () => {
    await server.close();
    await Promise.all(receivers.map((receiver) => receiver.close()));
  });

  it('the status says the integration is on with nothing connected, before and after orders are submitted', async () => {
    expect(await status(admin)).toMatchObject({
      IntegrationEnabled: true,
      ActiveConnectors: 0,
      WaitingForConnector: true,
      EventsWithoutConnector: 0,
      OldestWaitingOn: null,
      // The administrator may turn the integration off: the server names no reason why not.
      SwitchRefusal: null,
    });
    for (let index = 0; index < 2; index++) {
      const orderId = await submittedOrder(admin, 1);
      // The back office cannot answer yet, but the system may still change the order: two more events.
      for (const revision of [1, 2]) {
        expectOk(
          await backOffice(`salesorders(${orderId})`, {
            method: 'PATCH',
            body: { ol_backofficerevision: revision, ol_backofficetotalamount: 10 + revision },
          }),
        );
      }
      orders.push(orderId);
    }
    const waiting = await status(admin);
    expect(waiting).toMatchObject({ WaitingForConnector: true, EventsWithoutConnector: 6 });
    expect(Date.parse(waiting.OldestWaitingOn)).toBeGreaterThan(Date.now() - 120_000);
  });

  it('a salesperson learns that nothing is connected, but not how much of everyone’s work waits', async () => {
    expect(await status(salesperson)).toEqual({
      '@odata.context': expect.stringContaining('$metadata#Edm.Untyped'),
      IntegrationEnabled: true,
      ActiveConnectors: 0,
      WaitingForConnector: true,
      EventsWithoutConnector: null,
      DeliveriesHeldByInactiveConnectors: null,
      OldestWaitingOn: null,
      SwitchRefusal: expect.stringMatching(
        /^Turning the order processing integration .* requires the System Customizer or System Administrator role/,
      ),
    });
  });

  it('the first connector added receives every waiting event once, each order’s in the order written', async () => {
    const secret = newSecret();
    const receiver = await startReceiver(secret);
    receivers.push(receiver);
    await addWebhook(admin, receiver.url, { secret, name: 'first' });
    await receiver.waitFor((r) => r.accepted().length >= 6);
    // Give a duplicate the time to show up.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(receiver.requests).toHaveLength(6);
    expect(receiver.requests.every((request) => request.verified)).toBe(true);
    expect(new Set(receiver.requests.map((request) => request.id)).size).toBe(6);
    for (const orderId of orders) {
      const received = receiver.requests.filter((request) => request.json.orderId === orderId).map((r) => r.json);
      expect(received.map((event) => event.type)).toEqual([
        'salesorder.submitted',
        'salesorder.updated',
        'salesorder.updated',
      ]);
      const sequences = received.map((event) => BigInt(event.sequence));
      expect([...sequences].sort((a, b) => (a < b ? -1 : 1))).toEqual(sequences);
      expect(received.map((event) => event.origin.backOfficeRevision)).toEqual([null, '1', '2']);
    }
    expect(await status(admin)).toMatchObject({
      ActiveConnectors: 1,
      WaitingForConnector: false,
      EventsWithoutConnector: 0,
      OldestWaitingOn: null,
    });
  });

  it('a connector added later does not get the events the first one took', async () => {
    const receiver = await startReceiver();
    receivers.push(receiver);
    await addWebhook(admin, receiver.url, { name: 'second' });
    const orderId = await submittedOrder(admin, 1);
    await receiver.waitFor((r) => r.accepted().length >= 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.requests.map((request) => request.json.orderId)).toEqual([orderId]);
    expect(receivers[0]!.requests.filter((request) => request.json.orderId === orderId)).toHaveLength(1);
  });

  it('an inactive connector holds events: the status counts them and still says nothing delivers', async () => {
    const connectors = await read(admin, 'ol_connectors?$select=ol_connectorid');
    for (const connector of connectors.value) {
      expectOk(
        await admin(`ol_connectors(${connector.ol_connectorid})`, {
          method: 'PATCH',
          body: { statecode: 1, statuscode: 2 },
        }),
      );
    }
    await submittedOrder(admin, 1);
    expect(await status(admin)).toMatchObject({
      ActiveConnectors: 0,
      WaitingForConnector: true,
      EventsWithoutConnector: 0,
      DeliveriesHeldByInactiveConnectors: 2,
    });
  });

  it('with the integration off nothing is waiting for a connector, whatever is connected', async () => {
    const organization = await read(admin, 'organizations?$select=organizationid');
    expectOk(
      await admin(`organizations(${organization.value[0].organizationid})`, {
        method: 'PATCH',
        body: { issopintegrationenabled: false },
      }),
    );
    expect(await status(salesperson)).toMatchObject({ IntegrationEnabled: false, WaitingForConnector: false });
  });
});
