import { describe, expect, it } from 'vitest';
import { catalog, discountList, item, line, priced, product, text, tier } from '../../test/support/pricing/fixtures.js';

/** p1 at 100 with an Amount list, p2 at 19.99 with a Percentage list; same bounds in both. */
function tiered(statecode = 0) {
  return catalog({
    products: [product('p1'), product('p2')],
    priceListItems: [
      item('p1', { amount: '100', discounttypeid: 'amounts' }),
      item('p2', { amount: '19.99', discounttypeid: 'percents' }),
    ],
    discountLists: [discountList('amounts', true, statecode), discountList('percents', false, statecode)],
    discounts: [
      // Given out of order: the catalog orders rows by lowquantity.
      tier('amounts', '50', '100', { amount: '10' }),
      tier('amounts', '10', '19', { amount: '5' }),
      tier('amounts', '20', '49', { amount: '7.5' }),
      tier('percents', '10', '19', { percentage: '2' }),
      tier('percents', '20', '49', { percentage: '5' }),
      tier('percents', '50', '100', { percentage: '12.5' }),
    ],
  });
}

const volume = (productid: string, quantity: string, rows = tiered()) =>
  priced(line({ productid, quantity }), { catalog: rows });

describe('volume discount from the discount list (reference 5.4)', () => {
  it.each([
    ['9', '0', 'noTier'],
    ['10', '5', 'tier'],
    ['19', '5', 'tier'],
    ['19.5', '0', 'noTier'],
    ['20', '7.5', 'tier'],
    ['49', '7.5', 'tier'],
    ['50', '10', 'tier'],
    ['100', '10', 'tier'],
    ['100.00001', '0', 'noTier'],
  ])('Amount list, bounds included: quantity %s gives %s per unit', (quantity, expected, source) => {
    const result = volume('p1', quantity);
    expect(text(result.volumediscountamount)).toBe(expected);
    expect(result.trace.volumeDiscount).toBe(source);
  });

  it.each([
    ['9', '0'],
    ['10', '0.4'], // 2% of 19.99 = 0.3998
    ['19', '0.4'],
    ['20', '1'], // 5% of 19.99 = 0.9995
    ['49', '1'],
    ['50', '2.5'], // 12.5% of 19.99 = 2.49875
    ['100', '2.5'],
    ['101', '0'],
  ])(
    'Percentage list: quantity %s gives price x percentage / 100 = %s per unit, rounded to the currency precision',
    (quantity, expected) => {
      expect(text(volume('p2', quantity).volumediscountamount)).toBe(expected);
    },
  );

  it('the volume discount is per unit: baseamount = (price - volume discount) x quantity', () => {
    const result = volume('p2', '20');
    expect(text(result.baseamount)).toBe('379.8'); // (19.99 - 1.00) x 20
    expect(text(volume('p1', '50').baseamount)).toBe('4500'); // (100 - 10) x 50
  });

  it('an inactive discount list still applies (reference 5.1)', () => {
    expect(text(volume('p1', '20', tiered(1)).volumediscountamount)).toBe('7.5');
  });

  it('the trace names the tier and the list', () => {
    const result = volume('p1', '20');
    expect(result.trace.discountList?.discounttypeid).toBe('amounts');
    expect(result.trace.discount?.discountid).toBe('amounts:20-49');
  });

  it('a price list item pointing at a discount list the catalog lacks is 26 Invalid Discount Type', () => {
    const rows = catalog({ priceListItems: [item('p1', { amount: '100', discounttypeid: 'gone' })] });
    const result = priced(line({ quantity: '20' }), { catalog: rows });
    expect(result.pricingerrorcode).toBe(26);
    expect(text(result.volumediscountamount)).toBe('0');
  });

  it.each([
    ['an Amount row without an amount', true, { amount: null }],
    ['an Amount row with a negative amount', true, { amount: '-1' }],
    ['a Percentage row without a percentage', false, { percentage: null }],
  ])('%s is 28 Invalid Discount', (_name, isAmount, value) => {
    const rows = catalog({
      priceListItems: [item('p1', { amount: '100', discounttypeid: 'd' })],
      discountLists: [discountList('d', isAmount)],
      discounts: [tier('d', '1', '5', value)],
    });
    const result = priced(line({ quantity: '2' }), { catalog: rows });
    expect(result.pricingerrorcode).toBe(28);
    expect(text(result.volumediscountamount)).toBe('0');
  });

  it('a row with its bounds reversed holds no quantity and never applies', () => {
    const rows = catalog({
      priceListItems: [item('p1', { amount: '100', discounttypeid: 'd' })],
      discountLists: [discountList('d', true)],
      discounts: [tier('d', '5', '1', { amount: '1' })],
    });
    for (const quantity of ['1', '3', '5']) {
      expect(priced(line({ quantity }), { catalog: rows }).trace.volumeDiscount).toBe('noTier');
    }
  });

  it('an overridden price takes no volume discount (no price list lookup, reference 5.5)', () => {
    const result = priced(line({ productid: 'p1', quantity: '20', ispriceoverridden: true, priceperunit: '90' }), {
      catalog: tiered(),
    });
    expect(text(result.volumediscountamount)).toBe('0');
    expect(result.trace.volumeDiscount).toBe('none');
  });
});
