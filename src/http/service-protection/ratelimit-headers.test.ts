import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { secondsText } from './ratelimit-headers.js';

describe('time remaining header', () => {
  it('writes milliseconds as seconds with thousands grouped and two decimals, as Intl would', () => {
    const intl = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000_000 }), (ms) => {
        expect(secondsText(ms)).toBe(intl.format(Math.round(ms / 10) / 100));
      }),
    );
    expect(secondsText(1_200_000)).toBe('1,200.00');
    expect(secondsText(5)).toBe('0.01');
    expect(secondsText(-3)).toBe('0.00');
  });
});
