import { describe, expect, it } from 'vitest';
import { defineSlot, Slots } from './unit-of-work-slots.js';

describe('unit of work slots', () => {
  it('create their value on first use and hand out the same value after', () => {
    let made = 0;
    const seen = defineSlot('seen ids', () => {
      made += 1;
      return new Set<string>();
    });
    const slots = new Slots();
    slots.get(seen).add('a');
    expect(slots.get(seen).has('a')).toBe(true);
    expect(made).toBe(1);
  });

  it('are kept apart per unit of work and per key, even under one name', () => {
    const first = defineSlot('count', () => ({ value: 0 }));
    const second = defineSlot('count', () => ({ value: 0 }));
    const one = new Slots();
    const other = new Slots();
    one.get(first).value = 1;
    expect(one.get(second).value).toBe(0);
    expect(other.get(first).value).toBe(0);
  });
});
