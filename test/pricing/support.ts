/**
 * What the pricing suites share: a catalog built through the Web API (unit group, price list, products,
 * price list items, discount lists), orders and lines, users, and readers of the priced figures.
 */
import { expect } from 'vitest';
import type { ApiInit, ApiResponse, TestServer } from '../support/test-app.js';

export type Api = (path: string, init?: ApiInit) => Promise<ApiResponse>;

export const idOf = (response: ApiResponse): string => {
  const entityId = response.headers.get('odata-entityid');
  if (!entityId) throw new Error(`no OData-EntityId: ${response.status} ${response.text}`);
  return /\(([^)]+)\)$/.exec(entityId)![1]!;
};

export function expectStatus(response: ApiResponse, status = 204): void {
  expect(response.status, response.text).toBe(status);
}

export async function post(api: Api, set: string, body: Record<string, unknown>): Promise<string> {
  const response = await api(set, { method: 'POST', body });
  expectStatus(response);
  return idOf(response);
}

export async function patch(api: Api, path: string, body: Record<string, unknown>): Promise<void> {
  expectStatus(await api(path, { method: 'PATCH', body }));
}

export async function read(api: Api, path: string): Promise<any> {
  const response = await api(path);
  expect(response.status, response.text).toBe(200);
  return response.json;
}

export async function action(api: Api, name: string, body: Record<string, unknown>): Promise<void> {
  expectStatus(await api(name, { method: 'POST', body }));
}

export async function organization(api: Api): Promise<any> {
  return (await read(api, 'organizations')).value[0];
}

export async function setOrganization(api: Api, changes: Record<string, unknown>): Promise<void> {
  const org = await organization(api);
  await patch(api, `organizations(${org.organizationid})`, changes);
}

/** The header figures a test compares, as numbers (all test values are exact in binary64 or near). */
export const HEADER_FIGURES = [
  'totallineitemamount',
  'totallineitemdiscountamount',
  'totaldiscountamount',
  'totalamountlessfreight',
  'totaltax',
  'totalamount',
] as const;
export const LINE_FIGURES = ['priceperunit', 'volumediscountamount', 'baseamount', 'extendedamount'] as const;

export function figures(row: any, names: readonly string[]): Record<string, number | null> {
  return Object.fromEntries(names.map((name) => [name, row[name] ?? null]));
}

export interface Catalog {
  readonly currencyId: string;
  readonly unitId: string;
  readonly priceListId: string;
  /** Product ids by key. */
  readonly products: Record<string, string>;
  /** Price list item ids by product key. */
  readonly items: Record<string, string>;
  readonly tiersId: string;
}

interface ProductSpec {
  readonly price?: number;
  readonly currentcost?: number;
  readonly standardcost?: number;
  readonly item: Record<string, unknown>;
  readonly tiered?: boolean;
}

/**
 * One price list with a product per pricing method, a tiered product (percentage discount list: 10% for
 * 10-19 units, 20% for 20-49) and a price-list-rounded product (110% of 123.45 rounded up to a multiple
 * of 5: 140).
 */
export const PRODUCT_SPECS: Record<string, ProductSpec> = {
  amount: { item: { pricingmethodcode: 1, amount: 100 } },
  percentOfList: { price: 250, item: { pricingmethodcode: 2, percentage: 90 } },
  markupCurrent: { currentcost: 80, item: { pricingmethodcode: 3, percentage: 25 } },
  marginCurrent: { currentcost: 80, item: { pricingmethodcode: 4, percentage: 20 } },
  markupStandard: { standardcost: 60, item: { pricingmethodcode: 5, percentage: 50 } },
  marginStandard: { standardcost: 60, item: { pricingmethodcode: 6, percentage: 40 } },
  tiered: { item: { pricingmethodcode: 1, amount: 50 }, tiered: true },
  rounded: {
    price: 123.45,
    item: {
      pricingmethodcode: 2,
      percentage: 110,
      roundingpolicycode: 2,
      roundingoptioncode: 2,
      roundingoptionamount: 5,
    },
  },
};

let catalogCounter = 0;

export async function createCatalog(api: Api): Promise<Catalog> {
  catalogCounter += 1;
  const tag = `${catalogCounter}-${Date.now()}`;
  await setOrganization(api, { createproductswithoutparentinactivestate: true });
  const org = await organization(api);
  const currencyId = org._basecurrencyid_value as string;
  const scheduleId = await post(api, 'uomschedules', { name: `Units ${tag}`, baseuomname: 'Each' });
  const unitId = (await read(api, `uoms?$filter=_uomscheduleid_value eq ${scheduleId}`)).value[0].uomid as string;
  const priceListId = await post(api, 'pricelevels', {
    name: `Price list ${tag}`,
    'transactioncurrencyid@odata.bind': `/transactioncurrencies(${currencyId})`,
  });
  const tiersId = await post(api, 'discounttypes', {
    name: `Tiers ${tag}`,
    isamounttype: false,
    'transactioncurrencyid@odata.bind': `/transactioncurrencies(${currencyId})`,
  });
  for (const [low, high, percentage] of [
    [10, 19, 10],
    [20, 49, 20],
  ] as const) {
    await post(api, 'discounts', {
      'discounttypeid@odata.bind': `/discounttypes(${tiersId})`,
      lowquantity: low,
      highquantity: high,
      percentage,
    });
  }
  const products: Record<string, string> = {};
  const items: Record<string, string> = {};
  for (const [key, spec] of Object.entries(PRODUCT_SPECS)) {
    const { item, tiered, ...costs } = spec;
    products[key] = await post(api, 'products', {
      name: `Product ${key}`,
      productnumber: `P-${key}-${tag}`,
      ...costs,
      'defaultuomscheduleid@odata.bind': `/uomschedules(${scheduleId})`,
      'defaultuomid@odata.bind': `/uoms(${unitId})`,
    });
    items[key] = await post(api, 'productpricelevels', {
      ...item,
      'pricelevelid@odata.bind': `/pricelevels(${priceListId})`,
      'productid@odata.bind': `/products(${products[key]})`,
      'uomid@odata.bind': `/uoms(${unitId})`,
      ...(tiered ? { 'discounttypeid@odata.bind': `/discounttypes(${tiersId})` } : {}),
    });
  }
  return { currencyId, unitId, priceListId, products, items, tiersId };
}

export async function createOrder(api: Api, catalog: Catalog | undefined, extra: Record<string, unknown> = {}) {
  return post(api, 'salesorders', {
    name: 'Priced order',
    ...(catalog ? { 'pricelevelid@odata.bind': `/pricelevels(${catalog.priceListId})` } : {}),
    ...extra,
  });
}

export function catalogLine(catalog: Catalog, key: string, quantity: number, extra: Record<string, unknown> = {}) {
  return {
    'productid@odata.bind': `/products(${catalog.products[key]})`,
    'uomid@odata.bind': `/uoms(${catalog.unitId})`,
    quantity,
    ...extra,
  };
}

export const writeIn = (price: number, quantity: number, extra: Record<string, unknown> = {}) => ({
  isproductoverridden: true,
  productdescription: 'Write-in service',
  priceperunit: price,
  quantity,
  ...extra,
});

export async function addOrderLine(api: Api, orderId: string, body: Record<string, unknown>): Promise<string> {
  return post(api, 'salesorderdetails', { ...body, 'salesorderid@odata.bind': `/salesorders(${orderId})` });
}

export async function order(api: Api, id: string): Promise<any> {
  return read(api, `salesorders(${id})`);
}

export async function orderLine(api: Api, id: string): Promise<any> {
  return read(api, `salesorderdetails(${id})`);
}

export async function expectOrderTotals(
  api: Api,
  id: string,
  expected: Partial<Record<(typeof HEADER_FIGURES)[number], number>>,
) {
  const row = await order(api, id);
  expect(figures(row, Object.keys(expected))).toEqual(expected);
  return row;
}

export async function expectLine(api: Api, id: string, expected: Partial<Record<string, number | null>>) {
  const row = await orderLine(api, id);
  expect(figures(row, Object.keys(expected))).toEqual(expected);
  return row;
}

let userCounter = 0;

/** A user with roles (by name), optionally an integration user, and a token for it. */
export async function createUser(
  server: TestServer,
  options: { roles: readonly string[]; integration?: boolean },
): Promise<{ id: string; api: Api }> {
  userCounter += 1;
  const id = await post(server.api, 'systemusers', {
    domainname: `pricing-${userCounter}-${Date.now()}@orderline.test`,
    firstname: 'Pricing',
    lastname: `User ${userCounter}`,
    isintegrationuser: options.integration ?? false,
    ol_saleslicense: 3,
  });
  for (const role of options.roles) {
    const roleId = (await read(server.api, `roles?$filter=name eq '${role}'&$select=roleid`)).value[0].roleid;
    expectStatus(
      await server.api(`systemusers(${id})/systemuserroles_association/$ref`, {
        method: 'POST',
        body: { '@odata.id': `${server.serviceRoot}roles(${roleId})` },
      }),
    );
  }
  const token = await server.api('ol_CreateAccessToken', { method: 'POST', body: { SystemUserId: id } });
  expectStatus(token, 200);
  const accessToken = token.json.AccessToken as string;
  return { id, api: (path, init = {}) => server.api(path, { ...init, token: accessToken }) };
}
