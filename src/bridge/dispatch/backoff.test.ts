import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKOFF, retryDelayMs } from './backoff.js';

describe('retry delays', () => {
  it('double from one second up to the one-hour cap, jittered within the upper half of each step', () => {
    expect(retryDelayMs(1, DEFAULT_BACKOFF, 0)).toBe(500);
    expect(retryDelayMs(1, DEFAULT_BACKOFF, 0.999_999)).toBe(1_000);
    expect(retryDelayMs(2, DEFAULT_BACKOFF, 0.999_999)).toBe(2_000);
    expect(retryDelayMs(5, DEFAULT_BACKOFF, 0.999_999)).toBe(16_000);
    expect(retryDelayMs(30, DEFAULT_BACKOFF, 0.999_999)).toBeCloseTo(3_600_000, -1);
    expect(retryDelayMs(30, DEFAULT_BACKOFF, 0)).toBe(1_800_000);
  });

  it('never come sooner than Retry-After', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100 }),
        fc.double({ min: 0, max: 0.999, noNaN: true }),
        fc.nat(3_600_000),
        (n, r, after) => {
          expect(retryDelayMs(n, DEFAULT_BACKOFF, r, after)).toBeGreaterThanOrEqual(after);
        },
      ),
    );
  });

  it('keep retrying through a day: the attempts in 24 hours stay bounded but exceed a dozen', () => {
    let elapsed = 0;
    let attempts = 0;
    while (elapsed < 24 * 3_600_000) {
      attempts += 1;
      elapsed += retryDelayMs(attempts, DEFAULT_BACKOFF, 0.5);
    }
    expect(attempts).toBeGreaterThan(12);
    expect(attempts).toBeLessThan(60);
  });
});
