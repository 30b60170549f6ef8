/**
 * Service protection per user, as Dataverse applies it (reference 7.6): requests and combined execution
 * time over a sliding window, and requests served at once. Knows nothing of HTTP: a request is admitted
 * (or refused with a 429 `DomainError`) and later reports how long it executed.
 *
 * The hot path touches memory only. Each user has three windows of buckets (see usage-window.ts):
 * - `pending`: what this process admitted and measured since it last reported to the pool;
 * - `sending`: the same while a report is on its way, so it is counted neither twice nor not at all;
 * - `pooled`: every process's usage as last read from the pool (this process's reported usage included).
 * A user's usage is the sum of the three. Every `syncMs` one exchange reports every user's pending
 * buckets (one multi-row upsert) and reads back the pooled buckets of the users this process serves
 * (one select). A user this process has not served in a while is read from the pool before their first
 * request is judged, so switching processes does not reset anyone's count.
 *
 * Across processes the limits are therefore approximate: a process learns what the others admitted up
 * to two `syncMs` late (their report, then its own read), so a user flooding several processes at once
 * can overshoot by what the others let through in that time, never more. The concurrent-request limit
 * is per process, as Dataverse counts it per web server: requests in flight change too fast to be worth
 * a database round trip each.
 *
 * Refused requests are not counted: `Retry-After` is the moment the window will have room again, and it
 * stays true however often a client knocks before then. A `$batch` is one request, like any other.
 */

import { steadyNow } from '../../clock/steady-clock.js';
import type { DomainError } from '../../domain/errors.js';
import { type LimitName, limitRefusal, type ServiceProtectionLimits } from './limit-refusal.js';
import { BURST_REMAINING_HEADER, secondsText, TIME_REMAINING_HEADER } from './ratelimit-headers.js';
import type { BucketDelta, SharedUsage } from './shared-usage.js';
import {
  msUntilBelow,
  oldestBucketStart,
  totalOf,
  UsageWindow,
  type WindowShape,
  windowShape,
} from './usage-window.js';

/** Requests of a user already in flight give no hint of when one ends: a client may retry after 1 s. */
const CONCURRENCY_RETRY_MS = 1_000;

export interface Admission {
  /** The debug headers to answer with. */
  readonly headers: Readonly<Record<string, string>>;
  /** The request is over: it executed for `executionMs`. Later calls are ignored. */
  finish(executionMs: number): void;
}

export interface ServiceLimiter {
  readonly limits: ServiceProtectionLimits;
  /** Admits a request of `userId`, or throws the 429 refusal of the first limit it is over. */
  admit(userId: string): Admission | Promise<Admission>;
  /** Reports pending usage to the pool and reads it back; resolves once an exchange started after the call ends. */
  sync(): Promise<void>;
  /** Stops the timer and reports what is still pending. */
  close(): Promise<void>;
}

export interface ServiceLimiterOptions {
  /** The pool shared with other processes; absent, this process's counts are the whole truth. */
  readonly shared?: SharedUsage;
  /** How often usage is exchanged with the pool (and idle users forgotten). */
  readonly syncMs: number;
  /** Epoch milliseconds; bucket starts must agree between processes, so this is wall-clock time (the steady clock by default: the wall clock, never stepping backwards). */
  readonly now?: () => number;
  readonly onThrottled?: (limit: LimitName) => void;
  /** The pool could not be reached: the process goes on with what it knows. */
  readonly onSyncError?: (error: unknown) => void;
  /** Exchange every `syncMs` on a timer (default); tests call `sync()` themselves. */
  readonly timer?: boolean;
}

interface UserUsage {
  pending: UsageWindow;
  sending: UsageWindow | undefined;
  pooled: UsageWindow | undefined;
  inFlight: number;
  /** The first read of this user's pooled usage, which their first requests wait for. */
  loading: Promise<void> | undefined;
}

function windowsOf(user: UserUsage): UsageWindow[] {
  const windows = [user.pending];
  if (user.sending) windows.push(user.sending);
  if (user.pooled) windows.push(user.pooled);
  return windows;
}

function windowOf(shape: WindowShape, buckets: readonly BucketDelta[]): UsageWindow | undefined {
  if (buckets.length === 0) return undefined;
  const window = new UsageWindow(shape);
  for (const bucket of buckets) window.add(bucket.start, bucket.requests, bucket.executionMs);
  return window;
}

export function createServiceLimiter(limits: ServiceProtectionLimits, options: ServiceLimiterOptions): ServiceLimiter {
  const { shared } = options;
  const now = options.now ?? steadyNow;
  const shape = windowShape(limits.windowSeconds * 1000);
  const windowMs = shape.buckets * shape.bucketMs;
  const users = new Map<string, UserUsage>();
  let lastPrune = 0;

  function refuse(limit: LimitName, retryAfterMs: number): DomainError {
    options.onThrottled?.(limit);
    return limitRefusal(limit, limits, retryAfterMs);
  }

  function decide(user: UserUsage): Admission {
    const at = now();
    const windows = windowsOf(user);
    const headers: Record<string, string> = {};
    if (limits.requests > 0) {
      const used = totalOf(windows, 'requests', at);
      if (used >= limits.requests) throw refuse('requests', msUntilBelow(windows, 'requests', at, limits.requests));
      headers[BURST_REMAINING_HEADER] = String(Math.max(0, limits.requests - used - 1));
    }
    if (limits.executionMs > 0) {
      const used = totalOf(windows, 'executionMs', at);
      if (used >= limits.executionMs) {
        throw refuse('execution_time', msUntilBelow(windows, 'executionMs', at, limits.executionMs));
      }
      headers[TIME_REMAINING_HEADER] = secondsText(limits.executionMs - used);
    }
    if (limits.concurrent > 0 && user.inFlight >= limits.concurrent) {
      throw refuse('concurrent_requests', CONCURRENCY_RETRY_MS);
    }
    user.pending.add(at, 1, 0);
    user.inFlight += 1;
    let finished = false;
    return {
      headers,
      finish(executionMs) {
        if (finished) return;
        finished = true;
        user.inFlight -= 1;
        // Execution time counts when it is known: in the bucket where the request ends.
        if (executionMs > 0) user.pending.add(now(), 0, executionMs);
      },
    };
  }

  async function load(userId: string, user: UserUsage): Promise<void> {
    try {
      user.pooled = windowOf(shape, await shared!.read([userId], oldestBucketStart(shape, now())));
    } catch (error) {
      options.onSyncError?.(error);
    } finally {
      user.loading = undefined;
    }
  }

  function admit(userId: string): Admission | Promise<Admission> {
    let user = users.get(userId);
    if (!user) {
      user = {
        pending: new UsageWindow(shape),
        sending: undefined,
        pooled: undefined,
        inFlight: 0,
        loading: undefined,
      };
      users.set(userId, user);
      if (shared) user.loading = load(userId, user);
    }
    if (user.loading) {
      const known = user;
      return user.loading.then(() => decide(known));
    }
    return decide(user);
  }

  function isIdle(user: UserUsage, at: number): boolean {
    return (
      user.inFlight === 0 &&
      !user.loading &&
      !user.sending &&
      user.pending.isEmpty(at) &&
      (!user.pooled || user.pooled.isEmpty(at))
    );
  }

  /** One exchange with the pool; also forgets users with nothing left in their window. */
  async function exchange(): Promise<void> {
    const at = now();
    const served: [string, UserUsage][] = [];
    const deltas: BucketDelta[] = [];
    const sending: UserUsage[] = [];
    for (const [userId, user] of users) {
      if (isIdle(user, at)) {
        users.delete(userId);
        continue;
      }
      if (!shared || user.loading) continue;
      served.push([userId, user]);
      const buckets = user.pending.buckets(at);
      if (buckets.length === 0) continue;
      for (const bucket of buckets) deltas.push({ userId, ...bucket });
      user.sending = user.pending;
      user.pending = new UsageWindow(shape);
      sending.push(user);
    }
    if (!shared) return;
    if (at - lastPrune >= windowMs) {
      lastPrune = at;
      await shared.prune(oldestBucketStart(shape, at)).catch((error) => options.onSyncError?.(error));
    }
    if (served.length === 0) return;
    try {
      if (deltas.length > 0) await shared.add(deltas);
    } catch (error) {
      // Not reported: it stays pending and goes with the next exchange.
      for (const user of sending) user.pending.merge(user.sending!, now());
      for (const user of sending) user.sending = undefined;
      options.onSyncError?.(error);
      return;
    }
    try {
      const rows = await shared.read(
        served.map(([userId]) => userId),
        oldestBucketStart(shape, now()),
      );
      const byUser = new Map<string, BucketDelta[]>();
      for (const row of rows) {
        const buckets = byUser.get(row.userId);
        if (buckets) buckets.push(row);
        else byUser.set(row.userId, [row]);
      }
      for (const [userId, user] of served) user.pooled = windowOf(shape, byUser.get(userId) ?? []);
    } catch (error) {
      // Reported but not read back: count it as pooled until the next exchange reads the pool.
      for (const user of sending) {
        user.pooled ??= new UsageWindow(shape);
        user.pooled.merge(user.sending!, now());
      }
      options.onSyncError?.(error);
    } finally {
      for (const user of sending) user.sending = undefined;
    }
  }

  let running: Promise<void> | undefined;
  let again = false;
  function sync(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await exchange();
        } while (again);
      } finally {
        running = undefined;
      }
    })();
    return running;
  }

  const timer = options.timer === false ? undefined : setInterval(() => void sync(), options.syncMs);
  timer?.unref();

  return {
    limits,
    admit,
    sync,
    async close() {
      if (timer) clearInterval(timer);
      await sync();
    },
  };
}
