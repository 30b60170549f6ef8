import { describe, expect, it } from 'vitest';
import { countLabel } from './count-label';

describe('a count in words', () => {
  it('names one row in the singular', () => {
    expect(countLabel(1, 'line', 'lines')).toBe('1 line');
  });

  it('names none and many in the plural', () => {
    expect(countLabel(0, 'item', 'items')).toBe('0 items');
    expect(countLabel(31, 'account', 'accounts')).toBe('31 accounts');
  });
});
