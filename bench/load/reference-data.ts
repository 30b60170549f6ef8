/**
 * The data every order write needs, put in through the Web API before the load: a customer account, a
 * unit group with its base unit, a price list, Active products with a price list item each, and the
 * seed orders to write into. Going through the API (not SQL) makes it exactly what a client would see.
 */
import { randomUUID } from 'node:crypto';
import { type Call, client } from './admin-client.js';
import { type Catalog, type Operation, OrderWrites, SEED_ORDERS } from './order-writes.js';
import { progress } from './progress.js';

export const PRODUCTS = 5;

/**
 * Writes the catalog through the first server and the seed orders through each in turn, and returns
 * the writes of the load, which know the catalog and the seed orders.
 */
export async function prepareOrderWrites(
  servers: readonly { readonly baseUrl: string }[],
  mix: readonly Operation[],
): Promise<OrderWrites> {
  const calls = servers.map((server) => client(server.baseUrl));
  const catalog = await prepareCatalog(calls[0]!);
  const writes = new OrderWrites(catalog, mix, servers.length);
  for (let index = 0; index < SEED_ORDERS; index++) {
    const orderId = randomUUID();
    await calls[index % calls.length]!('POST', 'salesorders', JSON.parse(writes.createBody(-index, orderId)));
    writes.remember(orderId);
  }
  progress(`reference data ready: 1 account, 1 price list, ${PRODUCTS} Active products, ${SEED_ORDERS} orders`);
  return writes;
}

async function prepareCatalog(call: Call): Promise<Catalog> {
  const organization = (await call('GET', 'organizations?$select=organizationid,_basecurrencyid_value')).rows[0];
  const currency = String(organization?._basecurrencyid_value);
  const accountId = (await call('POST', 'accounts', { name: 'Load Test Customer Ltd' })).id!;
  const schedule = (await call('POST', 'uomschedules', { name: 'Load units', baseuomname: 'Each' })).id!;
  const unitId = String(
    (await call('GET', `uoms?$select=uomid&$filter=_uomscheduleid_value eq ${schedule}`)).rows[0]?.uomid,
  );
  const priceListId = (
    await call('POST', 'pricelevels', {
      name: 'Load price list',
      'transactioncurrencyid@odata.bind': `/transactioncurrencies(${currency})`,
    })
  ).id!;
  const productIds: string[] = [];
  for (let index = 0; index < PRODUCTS; index++) {
    const productId = (
      await call('POST', 'products', {
        name: `Load product ${index + 1}`,
        productnumber: `LOAD-${index + 1}`,
        'defaultuomscheduleid@odata.bind': `/uomschedules(${schedule})`,
        'defaultuomid@odata.bind': `/uoms(${unitId})`,
      })
    ).id!;
    await call('POST', 'productpricelevels', {
      pricingmethodcode: 1,
      amount: 10 + index * 2.5,
      'pricelevelid@odata.bind': `/pricelevels(${priceListId})`,
      'productid@odata.bind': `/products(${productId})`,
      'uomid@odata.bind': `/uoms(${unitId})`,
    });
    await call('PATCH', `products(${productId})`, { statecode: 0, statuscode: 1 });
    productIds.push(productId);
  }
  return { accountId, priceListId, unitId, productIds };
}
