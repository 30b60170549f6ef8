/**
 * Scale-out (issue #7, PRODUCT.md C8): "several Orderline processes may share one database, and
 * dispatchers share the outbox without double delivery". Two `orderline serve` processes, A and B, each
 * with its in-process dispatcher, run as real operating-system processes on one fresh PostgreSQL
 * database, both configured with the same default webhook (ORDERLINE_WEBHOOK_URL/SECRET) pointing at
 * one loopback receiver that verifies signatures. They are started at the same moment on the empty
 * database, so both provision and migrate at once. Then, through both at once: 500 orders are created
 * (every number unique), all of them submitted (each delivered exactly once between the two
 * dispatchers), and If-Match writers race on shared orders (no update lost, every loser a 412).
 *
 * The `it`s run in order on the same two processes: each builds on what the one before left (the
 * orders it created, the integration it switched on). Nothing is killed here, so every answer must
 * be the expected one at the first attempt, and every event must reach the receiver exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Receiver, startReceiver } from '../bridge/receiver.js';
import { list, readOutbox, unrecordedSends } from '../reliability/burst.js';
import { deliveryReport, explain } from '../reliability/delivery-report.js';
import {
  type Client,
  forEachConcurrently,
  newWebhookSecret,
  orderlineClient,
  type Response,
  readAll,
  switchIntegrationOn,
} from '../reliability/orderline-client.js';
import {
  freePort,
  type OrderlineProcess,
  type ProcessGroup,
  processGroup,
  processOwningConnection,
} from '../reliability/processes.js';
import { createTestDatabase, TEST_STORES, type TestDatabase } from '../support/test-stores.js';

const ADMIN_TOKEN = 'scale-out-admin-token-0123456789abcdef';
const ORDERS = 500;
/** Clients working at once while creating and submitting, spread over both processes. */
const CLIENTS = 24;
/** Read-modify-write race: orders, writers per order (half through A, half through B), increments each. */
const COUNTER_ORDERS = 20;
const WRITERS_PER_ORDER = 10;
const INCREMENTS_PER_WRITER = 2;
/** Same-ETag race: rounds, and writers per round sending the one ETag they all read. */
const SAME_ETAG_ROUNDS = 10;
const SAME_ETAG_WRITERS = 20;
const TEST_TIMEOUT_MS = 180_000;
/** Until the receiver has every submitted order, counted from the last submit's answer. */
const DELIVERY_DEADLINE_MS = 90_000;
const ORDER_NUMBER = /^ORD-\d{5}-[A-Z0-9]{4}$/;
/** Dataverse's code for a failed If-Match precondition. */
const PRECONDITION_FAILED = '0x80060882';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Orderline {
  readonly process: OrderlineProcess;
  readonly client: Client;
}

interface CreatedOrder {
  readonly id: string;
  readonly ordernumber: string;
  /** The process that created it; its line was added through the other one. */
  readonly via: string;
}

/** What the run measured, printed in one line at the end whatever happened. */
const figures: Record<string, string | number> = {};

// Scale-out is PostgreSQL's: SQLite is one file for one machine. Skipped when ORDERLINE_TEST_STORES
// leaves PostgreSQL out.
describe.skipIf(!TEST_STORES.includes('postgres'))(
  'two `orderline serve` processes on one PostgreSQL (issue #7: scale-out; PostgreSQL only, skipped without it in ORDERLINE_TEST_STORES)',
  () => {
    let database: TestDatabase | undefined;
    let receiver: Receiver | undefined;
    let processes: ProcessGroup | undefined;
    let a: Orderline | undefined;
    let b: Orderline | undefined;
    /** Why a process did not start: the first `it` reports it, the others refuse to run without both. */
    let startFailures: string[] = [];
    let orders: CreatedOrder[] = [];

    beforeAll(async () => {
      database = await createTestDatabase('postgres');
      const group = processGroup();
      processes = group;
      const secret = newWebhookSecret();
      // The receiver names each connection's sender: the serve process holding its client end.
      receiver = await startReceiver(secret, 0, {
        identifyClient: (port, receiverPort) => processOwningConnection(port, receiverPort, group.members())?.name,
      });
      const environment = (port: number) => ({
        ORDERLINE_DB: database!.location,
        ORDERLINE_ADMIN_TOKEN: ADMIN_TOKEN,
        ORDERLINE_WEBHOOK_URL: receiver!.url,
        ORDERLINE_WEBHOOK_SECRET: secret,
        ORDERLINE_DISPATCHER: 'on',
        ORDERLINE_DISPATCH_POLL_MS: '50',
        ORDERLINE_LOG_LEVEL: 'info',
        PORT: String(port),
        HOST: '127.0.0.1',
      });
      const portA = await freePort();
      let portB = await freePort();
      while (portB === portA) portB = await freePort();
      const serveA = group.orderline('A', 'serve', environment(portA));
      const serveB = group.orderline('B', 'serve', environment(portB));
      // On purpose at the same moment, on the empty database: both migrate and provision at once.
      const started = Date.now();
      const outcomes = await Promise.allSettled([serveA.start(), serveB.start()]);
      figures.startMs = Date.now() - started;
      startFailures = outcomes.flatMap((outcome, index) =>
        outcome.status === 'rejected' ? [`${index === 0 ? 'A' : 'B'}: ${(outcome.reason as Error).message}`] : [],
      );
      a = { process: serveA, client: orderlineClient(serveA.baseUrl, ADMIN_TOKEN) };
      b = { process: serveB, client: orderlineClient(serveB.baseUrl, ADMIN_TOKEN) };
    }, 150_000);

    afterAll(async () => {
      console.info(`[postgres] two serve processes: ${summary()}`);
      await processes?.close();
      await receiver?.close();
      await database?.drop();
    });

    /** Both processes, running; the test stops here with the reason when they are not. */
    function both(): readonly [Orderline, Orderline] {
      if (!a || !b || startFailures.length > 0 || !a.process.running || !b.process.running) {
        throw new Error(
          `the two serve processes are not both running: ${list(startFailures)}\n${processes?.report() ?? ''}`,
        );
      }
      return [a, b];
    }

    /** Orderline's output, to read along with a failed expectation. */
    const report = () => processes?.report() ?? '';

    it('both start at the same moment on an empty database, and the database is provisioned once', {
      timeout: TEST_TIMEOUT_MS,
    }, async () => {
      expect(startFailures, `a process did not start\n${report()}`).toEqual([]);
      const [first, second] = both();
      for (const { process, client } of [first, second]) {
        expect((await fetch(`${process.baseUrl}health`)).status, process.name).toBe(200);
        // Provisioned once, whichever process did it and whichever process is asked.
        const count = async (path: string) => (await readAll(client, path)).length;
        expect(await count('organizations?$select=organizationid'), process.name).toBe(1);
        expect(await count('businessunits?$select=businessunitid'), process.name).toBe(1);
        expect(await count('transactioncurrencies?$select=transactioncurrencyid'), process.name).toBe(1);
        expect(await count(`systemusers?$select=systemuserid&$filter=domainname eq 'admin'`), process.name).toBe(1);
        const roles = (await readAll(client, 'roles?$select=name')).map((role) => String(role.name)).sort();
        expect(roles, process.name).toEqual([...new Set(roles)]);
        expect(roles, process.name).toContain('System Administrator');
        // Both registered the same default webhook: one connector, not one per process.
        const connectors = await readAll(client, 'ol_connectors?$select=ol_name,ol_url,statecode');
        expect(connectors, process.name).toEqual([
          expect.objectContaining({ ol_name: 'default', ol_url: receiver!.url, statecode: 0 }),
        ]);
      }
      expect(processes!.errors(), report()).toEqual([]);
    });

    it(`${ORDERS} orders created concurrently through both get ${ORDERS} distinct order numbers, read back through either`, {
      timeout: TEST_TIMEOUT_MS,
    }, async () => {
      const [first, second] = both();
      const failures: string[] = [];
      const created: CreatedOrder[] = [];
      const started = Date.now();
      await forEachConcurrently(
        Array.from({ length: ORDERS }, (_, index) => index),
        CLIENTS,
        async (index) => {
          const [creator, other] = index % 2 === 0 ? [first, second] : [second, first];
          const order = await answered(
            creator.client.call('salesorders', {
              method: 'POST',
              headers: { prefer: 'return=representation' },
              body: { name: `Scale-out order ${index}` },
            }),
            201,
            `create order ${index} through ${creator.process.name}`,
            failures,
          );
          if (!order) return;
          const id = String(order.json.salesorderid);
          created.push({ id, ordernumber: String(order.json.ordernumber), via: creator.process.name });
          // Its line goes through the other process: the order must be there at once.
          await answered(
            other.client.call('salesorderdetails', {
              method: 'POST',
              body: {
                isproductoverridden: true,
                productdescription: 'Write-in',
                quantity: 2,
                priceperunit: 10,
                'salesorderid@odata.bind': `/salesorders(${id})`,
              },
            }),
            204,
            `add a line to order ${index} through ${other.process.name}`,
            failures,
          );
        },
      );
      figures.createMs = Date.now() - started;
      expect(failures, report()).toEqual([]);
      expect(created).toHaveLength(ORDERS);
      expect(created.filter((order) => order.via === 'A')).toHaveLength(ORDERS / 2);

      const malformed = created.filter((order) => !ORDER_NUMBER.test(order.ordernumber));
      expect(malformed, 'order numbers not of the form ORD-01234-AB12').toEqual([]);
      expect(new Set(created.map((order) => order.ordernumber)).size, 'distinct order numbers').toBe(ORDERS);
      // The counter part alone is unique too: the random suffix is not what keeps them apart.
      expect(new Set(created.map((order) => order.ordernumber.split('-')[1])).size, 'distinct counters').toBe(ORDERS);

      // Each process reads every order with the number it was created with, and its line.
      const createdNumbers = new Map(created.map((order) => [order.id, order.ordernumber]));
      for (const { process, client } of [first, second]) {
        const rows = await readAll(
          client,
          'salesorders?$select=salesorderid,ordernumber,statecode&$expand=order_details($select=quantity)',
        );
        const readNumbers = new Map(rows.map((row) => [String(row.salesorderid), String(row.ordernumber)]));
        expect(readNumbers, `orders as ${process.name} reads them`).toEqual(createdNumbers);
        const withoutOneLine = rows.filter((row) => (row.order_details as unknown[] | undefined)?.length !== 1);
        expect(withoutOneLine, `orders without exactly one line, as ${process.name} reads them`).toEqual([]);
      }
      orders = created;
    });

    it(`the ${ORDERS} orders submitted concurrently through both are each delivered exactly once by the two dispatchers`, {
      timeout: TEST_TIMEOUT_MS,
    }, async () => {
      const [first, second] = both();
      expect(orders, 'the orders of the previous test').toHaveLength(ORDERS);
      const orderIds = orders.map((order) => order.id);
      // Switched on through B, submitted through both: A must see the switch at once.
      await switchIntegrationOn(second.client);

      const failures: string[] = [];
      const started = Date.now();
      await forEachConcurrently(
        orderIds.map((id, index) => ({ id, index })),
        CLIENTS,
        async ({ id, index }) => {
          // Both ways of submitting, each through both processes.
          const through = index % 2 === 0 ? first : second;
          const submit =
            index % 4 < 2
              ? through.client.call(`salesorders(${id})`, { method: 'PATCH', body: { statecode: 1, statuscode: 3 } })
              : through.client.call(`salesorders(${id})/Microsoft.Dynamics.CRM.ol_SubmitSalesOrder`, {
                  method: 'POST',
                  body: {},
                });
          await answered(submit, 204, `submit ${id} through ${through.process.name}`, failures);
        },
      );
      const submittedMs = Date.now() - started;
      figures.submitMs = submittedMs;
      expect(failures, report()).toEqual([]);

      const expected = { orderIds, acknowledged: new Set<string>() };
      const owed = () => deliveryReport(receiver!, expected);
      const deadline = Date.now() + DELIVERY_DEADLINE_MS;
      while (owed().missing.length > 0 && Date.now() < deadline) await sleep(50);
      figures.deliveredMs = Date.now() - started;
      // Then until the outbox has recorded every delivery, and a moment more for any late second send.
      let outbox = await readOutbox(first.client, orderIds);
      while (outbox.undelivered.length > 0 && Date.now() < deadline) {
        await sleep(250);
        outbox = await readOutbox(first.client, orderIds);
      }
      await sleep(1_000);
      outbox = await readOutbox(second.client, orderIds);
      const delivery = owed();

      const sendsPerEvent = countBy(receiver!.requests, (request) => request.id);
      const submitsPerOrder = countBy(
        receiver!.requests.filter((request) => request.json?.type === 'salesorder.submitted'),
        (request) => String(request.json?.orderId),
      );
      const sentBy = countBy(receiver!.requests, (request) => request.client ?? 'unknown');
      figures.webhookRequests = delivery.requests;
      figures.rawDuplicates = delivery.rawDuplicates;
      figures.sentBy = JSON.stringify(Object.fromEntries(sentBy));
      const context = [
        `submitted in ${submittedMs} ms, all received ${figures.deliveredMs} ms after the first submit; requests by sender ${figures.sentBy}`,
        explain(delivery),
        `outbox: deliveries by status ${JSON.stringify(outbox.deliveriesByStatus)}, ${outbox.attempts} attempts recorded, undelivered ${list(outbox.undelivered)}`,
        `orders not Submitted ${list(outbox.notSubmitted)}; orders without exactly one submitted event ${list(outbox.submittedEventCounts)}`,
        `failed attempts ${list(outbox.failedAttempts, 3)}`,
        report(),
      ].join('\n');

      // Every order Submitted, with one submitted event in the outbox, delivered and recorded so.
      expect(outbox.notSubmitted, context).toEqual([]);
      expect(outbox.submittedEventCounts, context).toEqual([]);
      expect(outbox.undelivered, context).toEqual([]);
      expect(outbox.failedAttempts, context).toEqual([]);
      expect(outbox.attempts, context).toBe(ORDERS);
      // The receiver got each order's submit once: no order missing, none sent twice (not even the
      // same event id again: nothing crashed, so at-least-once has no reason to repeat anything).
      expect(delivery.missing, context).toEqual([]);
      expect(delivery.unexpected, context).toEqual([]);
      expect(delivery.duplicateEvents, context).toEqual([]);
      expect(delivery.unverified, context).toBe(0);
      expect(delivery.overlapping, context).toEqual([]);
      expect(unrecordedSends(receiver!, outbox), context).toEqual([]);
      expect(delivery.rawDuplicates, context).toBe(0);
      expect(
        [...sendsPerEvent].filter(([, sends]) => sends !== 1),
        context,
      ).toEqual([]);
      expect(sendsPerEvent.size, context).toBe(ORDERS);
      expect(
        orderIds.filter((id) => submitsPerOrder.get(id) !== 1),
        context,
      ).toEqual([]);
      // Both dispatchers took part (how evenly is the claim loops' business), and every request came
      // from one of the two processes.
      expect(sentBy.get('A') ?? 0, context).toBeGreaterThan(0);
      expect(sentBy.get('B') ?? 0, context).toBeGreaterThan(0);
      expect(sentBy.get('unknown') ?? 0, context).toBe(0);
    });

    it(`If-Match read-modify-write through both loses no update: ${COUNTER_ORDERS} counters, ${WRITERS_PER_ORDER} writers each, retrying on 412`, {
      timeout: TEST_TIMEOUT_MS,
    }, async () => {
      const [first, second] = both();
      const counters = await createCounterOrders(first, second, COUNTER_ORDERS);
      const failures: string[] = [];
      /** Per order, the values successful writes set: each must be set once, 1 to the last. */
      const written = new Map<string, number[]>(counters.map((id) => [id, []]));
      let preconditionFailures = 0;
      const started = Date.now();

      async function writer(orderId: string, through: Orderline) {
        for (let done = 0; done < INCREMENTS_PER_WRITER && failures.length === 0; ) {
          const current = await through.client.call(`salesorders(${orderId})?$select=description`);
          if (current.status !== 200) {
            failures.push(`GET ${orderId} through ${through.process.name}: ${current.status} ${current.text}`);
            return;
          }
          const next = Number(current.json.description) + 1;
          const response = await through.client.call(`salesorders(${orderId})`, {
            method: 'PATCH',
            headers: { 'if-match': String(current.json['@odata.etag']) },
            body: { description: String(next) },
          });
          if (response.status === 204) {
            written.get(orderId)!.push(next);
            done += 1;
          } else if (response.status === 412 && response.json.error !== undefined) {
            preconditionFailures += 1;
          } else {
            failures.push(`PATCH ${orderId} through ${through.process.name}: ${response.status} ${response.text}`);
            return;
          }
        }
      }

      await Promise.all(
        counters.flatMap((orderId) =>
          Array.from({ length: WRITERS_PER_ORDER }, (_, index) => writer(orderId, index % 2 === 0 ? first : second)),
        ),
      );
      figures.counterRaceMs = Date.now() - started;
      figures.counterIncrements = COUNTER_ORDERS * WRITERS_PER_ORDER * INCREMENTS_PER_WRITER;
      figures.counter412s = preconditionFailures;
      expect(failures, report()).toEqual([]);

      const increments = WRITERS_PER_ORDER * INCREMENTS_PER_WRITER;
      for (const orderId of counters) {
        // No two successful writes started from the same value: each success took the counter one up.
        const values = written.get(orderId)!;
        expect(
          [...values].sort((x, y) => x - y),
          `values written to ${orderId}`,
        ).toEqual(Array.from({ length: increments }, (_, index) => index + 1));
        for (const { process, client } of [first, second]) {
          const final = await client.call(`salesorders(${orderId})?$select=description`);
          expect(final.json.description, `${orderId} as ${process.name} reads it`).toBe(String(increments));
        }
      }
      // With ten writers per order, conflicts are certain: the race was real.
      expect(preconditionFailures).toBeGreaterThan(0);
    });

    it(`${SAME_ETAG_WRITERS} writers sending one ETag at once through both: exactly one 204, the others 412`, {
      timeout: TEST_TIMEOUT_MS,
    }, async () => {
      const [first, second] = both();
      const [orderId] = await createCounterOrders(first, second, 1);
      let rejected = 0;
      for (let round = 0; round < SAME_ETAG_ROUNDS; round += 1) {
        const read = await (round % 2 === 0 ? first : second).client.call(
          `salesorders(${orderId})?$select=description`,
        );
        expect(read.status, read.text).toBe(200);
        const etag = String(read.json['@odata.etag']);
        const answers = await Promise.all(
          Array.from({ length: SAME_ETAG_WRITERS }, (_, writer) =>
            (writer % 2 === 0 ? first : second).client.call(`salesorders(${orderId})`, {
              method: 'PATCH',
              headers: { 'if-match': etag },
              body: { description: `round ${round} writer ${writer}` },
            }),
          ),
        );
        const statuses = answers.map((answer) => answer.status);
        const winners = answers.flatMap((answer, writer) => (answer.status === 204 ? [writer] : []));
        expect(winners, `round ${round}: statuses ${statuses.join(',')}`).toHaveLength(1);
        const losers = answers.filter((answer) => answer.status === 412);
        expect(losers, `round ${round}: statuses ${statuses.join(',')}`).toHaveLength(SAME_ETAG_WRITERS - 1);
        for (const loser of losers) expect(loser.json.error, loser.text).toMatchObject({ code: PRECONDITION_FAILED });
        rejected += losers.length;
        // The winner's write is the row, as either process reads it, with the ETag the winner was given.
        for (const { process, client } of [first, second]) {
          const after = await client.call(`salesorders(${orderId})?$select=description`);
          expect(after.json.description, process.name).toBe(`round ${round} writer ${winners[0]}`);
          expect(after.json['@odata.etag'], process.name).toBe(answers[winners[0]!]!.headers.get('etag'));
        }
      }
      figures.sameEtagRounds = SAME_ETAG_ROUNDS;
      figures.sameEtag412s = rejected;
    });

    it('neither process logged an error or ended by itself', () => {
      expect(processes!.unexpectedExits(), report()).toEqual([]);
      expect(processes!.errors(), report()).toEqual([]);
      both();
    });

    /** Orders (Active, with a line) whose `description` holds a counter starting at 0. */
    async function createCounterOrders(first: Orderline, second: Orderline, count: number): Promise<string[]> {
      const failures: string[] = [];
      const ids: string[] = [];
      await Promise.all(
        Array.from({ length: count }, async (_, index) => {
          const through = index % 2 === 0 ? first : second;
          const created = await answered(
            through.client.call('salesorders', {
              method: 'POST',
              headers: { prefer: 'return=representation' },
              body: { name: `Counter ${index}`, description: '0' },
            }),
            201,
            `create counter order ${index} through ${through.process.name}`,
            failures,
          );
          if (created) ids.push(String(created.json.salesorderid));
        }),
      );
      expect(failures, report()).toEqual([]);
      return ids;
    }
  },
);

/** The response when it has the expected status; otherwise the failure is noted and undefined returned. */
async function answered(
  call: Promise<Response>,
  status: number,
  what: string,
  failures: string[],
): Promise<Response | undefined> {
  try {
    const response = await call;
    if (response.status === status) return response;
    failures.push(`${what}: expected ${status}, got ${response.status} ${response.text.slice(0, 500)}`);
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? '';
    failures.push(`${what}: no answer (${(error as Error).message} ${cause})`);
  }
  return undefined;
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

function summary(): string {
  const f = figures;
  return [
    `started together in ${f.startMs ?? '-'} ms`,
    `${ORDERS} orders (+ a line each) created by ${CLIENTS} clients in ${f.createMs ?? '-'} ms`,
    `submitted in ${f.submitMs ?? '-'} ms, all received ${f.deliveredMs ?? '-'} ms after the first submit`,
    `${f.webhookRequests ?? '-'} webhook requests, ${f.rawDuplicates ?? '-'} raw duplicates, by sender ${f.sentBy ?? '-'}`,
    `${f.counterIncrements ?? '-'} If-Match increments on ${COUNTER_ORDERS} orders in ${f.counterRaceMs ?? '-'} ms with ${f.counter412s ?? '-'} 412s`,
    `${f.sameEtagRounds ?? '-'} same-ETag rounds of ${SAME_ETAG_WRITERS}: ${f.sameEtag412s ?? '-'} 412s`,
  ].join('; ');
}
