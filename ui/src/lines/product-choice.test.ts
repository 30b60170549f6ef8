import { describe, expect, it } from 'vitest';
import { defaultUnitOf, productOptionLabel } from './product-choice';

const desk = { productid: 'p-desk', name: 'Standing Desk', productnumber: 'DESK-01', _defaultuomid_value: 'u-each' };
const service = { productid: 'p-service', name: 'Assembly', productnumber: null, _defaultuomid_value: null };

describe('choosing a product of the catalog', () => {
  it('shows a product by its name and its product ID', () => {
    expect(productOptionLabel(desk)).toBe('Standing Desk (DESK-01)');
  });

  it('shows empty parentheses for a product without a product ID, rather than "null"', () => {
    expect(productOptionLabel(service)).toBe('Assembly ()');
  });

  it("takes the chosen product's default unit", () => {
    expect(defaultUnitOf([service, desk], 'p-desk')).toBe('u-each');
  });

  it('takes no unit for a product without one, one not in the catalog, or before the catalog has loaded', () => {
    expect(defaultUnitOf([service, desk], 'p-service')).toBeUndefined();
    expect(defaultUnitOf([service, desk], 'p-missing')).toBeUndefined();
    expect(defaultUnitOf(undefined, 'p-desk')).toBeUndefined();
  });
});
