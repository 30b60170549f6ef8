/**
 * `orderline import` (src/data-transfer/csv-import.ts) on SQLite and PostgreSQL: a whole file or
 * nothing, every bad row named by its line, rows written through the pipeline.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importCsv } from '../../src/data-transfer/csv-import.js';
import { ImportRefused } from '../../src/data-transfer/import-refusal.js';
import { Decimal } from '../../src/domain/decimal.js';
import { invalidArgument } from '../../src/domain/errors.js';
import type { PipelineServices } from '../../src/pipeline/execution-context.js';
import { updateRecord } from '../../src/pipeline/record-writer.js';
import { inUnitOfWork } from '../../src/pipeline/unit-of-work.js';
import type { WriteStep } from '../../src/pipeline/write-step.js';
import { TEST_STORES } from '../support/test-stores.js';
import { addCatalogFoundations, openTransferTestApp, productsCsv, type TransferTestApp } from './transfer-test-app.js';

async function refusal(promise: Promise<unknown>): Promise<ImportRefused> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ImportRefused);
  return error as ImportRefused;
}

for (const kind of TEST_STORES) {
  describe(`importing CSV on ${kind}`, () => {
    let test: TransferTestApp;
    beforeEach(async () => {
      test = await openTransferTestApp(kind);
      await addCatalogFoundations(test);
    });
    afterEach(async () => {
      await test?.close();
    });

    const importText = (importKind: 'products' | 'pricelists' | 'pricelistitems', text: string, options = {}) =>
      importCsv(test.app.services, test.caller, importKind, text, options);

    it('imports a 10,000-row products file in one go, every row present afterwards', async () => {
      const progress: number[] = [];
      const summary = await importText('products', productsCsv(10_000), {
        onProgress: (written: number, total: number) => {
          if (written % 2_500 === 0) progress.push(written / total);
        },
      });
      expect(summary).toMatchObject({ rows: 10_000, created: 10_000, updated: 0 });
      expect(progress).toEqual([0.25, 0.5, 0.75, 1]);
      expect(await test.count('product')).toBe(10_000);
      const last = await test.app.store.db
        .selectFrom('product')
        .select(['name', 'productnumber'])
        .where('productnumber', '=', 'P-09999')
        .executeTakeFirstOrThrow();
      expect(last.name).toBe('Product 09999, blue');
      const row = await test.app.services.records.findByKey(
        test.app.store.db,
        test.app.services.metadata.table('product')!,
        {
          productnumber: 'P-01234',
        },
      );
      // 1234 % 997 = 237: the amount arrives exactly as written.
      expect(row?.price).toEqual(new Decimal('237.99'));
      expect(row?.statecode).toBe(2); // Draft: the organization creates products in Draft by default.
    }, 120_000);

    it('refuses the whole file for one bad row among valid ones, naming its line, and imports nothing', async () => {
      const text = [
        'productnumber,name,price',
        'OK-1,Valid one,10',
        'OK-2,Valid two,11.5',
        'OK-3,Valid three,12',
        'OK-4,Valid four,13',
        'OK-5,Valid five,14',
        'BAD-6,Comma decimal,"12,5"',
        'OK-7,Valid seven,15',
      ].join('\n');
      const error = await refusal(importText('products', text));
      expect(error.problems).toEqual([{ line: 7, reason: 'price "12,5" is not a number' }]);
      expect(error.message).toBe('line 7: price "12,5" is not a number');
      expect(await test.count('product')).toBe(0);
    });

    it('reports every bad row of the file at once, each with its line and a plain reason', async () => {
      const text = [
        'productnumber,name,price,defaultuomid,producttypecode,validfromdate',
        'A-1,Fine,1,Primary Unit,1,2026-01-01',
        'A-2,,2,Primary Unit,1,', // no name
        'A-3,Negative,-4,Primary Unit,1,',
        'A-1,Twice,1,Primary Unit,1,',
        'A-5,Unknown unit,1,Crate,1,',
        'A-6,Bad option,1,Primary Unit,9,',
        'A-7,Bad date,1,Primary Unit,1,2026-02-30',
        '"A-8","Quoted ""name"" over',
        'two lines",1,Primary Unit,1,',
        'A-9,Too few,1',
      ].join('\n');
      const error = await refusal(importText('products', text));
      expect(error.problems).toEqual([
        { line: 3, reason: 'name is empty; it is required' },
        { line: 4, reason: 'price "-4" is outside the allowed range (0 to 1000000000000)' },
        { line: 5, reason: 'productnumber "A-1" is also on line 2' },
        { line: 6, reason: 'defaultuomid "Crate" names no unit' },
        {
          line: 7,
          reason:
            'producttypecode "9" is not one of 1 (Sales Inventory), 2 (Miscellaneous Charges), 3 (Services), 4 (Flat Fees)',
        },
        { line: 8, reason: 'validfromdate "2026-02-30" is not a date (YYYY-MM-DD)' },
        { line: 11, reason: 'has 3 values but the first line names 6 columns' },
      ]);
      expect(await test.count('product')).toBe(0);
    });

    it('refuses a header naming unknown columns or missing the required ones', async () => {
      const error = await refusal(importText('products', 'name,colour\nDesk,blue\n'));
      expect(error.problems.map((problem) => problem.reason)).toEqual([
        expect.stringMatching(/^unknown column "colour"; products take productnumber, name, /),
        'the column productnumber is missing; products need it',
      ]);
      expect(error.problems.every((problem) => problem.line === 1)).toBe(true);
    });

    it('rolls back every row written so far when a write fails mid-way', async () => {
      let products = 0;
      const failAtRow5000: WriteStep = {
        name: 'injected failure',
        stage: 'postOperation',
        tables: ['product'],
        messages: ['Create'],
        run() {
          products++;
          if (products === 5_000) throw new Error('disk full (injected)');
        },
      };
      const services: PipelineServices = { ...test.app.services, steps: [...test.app.services.steps, failAtRow5000] };
      await expect(importCsv(services, test.caller, 'products', productsCsv(6_000))).rejects.toThrow(
        'line 5001: disk full (injected)',
      );
      expect(products).toBe(5_000);
      expect(await test.count('product')).toBe(0);
    }, 120_000);

    it('refuses the file when a pipeline rule refuses a row, naming its line, and keeps none of the rows before it', async () => {
      const discontinued: WriteStep = {
        name: 'a plug-in refusing one product',
        stage: 'preValidation',
        tables: ['product'],
        messages: ['Create'],
        run(_context, operation) {
          if (operation.target.productnumber === 'P-00004') throw invalidArgument('P-00004 is discontinued.');
        },
      };
      const services: PipelineServices = { ...test.app.services, steps: [...test.app.services.steps, discontinued] };
      const error = await refusal(importCsv(services, test.caller, 'products', productsCsv(10)));
      expect(error.problems).toEqual([{ line: 6, reason: 'P-00004 is discontinued.' }]);
      expect(await test.count('product')).toBe(0);
    });

    it('checks without writing on a dry run', async () => {
      const summary = await importText('products', productsCsv(50), { dryRun: true });
      expect(summary).toMatchObject({ rows: 50, created: 50, updated: 0, dryRun: true });
      expect(await test.count('product')).toBe(0);
    });

    it('updates the rows a file names again instead of duplicating them, and publishes on request', async () => {
      await importText('products', 'productnumber,name,price\nDESK-1,Desk,100\n');
      const summary = await importText(
        'products',
        'productnumber,name,price\nDESK-1,Desk (oak),120\nDESK-2,Desk XL,150\n',
        {
          publish: true,
        },
      );
      expect(summary).toMatchObject({ rows: 2, created: 1, updated: 1, published: 2 });
      const rows = await test.app.store.db
        .selectFrom('product')
        .select(['productnumber', 'name', 'statecode'])
        .orderBy('productnumber')
        .execute();
      expect(rows.map((row) => [row.productnumber, row.name, Number(row.statecode)])).toEqual([
        ['DESK-1', 'Desk (oak)', 0],
        ['DESK-2', 'Desk XL', 0],
      ]);
    });

    it('creates products Active when the organization says so', async () => {
      const organization = await test.app.store.db
        .selectFrom('organization')
        .select('organizationid')
        .executeTakeFirstOrThrow();
      await inUnitOfWork(test.app.services, test.caller, (context) =>
        updateRecord(context, context.services.metadata.table('organization')!, String(organization.organizationid), {
          attributes: { createproductswithoutparentinactivestate: true },
          bindings: [],
        }),
      );
      await importText('products', 'productnumber,name\nLAMP-1,Lamp\n');
      const lamp = await test.app.store.db.selectFrom('product').select('statecode').executeTakeFirstOrThrow();
      expect(Number(lamp.statecode)).toBe(0);
    });

    it('imports price lists and their items, naming products by number and units by name', async () => {
      await importText('pricelists', 'name,begindate\nRetail USD,2026-01-01\nWholesale USD,\n');
      await importText(
        'products',
        'productnumber,name,defaultuomscheduleid,defaultuomid,price\nCABLE-1,Cable tray,Packs,Each,24.99\nSVC-1,Installation,Service Time,Hour,85\n',
      );
      const items = [
        'pricelevelid,productid,uomid,pricingmethodcode,amount,percentage,discounttypeid',
        'Retail USD,CABLE-1,Each,1,24.99,,Volume tiers',
        'Retail USD,CABLE-1,Box of 10,Currency Amount,229.9,,',
        // No unit: the product's default unit (Hour).
        'Retail USD,SVC-1,,1,85,,',
        'Wholesale USD,CABLE-1,Each,Percent of List,,85,',
      ].join('\n');
      expect(await importText('pricelistitems', items)).toMatchObject({ rows: 4, created: 4 });
      const stored = await test.app.store.db
        .selectFrom('productpricelevel as item')
        .innerJoin('pricelevel', 'pricelevel.pricelevelid', 'item.pricelevelid')
        .innerJoin('product', 'product.productid', 'item.productid')
        .innerJoin('uom', 'uom.uomid', 'item.uomid')
        .select(['pricelevel.name as list', 'product.productnumber', 'uom.name as unit', 'item.pricingmethodcode'])
        .orderBy('pricelevel.name')
        .orderBy('product.productnumber')
        .orderBy('uom.name')
        .execute();
      expect(stored.map((row) => [row.list, row.productnumber, row.unit, Number(row.pricingmethodcode)])).toEqual([
        ['Retail USD', 'CABLE-1', 'Box of 10', 1],
        ['Retail USD', 'CABLE-1', 'Each', 1],
        ['Retail USD', 'SVC-1', 'Hour', 1],
        ['Wholesale USD', 'CABLE-1', 'Each', 2],
      ]);
      const currencies = await test.app.store.db.selectFrom('pricelevel').select('transactioncurrencyid').execute();
      expect(currencies.every((row) => row.transactioncurrencyid !== null)).toBe(true);
    });

    it('names the price list item rows whose lookups name nothing, or that name one item twice', async () => {
      await importText('pricelists', 'name\nRetail USD\n');
      await importText('products', 'productnumber,name,defaultuomid\nCABLE-1,Cable tray,Each\n');
      const error = await refusal(
        importText(
          'pricelistitems',
          [
            'pricelevelid,productid,uomid,amount',
            'Retail EUR,CABLE-1,Each,1',
            'Retail USD,NOPE-9,,1',
            'Retail USD,CABLE-1,Hour,1',
            'Retail USD,CABLE-1,Each,1',
            'Retail USD,CABLE-1,,2', // the product's default unit: Each again
          ].join('\n'),
        ),
      );
      expect(error.problems).toEqual([
        { line: 2, reason: 'pricelevelid "Retail EUR" names no price list' },
        { line: 3, reason: 'productid "NOPE-9" names no product' },
        { line: 4, reason: `uomid "Hour" names no unit in the product's unit group` },
        { line: 6, reason: 'pricelevelid "Retail USD", productid "CABLE-1", uomid "Each" are also on line 5' },
      ]);
      expect(await test.count('productpricelevel')).toBe(0);
    });
  });
}
