/**
 * PRODUCT.md "Reliability to prove" and C5/C8: kill -9 of the server or of the dispatcher during a
 * burst of submits; after restart every submitted order is delivered, none twice to a deduping
 * receiver, none lost; and several dispatchers on one PostgreSQL never deliver one event at the same
 * time. Orderline runs as real processes (`orderline serve`, `orderline dispatch`) killed with SIGKILL
 * at random moments while 32 clients submit 1,000 orders and the back office acknowledges every
 * fourth; clients that got no answer send again, as real ones do.
 *
 * One file, so the bursts run one after the other: each needs the machine's two cores more than it
 * needs company. Every run prints its numbers (kills, retries, raw duplicates, recovery) and its seed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { TEST_STORES } from '../support/test-stores.js';
import { type Burst, closeBursts, describeOutcome, type Outcome, prepareBurst, withinBudget } from './burst.js';
import { chaosSeed, type Kill, killAtRandomMoments, seededRandom } from './chaos.js';
import { deliveryReport } from './delivery-report.js';

const TEST_TIMEOUT_MS = 180_000;
/** Below the test's timeout, so a stuck burst says where it is stuck. */
const BUDGET_MS = 165_000;

let burst: Burst | undefined;

afterEach(async () => {
  burst = undefined;
  await closeBursts();
});

const stateOfBurst = () => burst?.state() ?? 'while preparing the burst';

const describeKills = (seed: number, kills: readonly Kill[]) =>
  `seed ${seed} (ORDERLINE_CHAOS_SEED=${seed} replays the kill moments); ${kills.length} kills: ${kills
    .map((kill) => `at ${kill.at} ms during ${kill.during}, ready again after ${kill.restartMs} ms`)
    .join('; ')}`;

/** Everything owed arrived, once per change, in order per order, and the outbox agrees. */
function expectEveryEventOnceInOrder(outcome: Outcome, failure: string) {
  const { report, outbox } = outcome;
  expect(outbox.notSubmitted, failure).toEqual([]);
  expect(outbox.submittedEventCounts, failure).toEqual([]);
  expect(report.missing, failure).toEqual([]);
  expect(report.duplicateEvents, failure).toEqual([]);
  expect(report.outOfOrder, failure).toEqual([]);
  expect(report.unexpected, failure).toEqual([]);
  expect(report.unverified, failure).toBe(0);
  expect(outbox.undelivered, failure).toEqual([]);
}

describe.each(TEST_STORES)('kill -9 of the server during a burst of submits (%s)', (kind) => {
  it('after restarts, a deduping receiver has every submitted order exactly once, in order, none lost', {
    timeout: TEST_TIMEOUT_MS,
  }, async () => {
    await withinBudget(BUDGET_MS, stateOfBurst, async () => {
      const seed = chaosSeed();
      const b = await prepareBurst({ kind, serverDispatcher: 'on', connectorTimeoutMs: 3_000, leaseMarginMs: 1_000 });
      burst = b;
      const writes = b.expected.orderIds.length + b.expected.acknowledged.size;
      const chaos = killAtRandomMoments(b.server, {
        kills: 3,
        between: [0.05, 0.9],
        random: seededRandom(seed),
        done: () => (b.progress.submitted + b.progress.acknowledged) / writes,
        progress: () => `${b.progress.submitted} submits, ${b.progress.acknowledged} acknowledgements answered`,
      });
      await b.submitAll();
      const kills = await chaos.stop();
      const burstMs = b.elapsed();
      const outcome = await b.outcome(60_000);
      const context = `prepared in ${b.preparedInMs} ms; ${describeKills(seed, kills)}\n${describeOutcome(b, outcome)}`;
      console.info(
        `[${kind}] server kill -9: ${b.progress.submitted} submits + ${b.progress.acknowledged} acknowledgements by 32 clients in ${burstMs} ms ` +
          `with ${kills.length} kills and ${b.counter.retries} client retries; ${outcome.report.requests} webhook requests, ` +
          `${outcome.report.rawDuplicates} raw duplicates (deduped); everything accepted ${outcome.deliveredMs - burstMs} ms after the last submit\n${context}`,
      );
      const failure = `${context}\n${b.processes.report()}`;

      expect(kills.length, failure).toBe(3);
      expectEveryEventOnceInOrder(outcome, failure);
      expect(b.counter.serverErrors, failure).toEqual([]);
      expect(b.processes.unexpectedExits(), failure).toEqual([]);
    });
  });
});

describe.each(TEST_STORES)('kill -9 of a standalone dispatcher during a burst (%s)', (kind) => {
  it('after restarts, a deduping receiver has every event exactly once, in order, none lost', {
    timeout: TEST_TIMEOUT_MS,
  }, async () => {
    await withinBudget(BUDGET_MS, stateOfBurst, async () => {
      const seed = chaosSeed();
      // The receiver takes 5–20 ms per request, so kills land between a send and its recorded
      // outcome: those events must go out again, with the same webhook-id, when their lease ends.
      const b = await prepareBurst({
        kind,
        serverDispatcher: 'off',
        connectorTimeoutMs: 3_000,
        leaseMarginMs: 1_000,
        receiverDelayMs: [5, 20],
      });
      burst = b;
      const dispatcher = await b.startDispatcher('dispatcher', { ORDERLINE_DISPATCH_BATCH_SIZE: '64' });
      const events = b.expected.orderIds.length + b.expected.acknowledged.size;
      const chaos = killAtRandomMoments(dispatcher, {
        kills: 3,
        between: [0.05, 0.9],
        random: seededRandom(seed),
        done: () => b.receiver.accepted().length / events,
        progress: () => {
          const report = deliveryReport(b.receiver, b.expected);
          return `${b.progress.submitted} submits answered, ${report.acceptedEvents}/${report.expectedEvents} events accepted`;
        },
      });
      await b.submitAll();
      const burstMs = b.elapsed();
      // Kills fall at random points of the delivery, which goes on after the last submit.
      const outcome = await b.outcome(90_000);
      const kills = await chaos.stop();
      const context = `prepared in ${b.preparedInMs} ms; ${describeKills(seed, kills)}\n${describeOutcome(b, outcome)}`;
      console.info(
        `[${kind}] dispatcher kill -9: ${b.progress.submitted} submits + ${b.progress.acknowledged} acknowledgements in ${burstMs} ms; ` +
          `${kills.length} kills; ${outcome.report.requests} webhook requests, ${outcome.report.rawDuplicates} raw duplicates (deduped); ` +
          `everything accepted ${outcome.deliveredMs} ms after the burst started\n${context}`,
      );
      const failure = `${context}\n${b.processes.report()}`;

      expect(kills.length, failure).toBe(3);
      expectEveryEventOnceInOrder(outcome, failure);
      expect(b.counter.serverErrors, failure).toEqual([]);
      expect(b.processes.unexpectedExits(), failure).toEqual([]);
    });
  });
});

describe.runIf(TEST_STORES.includes('postgres'))('two dispatchers on one PostgreSQL during a burst', () => {
  it('never have one event in flight twice, never both send it, and deliver everything between them', {
    timeout: TEST_TIMEOUT_MS,
  }, async () => {
    await withinBudget(BUDGET_MS, stateOfBurst, async () => {
      // Nobody is killed here, so leases can be long (the default margin, a 5 s timeout): every send
      // must then be an attempt the outbox recorded, and a send without one is an event claimed twice.
      // The receiver names each request's sender by the client end of its TCP connection (/proc).
      const b = await prepareBurst({
        kind: 'postgres',
        serverDispatcher: 'off',
        connectorTimeoutMs: 5_000,
        leaseMarginMs: 30_000,
        receiverDelayMs: [5, 20],
        identifySenders: true,
      });
      burst = b;
      await Promise.all(
        ['dispatcher-a', 'dispatcher-b'].map((name) =>
          b.startDispatcher(name, { ORDERLINE_DISPATCH_BATCH_SIZE: '32' }),
        ),
      );
      await b.submitAll();
      const burstMs = b.elapsed();
      const outcome = await b.outcome(60_000);
      const sentBy: Record<string, number> = {};
      for (const request of b.receiver.requests) {
        const sender = request.client ?? 'unknown';
        sentBy[sender] = (sentBy[sender] ?? 0) + 1;
      }
      const context = `prepared in ${b.preparedInMs} ms; requests by sender ${JSON.stringify(sentBy)}\n${describeOutcome(b, outcome)}`;
      console.info(
        `[postgres] two dispatchers: ${b.progress.submitted} submits + ${b.progress.acknowledged} acknowledgements in ${burstMs} ms; ` +
          `${outcome.report.requests} webhook requests, ${outcome.report.rawDuplicates} raw duplicates, ` +
          `${outcome.report.overlapping.length} in flight twice; everything accepted ${outcome.deliveredMs} ms after the burst started\n${context}`,
      );
      const failure = `${context}\n${b.processes.report()}`;

      expect(outcome.report.overlapping, failure).toEqual([]);
      expect(outcome.unrecorded, failure).toEqual([]);
      expectEveryEventOnceInOrder(outcome, failure);
      expect(sentBy['dispatcher-a'] ?? 0, failure).toBeGreaterThan(0);
      expect(sentBy['dispatcher-b'] ?? 0, failure).toBeGreaterThan(0);
      expect(sentBy.unknown ?? 0, failure).toBe(0);
      expect(b.processes.unexpectedExits(), failure).toEqual([]);
    });
  });
});
