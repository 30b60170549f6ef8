/**
 * Prometheus metrics (`GET /metrics`). One registry per app, so tests running several apps in one
 * process do not mix their figures. Gauges that describe the database (outbox depth, age of the
 * oldest pending event) are read when scraped, so every process reports the shared truth; while the
 * database cannot be reached they keep their last value and `orderline_database_up` says 0.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { steadyNow } from '../clock/steady-clock.js';
import { databaseReachable, withinDeadline } from '../storage/reachability.js';
import { countDeadLettered, pendingDeliveries } from '../storage/repositories/delivery-store.js';
import type { Store } from '../storage/store.js';

export interface Metrics {
  readonly registry: Registry;
  readonly deliveryAttempts: Counter<'connector' | 'outcome'>;
  readonly deliveryLatency: Histogram<'connector'>;
  readonly inboundIgnored: Counter<'table'>;
  /** 429s of service protection, by the limit that refused (reference 7.6). */
  readonly throttled: Counter<'limit'>;
  readonly httpDuration: Histogram<'method' | 'resource' | 'status'>;
  /** Requests refused because the database could not take a write (SQLite's code: SQLITE_FULL, SQLITE_READONLY...). */
  readonly storageFailures: Counter<'code'>;
  /** Times a step of the write pipeline, by stage, step name and table (a bounded set: steps are code). */
  observeStep(stage: string, step: string, table: string, seconds: number): void;
  /** The pricing engine's own computation, without the reads and writes around it. */
  readonly pricingDuration: Histogram<'calculation'>;
}

export function createMetrics(store: Store): Metrics {
  const registry = new Registry();
  // Node's own figures as orderline_process_*, orderline_nodejs_* (event loop lag, heap, GC).
  collectDefaultMetrics({ register: registry, prefix: 'orderline_' });
  const deliveryAttempts = new Counter({
    name: 'orderline_outbox_delivery_attempts_total',
    help: 'Delivery attempts of outbox events, by connector and outcome (delivered, failed, gone, dead-lettered).',
    labelNames: ['connector', 'outcome'] as const,
    registers: [registry],
  });
  const deliveryLatency = new Histogram({
    name: 'orderline_outbox_delivery_seconds',
    help: 'Time a receiver took to answer a delivery attempt.',
    labelNames: ['connector'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [registry],
  });
  const inboundIgnored = new Counter({
    name: 'orderline_inbound_ignored_total',
    help: 'Back-office writes ignored because their revision was stale or repeated.',
    labelNames: ['table'] as const,
    registers: [registry],
  });
  const throttled = new Counter({
    name: 'orderline_http_throttled_total',
    help: 'Requests refused with 429 by service protection, by limit (requests, execution_time, concurrent_requests).',
    labelNames: ['limit'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'orderline_database_up',
    help: 'Whether the database answered when scraped (1) or could not be reached within 2 s (0).',
    registers: [registry],
    async collect() {
      this.set((await databaseReachable(store)) ? 1 : 0);
    },
  });
  new Gauge({
    name: 'orderline_outbox_pending',
    help: 'Deliveries waiting (outbox depth), across every process sharing the database.',
    registers: [registry],
    async collect() {
      const pending = await withinDeadline(pendingDeliveries(store.db));
      if (!pending) return;
      this.set(pending.count);
      oldest.set(pending.oldestCreatedAt === undefined ? 0 : (steadyNow() - pending.oldestCreatedAt) / 1000);
    },
  });
  const oldest = new Gauge({
    name: 'orderline_outbox_oldest_pending_seconds',
    help: 'Age of the oldest delivery still waiting; 0 when none is.',
    registers: [registry],
  });
  new Gauge({
    name: 'orderline_outbox_dead_lettered',
    help: 'Deliveries dead-lettered and waiting for an operator (orderline outbox replay).',
    registers: [registry],
    async collect() {
      const count = await withinDeadline(countDeadLettered(store.db));
      if (count !== undefined) this.set(count);
    },
  });
  const httpDuration = new Histogram({
    name: 'orderline_http_request_duration_seconds',
    help: 'HTTP requests by method, resource (entity set, operation, $batch, probe or ui) and status, from arrival to answer.',
    labelNames: ['method', 'resource', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const stepDuration = new Histogram({
    name: 'orderline_pipeline_step_seconds',
    help: 'Write pipeline steps by stage (preValidation, preOperation, postOperation), step and table, including steps that refused the write.',
    labelNames: ['stage', 'step', 'table'] as const,
    buckets: [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5],
    registers: [registry],
  });
  const stepTimers = new Map<string, ReturnType<typeof stepDuration.labels>>();
  const pricingDuration = new Histogram({
    name: 'orderline_pricing_seconds',
    help: 'Pricing engine computations: one line and its header delta (line), header totals (totals), a whole record (record), a custom module (custom).',
    labelNames: ['calculation'] as const,
    buckets: [0.000005, 0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.25],
    registers: [registry],
  });
  const storageFailures = new Counter({
    name: 'orderline_storage_failures_total',
    help: 'Requests answered 503 because the database could not take their write (disk full, read-only file, I/O error, lock), by SQLite code.',
    labelNames: ['code'],
    registers: [registry],
  });
  return {
    registry,
    storageFailures,
    deliveryAttempts,
    deliveryLatency,
    inboundIgnored,
    throttled,
    httpDuration,
    observeStep(stage, step, table, seconds) {
      // One labelled child per step and table, found by a string key: labelling anew would hash the
      // label object for every step of every write.
      const key = `${stage}\u0000${step}\u0000${table}`;
      let timer = stepTimers.get(key);
      if (!timer) {
        timer = stepDuration.labels({ stage, step, table });
        stepTimers.set(key, timer);
      }
      timer.observe(seconds);
    },
    pricingDuration,
  };
}
