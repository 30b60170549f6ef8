import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bucketStart, msUntilBelow, oldestBucketStart, totalOf, UsageWindow, windowShape } from './usage-window.js';

const T0 = Date.UTC(2025, 0, 1);

describe('window shape', () => {
  it("cuts Dataverse's 300 s window into 60 buckets of 5 s", () => {
    expect(windowShape(300_000)).toEqual({ bucketMs: 5_000, buckets: 60 });
  });

  it('keeps buckets between 100 ms and 5 s, and covers the whole window', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1_000, max: 86_400_000 }), (windowMs) => {
        const { bucketMs, buckets } = windowShape(windowMs);
        expect(bucketMs).toBeGreaterThanOrEqual(100);
        expect(bucketMs).toBeLessThanOrEqual(5_000);
        expect(buckets * bucketMs).toBeGreaterThanOrEqual(windowMs);
        expect(buckets * bucketMs).toBeLessThan(windowMs + bucketMs);
      }),
    );
  });
});

describe('usage window', () => {
  const shape = windowShape(300_000);

  it('counts a request until its bucket is a whole window old', () => {
    const window = new UsageWindow(shape);
    window.add(T0 + 1_234, 1, 40);
    expect(window.total('requests', T0 + 1_234)).toBe(1);
    expect(window.total('executionMs', T0 + 299_999)).toBe(40);
    expect(window.total('requests', T0 + 300_000)).toBe(0);
  });

  it('refuses until the oldest buckets that hold the excess have left the window', () => {
    const window = new UsageWindow(shape);
    window.add(T0, 3, 0);
    window.add(T0 + 10_000, 2, 0);
    // 5 of a limit of 4: the 3 at T0 must leave, at T0 + 300 s.
    expect(msUntilBelow([window], 'requests', T0 + 20_000, 4)).toBe(280_000);
    // 5 of a limit of 1: the 2 at T0 + 10 s must leave too.
    expect(msUntilBelow([window], 'requests', T0 + 20_000, 1)).toBe(290_000);
    expect(msUntilBelow([window], 'requests', T0 + 20_000, 6)).toBe(0);
  });

  it('forgets a bucket when a newer one takes its slot', () => {
    const window = new UsageWindow(shape);
    window.add(T0, 5, 0);
    window.add(T0 + 300_000, 1, 0);
    expect(window.total('requests', T0 + 300_000)).toBe(1);
    // Usage older than the window arriving late is ignored, not added to the newer bucket.
    window.add(T0, 5, 0);
    expect(window.total('requests', T0 + 300_000)).toBe(1);
  });
});

interface Usage {
  readonly offset: number;
  readonly requests: number;
  readonly executionMs: number;
}

const windowMs = fc.integer({ min: 1_000, max: 600_000 });
const usages = (span: number) =>
  fc.array(
    fc.record({
      offset: fc.integer({ min: 0, max: span }),
      requests: fc.integer({ min: 0, max: 5 }),
      executionMs: fc.integer({ min: 0, max: 10_000 }),
    }),
    { maxLength: 80 },
  );

function windowWith(windowMs: number, events: readonly Usage[]): UsageWindow {
  const window = new UsageWindow(windowShape(windowMs));
  for (const event of events) window.add(T0 + event.offset, event.requests, event.executionMs);
  return window;
}

const sum = (events: readonly Usage[], keep: (event: Usage) => boolean) =>
  events.filter(keep).reduce((total, event) => total + event.requests, 0);

describe('usage window properties', () => {
  it('sums exactly the usage whose bucket is still in the window, whatever order it arrived in', () => {
    fc.assert(
      fc.property(
        windowMs.chain((ms) => fc.tuple(fc.constant(ms), usages(3 * ms), fc.integer({ min: 0, max: ms }))),
        ([ms, events, after]) => {
          const window = windowWith(ms, events);
          const now = T0 + Math.max(0, ...events.map((event) => event.offset)) + after;
          const oldest = oldestBucketStart(window.shape, now);
          const inWindow = (event: Usage) => bucketStart(window.shape, T0 + event.offset) >= oldest;
          expect(window.total('requests', now)).toBe(sum(events, inWindow));
        },
      ),
    );
  });

  it('slides: counts everything of the last window less one bucket, nothing older than the window', () => {
    fc.assert(
      fc.property(
        windowMs.chain((ms) => fc.tuple(fc.constant(ms), usages(3 * ms), fc.integer({ min: 0, max: 3 * ms }))),
        ([ms, events, offset]) => {
          // The window looks back from `now`: usage after it has not happened yet.
          const past = events.filter((event) => event.offset <= offset);
          const counted = windowWith(ms, past).total('requests', T0 + offset);
          const { bucketMs, buckets } = windowShape(ms);
          const age = (event: Usage) => offset - event.offset;
          expect(counted).toBeGreaterThanOrEqual(sum(past, (event) => age(event) < (buckets - 1) * bucketMs));
          expect(counted).toBeLessThanOrEqual(sum(past, (event) => age(event) < buckets * bucketMs));
        },
      ),
    );
  });

  it('gives the first moment a retry passes: below the limit then, not a millisecond before', () => {
    fc.assert(
      fc.property(
        windowMs.chain((ms) =>
          fc.tuple(fc.constant(ms), usages(ms), fc.integer({ min: 0, max: ms }), fc.integer({ min: 1, max: 60 })),
        ),
        ([ms, events, after, limit]) => {
          const window = windowWith(ms, events);
          const now = T0 + Math.max(0, ...events.map((event) => event.offset)) + after;
          const wait = msUntilBelow([window], 'requests', now, limit);
          expect(window.total('requests', now + wait)).toBeLessThan(limit);
          if (wait > 0) {
            expect(window.total('requests', now)).toBeGreaterThanOrEqual(limit);
            expect(window.total('requests', now + wait - 1)).toBeGreaterThanOrEqual(limit);
          }
        },
      ),
    );
  });

  it('counts the same split over several windows (this process, the pool) as in one', () => {
    fc.assert(
      fc.property(
        windowMs.chain((ms) => fc.tuple(fc.constant(ms), usages(ms), usages(ms), fc.integer({ min: 1, max: 200 }))),
        ([ms, mine, theirs, limit]) => {
          const together = windowWith(ms, [...mine, ...theirs]);
          const split = [windowWith(ms, mine), windowWith(ms, theirs)];
          const now = T0 + ms;
          for (const measure of ['requests', 'executionMs'] as const) {
            expect(totalOf(split, measure, now)).toBe(together.total(measure, now));
            expect(msUntilBelow(split, measure, now, limit)).toBe(msUntilBelow([together], measure, now, limit));
          }
        },
      ),
    );
  });
});
