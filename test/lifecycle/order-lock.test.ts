/**
 * The lock of a submitted order (PRODUCT.md C4): while the order processing integration is on, a
 * Submitted order and its lines refuse every create, update and delete from a user who is not an
 * integration user, System Administrator included (400), and accept them from integration users. The
 * effective user decides: an impersonated integration user is an integration user, and an integration
 * user impersonating someone else is not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-app.js';
import { TEST_STORES } from '../support/test-stores.js';
import {
  type Api,
  as,
  createUser,
  expectOk,
  expectRefused,
  firstLine,
  newOrder,
  type RoleName,
  read,
  setIntegration,
  snapshot,
  type TestUser,
  writeInLine,
} from './support.js';

type Write = 'update the order' | 'delete the order' | 'create a line' | 'update a line' | 'delete a line';
const WRITES: readonly Write[] = [
  'update the order',
  'delete the order',
  'create a line',
  'update a line',
  'delete a line',
];
const NON_INTEGRATION_ROLES: readonly RoleName[] = [
  'System Administrator',
  'System Customizer',
  'Sales Manager',
  'Salesperson',
];
const LINES = { set: 'salesorderdetails', parent: 'salesorderid' };

async function perform(api: Api, orderId: string, write: Write) {
  const line = await firstLine(api, 'salesorderdetails', 'salesorderid', orderId);
  switch (write) {
    case 'update the order':
      return api(`salesorders(${orderId})`, { method: 'PATCH', body: { description: 'changed', freightamount: 12 } });
    case 'delete the order':
      return api(`salesorders(${orderId})`, { method: 'DELETE' });
    case 'create a line':
      return api('salesorderdetails', {
        method: 'POST',
        body: { ...writeInLine('Added'), 'salesorderid@odata.bind': `/salesorders(${orderId})` },
      });
    case 'update a line':
      return api(`salesorderdetails(${line.salesorderdetailid})`, { method: 'PATCH', body: { quantity: 9 } });
    case 'delete a line':
      return api(`salesorderdetails(${line.salesorderdetailid})`, { method: 'DELETE' });
  }
}

for (const kind of TEST_STORES) {
  describe(`the submitted-order lock on ${kind}`, () => {
    let server: TestServer;
    const users = new Map<RoleName, TestUser>();
    let integrationUser: TestUser;

    beforeAll(async () => {
      server = await startTestServer(kind);
      for (const role of NON_INTEGRATION_ROLES)
        users.set(role, await createUser(server, { roles: [role], license: 3, name: role.replace(/\s/g, '') }));
      integrationUser = await createUser(server, {
        roles: ['Sales Manager', 'Delegate'],
        license: 3,
        integration: true,
        name: 'backoffice',
      });
      await setIntegration(server, true);
    });
    afterAll(async () => {
      await server?.close();
    });

    /** A submitted order with one line, created and submitted by `owner` (so user-level privileges pass). */
    async function submittedOrder(owner: Api): Promise<string> {
      const id = await newOrder(owner, 1);
      expectOk(await owner(`salesorders(${id})`, { method: 'PATCH', body: { statecode: 1, statuscode: 3 } }));
      return id;
    }

    describe('refused to every role that is not an integration user', () => {
      const cases = NON_INTEGRATION_ROLES.flatMap((role) =>
        WRITES.map((write) => [`${role} cannot ${write} of a submitted order`, role, write] as const),
      );
      it.each(cases)('%s', async (_rule, role, write) => {
        const api = as(server, users.get(role));
        const orderId = await submittedOrder(api);
        const before = await snapshot(as(server), 'salesorders', orderId, LINES);
        const response = await perform(api, orderId, write);
        expectRefused(response, 400, /submitted to the back office and locked/);
        expect(await snapshot(as(server), 'salesorders', orderId, LINES)).toEqual(before);
      });
    });

    describe('accepted from integration users', () => {
      it.each(WRITES.map((write) => [`an integration user can ${write} of a submitted order`, write] as const))(
        '%s',
        async (_rule, write) => {
          const orderId = await submittedOrder(as(server));
          const response = await perform(as(server, integrationUser), orderId, write);
          expectOk(response);
        },
      );

      it.each(
        WRITES.map((write) => [`an impersonated integration user can ${write} of a submitted order`, write] as const),
      )('%s', async (_rule, write) => {
        const orderId = await submittedOrder(as(server));
        const admin = as(server);
        const impersonating: Api = (path, init = {}) =>
          admin(path, { ...init, headers: { ...init.headers, mscrmcallerid: integrationUser.id } });
        const response = await perform(impersonating, orderId, write);
        expectOk(response);
        if (write === 'update the order') {
          const row = await read(
            admin,
            `salesorders(${orderId})?$select=description,_modifiedby_value,_modifiedonbehalfby_value`,
          );
          expect(row._modifiedby_value).toBe(integrationUser.id);
          expect(row._modifiedonbehalfby_value).toBe(server.app.provisioning.adminUserId);
        }
      });

      it.each(
        WRITES.map(
          (write) =>
            [`an integration user impersonating a Salesperson cannot ${write} of a submitted order`, write] as const,
        ),
      )('%s', async (_rule, write) => {
        const seller = users.get('Salesperson')!;
        const orderId = await submittedOrder(as(server, seller));
        const before = await snapshot(as(server), 'salesorders', orderId, LINES);
        const office = as(server, integrationUser);
        const impersonating: Api = (path, init = {}) =>
          office(path, { ...init, headers: { ...init.headers, mscrmcallerid: seller.id } });
        expectRefused(await perform(impersonating, orderId, write), 400, /locked/);
        expect(await snapshot(as(server), 'salesorders', orderId, LINES)).toEqual(before);
      });
    });

    it('locks nothing while the integration is off: an Active order and its lines stay writable, and Submit is refused', async () => {
      await setIntegration(server, false);
      try {
        const api = as(server, users.get('Salesperson'));
        const orderId = await newOrder(api, 1);
        for (const write of WRITES.filter((candidate) => candidate !== 'delete the order'))
          expectOk(await perform(api, orderId, write));
        expectRefused(
          await api(`salesorders(${orderId})`, { method: 'PATCH', body: { statecode: 1, statuscode: 3 } }),
          400,
          /integration is off/,
        );
        expectOk(await perform(api, orderId, 'delete the order'));
      } finally {
        await setIntegration(server, true);
      }
    });
  });
}
