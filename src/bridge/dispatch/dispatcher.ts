/**
 * The dispatcher (PRODUCT.md C5): claims due deliveries, hands each to its connector, and records the
 * outcome, its timeline entry and the next attempt in one transaction. It runs inside `orderline
 * serve` by default and alone as `orderline dispatch`; any number of them may share one database.
 *
 * Delivery is at least once: an event is marked delivered only after the receiver said so, so a
 * dispatcher killed in between leaves a lease that expires and the event goes out again, with the
 * same `webhook-id` / `messageId` for the receiver to dedupe on.
 */

import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type pino from 'pino';
import { steadyNow } from '../../clock/steady-clock.js';
import type { MetadataRegistry } from '../../domain/metadata/metadata-registry.js';
import { ConnectorState, ConnectorStatus } from '../../domain/metadata/named-states.js';
import { CONNECTOR_KIND } from '../../domain/metadata/tables/ol-connector.js';
import { DELIVERY_STATUS } from '../../domain/metadata/tables/ol-delivery.js';
import { TIMELINE_KIND } from '../../domain/metadata/tables/ol-timelineentry.js';
import type { Clock } from '../../pipeline/execution-context.js';
import { UnitOfWork } from '../../pipeline/unit-of-work.js';
import { DatabaseUnavailable } from '../../storage/dialects/postgres-connection-faults.js';
import type { RecordRepository } from '../../storage/record-repository.js';
import { markDelivered, recordUndeliveredAttempt } from '../../storage/repositories/delivery-store.js';
import { organizationIdentity } from '../../storage/repositories/organization-store.js';
import type { Store } from '../../storage/store.js';
import { createAmqpConnector } from '../connectors/amqp-connector.js';
import type { Connector, ConnectorConfig, DeliveryOutcome } from '../connectors/connector.js';
import { createWebhookConnector } from '../connectors/webhook-connector.js';
import { parseStoredEvent } from '../events/stored-event.js';
import { addTimelineEntries, type TimelineEntry } from '../timeline.js';
import { type BackoffPolicy, DEFAULT_BACKOFF, retryDelayMs } from './backoff.js';
import { type ClaimedDelivery, claimDeliveries } from './claim.js';
import { loadConnectors } from './connector-configs.js';

/** The longest pause between two failed rounds. */
const MAX_FAILURE_PAUSE_MS = 5_000;

export interface DispatcherOptions {
  /** Deliveries claimed per round (and delivered in parallel, at most one per order and connector). */
  readonly batchSize?: number;
  /** Claim loops run at once. */
  readonly workers?: number;
  /** How long an idle dispatcher waits before looking again (a commit in-process wakes it sooner). */
  readonly pollMs?: number;
  /** Added to the connector's timeout to make the lease: longer than any attempt can take. */
  readonly leaseMarginMs?: number;
  readonly backoff?: BackoffPolicy;
  readonly random?: () => number;
}

export interface DispatcherDependencies {
  readonly store: Store;
  readonly metadata: MetadataRegistry;
  readonly records: RecordRepository;
  readonly clock: Clock;
  readonly logger: pino.Logger;
  readonly metrics?: DeliveryMetrics;
  /** Builds connectors; tests replace it to cause faults they cannot cause for real. */
  readonly connectorFactory?: (config: ConnectorConfig) => Connector;
}

export interface DeliveryMetrics {
  attempt(connector: string, outcome: 'delivered' | 'failed' | 'gone' | 'dead-lettered', latencyMs: number): void;
}

export interface Dispatcher {
  start(): void;
  /** Something was queued: look now instead of at the next poll. */
  wake(): void;
  /** Claims and delivers one round; the number of deliveries attempted. */
  runOnce(): Promise<number>;
  stop(): Promise<void>;
}

interface Attempt {
  readonly delivery: ClaimedDelivery;
  readonly connector: ConnectorConfig;
  readonly outcome: DeliveryOutcome;
}

export function createDispatcher(dependencies: DispatcherDependencies, options: DispatcherOptions = {}): Dispatcher {
  const { store, metadata, records, logger } = dependencies;
  const batchSize = options.batchSize ?? 256;
  const workers = options.workers ?? 2;
  const pollMs = options.pollMs ?? 250;
  const leaseMarginMs = options.leaseMarginMs ?? 30_000;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const random = options.random ?? Math.random;
  // One owner per claim loop: a loop recording its outcomes must never mistake a sibling's lease for its own.
  const processOwner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const ownerOf = (loop: number) => `${processOwner}/${loop}`;
  const factory =
    dependencies.connectorFactory ??
    ((config: ConnectorConfig) =>
      config.kind === CONNECTOR_KIND.amqp ? createAmqpConnector(config) : createWebhookConnector(config, metadata));

  /** Live connectors by id, rebuilt when their row changes (its version). */
  const connectors = new Map<string, { version: string; config: ConnectorConfig; connector: Connector }>();
  let organization: { id: string; name: string } | undefined;
  let running = false;
  let loops: Promise<void>[] = [];
  /** The loops waiting for their next poll, each with what ends its wait early. */
  const sleepers = new Set<() => void>();
  let pendingWake = false;

  async function activeConnectors(): Promise<ConnectorConfig[]> {
    const rows = await loadConnectors(store, records, metadata);
    const active = rows.filter((row) => row.active);
    for (const [id, entry] of connectors) {
      const row = rows.find((candidate) => candidate.config.id === id);
      if (!row || row.version !== entry.version || !row.active) {
        connectors.delete(id);
        void entry.connector.close();
      }
    }
    for (const row of active) {
      if (connectors.has(row.config.id)) continue;
      try {
        connectors.set(row.config.id, { version: row.version, config: row.config, connector: factory(row.config) });
      } catch (error) {
        logger.error({ connector: row.config.name, err: error }, 'connector cannot be built; its events wait');
      }
    }
    return [...connectors.values()].map((entry) => entry.config);
  }

  async function organizationInfo() {
    if (!organization) {
      const identity = await organizationIdentity(store.db);
      organization = { id: identity?.organizationId ?? '', name: identity?.name ?? 'Orderline' };
    }
    return organization;
  }

  async function attempt(delivery: ClaimedDelivery, config: ConnectorConfig): Promise<Attempt> {
    const entry = connectors.get(config.id);
    if (!entry) {
      return {
        delivery,
        connector: config,
        outcome: { kind: 'failed', status: null, latencyMs: 0, error: 'connector unavailable' },
      };
    }
    let outcome: DeliveryOutcome;
    try {
      let parsed: ReturnType<typeof parseStoredEvent> | undefined;
      outcome = await entry.connector.deliver({
        id: delivery.eventId,
        type: delivery.eventType,
        orderId: delivery.orderId,
        sequence: delivery.sequence,
        document: delivery.document,
        envelope: () => {
          parsed ??= parseStoredEvent(delivery.document);
          return parsed;
        },
        organization: await organizationInfo(),
      });
    } catch (error) {
      outcome = { kind: 'failed', status: null, latencyMs: 0, error: (error as Error).message };
    }
    return { delivery, connector: config, outcome };
  }

  async function record(attempts: readonly Attempt[], owner: string): Promise<void> {
    const now = steadyNow();
    const nowText = dependencies.clock.now();
    const timeline: TimelineEntry[] = [];
    const disabled = new Map<string, string>();
    const deliveredByStatus = new Map<number | null, string[]>();
    await store.transaction(async (trx) => {
      // A system unit of work: no caller, its rows stamped with the time the round records.
      const unitOfWork = new UnitOfWork(trx, { store, records, clock: { now: () => nowText } });
      for (const { delivery, connector, outcome } of attempts) {
        const attemptNumber = delivery.attempts + 1;
        const lease = { deliveryId: delivery.deliveryId, owner };
        const entry = {
          orderId: delivery.orderId,
          eventId: delivery.eventId,
          connectorId: connector.id,
          httpStatus: outcome.status,
          latencyMs: outcome.latencyMs,
          attempt: attemptNumber,
        };
        if (outcome.kind === 'delivered') {
          // Marked below, in one statement per answer status: a round of hundreds of deliveries
          // costs a few statements, not hundreds.
          const group = deliveredByStatus.get(outcome.status) ?? [];
          group.push(delivery.deliveryId);
          deliveredByStatus.set(outcome.status, group);
          timeline.push({
            ...entry,
            kind: TIMELINE_KIND.delivered,
            summary: `${delivery.eventType} delivered to ${connector.name} (attempt ${attemptNumber}, ${outcome.latencyMs} ms)`,
          });
          dependencies.metrics?.attempt(connector.name, 'delivered', outcome.latencyMs);
          continue;
        }
        if (outcome.kind === 'gone') {
          // The receiver asked never to be called again: the connector stops, the event waits for it.
          await recordUndeliveredAttempt(trx, lease, {
            attempts: attemptNumber,
            lastStatus: outcome.status,
            nextAttemptAt: now,
            lastError: 'HTTP 410 Gone',
          });
          disabled.set(connector.id, `${connector.url} answered 410 Gone at ${nowText}`);
          timeline.push({
            ...entry,
            kind: TIMELINE_KIND.connectorDisabled,
            summary: `${connector.name} answered 410 Gone: connector deactivated, ${delivery.eventType} waits`,
          });
          dependencies.metrics?.attempt(connector.name, 'gone', outcome.latencyMs);
          continue;
        }
        const delay = retryDelayMs(attemptNumber, backoff, random(), outcome.retryAfterMs);
        const deadline = delivery.createdAt + connector.retryHours * 3_600_000;
        const deadLetter = now + delay > deadline;
        await recordUndeliveredAttempt(trx, lease, {
          attempts: attemptNumber,
          lastStatus: outcome.status,
          status: deadLetter ? DELIVERY_STATUS.deadLettered : DELIVERY_STATUS.pending,
          nextAttemptAt: deadLetter ? now : now + delay,
          lastError: outcome.error.slice(0, 2000),
        });
        timeline.push({
          ...entry,
          kind: deadLetter ? TIMELINE_KIND.deadLettered : TIMELINE_KIND.attemptFailed,
          summary: deadLetter
            ? `${delivery.eventType} dead-lettered for ${connector.name} after ${attemptNumber} attempts: ${outcome.error}`
            : `${delivery.eventType} to ${connector.name} failed (attempt ${attemptNumber}): ${outcome.error}; next attempt in ${Math.ceil(delay / 1000)} s`,
        });
        dependencies.metrics?.attempt(connector.name, deadLetter ? 'dead-lettered' : 'failed', outcome.latencyMs);
      }
      for (const [status, deliveryIds] of deliveredByStatus) {
        await markDelivered(trx, { deliveryIds, owner, status, deliveredOn: nowText });
      }
      const connectorTable = metadata.table('ol_connector')!;
      for (const [connectorId, reason] of disabled) {
        await unitOfWork.systemWrite.update(connectorTable, [connectorId], {
          statecode: ConnectorState.Inactive,
          statuscode: ConnectorStatus.Inactive,
          ol_disabledreason: reason,
        });
      }
      await addTimelineEntries(unitOfWork, metadata, timeline, null);
    });
    for (const [connectorId, reason] of disabled) logger.warn({ connectorId, reason }, 'connector deactivated');
  }

  async function runRound(owner: string): Promise<number> {
    const configs = await activeConnectors();
    if (configs.length === 0) return 0;
    const byId = new Map(configs.map((config) => [config.id, config]));
    const longestTimeout = Math.max(...configs.map((config) => config.timeoutMs));
    const leaseMs = longestTimeout + leaseMarginMs;
    // The lease is counted from the claim's own clock reading, which is later than this one.
    const leaseEnds = steadyNow() + leaseMs;
    const claimed = await claimDeliveries(store, {
      connectorIds: configs.map((config) => config.id),
      now: steadyNow(),
      leaseMs,
      owner,
      limit: batchSize,
    });
    if (claimed.length === 0) return 0;
    const attempts = await Promise.all(claimed.map((delivery) => attempt(delivery, byId.get(delivery.connectorId)!)));
    await recordWhileLeased(attempts, owner, leaseEnds);
    return claimed.length;
  }

  /**
   * The outcomes are recorded even if the database went away meanwhile: while it is unreachable and
   * nothing was saved, recording is tried again until the lease would end. Without this, every event
   * delivered just before an outage would go out a second time once its lease expired.
   */
  async function recordWhileLeased(attempts: readonly Attempt[], owner: string, leaseEnds: number): Promise<void> {
    for (let pause = 250; ; pause = Math.min(pause * 2, MAX_FAILURE_PAUSE_MS)) {
      try {
        await record(attempts, owner);
        return;
      } catch (error) {
        const retry = error instanceof DatabaseUnavailable && error.surelyNotSaved;
        if (!retry || !running || steadyNow() + pause >= leaseEnds) throw error;
        logger.warn(
          { deliveries: attempts.length, retryInMs: pause },
          'database unreachable; recording outcomes again',
        );
        await new Promise((resolve) => setTimeout(resolve, pause));
      }
    }
  }

  function idle(ms: number): Promise<void> {
    // A loop whose round ended after stop() has nothing to wait for.
    if (!running) return Promise.resolve();
    if (pendingWake) {
      pendingWake = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        sleepers.delete(done);
        resolve();
      }
      sleepers.add(done);
    });
  }

  async function loop(index: number): Promise<void> {
    const owner = ownerOf(index);
    // Rounds failing one after another (the database away) wait longer each time, up to a few
    // seconds: no log line every poll through an outage, and a prompt start once it is over.
    let failures = 0;
    while (running) {
      try {
        const count = await runRound(owner);
        failures = 0;
        if (count === 0) await idle(pollMs);
      } catch (error) {
        failures += 1;
        const pause = Math.min(pollMs * 2 ** Math.min(failures - 1, 10), MAX_FAILURE_PAUSE_MS);
        logger.error({ err: error, failures, retryInMs: pause }, 'dispatch round failed; retrying');
        await idle(pause);
      }
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      loops = Array.from({ length: workers }, (_, index) => loop(index));
      logger.info({ owner: processOwner, workers, batchSize }, 'dispatcher started');
    },
    wake() {
      // One loop is enough to claim what a commit added; with none waiting, the next one to idle goes on.
      const sleeper = sleepers.values().next().value;
      if (sleeper) sleeper();
      else pendingWake = true;
    },
    runOnce: () => runRound(ownerOf(workers)),
    async stop() {
      running = false;
      // Every waiting loop, not one: a stop must not wait out the others' poll interval.
      for (const sleeper of [...sleepers]) sleeper();
      await Promise.all(loops);
      loops = [];
      await Promise.all([...connectors.values()].map((entry) => entry.connector.close()));
      connectors.clear();
    },
  };
}
