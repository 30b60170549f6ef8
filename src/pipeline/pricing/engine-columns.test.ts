import { describe, expect, it } from 'vitest';
import { createSalesMetadata } from '../../domain/metadata/sales-metadata.js';
import type { ColumnWriter, TableMetadata } from '../../domain/metadata/table-metadata.js';
import {
  buildPricingCatalog,
  computeHeaderTotals,
  EMPTY_HEADER_ACCUMULATOR,
  recalculate,
} from '../../pricing/index.js';
import { headerTotalsColumns, pricedLineColumns, pricingLine, pricingRecord, pricingSettings } from './convert.js';
import { dropEngineColumns, writesEngineColumns } from './engine-columns.js';
import { SALES_PAIRS } from './sales-tables.js';

const metadata = createSalesMetadata();
const table = (name: string): TableMetadata => metadata.table(name)!;
const writtenBy = (writer: ColumnWriter) =>
  metadata.tables.flatMap((t) =>
    t.columns.filter((column) => column.writtenBy === writer).map((column) => `${t.logicalName}.${column.name}`),
  );

const settings = pricingSettings({}, undefined);
const emptyCatalog = buildPricingCatalog({
  products: [],
  priceLists: [],
  priceListItems: [],
  discountLists: [],
  discounts: [],
});

describe('columns only the pricing engine writes', () => {
  it('are the "!C" totals of the four headers and the amounts of the four line tables (reference 4.4, 4.5)', () => {
    const expected = SALES_PAIRS.flatMap((pair) => [
      ...[
        'totallineitemamount',
        'totallineitemdiscountamount',
        'totaldiscountamount',
        'totalamountlessfreight',
        'totaltax',
        'totalamount',
      ].map((name) => `${pair.header}.${name}`),
      `${pair.line}.baseamount`,
      `${pair.line}.extendedamount`,
    ]);
    expect(writtenBy('pricing').sort()).toEqual(expected.sort());
  });

  it('are all written by the engine whenever it prices a header or a line, so no client value can remain', () => {
    for (const pair of SALES_PAIRS) {
      const record = pricingRecord(pair.header, {});
      const totals = computeHeaderTotals(EMPTY_HEADER_ACCUMULATOR, record, settings);
      const headerWrites = Object.keys(headerTotalsColumns(totals, EMPTY_HEADER_ACCUMULATOR));
      const line = recalculate(
        record,
        [pricingLine({ isproductoverridden: true, quantity: 1 })],
        emptyCatalog,
        settings,
      );
      const lineWrites = Object.keys(pricedLineColumns(line.lines[0]!));
      for (const column of table(pair.header).columns.filter((c) => c.writtenBy === 'pricing')) {
        expect(headerWrites, `${pair.header}.${column.name}`).toContain(column.name);
      }
      for (const column of table(pair.line).columns.filter((c) => c.writtenBy === 'pricing')) {
        expect(lineWrites, `${pair.line}.${column.name}`).toContain(column.name);
      }
    }
  });

  it('are found in a write and dropped from it, leaving the other columns', () => {
    const orders = table('salesorder');
    const target = { totalamount: 1, description: 'kept' };
    expect(writesEngineColumns(orders, target)).toBe(true);
    dropEngineColumns(orders, target);
    expect(target).toEqual({ description: 'kept' });
    expect(writesEngineColumns(orders, target)).toBe(false);
  });
});

describe('column write rules in the metadata', () => {
  it('give the back-office columns of orders, invoices and their lines to integration users only', () => {
    expect(writtenBy('integration').sort()).toEqual(
      [
        'invoice.ol_backofficerevision',
        'invoicedetail.ol_backofficerevision',
        'salesorder.ol_backofficeordernumber',
        'salesorder.ol_backofficerevision',
        'salesorder.ol_backofficetotalamount',
        'salesorder.ol_processingstatus',
        'salesorderdetail.ol_backofficerevision',
      ].sort(),
    );
  });

  it('give every column valid for neither create nor update to the system, and only those', () => {
    for (const t of metadata.tables) {
      for (const column of t.columns) {
        const neither = !column.validForCreate && !column.validForUpdate;
        expect(column.writtenBy === 'system', `${t.logicalName}.${column.name}`).toBe(neither);
      }
    }
    expect(writtenBy('system')).toEqual(expect.arrayContaining(['salesorder.createdon', 'salesorder.versionnumber']));
  });
});
