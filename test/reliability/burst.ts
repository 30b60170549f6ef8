/**
 * The burst the crash suites share: Orderline processes on a fresh database, a webhook connector to a
 * deduping receiver on loopback, 1,000 Active orders with a line each, then all of them submitted at
 * once (32 clients) and every fourth one acknowledged by the back office right after its submit, so
 * those orders have two events whose order matters. Then: wait until the receiver has everything, and
 * read back what the outbox says. Every step has a deadline inside the test's own, so a stuck burst
 * fails with what it was doing and what is missing rather than with a bare timeout.
 */
import { type Receiver, startReceiver } from '../bridge/receiver.js';
import { createTestDatabase, type StoreKind, type TestDatabase } from '../support/test-stores.js';
import { type DeliveryReport, deliveryReport, type ExpectedEvents, explain, isComplete } from './delivery-report.js';
import {
  acknowledgeOrder,
  addWebhookConnector,
  type Client,
  createOrders,
  forEachConcurrently,
  integrationUserToken,
  newRetryCounter,
  newWebhookSecret,
  orderlineClient,
  type RetryCounter,
  readAll,
  submitOrder,
  switchIntegrationOn,
} from './orderline-client.js';
import {
  freePort,
  type OrderlineProcess,
  type ProcessGroup,
  processGroup,
  processOwningConnection,
} from './processes.js';

export const ADMIN_TOKEN = 'reliability-admin-token-0123456789abcdef';
export const BURST_ORDERS = 1_000;
export const BURST_CONCURRENCY = 32;

export interface BurstOptions {
  readonly kind: StoreKind;
  /** Whether `orderline serve` runs its own dispatcher (ORDERLINE_DISPATCHER). */
  readonly serverDispatcher: 'on' | 'off';
  /**
   * The connector's timeout. With ORDERLINE_DISPATCH_LEASE_MARGIN_MS it makes the lease, after which
   * a killed dispatcher's claims go out again: short enough to recover soon, long enough that a busy
   * two-core machine does not time out a receiver that answers in milliseconds.
   */
  readonly connectorTimeoutMs: number;
  readonly leaseMarginMs: number;
  /** The receiver answers after this many milliseconds, at random in [min, max]. */
  readonly receiverDelayMs?: readonly [number, number];
  /** Name each request's sender among the standalone dispatchers (through /proc). */
  readonly identifySenders?: boolean;
}

export interface Outcome {
  readonly report: DeliveryReport;
  readonly outbox: OutboxState;
  /** Event ids sent more often than attempts were recorded for them (see `unrecordedSends`). */
  readonly unrecorded: readonly string[];
  /** Milliseconds from the start of the burst until the receiver had everything. */
  readonly deliveredMs: number;
}

export interface Burst {
  readonly kind: StoreKind;
  readonly processes: ProcessGroup;
  readonly receiver: Receiver;
  readonly server: OrderlineProcess;
  readonly admin: Client;
  readonly expected: ExpectedEvents;
  readonly counter: RetryCounter;
  readonly progress: { submitted: number; acknowledged: number };
  /** How long starting the server and creating the orders took. */
  readonly preparedInMs: number;
  /** A standalone `orderline dispatch` on the same database, started. */
  startDispatcher(name: string, environment?: Record<string, string>): Promise<OrderlineProcess>;
  /** Submits every order (and acknowledges some), retrying what a killed server left unanswered. */
  submitAll(): Promise<void>;
  /** Milliseconds since `submitAll` began. */
  elapsed(): number;
  /** Waits until the receiver has every owed event and the outbox has recorded them all delivered. */
  outcome(timeoutMs: number): Promise<Outcome>;
  /** What was happening, for a message. */
  state(): string;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What every burst prepared so far still holds, released by `closeBursts`. */
const openBursts = new Set<() => Promise<void>>();

/**
 * Kills the processes, closes the receivers and drops the databases of every burst, including one
 * still being prepared when its test gave up; for afterEach.
 */
export async function closeBursts(): Promise<void> {
  for (const release of [...openBursts]) await release();
}

export async function prepareBurst(options: BurstOptions): Promise<Burst> {
  const processes = processGroup();
  const counter = newRetryCounter();
  const preparing = Date.now();
  let phase = 'creating the database';
  let database: TestDatabase | undefined;
  let receiver: Receiver | undefined;
  let closed = false;
  // Each resource is released once, whenever it exists: preparing goes on after a test gave up, and
  // what it creates after that is released when it notices.
  async function release() {
    closed = true;
    counter.stopped = true;
    await processes.close();
    const [openReceiver, openDatabase] = [receiver, database];
    receiver = undefined;
    database = undefined;
    await openReceiver?.close();
    await openDatabase?.drop();
    openBursts.delete(release);
  }
  openBursts.add(release);
  const unlessClosed = <T>(value: T): T => {
    if (closed) throw new Error('the test is over');
    return value;
  };
  try {
    database = await createTestDatabase(options.kind);
    const location = unlessClosed(database).location;
    const environment = (extra: Record<string, string>) => ({
      ORDERLINE_DB: location,
      ORDERLINE_ADMIN_TOKEN: ADMIN_TOKEN,
      ORDERLINE_LOG_LEVEL: 'info',
      ORDERLINE_DISPATCH_POLL_MS: '50',
      ORDERLINE_DISPATCH_LEASE_MARGIN_MS: String(options.leaseMarginMs),
      HOST: '127.0.0.1',
      ...extra,
    });
    const secret = newWebhookSecret();
    const dispatchers = () => processes.members().filter((member) => member.command === 'dispatch');
    receiver = await startReceiver(
      secret,
      0,
      options.identifySenders
        ? { identifyClient: (port, receiverPort) => processOwningConnection(port, receiverPort, dispatchers())?.name }
        : {},
    );
    const readyReceiver = unlessClosed(receiver);
    const delay = options.receiverDelayMs;
    if (delay) {
      readyReceiver.answerWith(() => ({
        status: 204,
        delayMs: delay[0] + Math.floor(Math.random() * (delay[1] - delay[0] + 1)),
      }));
    }
    phase = 'starting the server';
    const server = processes.orderline(
      'server',
      'serve',
      environment({ PORT: String(await freePort()), ORDERLINE_DISPATCHER: options.serverDispatcher }),
    );
    await server.start();
    phase = 'setting up the integration';
    const admin = orderlineClient(server.baseUrl, ADMIN_TOKEN);
    await switchIntegrationOn(admin);
    await addWebhookConnector(admin, readyReceiver.url, secret, options.connectorTimeoutMs);
    const backOffice = admin.as(await integrationUserToken(admin));
    phase = `creating ${BURST_ORDERS} orders`;
    const orderIds = await createOrders(admin, BURST_ORDERS);
    const expected: ExpectedEvents = {
      orderIds,
      // Every fourth order is acknowledged by the back office after its submit.
      acknowledged: new Set(orderIds.filter((_, index) => index % 4 === 0)),
    };
    const progress = { submitted: 0, acknowledged: 0 };
    let started = Date.now();
    phase = 'ready';

    const burst: Burst = {
      kind: options.kind,
      processes,
      receiver: readyReceiver,
      server,
      admin,
      expected,
      counter,
      progress,
      preparedInMs: Date.now() - preparing,
      async startDispatcher(name, extra = {}) {
        const dispatcher = processes.orderline(name, 'dispatch', environment(extra));
        await dispatcher.start();
        return dispatcher;
      },
      async submitAll() {
        phase = 'submitting';
        started = Date.now();
        await forEachConcurrently(orderIds, BURST_CONCURRENCY, async (orderId) => {
          await submitOrder(admin, orderId, counter);
          progress.submitted += 1;
          if (!expected.acknowledged.has(orderId)) return;
          await acknowledgeOrder(backOffice, orderId, counter);
          progress.acknowledged += 1;
        });
        phase = 'submitted';
      },
      elapsed: () => Date.now() - started,
      async outcome(timeoutMs) {
        phase = 'waiting for the receiver';
        const deadline = Date.now() + timeoutMs;
        let report = deliveryReport(readyReceiver, expected);
        while (!isComplete(report) && Date.now() < deadline) {
          await sleep(100);
          report = deliveryReport(readyReceiver, expected);
        }
        const deliveredMs = Date.now() - started;
        phase = 'waiting for the outbox to record every delivery';
        let outbox = await readOutbox(admin, orderIds);
        while (outbox.undelivered.length > 0 && Date.now() < deadline) {
          await sleep(250);
          outbox = await readOutbox(admin, orderIds);
        }
        report = deliveryReport(readyReceiver, expected);
        phase = 'done';
        return { report, outbox, unrecorded: unrecordedSends(readyReceiver, outbox), deliveredMs };
      },
      state() {
        return [
          `while ${phase}, ${Date.now() - started} ms after the burst started`,
          `${progress.submitted}/${orderIds.length} submits and ${progress.acknowledged}/${expected.acknowledged.size} acknowledgements answered, ${counter.retries} client retries`,
          explain(deliveryReport(readyReceiver, expected)),
          processes.report(),
        ].join('\n');
      },
      close: release,
    };
    return unlessClosed(burst);
  } catch (error) {
    await release();
    throw new Error(`preparing the burst failed while ${phase}: ${(error as Error).message}\n${processes.report()}`);
  }
}

/**
 * Runs `body`, failing with what `state` says if it is not done within `budgetMs`: set below the
 * test's timeout, so a stuck burst explains itself. The test's afterEach then stops what still runs.
 */
export async function withinBudget<T>(budgetMs: number, state: () => string, body: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`not done within ${budgetMs} ms, ${state()}`)), budgetMs);
  });
  try {
    return await Promise.race([body(), expired]);
  } finally {
    clearTimeout(timer);
  }
}

// ---------------------------------------------------------------------------------------------------
// What the outbox says

export interface OutboxState {
  /** Orders in statecode 1 (Submitted) that are not in the burst, or burst orders that are not. */
  readonly notSubmitted: readonly string[];
  /** Orders whose outbox holds other than exactly one `salesorder.submitted` event. */
  readonly submittedEventCounts: readonly string[];
  /** Deliveries per status: 1 pending, 2 delivered, 3 dead-lettered. */
  readonly deliveriesByStatus: Readonly<Record<string, number>>;
  /** Deliveries not delivered, with their attempts, lease and last error. */
  readonly undelivered: readonly string[];
  /** Attempts recorded over all deliveries (a delivery killed in flight has no attempt recorded). */
  readonly attempts: number;
  /** Recorded attempts per event id: each send whose outcome the dispatcher lived to record is one. */
  readonly attemptsByEvent: ReadonlyMap<string, number>;
  /** Failed attempts the dispatcher recorded on the order timelines: `<event id>: <summary>`. */
  readonly failedAttempts: readonly string[];
}

/** What the database says, read through the Web API. */
export async function readOutbox(admin: Client, orderIds: readonly string[]): Promise<OutboxState> {
  const orders = new Set(orderIds);
  const submitted = await readAll(admin, 'salesorders?$select=salesorderid&$filter=statecode eq 1');
  const submittedIds = new Set(submitted.map((row) => String(row.salesorderid)));
  const notSubmitted = [
    ...orderIds.filter((id) => !submittedIds.has(id)).map((id) => `${id} is not Submitted`),
    ...[...submittedIds].filter((id) => !orders.has(id)).map((id) => `${id} is Submitted but not in the burst`),
  ];
  const events = await readAll(admin, 'ol_outboxevents?$select=ol_orderid,ol_eventtype');
  const submits = new Map<string, number>();
  for (const event of events) {
    if (event.ol_eventtype !== 'salesorder.submitted') continue;
    const orderId = String(event.ol_orderid);
    submits.set(orderId, (submits.get(orderId) ?? 0) + 1);
  }
  const submittedEventCounts = orderIds
    .filter((id) => submits.get(id) !== 1)
    .map((id) => `${id}: ${submits.get(id) ?? 0} salesorder.submitted events`);
  const deliveries = await readAll(
    admin,
    'ol_deliveries?$select=ol_outboxeventid,ol_orderid,ol_eventtype,ol_status,ol_attempts,ol_lasterror,ol_leaseowner,ol_leaseuntil',
  );
  const deliveriesByStatus: Record<string, number> = {};
  let attempts = 0;
  const attemptsByEvent = new Map<string, number>();
  const undelivered: string[] = [];
  for (const delivery of deliveries) {
    const status = String(delivery.ol_status);
    deliveriesByStatus[status] = (deliveriesByStatus[status] ?? 0) + 1;
    attempts += Number(delivery.ol_attempts);
    attemptsByEvent.set(String(delivery.ol_outboxeventid), Number(delivery.ol_attempts));
    if (delivery.ol_status !== 2) {
      undelivered.push(
        `${delivery.ol_orderid} ${delivery.ol_eventtype}: status ${delivery.ol_status}, ${delivery.ol_attempts} attempts, lease ${delivery.ol_leaseowner ?? '-'} until ${delivery.ol_leaseuntil ?? '-'}, last error ${delivery.ol_lasterror ?? '-'}`,
      );
    }
  }
  const failures = await readAll(admin, 'ol_timelineentries?$select=ol_outboxeventid,ol_summary&$filter=ol_kind eq 3');
  const failedAttempts = failures.map((entry) => `${entry.ol_outboxeventid}: ${entry.ol_summary}`);
  return {
    notSubmitted,
    submittedEventCounts,
    deliveriesByStatus,
    undelivered,
    attempts,
    attemptsByEvent,
    failedAttempts,
  };
}

/**
 * Event ids the receiver was sent more often than the outbox recorded attempts for them: sends whose
 * outcome nobody recorded. A killed dispatcher leaves such sends behind; with nobody killed, one means
 * an event was claimed by two dispatchers.
 */
export function unrecordedSends(receiver: Receiver, outbox: OutboxState): string[] {
  const sends = new Map<string, number>();
  for (const request of receiver.requests) sends.set(request.id, (sends.get(request.id) ?? 0) + 1);
  return [...sends]
    .filter(([id, count]) => count > (outbox.attemptsByEvent.get(id) ?? 0))
    .map(([id, count]) => `${id}: sent ${count} times, ${outbox.attemptsByEvent.get(id) ?? 0} attempts recorded`);
}

export const list = (items: readonly string[], count = 15) =>
  items.length === 0
    ? 'none'
    : `${items.length}: ${items.slice(0, count).join('\n  ')}${items.length > count ? '\n  …' : ''}`;

/** The lines every crash test prints and fails with. */
export function describeOutcome(burst: Burst, outcome: Outcome): string {
  const { report, outbox } = outcome;
  return [
    explain(report),
    `outbox: deliveries by status ${JSON.stringify(outbox.deliveriesByStatus)}, ${outbox.attempts} attempts recorded, undelivered ${list(outbox.undelivered)}`,
    `orders not Submitted ${list(outbox.notSubmitted)}; orders without exactly one submitted event ${list(outbox.submittedEventCounts)}`,
    `failed attempts recorded ${list(outbox.failedAttempts, 3)}`,
    `sends with no attempt recorded ${list(outcome.unrecorded, 3)}`,
    `5xx answers to clients ${list(burst.counter.serverErrors, 5)}`,
    `processes that ended by themselves ${list(burst.processes.unexpectedExits())}`,
    `error logs ${list(burst.processes.errors(), 5)}`,
  ].join('\n');
}
