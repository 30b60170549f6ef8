import { describe, expect, it } from 'vitest';
import { isCustomPricingModule } from './custom-pricing.js';

describe('custom pricing module shape (reference 5.8)', () => {
  it('a module has a name and a calculatePrice function', () => {
    expect(isCustomPricingModule({ name: 'mine', calculatePrice: () => ({}) })).toBe(true);
  });

  it.each([
    ['nothing', undefined],
    ['a function', () => ({})],
    ['no name', { calculatePrice: () => ({}) }],
    ['no calculatePrice', { name: 'mine' }],
    ['calculatePrice that is not a function', { name: 'mine', calculatePrice: 'x' }],
  ])('%s is not a module', (_name, value) => {
    expect(isCustomPricingModule(value)).toBe(false);
  });
});
