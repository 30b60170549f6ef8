/**
 * The four business writes the write-cost suite measures, as a Web API client sends them, and the
 * catalog they need: an Active product priced from a price list (90% of its list price), and the order
 * processing integration on so that Submit writes its outbox event as in production.
 *
 * Each path is a request maker: called with the request's index it returns the method, path and body
 * of that request. The paths run one after the other over the same orders: `create order` makes them,
 * `add line` puts one priced catalog line on each, `update line` changes each line's quantity (which
 * reprices the line and the header), `submit` submits each order.
 */
export const ADMIN_TOKEN = 'bench-admin-token-0123456789abcdef';
const SERVICE_PATH = '/api/data/v9.2/';

export interface WriteRequest {
  readonly method: 'POST' | 'PATCH';
  readonly path: string;
  readonly body: Record<string, unknown>;
}

export interface WritePath {
  readonly name: string;
  request(index: number): WriteRequest;
  /** Called with the answer's entity id (OData-EntityId), when it has one. */
  answered?(index: number, id: string | undefined): void;
}

export type Call = (request: WriteRequest) => Promise<{ id?: string; json?: any }>;

/** A keep-alive Web API client of the Orderline server at `origin`, as the administrator. */
export function orderlineClient(origin: string): Call {
  return async ({ method, path, body }) => {
    const response = await fetch(`${origin}${SERVICE_PATH}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${ADMIN_TOKEN}`,
        accept: 'application/json',
        'content-type': 'application/json',
      },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    if (response.status >= 400) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    const entityId = response.headers.get('odata-entityid');
    return { id: entityId ? /\(([^)]+)\)$/.exec(entityId)?.[1] : undefined, json: text ? JSON.parse(text) : undefined };
  };
}

async function get(origin: string, path: string): Promise<any> {
  const response = await fetch(`${origin}${SERVICE_PATH}${path}`, {
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, accept: 'application/json' },
  });
  if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** Makes the catalog through the Web API and returns the four paths, in the order they must run. */
export async function prepareWritePaths(origin: string): Promise<readonly WritePath[]> {
  const call = orderlineClient(origin);
  const organization = (await get(origin, 'organizations')).value[0];
  await call({
    method: 'PATCH',
    path: `organizations(${organization.organizationid})`,
    body: { createproductswithoutparentinactivestate: true, issopintegrationenabled: true },
  });
  const currency = organization._basecurrencyid_value as string;
  const schedule = (await call({ method: 'POST', path: 'uomschedules', body: { name: 'Units', baseuomname: 'Each' } }))
    .id!;
  const unit = (await get(origin, `uoms?$filter=_uomscheduleid_value eq ${schedule}`)).value[0].uomid as string;
  const priceList = (
    await call({
      method: 'POST',
      path: 'pricelevels',
      body: { name: 'Bench list', 'transactioncurrencyid@odata.bind': `/transactioncurrencies(${currency})` },
    })
  ).id!;
  const product = (
    await call({
      method: 'POST',
      path: 'products',
      body: {
        name: 'Bench product',
        productnumber: 'BENCH-1',
        price: 12.5,
        'defaultuomscheduleid@odata.bind': `/uomschedules(${schedule})`,
        'defaultuomid@odata.bind': `/uoms(${unit})`,
      },
    })
  ).id!;
  await call({
    method: 'POST',
    path: 'productpricelevels',
    body: {
      pricingmethodcode: 2,
      percentage: 90,
      'pricelevelid@odata.bind': `/pricelevels(${priceList})`,
      'productid@odata.bind': `/products(${product})`,
      'uomid@odata.bind': `/uoms(${unit})`,
    },
  });

  const orders: string[] = [];
  const lines: string[] = [];
  const remember = (list: string[]) => (index: number, id: string | undefined) => {
    if (!id) throw new Error('a create answered without OData-EntityId');
    list[index] = id;
  };
  return [
    {
      name: 'create order',
      request: (index) => ({
        method: 'POST',
        path: 'salesorders',
        body: { name: `Bench order ${index}`, 'pricelevelid@odata.bind': `/pricelevels(${priceList})` },
      }),
      answered: remember(orders),
    },
    {
      name: 'add a priced line',
      request: (index) => ({
        method: 'POST',
        path: 'salesorderdetails',
        body: {
          'salesorderid@odata.bind': `/salesorders(${orders[index]})`,
          'productid@odata.bind': `/products(${product})`,
          'uomid@odata.bind': `/uoms(${unit})`,
          quantity: 3,
        },
      }),
      answered: remember(lines),
    },
    {
      name: 'update a line',
      request: (index) => ({ method: 'PATCH', path: `salesorderdetails(${lines[index]})`, body: { quantity: 5 } }),
    },
    {
      name: 'submit an order',
      request: (index) => ({
        method: 'POST',
        path: `salesorders(${orders[index]})/Microsoft.Dynamics.CRM.ol_SubmitSalesOrder`,
        body: {},
      }),
    },
  ];
}
