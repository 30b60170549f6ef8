/**
 * `orderline export` (src/data-transfer/csv-export.ts): CSV that `orderline import` reads back, so a
 * catalog moves from one database to another unchanged; orders with their state and totals.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportCsv } from '../../src/data-transfer/csv-export.js';
import { importCsv } from '../../src/data-transfer/csv-import.js';
import { readCsvTable } from '../../src/data-transfer/csv-table.js';
import { seedSalesDemo } from '../../src/provisioning/sales-demo.js';
import { TEST_STORES } from '../support/test-stores.js';
import { addCatalogFoundations, openTransferTestApp, type TransferTestApp } from './transfer-test-app.js';

const CATALOG = ['pricelists', 'products', 'pricelistitems'] as const;

for (const kind of TEST_STORES) {
  describe(`exporting CSV on ${kind}`, () => {
    let demo: TransferTestApp;
    beforeAll(async () => {
      demo = await openTransferTestApp(kind);
      await seedSalesDemo(demo.app.services, demo.app.provisioning.adminUserId);
    });
    afterAll(async () => {
      await demo?.close();
    });

    it('exports a catalog that imports into another database as the same rows (round trip)', async () => {
      const exported = new Map<string, string>();
      for (const name of CATALOG) exported.set(name, (await exportCsv(demo.app.services, name)).text);
      expect(readCsvTable(exported.get('products')!).rows).toHaveLength(24); // 20 products and 4 families

      const copy = await openTransferTestApp(kind);
      try {
        await addCatalogFoundations(copy);
        // Price lists first: products and items name them.
        for (const name of CATALOG) await importCsv(copy.app.services, copy.caller, name, exported.get(name)!);
        for (const name of CATALOG) expect((await exportCsv(copy.app.services, name)).text).toBe(exported.get(name));
      } finally {
        await copy.close();
      }
    });

    it('exports what importing back into the same database leaves unchanged', async () => {
      const before = (await exportCsv(demo.app.services, 'pricelistitems')).text;
      // 21 on Retail USD (the cable tray also by the box), 20 on Wholesale USD.
      const summary = await importCsv(demo.app.services, demo.caller, 'pricelistitems', before);
      expect(summary).toMatchObject({ rows: 41, created: 0, updated: 41 });
      expect((await exportCsv(demo.app.services, 'pricelistitems')).text).toBe(before);
    });

    it('writes amounts exactly and lookups by natural key', async () => {
      const { header, rows } = readCsvTable((await exportCsv(demo.app.services, 'pricelistitems')).text);
      const byKey = new Map(rows.map((row) => [row.cells.slice(0, 3).join(' / '), row.cells]));
      const column = (cells: readonly string[] | undefined, name: string) => cells?.[header.indexOf(name)];
      const box = byKey.get('Retail USD / CABLE-11 / Box of 10');
      expect(column(box, 'amount')).toBe('229.9');
      expect(column(box, 'discounttypeid')).toBe('Volume tiers');
      const wholesale = byKey.get('Wholesale USD / SVC-19 / Day');
      expect(column(wholesale, 'pricingmethodcode')).toBe('2');
      expect(column(wholesale, 'percentage')).toBe('85');
      expect(column(wholesale, 'roundingoptionamount')).toBe('0.99');
    });

    it('exports every order with its customer, owner, state and totals', async () => {
      const exported = await exportCsv(demo.app.services, 'orders');
      const { header, rows } = readCsvTable(exported.text);
      expect(exported.rows).toBe(await demo.count('salesorder'));
      const orders = rows.map((row) => Object.fromEntries(header.map((name, index) => [name, row.cells[index]])));
      expect(new Set(orders.map((order) => order.statecode))).toEqual(new Set(['0', '1', '2', '3', '4']));
      expect(orders.find((order) => order.name === 'Office fit-out')).toMatchObject({
        customerid: 'Contoso Ltd',
        customeridtype: 'account',
        pricelevelid: 'Retail USD',
        transactioncurrencyid: 'USD',
        ownerid: 'admin',
        statecode: '0',
        totallineitemamount: '5624.12',
        freightamount: '45',
        totalamount: '5669.12',
      });
      expect(orders.find((order) => order.name === 'Woodgrove branch refresh')).toMatchObject({
        ownerid: 'andrew.fuller',
        statecode: '1',
        statuscode: '3',
      });
    });
  });
}
