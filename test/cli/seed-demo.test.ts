/**
 * `orderline seed --demo` (src/provisioning/sales-demo.ts): a demo company with a catalog, customers,
 * salespeople and deals in every state, added once.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importCsv } from '../../src/data-transfer/csv-import.js';
import { seedDemoData } from '../../src/provisioning/demo-data.js';
import { seedSalesDemo } from '../../src/provisioning/sales-demo.js';
import { openTransferTestApp, type TransferTestApp } from '../import/transfer-test-app.js';
import { TEST_STORES } from '../support/test-stores.js';

for (const kind of TEST_STORES) {
  describe(`the demo company on ${kind}`, () => {
    let test: TransferTestApp;
    beforeEach(async () => {
      test = await openTransferTestApp(kind);
    });
    afterEach(async () => {
      await test?.close();
    });

    const seed = () => seedSalesDemo(test.app.services, test.app.provisioning.adminUserId);
    const db = () => test.app.store.db;
    const statesOf = async (table: string) =>
      new Set((await db().selectFrom(table).select('statecode').execute()).map((row) => Number(row.statecode)));

    it('has orders in every state, opportunities and quotes in several, and the integration left on', async () => {
      const outcome = await seed();
      expect(outcome).toEqual({
        added: true,
        ordersByState: { Active: 4, Submitted: 3, Canceled: 1, Fulfilled: 2, Invoiced: 2 },
      });
      expect(await statesOf('salesorder')).toEqual(new Set([0, 1, 2, 3, 4])); // Active ... Invoiced
      expect(await statesOf('opportunity')).toEqual(new Set([0, 1, 2])); // Open, Won, Lost
      expect(await statesOf('quote')).toEqual(new Set([0, 1, 2, 3])); // Draft, Active, Won, Closed
      expect(await statesOf('invoice')).toEqual(new Set([0, 2])); // Active, Paid
      const organization = await test.app.services.referenceData.organization(db());
      expect(organization.issopintegrationenabled).toBe(true);
      // Every order is priced: nothing left at zero, no pricing error.
      const orders = await db().selectFrom('salesorder').select(['name', 'totalamount', 'pricingerrorcode']).execute();
      expect(orders.filter((order) => Number(order.pricingerrorcode ?? 0) !== 0)).toEqual([]);
      expect(orders.filter((order) => Number(order.totalamount) <= 0)).toEqual([]);
    });

    it('has a catalog of 20 active products on two USD price lists priced differently, customers and salespeople', async () => {
      await seed();
      const sellable = await db()
        .selectFrom('product')
        .select(['statecode'])
        .where('productstructure', '=', 1)
        .execute();
      expect(sellable).toHaveLength(20);
      expect(sellable.every((product) => Number(product.statecode) === 0)).toBe(true);
      const methods = await db()
        .selectFrom('productpricelevel as item')
        .innerJoin('pricelevel', 'pricelevel.pricelevelid', 'item.pricelevelid')
        .select(['pricelevel.name', 'item.pricingmethodcode'])
        .distinct()
        .execute();
      expect(methods.map((row) => `${row.name}: ${Number(row.pricingmethodcode)}`).sort()).toEqual([
        'Retail USD: 1', // Currency Amount
        'Wholesale USD: 2', // Percent of List
      ]);
      expect(await test.count('discount')).toBeGreaterThanOrEqual(2); // the volume tiers
      expect(await test.count('account')).toBe(10);
      expect(await test.count('contact')).toBeGreaterThanOrEqual(10);
      const salespeople = await db()
        .selectFrom('systemuser')
        .innerJoin('systemuserroles', 'systemuserroles.systemuserid', 'systemuser.systemuserid')
        .innerJoin('role', 'role.roleid', 'systemuserroles.roleid')
        .select(['systemuser.domainname', 'role.name'])
        .where('role.name', 'in', ['Salesperson', 'Sales Manager'])
        .execute();
      expect(salespeople).toHaveLength(4);
    });

    it('is added once: seeding again adds nothing and says why', async () => {
      await seed();
      const orders = await test.count('salesorder');
      expect(await seed()).toEqual({
        added: false,
        reason: 'the demo is already there (the price list Wholesale USD exists)',
      });
      expect(await test.count('salesorder')).toBe(orders);
    });

    it('completes the starter demo of serve --demo rather than adding it twice', async () => {
      expect(await seedDemoData(test.app.services, test.app.provisioning.adminUserId)).toBe(true);
      expect((await seed()).added).toBe(true);
      const fitOuts = await db().selectFrom('salesorder').select('name').where('name', '=', 'Office fit-out').execute();
      expect(fitOuts).toHaveLength(1);
      expect(await test.count('pricelevel')).toBe(2);
    });

    it('leaves a database holding other products alone', async () => {
      await importCsv(test.app.services, test.caller, 'products', 'productnumber,name\nOWN-1,Our own product\n');
      const outcome = await seed();
      expect(outcome.added).toBe(false);
      expect(await test.count('product')).toBe(1);
    });
  });
}
