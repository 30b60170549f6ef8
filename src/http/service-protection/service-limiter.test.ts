import { describe, expect, it } from 'vitest';
import { DomainError } from '../../domain/errors.js';
import { DATAVERSE_LIMITS, type LimitName, type ServiceProtectionLimits } from './limit-refusal.js';
import { BURST_REMAINING_HEADER, TIME_REMAINING_HEADER } from './ratelimit-headers.js';
import { type Admission, createServiceLimiter, type ServiceLimiter } from './service-limiter.js';
import type { BucketDelta, SharedUsage } from './shared-usage.js';

const T0 = Date.UTC(2025, 0, 1);
const OFF: ServiceProtectionLimits = { requests: 0, executionMs: 0, windowSeconds: 10, concurrent: 0 };

function clock() {
  let now = T0;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

/** The pool as PostgreSQL keeps it: one sum per user and bucket. */
function memoryPool(): SharedUsage & { failing: boolean; rows: Map<string, BucketDelta> } {
  const rows = new Map<string, BucketDelta>();
  const pool = {
    failing: false,
    rows,
    async add(deltas: readonly BucketDelta[]) {
      if (pool.failing) throw new Error('database unavailable');
      for (const delta of deltas) {
        const key = `${delta.userId}|${delta.start}`;
        const held = rows.get(key);
        rows.set(key, {
          ...delta,
          requests: (held?.requests ?? 0) + delta.requests,
          executionMs: (held?.executionMs ?? 0) + delta.executionMs,
        });
      }
    },
    async read(userIds: readonly string[], fromStart: number) {
      if (pool.failing) throw new Error('database unavailable');
      return [...rows.values()].filter((row) => userIds.includes(row.userId) && row.start >= fromStart);
    },
    async prune(beforeStart: number) {
      for (const [key, row] of rows) if (row.start < beforeStart) rows.delete(key);
    },
  };
  return pool;
}

function limiterWith(
  limits: Partial<ServiceProtectionLimits>,
  time = clock(),
  shared?: SharedUsage,
): ServiceLimiter & { throttled: LimitName[] } {
  const throttled: LimitName[] = [];
  const limiter = createServiceLimiter(
    { ...OFF, ...limits },
    { syncMs: 1_000, timer: false, now: time.now, shared, onThrottled: (limit) => throttled.push(limit) },
  );
  return Object.assign(limiter, { throttled });
}

async function refusal(attempt: () => unknown): Promise<DomainError> {
  try {
    await attempt();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('the request was admitted');
}

async function admitted(limiter: ServiceLimiter, userId: string, times: number): Promise<Admission[]> {
  const admissions: Admission[] = [];
  for (let index = 0; index < times; index += 1) admissions.push(await limiter.admit(userId));
  return admissions;
}

describe('number of requests', () => {
  it('refuses the request past the limit with 429, 0x80072322, the window in the message and Retry-After', async () => {
    const limiter = limiterWith({ requests: 20, windowSeconds: 10 });
    await admitted(limiter, 'alice', 20);
    const refused = await refusal(() => limiter.admit('alice'));
    expect(refused.status).toBe(429);
    expect(refused.code).toBe('0x80072322');
    expect(refused.message).toBe('Number of requests exceeded the limit of 20 over time window of 10 seconds.');
    expect(refused.headers['retry-after']).toBe('10');
    expect(limiter.throttled).toEqual(['requests']);
  });

  it('counts each user apart', async () => {
    const limiter = limiterWith({ requests: 2, windowSeconds: 10 });
    await admitted(limiter, 'alice', 2);
    await refusal(() => limiter.admit('alice'));
    await expect(admitted(limiter, 'bob', 2)).resolves.toHaveLength(2);
  });

  it('serves the user again once the window has slid past Retry-After, refusals not counted', async () => {
    const time = clock();
    const limiter = limiterWith({ requests: 3, windowSeconds: 10 }, time);
    await admitted(limiter, 'alice', 2);
    time.advance(4_000);
    await admitted(limiter, 'alice', 1);
    const first = await refusal(() => limiter.admit('alice'));
    // The two oldest must leave: they do 10 s after their bucket started, 6 s from now.
    expect(first.headers['retry-after']).toBe('6');
    time.advance(5_000);
    await refusal(() => limiter.admit('alice'));
    time.advance(1_000);
    expect(await limiter.admit('alice')).toBeDefined();
  });

  it('tells how many requests remain in x-ms-ratelimit-burst-remaining-xrm-requests', async () => {
    const limiter = limiterWith({ requests: 6_000, windowSeconds: 300 });
    const [first, second] = await admitted(limiter, 'alice', 2);
    expect(first!.headers[BURST_REMAINING_HEADER]).toBe('5999');
    expect(second!.headers[BURST_REMAINING_HEADER]).toBe('5998');
  });
});

describe('execution time', () => {
  it('refuses once the combined execution time reaches the limit, with 0x80072321', async () => {
    const time = clock();
    const limiter = limiterWith({ executionMs: 300, windowSeconds: 10 }, time);
    (await limiter.admit('alice')).finish(200);
    time.advance(2_000);
    (await limiter.admit('alice')).finish(150);
    const refused = await refusal(() => limiter.admit('alice'));
    expect(refused.code).toBe('0x80072321');
    expect(refused.message).toBe(
      'Combined execution time of incoming requests exceeded limit of 300 milliseconds over time window of 10 seconds.',
    );
    // Dropping the first 200 ms is enough: it leaves 10 s after its bucket started, 8 s from now.
    expect(refused.headers['retry-after']).toBe('8');
    expect(limiter.throttled).toEqual(['execution_time']);
  });

  it("writes Dataverse's message and the time left in seconds as Dataverse does", async () => {
    const limiter = limiterWith({ executionMs: DATAVERSE_LIMITS.executionMs, windowSeconds: 300 });
    const first = await limiter.admit('alice');
    expect(first.headers[TIME_REMAINING_HEADER]).toBe('1,200.00');
    first.finish(540);
    expect((await limiter.admit('alice')).headers[TIME_REMAINING_HEADER]).toBe('1,199.46');
    const full = limiterWith({ executionMs: DATAVERSE_LIMITS.executionMs, windowSeconds: 300 });
    (await full.admit('alice')).finish(1_200_000);
    expect((await refusal(() => full.admit('alice'))).message).toBe(
      'Combined execution time of incoming requests exceeded limit of 1,200,000 milliseconds over time window of 300 seconds.',
    );
  });
});

describe('concurrent requests', () => {
  it('refuses a request while the user has the limit in flight, with 0x80072326 and Retry-After: 1', async () => {
    const limiter = limiterWith({ concurrent: 3 });
    const inFlight = await admitted(limiter, 'alice', 3);
    const refused = await refusal(() => limiter.admit('alice'));
    expect(refused.code).toBe('0x80072326');
    expect(refused.message).toBe('Number of concurrent requests exceeded the limit of 3.');
    expect(refused.headers['retry-after']).toBe('1');
    expect(await limiter.admit('bob')).toBeDefined();
    inFlight[0]!.finish(5);
    inFlight[0]!.finish(5);
    await limiter.admit('alice');
    // Finishing twice released one place, not two.
    await refusal(() => limiter.admit('alice'));
  });
});

describe('limits turned off', () => {
  it('never refuses and writes no debug header for a limit at 0', async () => {
    const limiter = limiterWith({ requests: 0, executionMs: 0, concurrent: 0 });
    const admissions = await admitted(limiter, 'alice', 100);
    expect(admissions[99]!.headers).toEqual({});
  });
});

describe('several processes on one pool', () => {
  it("counts one process's requests against the user in another after an exchange", async () => {
    const time = clock();
    const pool = memoryPool();
    const first = limiterWith({ requests: 20, windowSeconds: 10 }, time, pool);
    const second = limiterWith({ requests: 20, windowSeconds: 10 }, time, pool);
    await admitted(first, 'alice', 12);
    await first.sync();
    // The second process reads alice from the pool before judging her first request there.
    const [there] = await admitted(second, 'alice', 1);
    expect(there!.headers[BURST_REMAINING_HEADER]).toBe('7');
    await admitted(second, 'alice', 7);
    await refusal(() => second.admit('alice'));
    await second.sync();
    await first.sync();
    await refusal(() => first.admit('alice'));
  });

  it('neither loses nor doubles usage when the pool cannot be reached for a while', async () => {
    const time = clock();
    const pool = memoryPool();
    const limiter = limiterWith({ requests: 100, windowSeconds: 10 }, time, pool);
    await admitted(limiter, 'alice', 5);
    pool.failing = true;
    await limiter.sync();
    await admitted(limiter, 'alice', 5);
    const during = await limiter.admit('alice');
    expect(during.headers[BURST_REMAINING_HEADER]).toBe('89');
    pool.failing = false;
    await limiter.sync();
    await limiter.sync();
    expect([...pool.rows.values()].reduce((sum, row) => sum + row.requests, 0)).toBe(11);
    expect((await limiter.admit('alice')).headers[BURST_REMAINING_HEADER]).toBe('88');
  });

  it('forgets buckets a whole window old, in memory and in the pool', async () => {
    const time = clock();
    const pool = memoryPool();
    const limiter = limiterWith({ requests: 100, windowSeconds: 10 }, time, pool);
    await admitted(limiter, 'alice', 3);
    await limiter.sync();
    // A window and a bucket later (buckets make the window up to one bucket longer).
    time.advance(10_200);
    await limiter.sync();
    expect(pool.rows.size).toBe(0);
    expect((await limiter.admit('alice')).headers[BURST_REMAINING_HEADER]).toBe('99');
  });
});
