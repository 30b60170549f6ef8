/**
 * What the lifecycle suites share: users with roles, licenses and the integration flag, the switch,
 * and sales records driven into a given state through the Web API, the way a client would.
 */
import { expect } from 'vitest';
import type { ApiInit, ApiResponse, TestServer } from '../support/test-app.js';

export type RoleName = 'System Administrator' | 'System Customizer' | 'Sales Manager' | 'Salesperson' | 'Delegate';

export interface TestUser {
  readonly id: string;
  readonly token: string;
}

export const idOf = (response: ApiResponse): string => {
  const entityId = response.headers.get('odata-entityid');
  if (!entityId) throw new Error(`no OData-EntityId: ${response.status} ${response.text}`);
  return /\(([^)]+)\)$/.exec(entityId)![1]!;
};

export function expectRefused(response: ApiResponse, status: number, pattern?: RegExp): void {
  expect(response.status, response.text).toBe(status);
  expect(response.json?.error?.code, response.text).toMatch(/^0x[0-9a-f]+$/i);
  expect(response.json.error.message.length).toBeGreaterThan(0);
  if (pattern) expect(response.json.error.message).toMatch(pattern);
}

export function expectOk(response: ApiResponse, status = 204): void {
  expect(response.status, response.text).toBe(status);
}

let userCounter = 0;

export async function createUser(
  server: TestServer,
  options: { roles: readonly RoleName[]; license?: number; integration?: boolean; name?: string },
): Promise<TestUser> {
  userCounter += 1;
  const name = options.name ?? `user${userCounter}`;
  const created = await server.api('systemusers', {
    method: 'POST',
    body: {
      domainname: `${name}-${userCounter}-${Date.now()}@orderline.test`,
      firstname: name,
      lastname: `Tester ${userCounter}`,
      isintegrationuser: options.integration ?? false,
      ol_saleslicense: options.license ?? 3,
    },
  });
  expectOk(created);
  const id = idOf(created);
  for (const role of options.roles) {
    const found = await server.api(`roles?$filter=name eq '${role}'&$select=roleid`);
    const roleId = found.json.value[0].roleid;
    const linked = await server.api(`systemusers(${id})/systemuserroles_association/$ref`, {
      method: 'POST',
      body: { '@odata.id': `${server.serviceRoot}roles(${roleId})` },
    });
    expectOk(linked);
  }
  const token = await server.api('ol_CreateAccessToken', { method: 'POST', body: { SystemUserId: id } });
  expectOk(token, 200);
  return { id, token: token.json.AccessToken };
}

export async function organizationId(server: TestServer): Promise<string> {
  return (await server.api('organizations?$select=organizationid')).json.value[0].organizationid;
}

/** Turns the order processing integration on or off as the administrator. */
export async function setIntegration(server: TestServer, enabled: boolean): Promise<void> {
  const id = await organizationId(server);
  expectOk(await server.api(`organizations(${id})`, { method: 'PATCH', body: { issopintegrationenabled: enabled } }));
}

export type Api = (path: string, init?: ApiInit) => Promise<ApiResponse>;

/** Calls the Web API as `user` (the administrator when absent). */
export function as(server: TestServer, user?: TestUser): Api {
  return (path, init = {}) => server.api(path, { ...init, ...(user ? { token: user.token } : {}) });
}

export async function post(api: Api, set: string, body: Record<string, unknown>): Promise<string> {
  const response = await api(set, { method: 'POST', body });
  expectOk(response);
  return idOf(response);
}

export async function read(api: Api, path: string): Promise<any> {
  const response = await api(path);
  expect(response.status, response.text).toBe(200);
  return response.json;
}

export const writeInLine = (description = 'Write-in', quantity = 2, price = 10) => ({
  isproductoverridden: true,
  productdescription: description,
  quantity,
  priceperunit: price,
});

// ---------------------------------------------------------------------------------------------------
// Records in a state

export async function newOpportunity(api: Api, lines = 1): Promise<string> {
  const id = await post(api, 'opportunities', { name: 'Opportunity' });
  for (let index = 0; index < lines; index += 1) {
    await post(api, 'opportunityproducts', {
      ...writeInLine(`Opp line ${index}`),
      'opportunityid@odata.bind': `/opportunities(${id})`,
    });
  }
  return id;
}

export async function opportunityIn(api: Api, state: 'Open' | 'Won' | 'Lost'): Promise<string> {
  const id = await newOpportunity(api, 0);
  if (state === 'Won' || state === 'Lost') {
    const message = state === 'Won' ? 'WinOpportunity' : 'LoseOpportunity';
    expectOk(
      await api(message, {
        method: 'POST',
        body: { OpportunityClose: { subject: state, 'opportunityid@odata.bind': `/opportunities(${id})` }, Status: -1 },
      }),
    );
  }
  return id;
}

export async function newQuote(api: Api, lines = 1): Promise<string> {
  const id = await post(api, 'quotes', { name: 'Quote' });
  for (let index = 0; index < lines; index += 1) {
    await post(api, 'quotedetails', { ...writeInLine(`Quote line ${index}`), 'quoteid@odata.bind': `/quotes(${id})` });
  }
  return id;
}

export async function quoteIn(api: Api, state: 'Draft' | 'Active' | 'Won' | 'Closed', lines = 1): Promise<string> {
  const id = await newQuote(api, lines);
  if (state === 'Draft') return id;
  expectOk(await api(`quotes(${id})`, { method: 'PATCH', body: { statecode: 1, statuscode: 2 } }));
  if (state === 'Won' || state === 'Closed') {
    const message = state === 'Won' ? 'WinQuote' : 'CloseQuote';
    expectOk(
      await api(message, {
        method: 'POST',
        body: {
          QuoteClose: { subject: state, 'quoteid@odata.bind': `/quotes(${id})` },
          Status: state === 'Won' ? 4 : 5,
        },
      }),
    );
  }
  return id;
}

export async function newOrder(api: Api, lines = 1): Promise<string> {
  const id = await post(api, 'salesorders', { name: 'Order' });
  for (let index = 0; index < lines; index += 1) {
    await post(api, 'salesorderdetails', {
      ...writeInLine(`Order line ${index}`),
      'salesorderid@odata.bind': `/salesorders(${id})`,
    });
  }
  return id;
}

export type OrderState = 'Active' | 'Submitted' | 'Canceled' | 'Fulfilled' | 'Invoiced';

/**
 * An order in `state`. Submitted needs the integration on, Invoiced needs it off: the switch is left as
 * the path needed it; callers set it afterwards.
 */
export async function orderIn(server: TestServer, api: Api, state: OrderState, lines = 1): Promise<string> {
  const id = await newOrder(api, lines);
  const close = (message: string, status: number) =>
    api(message, {
      method: 'POST',
      body: { OrderClose: { subject: message, 'salesorderid@odata.bind': `/salesorders(${id})` }, Status: status },
    });
  switch (state) {
    case 'Active':
      break;
    case 'Submitted':
      await setIntegration(server, true);
      expectOk(await api(`salesorders(${id})`, { method: 'PATCH', body: { statecode: 1, statuscode: 3 } }));
      break;
    case 'Canceled':
      expectOk(await close('CancelSalesOrder', -1));
      break;
    case 'Fulfilled':
      expectOk(await close('FulfillSalesOrder', 100001));
      break;
    case 'Invoiced':
      await setIntegration(server, false);
      expectOk(await api('ConvertSalesOrderToInvoice', { method: 'POST', body: { SalesOrderId: id } }), 200);
      break;
  }
  return id;
}

export async function newInvoice(api: Api, lines = 1): Promise<string> {
  const id = await post(api, 'invoices', { name: 'Invoice' });
  for (let index = 0; index < lines; index += 1) {
    await post(api, 'invoicedetails', {
      ...writeInLine(`Invoice line ${index}`),
      'invoiceid@odata.bind': `/invoices(${id})`,
    });
  }
  return id;
}

export async function invoiceIn(api: Api, state: 'Active' | 'Paid' | 'Canceled', lines = 1): Promise<string> {
  const id = await newInvoice(api, lines);
  if (state === 'Paid')
    expectOk(await api(`invoices(${id})`, { method: 'PATCH', body: { statecode: 2, statuscode: 100001 } }));
  if (state === 'Canceled')
    expectOk(await api(`invoices(${id})`, { method: 'PATCH', body: { statecode: 3, statuscode: 100003 } }));
  return id;
}

/** The first line of a record, through its lines' entity set. */
export async function firstLine(api: Api, set: string, parent: string, parentId: string): Promise<any> {
  const lines = await read(api, `${set}?$filter=_${parent}_value eq ${parentId}`);
  return lines.value[0];
}

/** The row as a client reads it, and its lines, to prove a refused write changed nothing. */
export async function snapshot(api: Api, set: string, id: string, lines?: { set: string; parent: string }) {
  const row = await read(api, `${set}(${id})`);
  const children = lines
    ? (await read(api, `${lines.set}?$filter=_${lines.parent}_value eq ${id}&$orderby=createdon`)).value
    : [];
  return { row, children };
}
