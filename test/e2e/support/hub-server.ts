/**
 * A real Orderline server on loopback serving the built UI bundle, with the demo catalog (three
 * products on the Retail USD price list, volume tiers, Contoso Ltd), and users made through the Web
 * API the way an administrator would make them.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { seedDemoData } from '../../../src/provisioning/demo-data.js';
import { type ApiResponse, startTestServer, type TestServer, type TestServerOptions } from '../../support/test-app.js';
import type { StoreKind } from '../../support/test-stores.js';

const BUNDLE = fileURLToPath(new URL('../../../dist/ui/index.html', import.meta.url));

export type RoleName = 'System Administrator' | 'System Customizer' | 'Sales Manager' | 'Salesperson';

export interface HubUser {
  readonly id: string;
  readonly token: string;
  readonly fullName: string;
}

/** The administrator's password on hub servers (ORDERLINE_ADMIN_PASSWORD), for signing in with a password. */
export const HUB_ADMIN_PASSWORD = 'hub admin password 0123';

/** On SQLite unless a suite runs on each of TEST_STORES (test/support/test-stores.ts). */
export async function startHubServer(options: TestServerOptions = {}, kind: StoreKind = 'sqlite'): Promise<TestServer> {
  if (!existsSync(BUNDLE)) throw new Error('The UI bundle is missing: run `npm run build:ui` first (npm test does).');
  const server = await startTestServer(kind, {
    ...options,
    config: { adminPassword: HUB_ADMIN_PASSWORD, ...options.config },
  });
  await seedDemoData(server.app.services, server.app.provisioning.adminUserId);
  return server;
}

async function ok(response: Promise<ApiResponse>, expected: number): Promise<ApiResponse> {
  const answer = await response;
  if (answer.status !== expected) throw new Error(`expected ${expected}, got ${answer.status}: ${answer.text}`);
  return answer;
}

export async function createUser(
  server: TestServer,
  user: { firstName: string; lastName: string; roles: readonly RoleName[]; license: number; integration?: boolean },
): Promise<HubUser> {
  const created = await ok(
    server.api('systemusers', {
      method: 'POST',
      body: {
        domainname: `${user.firstName}.${user.lastName}@orderline.test`.toLowerCase(),
        firstname: user.firstName,
        lastname: user.lastName,
        ol_saleslicense: user.license,
        isintegrationuser: user.integration ?? false,
      },
    }),
    204,
  );
  const id = idFrom(created);
  for (const role of user.roles) {
    const found = await ok(server.api(`roles?$filter=name eq '${role}'&$select=roleid`), 200);
    await ok(
      server.api(`systemusers(${id})/systemuserroles_association/$ref`, {
        method: 'POST',
        body: { '@odata.id': `${server.serviceRoot}roles(${found.json.value[0].roleid})` },
      }),
      204,
    );
  }
  const token = await ok(server.api('ol_CreateAccessToken', { method: 'POST', body: { SystemUserId: id } }), 200);
  return { id, token: token.json.AccessToken, fullName: `${user.firstName} ${user.lastName}` };
}

function idFrom(response: ApiResponse): string {
  const entityId = response.headers.get('odata-entityid') ?? '';
  const match = /\(([^)]+)\)$/.exec(entityId);
  if (!match) throw new Error(`no OData-EntityId in ${entityId}`);
  return match[1]!;
}

/** Turning the integration on is an API call, as in Sales (the UI only turns it off). */
export async function setIntegration(server: TestServer, enabled: boolean): Promise<void> {
  const organization = await ok(server.api('organizations?$select=organizationid'), 200);
  const id = organization.json.value[0].organizationid;
  await ok(server.api(`organizations(${id})`, { method: 'PATCH', body: { issopintegrationenabled: enabled } }), 204);
}

/** A sales record for Contoso Ltd on the Retail USD price list with `desks` Standing Desks, made through the API. */
export async function createSalesRecord(
  server: TestServer,
  record: { set: 'salesorders' | 'quotes'; name: string; desks: number },
  token?: string,
): Promise<string> {
  const lookup = async (query: string) => (await ok(server.api(query, { token }), 200)).json.value[0];
  const account = await lookup(`accounts?$filter=name eq 'Contoso Ltd'&$select=accountid`);
  const priceList = await lookup(`pricelevels?$filter=name eq 'Retail USD'&$select=pricelevelid`);
  const desk = await lookup(`products?$filter=productnumber eq 'DESK-01'&$select=productid,_defaultuomid_value`);
  const created = await ok(
    server.api(record.set, {
      method: 'POST',
      token,
      body: {
        name: record.name,
        'customerid_account@odata.bind': `/accounts(${account.accountid})`,
        'pricelevelid@odata.bind': `/pricelevels(${priceList.pricelevelid})`,
      },
    }),
    204,
  );
  const id = idFrom(created);
  const lines = record.set === 'quotes' ? 'quotedetails' : 'salesorderdetails';
  const parent = record.set === 'quotes' ? 'quoteid' : 'salesorderid';
  await ok(
    server.api(lines, {
      method: 'POST',
      token,
      body: {
        [`${parent}@odata.bind`]: `/${record.set}(${id})`,
        'productid@odata.bind': `/products(${desk.productid})`,
        'uomid@odata.bind': `/uoms(${desk._defaultuomid_value})`,
        quantity: record.desks,
      },
    }),
    204,
  );
  return id;
}

/** Accounts named `<prefix> 01`, `<prefix> 02`, ... for the list tests. */
export async function createAccounts(server: TestServer, prefix: string, count: number): Promise<void> {
  for (let index = 1; index <= count; index += 1) {
    await ok(
      server.api('accounts', { method: 'POST', body: { name: `${prefix} ${String(index).padStart(2, '0')}` } }),
      204,
    );
  }
}
