import { describe, expect, it } from 'vitest';
import {
  catalog,
  EUR,
  item,
  line,
  PRICE_LIST,
  priced,
  priceList,
  product,
  record,
  settings,
  text,
} from '../../test/support/pricing/fixtures.js';

const mandatory = settings({ ispricelistmandatory: true });
const optional = settings({ ispricelistmandatory: false });

/** p1 is in the header price list at 100; p2 only in its default price list "pl-default" at 80. */
const twoLists = catalog({
  products: [product('p1'), product('p2', { pricelevelid: 'pl-default' })],
  priceLists: [priceList(PRICE_LIST), priceList('pl-default')],
  priceListItems: [item('p1', { amount: '100' }), item('p2', { pricelevelid: 'pl-default', amount: '80' })],
});

describe('price list item resolution (reference 5.2 step 1)', () => {
  it('takes the item for the product and unit in the header price list', () => {
    const result = priced(line(), { catalog: twoLists });
    expect(text(result.priceperunit)).toBe('100');
    expect(result.trace.priceSource).toBe('priceList');
    expect(result.trace.priceListItem?.productpricelevelid).toBe(`${PRICE_LIST}/p1/uom-each`);
  });

  it('matches the unit: the same product in another unit has its own item', () => {
    const units = catalog({
      priceListItems: [item('p1', { amount: '100' }), item('p1', { uomid: 'box', amount: '1150' })],
    });
    expect(text(priced(line({ uomid: 'box' }), { catalog: units }).priceperunit)).toBe('1150');
    expect(text(priced(line(), { catalog: units }).priceperunit)).toBe('100');
  });

  describe('price list mandatory', () => {
    it('a product not in the header price list is 11 Product Not In Price Level (no default list fallback)', () => {
      const result = priced(line({ productid: 'p2' }), { catalog: twoLists, settings: mandatory });
      expect(result.pricingerrorcode).toBe(11);
      expect(text(result.priceperunit)).toBe('0');
    });

    it('no price list on the header is 2 Missing Price Level', () => {
      expect(priced(line(), { catalog: twoLists, record: record({ pricelevelid: null }) }).pricingerrorcode).toBe(2);
    });
  });

  describe('price list optional', () => {
    it("a product not in the header price list takes its default price list's item", () => {
      const result = priced(line({ productid: 'p2' }), { catalog: twoLists, settings: optional });
      expect(text(result.priceperunit)).toBe('80');
      expect(result.pricingerrorcode).toBe(0);
      expect(result.trace.priceSource).toBe('defaultPriceList');
    });

    it("no price list on the header takes the product's default price list", () => {
      const result = priced(line({ productid: 'p2' }), {
        catalog: twoLists,
        settings: optional,
        record: record({ pricelevelid: null }),
      });
      expect(text(result.priceperunit)).toBe('80');
    });

    it('no item anywhere prices the line at 0 without an error ("calculation always happens")', () => {
      const none = catalog({ products: [product('p1', { pricelevelid: null })], priceListItems: [] });
      const result = priced(line(), { catalog: none, settings: optional, record: record({ pricelevelid: null }) });
      expect(text(result.priceperunit)).toBe('0');
      expect(result.pricingerrorcode).toBe(0);
      expect(result.trace.priceSource).toBe('noPriceList');
    });

    it('an inactive default price list, or one in another currency, is not used', () => {
      for (const list of [
        priceList('pl-default', { statecode: 1 }),
        priceList('pl-default', { transactioncurrencyid: EUR }),
      ]) {
        const rows = catalog({
          products: [product('p2', { pricelevelid: 'pl-default' })],
          priceLists: [priceList(PRICE_LIST), list],
          priceListItems: [item('p2', { pricelevelid: 'pl-default', amount: '80' })],
        });
        const result = priced(line({ productid: 'p2' }), { catalog: rows, settings: optional });
        expect(text(result.priceperunit)).toBe('0');
        expect(result.trace.priceSource).toBe('noPriceList');
      }
    });
  });

  describe('a header price list that cannot price is an error in both modes', () => {
    it.each([
      ['not found: 2 Missing Price Level', catalog({ priceLists: [] }), 2],
      ['inactive: 3 Inactive Price Level', catalog({ priceLists: [priceList(PRICE_LIST, { statecode: 1 })] }), 3],
      [
        'in another currency: 34 Invalid Price Level Currency',
        catalog({ priceLists: [priceList(PRICE_LIST, { transactioncurrencyid: EUR })] }),
        34,
      ],
    ])('%s', (_name, rows, code) => {
      expect(priced(line(), { catalog: rows, settings: mandatory }).pricingerrorcode).toBe(code);
      expect(priced(line(), { catalog: rows, settings: optional }).pricingerrorcode).toBe(code);
    });
  });

  it.each([
    ['6 Missing Product: an existing-product line without a product', line({ productid: null }), 6],
    ['7 Invalid Product: a product the catalog does not hold', line({ productid: 'unknown' }), 7],
    ['10 Missing UOM: a catalog line without a unit', line({ uomid: null }), 10],
  ])('%s', (_name, pricingLine, code) => {
    const result = priced(pricingLine);
    expect(result.pricingerrorcode).toBe(code);
    expect(text(result.priceperunit)).toBe('0');
    expect(result.trace.priceSource).toBe('error');
  });
});
