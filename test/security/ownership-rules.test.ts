/**
 * The ownership rules the role matrix leans on, tried by the other doors a client can use: a line or a
 * close activity always belongs to the owner of its parent (even when the body names another owner, and
 * after the parent is reassigned), user-level write does not let a user give a record away, upsert and
 * `$count` obey the same privileges as POST and GET, and nobody below System Administrator grants roles.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-app.js';
import { TEST_STORES } from '../support/test-stores.js';
import { expectDataverseError, MatrixFixtures, type MatrixUser, setUpMatrix, specOf } from './matrix-fixtures.js';
import { TABLE_GROUPS } from './role-expectations.js';

const CHILD_TABLES = TABLE_GROUPS.sales.filter((table) => specOf(table).kind === 'child');

for (const kind of TEST_STORES) {
  describe(`ownership rules on ${kind}`, () => {
    let server: TestServer;
    let fixtures: MatrixFixtures;
    let salesperson: MatrixUser;
    let other: string;

    beforeAll(async () => {
      server = await startTestServer(kind);
      fixtures = new MatrixFixtures(server, await setUpMatrix(server));
      salesperson = fixtures.setup.users.Salesperson;
      other = fixtures.setup.otherUserId;
    });
    afterAll(async () => {
      await server?.close();
    });

    /** The ids of a parent's children of `table`, as the administrator sees them. */
    async function childrenOf(table: string, parentId: string): Promise<string[]> {
      const child = specOf(table);
      const parent = child.parent!;
      const response = await server.api(
        `${child.set}?$select=${child.primaryId}&$filter=_${parent.column}_value eq ${parentId}`,
      );
      expect(response.status, response.text).toBe(200);
      return (response.json.value as Record<string, string>[]).map((row) => row[child.primaryId]!);
    }

    it.each(CHILD_TABLES)(
      "%s: Salesperson may not add one under another user's parent by naming themself its owner",
      async (table) => {
        const child = specOf(table);
        const parentId = await fixtures.shared(child.parent!.table, other);
        const before = await childrenOf(table, parentId);
        const body = {
          ...(await fixtures.body(table, other)),
          'ownerid@odata.bind': `/systemusers(${salesperson.id})`,
        };
        const response = await server.api(child.set, { method: 'POST', body, token: salesperson.token });
        expectDataverseError(response, 403);
        expect(await childrenOf(table, parentId)).toEqual(before);
      },
    );

    it.each(CHILD_TABLES)("%s: one created naming another owner still belongs to its parent's owner", async (table) => {
      const child = specOf(table);
      const body = { ...(await fixtures.body(table, salesperson.id)), 'ownerid@odata.bind': `/systemusers(${other})` };
      const id = await fixtures.adminCreate(child.set, body);
      const row = await fixtures.adminRead(table, id);
      expect(row.json._ownerid_value).toBe(salesperson.id);
    });

    it.each(CHILD_TABLES)('%s: reassigning its parent moves it to the new owner', async (table) => {
      const child = specOf(table);
      const parent = specOf(child.parent!.table);
      const parentId = await fixtures.fresh(parent.table, other);
      const childId = await fixtures.adminCreate(child.set, {
        ...(await child.body(fixtures, fixtures.next())),
        [`${child.parent!.column}@odata.bind`]: `/${parent.set}(${parentId})`,
      });
      const assigned = await server.api(`${parent.set}(${parentId})`, {
        method: 'PATCH',
        body: { 'ownerid@odata.bind': `/systemusers(${salesperson.id})` },
      });
      expect(assigned.status, assigned.text).toBe(204);
      const row = await fixtures.adminRead(table, childId);
      expect(row.json._ownerid_value).toBe(salesperson.id);
      // The new owner may now change it; the previous owner's rows are no longer theirs.
      const changed = await server.api(`${child.set}(${childId})`, {
        method: 'PATCH',
        body: { description: 'after the reassignment' },
        token: salesperson.token,
      });
      expect(changed.status, changed.text).toBe(204);
    });

    it.each(CHILD_TABLES)('%s: the administrator may not reassign one apart from its parent (400)', async (table) => {
      const id = await fixtures.fresh(table, salesperson.id);
      const before = await fixtures.adminRead(table, id);
      const response = await server.api(`${specOf(table).set}(${id})`, {
        method: 'PATCH',
        body: { 'ownerid@odata.bind': `/systemusers(${other})` },
      });
      expectDataverseError(response, 400);
      expect((await fixtures.adminRead(table, id)).json).toEqual(before.json);
    });

    it('Salesperson may not give their own salesorder to another user', async () => {
      const id = await fixtures.fresh('salesorder', salesperson.id);
      const before = await fixtures.adminRead('salesorder', id);
      const response = await server.api(`salesorders(${id})`, {
        method: 'PATCH',
        body: { 'ownerid@odata.bind': `/systemusers(${other})` },
        token: salesperson.token,
      });
      expectDataverseError(response, 403);
      expect((await fixtures.adminRead('salesorder', id)).json).toEqual(before.json);
    });

    it("Sales Manager may reassign another user's salesorder", async () => {
      const id = await fixtures.fresh('salesorder', other);
      const manager = fixtures.setup.users['Sales Manager'];
      const response = await server.api(`salesorders(${id})`, {
        method: 'PATCH',
        body: { 'ownerid@odata.bind': `/systemusers(${salesperson.id})` },
        token: manager.token,
      });
      expect(response.status, response.text).toBe(204);
      expect((await fixtures.adminRead('salesorder', id)).json._ownerid_value).toBe(salesperson.id);
    });

    it('Salesperson may not upsert a new salesorder owned by another user, but may upsert their own', async () => {
      const refused = randomUUID();
      const response = await server.api(`salesorders(${refused})`, {
        method: 'PATCH',
        body: { name: 'Upserted for someone else', 'ownerid@odata.bind': `/systemusers(${other})` },
        token: salesperson.token,
      });
      expectDataverseError(response, 403);
      expect((await fixtures.adminRead('salesorder', refused)).status).toBe(404);
      const allowed = randomUUID();
      const own = await server.api(`salesorders(${allowed})`, {
        method: 'PATCH',
        body: { name: 'Upserted' },
        token: salesperson.token,
      });
      expect(own.status, own.text).toBe(204);
      expect((await fixtures.adminRead('salesorder', allowed)).json._ownerid_value).toBe(salesperson.id);
    });

    it('Salesperson may not upsert a new product', async () => {
      const id = randomUUID();
      const response = await server.api(`products(${id})`, {
        method: 'PATCH',
        body: await fixtures.body('product'),
        token: salesperson.token,
      });
      expectDataverseError(response, 403);
      expect((await fixtures.adminRead('product', id)).status).toBe(404);
    });

    it('$count follows the read privilege: only their own systemuser for a Salesperson, 403 without read', async () => {
      const own = await server.api('systemusers/$count', { token: salesperson.token });
      expect(own.status, own.text).toBe(200);
      expect(own.text).toBe('1');
      const delegate = fixtures.setup.users.Delegate;
      expectDataverseError(await server.api('accounts/$count', { token: delegate.token }), 403);
    });

    it('Salesperson may list the roles they hold through their own user, not through another user', async () => {
      const own = await server.api(`systemusers(${salesperson.id})/systemuserroles_association?$select=name`, {
        token: salesperson.token,
      });
      expect(own.status, own.text).toBe(200);
      expect(own.json.value.map((role: { name: string }) => role.name)).toContain('Salesperson');
      const others = await server.api(
        `systemusers(${fixtures.setup.users['Sales Manager'].id})/systemuserroles_association`,
        {
          token: salesperson.token,
        },
      );
      expectDataverseError(others, 403);
    });

    it.each(['Salesperson', 'System Customizer', 'Sales Manager', 'Delegate'] as const)(
      '%s may not grant themself the System Administrator role',
      async (principal) => {
        const user = fixtures.setup.users[principal];
        const adminRole = fixtures.setup.roleIds.get('System Administrator')!;
        const response = await server.api(`systemusers(${user.id})/systemuserroles_association/$ref`, {
          method: 'POST',
          body: { '@odata.id': `${server.serviceRoot}roles(${adminRole})` },
          token: user.token,
        });
        expectDataverseError(response, 403);
        const held = await server.api(`systemusers(${user.id})/systemuserroles_association?$select=roleid`);
        expect(held.json.value.map((role: { roleid: string }) => role.roleid)).not.toContain(adminRole);
      },
    );

    it('System Administrator may grant and revoke a role', async () => {
      const admin = fixtures.setup.users['System Administrator'];
      const userId = await fixtures.fresh('systemuser');
      const roleId = fixtures.setup.roleIds.get('Sales Manager')!;
      const granted = await server.api(`systemusers(${userId})/systemuserroles_association/$ref`, {
        method: 'POST',
        body: { '@odata.id': `${server.serviceRoot}roles(${roleId})` },
        token: admin.token,
      });
      expect(granted.status, granted.text).toBe(204);
      const revoked = await server.api(`systemusers(${userId})/systemuserroles_association(${roleId})/$ref`, {
        method: 'DELETE',
        token: admin.token,
      });
      expect(revoked.status, revoked.text).toBe(204);
    });
  });
}
