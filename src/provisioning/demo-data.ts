/**
 * The starter demo: a unit group, three active products on the Retail USD price list (two with volume
 * discount tiers), the customer Contoso Ltd with a contact, and an order with priced lines. It is what
 * `orderline serve --demo` adds to a new database, and the base `orderline seed --demo` builds the full
 * demo company on (sales-demo.ts). Written through the pipeline like any other data, so it is priced
 * and numbered as a user's would be.
 */

import { Decimal } from '../domain/decimal.js';
import { ProductState, ProductStatus } from '../domain/metadata/named-states.js';
import type { ExecutionContext, PipelineServices } from '../pipeline/execution-context.js';
import { inUnitOfWork } from '../pipeline/unit-of-work.js';
import type { Caller } from '../security/principal.js';
import {
  accountIdByNumber,
  discountListIdByName,
  firstUnitOfGroup,
  hasAnyProduct,
  priceListByName,
  productIdsByNumber,
  unitGroupIdByName,
  unitOfGroupByName,
} from '../storage/repositories/catalog-lookups.js';
import { baseCurrencyId } from '../storage/repositories/organization-store.js';
import { findBusinessUnitOfUser } from '../storage/repositories/user-store.js';
import { createAsSystem, systemPrincipal } from './first-start.js';

const money = (value: string) => new Decimal(value);

/** The rows of the starter demo that the full demo builds on. */
export interface StarterDemo {
  readonly currency: string;
  readonly unitGroup: string;
  /** The base unit of the unit group, "Primary Unit". */
  readonly unit: string;
  /** "Retail USD". */
  readonly priceList: string;
  /** The discount list "Volume tiers". */
  readonly volumeTiers: string;
  /** Product ids by product number. */
  readonly products: ReadonlyMap<string, string>;
  /** "Contoso Ltd". */
  readonly account: string;
}

export const STARTER_PRICE_LIST = 'Retail USD';

const STARTER_CATALOG = [
  { name: 'Standing Desk', productnumber: 'DESK-01', amount: '649.00', discounted: false },
  { name: 'Ergonomic Chair', productnumber: 'CHAIR-02', amount: '289.50', discounted: true },
  { name: 'Monitor Arm', productnumber: 'ARM-03', amount: '89.99', discounted: true },
] as const;

/** The administrator acting as the system, for writes the server makes on its own. */
export async function adminCaller(services: PipelineServices, adminUserId: string): Promise<Caller> {
  const businessUnit = await findBusinessUnitOfUser(services.store.db, adminUserId);
  return { user: systemPrincipal(adminUserId, String(businessUnit)) };
}

/** Adds the starter demo in the caller's unit of work. */
export async function addStarterDemo(context: ExecutionContext): Promise<StarterDemo> {
  const { trx } = context;
  const currency = await baseCurrencyId(trx);
  const unitGroup = await createAsSystem(context, 'uomschedule', { name: 'Default Unit', baseuomname: 'Primary Unit' });
  const unit = await firstUnitOfGroup(trx, unitGroup);
  const priceList = await createAsSystem(context, 'pricelevel', {
    name: STARTER_PRICE_LIST,
    transactioncurrencyid: currency,
  });
  const volumeTiers = await createAsSystem(context, 'discounttype', { name: 'Volume tiers', isamounttype: false });
  for (const [low, high, percentage] of [
    ['10', '49', '5'],
    ['50', '100000', '10'],
  ] as const) {
    await createAsSystem(context, 'discount', {
      name: `${low}+ units`,
      discounttypeid: volumeTiers,
      lowquantity: new Decimal(low),
      highquantity: new Decimal(high),
      percentage: new Decimal(percentage),
    });
  }
  const products = new Map<string, string>();
  for (const item of STARTER_CATALOG) {
    const product = await createAsSystem(context, 'product', {
      name: item.name,
      productnumber: item.productnumber,
      defaultuomscheduleid: unitGroup,
      defaultuomid: unit,
      pricelevelid: priceList,
      price: money(item.amount),
      statecode: ProductState.Active,
      statuscode: ProductStatus.Active,
    });
    await createAsSystem(context, 'productpricelevel', {
      pricelevelid: priceList,
      productid: product,
      uomid: unit,
      pricingmethodcode: 1,
      amount: money(item.amount),
      ...(item.discounted ? { discounttypeid: volumeTiers } : {}),
    });
    products.set(item.productnumber, product);
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
      productid: products.get(STARTER_CATALOG[index]!.productnumber)!,
      uomid: unit,
      quantity: new Decimal(quantity),
    });
  }
  return { currency, unitGroup, unit, priceList, volumeTiers, products, account };
}

/** The starter demo, when the database holds it (`serve --demo` added it). */
export async function findStarterDemo(context: ExecutionContext): Promise<StarterDemo | undefined> {
  const { trx } = context;
  const priceList = await priceListByName(trx, STARTER_PRICE_LIST);
  const unitGroup = await unitGroupIdByName(trx, 'Default Unit');
  const volumeTiers = await discountListIdByName(trx, 'Volume tiers');
  const account = await accountIdByNumber(trx, 'CONTOSO');
  const numbers = STARTER_CATALOG.map((item) => item.productnumber);
  const products = await productIdsByNumber(trx, numbers);
  if (!priceList || !unitGroup || !volumeTiers || !account || products.size !== numbers.length) return undefined;
  const unit = await unitOfGroupByName(trx, unitGroup, 'Primary Unit');
  return {
    currency: priceList.currencyId,
    unitGroup,
    unit,
    priceList: priceList.priceListId,
    volumeTiers,
    products,
    account,
  };
}

/**
 * `serve --demo`: the starter demo on a database without products. Returns false, adding nothing, when
 * the database already has products (the demo's or anyone's).
 */
export async function seedDemoData(services: PipelineServices, adminUserId: string): Promise<boolean> {
  const caller = await adminCaller(services, adminUserId);
  return inUnitOfWork(services, caller, async (context) => {
    if (await hasAnyProduct(context.trx)) return false;
    await addStarterDemo(context);
    return true;
  });
}
