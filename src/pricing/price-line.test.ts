import { describe, expect, it } from 'vitest';
import {
  catalog,
  discountList,
  item,
  line,
  priced,
  record,
  settings,
  text,
  tier,
  writeIn,
} from '../../test/support/pricing/fixtures.js';
import { priceLine } from './price-line.js';
import type { LineChange } from './pricing-types.js';

/** The catalog price moved from the agreed 100 to 120; an Amount list gives 5 off from 10 units. */
const repriced = catalog({
  priceListItems: [item('p1', { amount: '120', discounttypeid: 'vol' })],
  discountLists: [discountList('vol', true)],
  discounts: [tier('vol', '10', '1000', { amount: '5' })],
});
const locked = record({ ispricelocked: true });
/** A line stored when the price was agreed: 100 per unit, quantity 2, no volume discount. */
const stored = line({ priceperunit: '100', quantity: '2', volumediscountamount: '0' });

const priceWith = (change: LineChange, pricingLine = stored, header = locked) =>
  priced(pricingLine, { record: header, catalog: repriced, change });

describe('lock pricing on orders and invoices (reference 5.7)', () => {
  it('a locked line keeps its stored price when it is updated or recalculated, whatever the catalog says', () => {
    for (const change of [{ operation: 'update' }, { operation: 'recalculate' }] as const) {
      const result = priceWith(change);
      expect(text(result.priceperunit)).toBe('100');
      expect(text(result.extendedamount)).toBe('200');
      expect(result.trace.priceSource).toBe('locked');
    }
  });

  it('the volume discount still follows a quantity change on a locked record, at the locked price', () => {
    const more = line({ priceperunit: '100', quantity: '10', volumediscountamount: '0' });
    const result = priceWith({ operation: 'update', quantityChanged: true }, more);
    expect(text(result.priceperunit)).toBe('100');
    expect(text(result.volumediscountamount)).toBe('5');
    expect(text(result.baseamount)).toBe('950');
  });

  it('without a quantity change the stored volume discount is kept', () => {
    const keptDiscount = line({ priceperunit: '100', quantity: '10', volumediscountamount: '2' });
    const result = priceWith({ operation: 'recalculate' }, keptDiscount);
    expect(text(result.volumediscountamount)).toBe('2');
    expect(result.trace.volumeDiscount).toBe('kept');
  });

  it('a new line, or a line whose product changed, has no agreed price yet and takes the catalog price', () => {
    expect(text(priceWith({ operation: 'create' }).priceperunit)).toBe('120');
    expect(text(priceWith({ operation: 'update', productChanged: true }).priceperunit)).toBe('120');
    expect(text(priceWith({ operation: 'update' }, line({ quantity: '2' })).priceperunit)).toBe('120');
  });

  it('unlocked ("Use Current Pricing"), the catalog price flows to the line on recalculation', () => {
    expect(text(priceWith({ operation: 'recalculate' }, stored, record()).priceperunit)).toBe('120');
  });

  it('only orders and invoices lock: ispricelocked on a quote or opportunity is ignored', () => {
    expect(
      text(
        priceWith({ operation: 'recalculate' }, stored, record({ table: 'quote', ispricelocked: true })).priceperunit,
      ),
    ).toBe('120');
    expect(
      text(
        priceWith({ operation: 'recalculate' }, stored, record({ table: 'invoice', ispricelocked: true })).priceperunit,
      ),
    ).toBe('100');
  });

  it('a write-in line is refused on a locked order or invoice', () => {
    for (const table of ['salesorder', 'invoice'] as const) {
      const result = priceLine(writeIn('9.99', '1'), record({ table, ispricelocked: true }), repriced, settings(), {
        operation: 'create',
      });
      expect(result).toMatchObject({ kind: 'refused', reason: 'writeInOnPriceLockedRecord' });
    }
  });

  it('an existing write-in line on a locked record is still priced when it changes or is recalculated', () => {
    for (const operation of ['update', 'recalculate'] as const) {
      const result = priceLine(writeIn('9.99', '3'), locked, repriced, settings(), { operation });
      expect(result.kind).toBe('priced');
    }
  });

  it('a write-in line on an unlocked record is priced at the user price', () => {
    const result = priced(writeIn('9.99', '3'));
    expect(text(result.extendedamount)).toBe('29.97');
    expect(result.trace.priceSource).toBe('writeIn');
  });
});

describe('user prices and line inputs (reference 5.5)', () => {
  it('an overridden price is kept instead of the price list price', () => {
    const result = priced(line({ ispriceoverridden: true, priceperunit: '87.5', quantity: '2' }));
    expect(text(result.priceperunit)).toBe('87.5');
    expect(result.trace.priceSource).toBe('overridden');
  });

  it('a user price is rounded to the pricing precision, other money to the currency precision', () => {
    const result = priced(writeIn('10.125', '1', { manualdiscountamount: '0.005', tax: '1.994' }), {
      settings: settings({ pricingdecimalprecision: 2, currencyprecision: 2 }),
    });
    expect([result.priceperunit, result.manualdiscountamount, result.tax].map(text)).toEqual(['10.13', '0.01', '1.99']);
  });

  it('pricing precision and currency precision are independent: 4-decimal prices, 2-decimal amounts', () => {
    const result = priced(writeIn('0.12345', '3'), {
      settings: settings({ pricingdecimalprecision: 4, currencyprecision: 2 }),
    });
    expect(text(result.priceperunit)).toBe('0.1235');
    expect(text(result.baseamount)).toBe('0.37'); // 0.3705
  });

  it('a missing quantity is 4 Missing Quantity and counts as 0', () => {
    const result = priced(line({ quantity: null }));
    expect(result.pricingerrorcode).toBe(4);
    expect(text(result.priceperunit)).toBe('100');
    expect(text(result.extendedamount)).toBe('0');
  });

  it('a write-in or overridden line without a price is 5 Missing Unit Price and counts at 0', () => {
    expect(priced(writeIn(null, '2')).pricingerrorcode).toBe(5);
    expect(priced(line({ ispriceoverridden: true, priceperunit: null })).pricingerrorcode).toBe(5);
  });

  it('a fractional quantity of a product sold in whole units is 29 Invalid Quantity', () => {
    const whole = catalog({ priceListItems: [item('p1', { amount: '100', quantitysellingcode: 2 })] });
    expect(priced(line({ quantity: '1.5' }), { catalog: whole }).pricingerrorcode).toBe(29);
    expect(priced(line({ quantity: '2' }), { catalog: whole }).pricingerrorcode).toBe(0);
    expect(priced(line({ quantity: '1.5' })).pricingerrorcode).toBe(0);
  });

  it('a negative quantity (a return) gives negative amounts rounded away from zero', () => {
    const result = priced(writeIn('0.125', '-1'), { settings: settings({ pricingdecimalprecision: 3 }) });
    expect(text(result.baseamount)).toBe('-0.13');
  });
});
