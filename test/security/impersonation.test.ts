/**
 * Impersonation (PRODUCT.md C6): `MSCRMCallerID` / `CallerObjectId` only for callers holding the
 * Delegate privilege (the Delegate role, or System Administrator, which includes it). The effective user
 * is the impersonated one (owner of what is created), but the privileges used are the intersection of
 * the caller's and the impersonated user's, as Dataverse documents; `createdonbehalfby` /
 * `modifiedonbehalfby` record the real caller. ./impersonation-matrix.test.ts checks the intersection
 * for every pair of predefined roles.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-app.js';
import { TEST_STORES } from '../support/test-stores.js';
import { createPrincipal, expectDataverseError, idOf, MatrixFixtures, setUpMatrix } from './matrix-fixtures.js';

for (const kind of TEST_STORES) {
  describe(`impersonation on ${kind}`, () => {
    let server: TestServer;
    let fixtures: MatrixFixtures;
    /** Holds Delegate and Salesperson. */
    let delegateSeller: { id: string; token: string };

    beforeAll(async () => {
      server = await startTestServer(kind);
      fixtures = new MatrixFixtures(server, await setUpMatrix(server));
      const { rootBusinessUnitId, roleIds } = fixtures.setup;
      delegateSeller = await createPrincipal(server, rootBusinessUnitId, roleIds, 'Delegate Seller', [
        'Delegate',
        'Salesperson',
      ]);
    });
    afterAll(async () => {
      await server?.close();
    });

    const as = (token: string, impersonated: string) => ({ token, headers: { MSCRMCallerID: impersonated } });

    it('a Delegate + Salesperson user acts as the impersonated user and is recorded as createdonbehalfby', async () => {
      const manager = fixtures.setup.users['Sales Manager'];
      const whoAmI = await server.api('WhoAmI', as(delegateSeller.token, manager.id));
      expect(whoAmI.status, whoAmI.text).toBe(200);
      expect(whoAmI.json.UserId).toBe(manager.id);

      const created = await server.api('accounts', {
        method: 'POST',
        body: { name: 'Made on behalf' },
        ...as(delegateSeller.token, manager.id),
      });
      expect(created.status, created.text).toBe(204);
      const row = await fixtures.adminRead('account', idOf(created));
      expect(row.json._ownerid_value).toBe(manager.id);
      expect(row.json._createdby_value).toBe(manager.id);
      expect(row.json._createdonbehalfby_value).toBe(delegateSeller.id);
    });

    it('privileges only one of the two users holds are not used: a Salesperson acting as a Sales Manager deletes no account', async () => {
      const manager = fixtures.setup.users['Sales Manager'];
      // A Salesperson may not delete accounts; the Sales Manager may, even another user's: together, neither.
      const account = await fixtures.fresh('account', fixtures.setup.otherUserId);
      expectDataverseError(
        await server.api(`accounts(${account})`, { method: 'DELETE', ...as(delegateSeller.token, manager.id) }),
        403,
      );
      expect((await fixtures.adminRead('account', account)).status).toBe(200);
      // What both hold, the Salesperson's user-level write, applies to the Sales Manager's own rows.
      const managers = await fixtures.fresh('account', manager.id);
      const changed = await server.api(`accounts(${managers})`, {
        method: 'PATCH',
        body: { description: 'changed on behalf' },
        ...as(delegateSeller.token, manager.id),
      });
      expect(changed.status, changed.text).toBe(204);
      const others = await fixtures.fresh('account', fixtures.setup.otherUserId);
      expectDataverseError(
        await server.api(`accounts(${others})`, {
          method: 'PATCH',
          body: { description: 'not mine, not theirs' },
          ...as(delegateSeller.token, manager.id),
        }),
        403,
      );
    });

    it('a plain Salesperson may not impersonate (403), and nothing is written', async () => {
      const salesperson = fixtures.setup.users.Salesperson;
      const manager = fixtures.setup.users['Sales Manager'];
      const name = `Not on behalf ${randomUUID()}`;
      const refused = await server.api('accounts', {
        method: 'POST',
        body: { name },
        ...as(salesperson.token, manager.id),
      });
      expectDataverseError(refused, 403);
      const found = await server.api(`accounts?$select=name&$filter=name eq '${name}'`);
      expect(found.json.value).toEqual([]);
      expectDataverseError(await server.api('WhoAmI', as(salesperson.token, manager.id)), 403);
    });

    it.each(['System Customizer', 'Sales Manager', 'No role'] as const)('%s may not impersonate', async (principal) => {
      const caller = fixtures.setup.users[principal];
      const target = fixtures.setup.users.Salesperson;
      expectDataverseError(await server.api('WhoAmI', as(caller.token, target.id)), 403);
    });

    it('the Delegate role alone allows impersonation but grants nothing on tables, as oneself or as anyone', async () => {
      const delegate = fixtures.setup.users.Delegate;
      const salesperson = fixtures.setup.users.Salesperson;
      const whoAmI = await server.api('WhoAmI', as(delegate.token, salesperson.id));
      expect(whoAmI.status, whoAmI.text).toBe(200);
      expect(whoAmI.json.UserId).toBe(salesperson.id);
      expectDataverseError(
        await server.api('accounts', { method: 'POST', body: { name: 'As myself' }, token: delegate.token }),
        403,
      );
      const name = `As the seller ${randomUUID()}`;
      expectDataverseError(
        await server.api('accounts', { method: 'POST', body: { name }, ...as(delegate.token, salesperson.id) }),
        403,
      );
      const found = await server.api(`accounts?$select=name&$filter=name eq '${name}'`);
      expect(found.json.value).toEqual([]);
    });

    it("the System Administrator may impersonate; the real caller is recorded and the Salesperson's privileges apply", async () => {
      const admin = fixtures.setup.users['System Administrator'];
      const salesperson = fixtures.setup.users.Salesperson;
      const created = await server.api('salesorders', {
        method: 'POST',
        body: { name: 'Ordered on behalf' },
        ...as(admin.token, salesperson.id),
      });
      expect(created.status, created.text).toBe(204);
      const id = idOf(created);
      const row = await fixtures.adminRead('salesorder', id);
      expect(row.json._ownerid_value).toBe(salesperson.id);
      expect(row.json._createdby_value).toBe(salesperson.id);
      expect(row.json._createdonbehalfby_value).toBe(admin.id);

      const changed = await server.api(`salesorders(${id})`, {
        method: 'PATCH',
        body: { description: 'changed on behalf' },
        ...as(admin.token, salesperson.id),
      });
      expect(changed.status, changed.text).toBe(204);
      const after = await fixtures.adminRead('salesorder', id);
      expect(after.json._modifiedby_value).toBe(salesperson.id);
      expect(after.json._modifiedonbehalfby_value).toBe(admin.id);

      // Acting as the Salesperson, the administrator may not touch another user's order.
      const others = await fixtures.fresh('salesorder', fixtures.setup.otherUserId);
      expectDataverseError(
        await server.api(`salesorders(${others})`, { method: 'DELETE', ...as(admin.token, salesperson.id) }),
        403,
      );
      expect((await fixtures.adminRead('salesorder', others)).status).toBe(200);
    });

    it('CallerObjectId finds the impersonated user by their Entra object id', async () => {
      const salesperson = fixtures.setup.users.Salesperson;
      const objectId = randomUUID();
      const set = await server.api(`systemusers(${salesperson.id})`, {
        method: 'PATCH',
        body: { azureactivedirectoryobjectid: objectId },
      });
      expect(set.status, set.text).toBe(204);
      const whoAmI = await server.api('WhoAmI', { token: delegateSeller.token, headers: { CallerObjectId: objectId } });
      expect(whoAmI.status, whoAmI.text).toBe(200);
      expect(whoAmI.json.UserId).toBe(salesperson.id);
      const plain = fixtures.setup.users['Sales Manager'];
      expectDataverseError(
        await server.api('WhoAmI', { token: plain.token, headers: { CallerObjectId: objectId } }),
        403,
      );
    });

    it("a user without the Delegate privilege cannot borrow an administrator's read access", async () => {
      const noRole = fixtures.setup.users['No role'];
      const admin = fixtures.setup.users['System Administrator'];
      expectDataverseError(await server.api('accounts', as(noRole.token, admin.id)), 403);
    });
  });
}
