/**
 * A small, realistic demo for `orderline serve --demo` on a new database: a unit group, three active
 * products on a USD price list (one with volume discount tiers), a customer with a contact, and an
 * order with priced lines. Written through the pipeline like any other data, so it is priced and
 * numbered as a user's would be.
 */
import { Decimal } from '../domain/decimal.js';
import type { ExecutionContext, PipelineServices } from '../pipeline/execution-context.js';
import { createAsSystem, systemPrincipal } from './first-start.js';

const money = (value: string) => new Decimal(value);

export async function seedDemoData(services: PipelineServices, adminUserId: string): Promise<boolean> {
  return services.store.transaction(async (trx) => {
    const existing = await trx.selectFrom('product').select('productid').limit(1).executeTakeFirst();
    if (existing) return false;
    const admin = await trx
      .selectFrom('systemuser')
      .select('businessunitid')
      .where('systemuserid', '=', adminUserId)
      .executeTakeFirst();
    const organization = await trx.selectFrom('organization').select('basecurrencyid').executeTakeFirstOrThrow();
    const context: ExecutionContext = {
      services,
      trx,
      caller: { user: systemPrincipal(adminUserId, String(admin?.businessunitid)) },
      touchedTables: new Set(),
      depth: 0,
    };
    const currency = String(organization.basecurrencyid);
    const group = await createAsSystem(context, 'uomschedule', { name: 'Default Unit', baseuomname: 'Primary Unit' });
    const unit = await trx
      .selectFrom('uom')
      .select('uomid')
      .where('uomscheduleid', '=', group)
      .executeTakeFirstOrThrow();
    const uomid = String(unit.uomid);
    const priceList = await createAsSystem(context, 'pricelevel', {
      name: 'Retail USD',
      transactioncurrencyid: currency,
    });
    const tiers = await createAsSystem(context, 'discounttype', { name: 'Volume tiers', isamounttype: false });
    for (const [low, high, percentage] of [
      ['10', '49', '5'],
      ['50', '100000', '10'],
    ] as const) {
      await createAsSystem(context, 'discount', {
        name: `${low}+ units`,
        discounttypeid: tiers,
        lowquantity: new Decimal(low),
        highquantity: new Decimal(high),
        percentage: new Decimal(percentage),
      });
    }
    const catalog = [
      { name: 'Standing Desk', productnumber: 'DESK-01', amount: '649.00', discounted: false },
      { name: 'Ergonomic Chair', productnumber: 'CHAIR-02', amount: '289.50', discounted: true },
      { name: 'Monitor Arm', productnumber: 'ARM-03', amount: '89.99', discounted: true },
    ];
    const products: string[] = [];
    for (const item of catalog) {
      const product = await createAsSystem(context, 'product', {
        name: item.name,
        productnumber: item.productnumber,
        defaultuomscheduleid: group,
        defaultuomid: uomid,
        pricelevelid: priceList,
        price: money(item.amount),
        statecode: 0,
        statuscode: 1,
      });
      await createAsSystem(context, 'productpricelevel', {
        pricelevelid: priceList,
        productid: product,
        uomid,
        pricingmethodcode: 1,
        amount: money(item.amount),
        ...(item.discounted ? { discounttypeid: tiers } : {}),
      });
      products.push(product);
    }
    const account = await createAsSystem(context, 'account', { name: 'Contoso Ltd', accountnumber: 'CONTOSO' });
    await createAsSystem(context, 'contact', {
      firstname: 'Avery',
      lastname: 'Howard',
      emailaddress1: 'avery@contoso.example',
      parentcustomerid: account,
      parentcustomeridtype: 'account',
    });
    const order = await createAsSystem(context, 'salesorder', {
      name: 'Office fit-out',
      customerid: account,
      customeridtype: 'account',
      pricelevelid: priceList,
      freightamount: money('45'),
    });
    for (const [index, quantity] of [2, 12, 12].entries()) {
      await createAsSystem(context, 'salesorderdetail', {
        salesorderid: order,
        productid: products[index]!,
        uomid,
        quantity: new Decimal(quantity),
      });
    }
    return true;
  });
}
