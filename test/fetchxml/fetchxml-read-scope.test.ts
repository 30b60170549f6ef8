/**
 * FetchXML reads through the caller's read scope on every table it joins: for each predefined role
 * (and a user with none), a FetchXML query answers with exactly the rows the equivalent `$filter`
 * query answers, and a link-entity to systemuser shows only the users the caller may read.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, as, createUser, expectOk, post, type RoleName } from '../lifecycle/support.js';
import { startTestServer, type TestServer } from '../support/test-app.js';
import { TEST_STORES } from '../support/test-stores.js';

const ROLES: readonly (RoleName | 'No role')[] = [
  'System Administrator',
  'System Customizer',
  'Sales Manager',
  'Salesperson',
  'Delegate',
  'No role',
];

interface Answer {
  readonly status: number;
  readonly rows: readonly Record<string, unknown>[];
}

async function answer(api: Api, path: string): Promise<Answer> {
  const response = await api(path);
  if (response.status !== 200) {
    expect(response.json?.error?.code, response.text).toMatch(/^0x/);
    return { status: response.status, rows: [] };
  }
  return { status: 200, rows: response.json.value };
}

const keys = (answer: Answer, key: string) => answer.rows.map((row) => String(row[key])).sort();

for (const kind of TEST_STORES) {
  describe(`FetchXML read scope on ${kind}`, () => {
    let server: TestServer;
    const callers = new Map<string, Api>();
    let secretEmail: string;

    beforeAll(async () => {
      server = await startTestServer(kind);
      const admin = as(server);
      const victim = await createUser(server, { roles: ['Salesperson'] });
      secretEmail = `hidden-${randomUUID().slice(0, 8)}@secret.test`;
      expectOk(
        await admin(`systemusers(${victim.id})`, { method: 'PATCH', body: { internalemailaddress: secretEmail } }),
      );
      const asVictim = as(server, victim);
      const victimAccount = await post(asVictim, 'accounts', { name: 'Victim account' });
      await post(asVictim, 'contacts', {
        lastname: 'Victim contact',
        'parentcustomerid_account@odata.bind': `/accounts(${victimAccount})`,
      });
      await post(asVictim, 'salesorders', { name: 'Victim order' });
      // The administrator's contact of the victim's account: readable to some, its account not.
      await post(admin, 'contacts', {
        lastname: 'Admin contact',
        'parentcustomerid_account@odata.bind': `/accounts(${victimAccount})`,
      });
      await post(admin, 'salesorders', { name: 'Admin order' });
      for (const role of ROLES) {
        const user = await createUser(server, { roles: role === 'No role' ? [] : [role] });
        const api = as(server, user);
        callers.set(role, api);
        if (role === 'No role') continue;
        const own = await api('accounts', { method: 'POST', body: { name: `${role} account` } });
        if (own.status === 204) {
          const accountId = /\(([^)]+)\)/.exec(own.headers.get('odata-entityid')!)![1]!;
          await api('contacts', {
            method: 'POST',
            body: { lastname: `${role} contact`, 'parentcustomerid_account@odata.bind': `/accounts(${accountId})` },
          });
          await api('salesorders', { method: 'POST', body: { name: `${role} order` } });
        }
      }
    }, 120_000);
    afterAll(async () => {
      await server?.close();
    });

    const fetchPath = (set: string, fetchXml: string) => `${set}?fetchXml=${encodeURIComponent(fetchXml)}`;

    it.each(ROLES)(
      '%s: an inner link-entity to account finds the contacts a $filter through the account finds',
      async (role) => {
        const api = callers.get(role)!;
        const fetched = await answer(
          api,
          fetchPath(
            'contacts',
            `<fetch><entity name='contact'><attribute name='lastname' /><link-entity name='account' from='accountid' to='parentcustomerid' alias='a'><attribute name='name' /></link-entity></entity></fetch>`,
          ),
        );
        const filtered = await answer(
          api,
          `contacts?$select=contactid&$filter=${encodeURIComponent('parentcustomerid_account/accountid ne null')}`,
        );
        expect(fetched.status).toBe(filtered.status);
        expect(keys(fetched, 'contactid')).toEqual(keys(filtered, 'contactid'));
      },
    );

    it.each(ROLES)(
      '%s: a condition on a linked systemuser is never true of a user the caller may not read',
      async (role) => {
        const api = callers.get(role)!;
        const fetched = await answer(
          api,
          fetchPath(
            'salesorders',
            `<fetch><entity name='salesorder'><attribute name='name' /><link-entity name='systemuser' from='systemuserid' to='ownerid' alias='u'><filter><condition attribute='internalemailaddress' operator='eq' value='${secretEmail}' /></filter></link-entity></entity></fetch>`,
          ),
        );
        const filtered = await answer(
          api,
          `salesorders?$select=salesorderid&$filter=${encodeURIComponent(`ownerid/internalemailaddress eq '${secretEmail}'`)}`,
        );
        expect(fetched.status).toBe(filtered.status);
        expect(keys(fetched, 'salesorderid')).toEqual(keys(filtered, 'salesorderid'));
        // The oracle works: who may read users and orders finds the victim's order; a Salesperson does not.
        if (role === 'System Administrator') expect(fetched.rows).toHaveLength(1);
        if (role === 'Salesperson') expect(fetched.rows).toHaveLength(0);
      },
    );

    it.each(ROLES)(
      '%s: an outer link-entity to systemuser keeps every readable order and shows only readable owners',
      async (role) => {
        const api = callers.get(role)!;
        const fetched = await answer(
          api,
          fetchPath(
            'salesorders',
            `<fetch><entity name='salesorder'><attribute name='name' /><attribute name='ownerid' /><link-entity name='systemuser' from='systemuserid' to='ownerid' link-type='outer' alias='u'><attribute name='internalemailaddress' /></link-entity></entity></fetch>`,
          ),
        );
        const orders = await answer(api, 'salesorders?$select=salesorderid');
        expect(fetched.status).toBe(orders.status);
        expect(keys(fetched, 'salesorderid')).toEqual(keys(orders, 'salesorderid'));
        const users = await answer(api, 'systemusers?$select=systemuserid,internalemailaddress');
        const readable = new Map(users.rows.map((row) => [String(row.systemuserid), row.internalemailaddress]));
        for (const row of fetched.rows) {
          const owner = String(row._ownerid_value);
          expect(row.u_x002e_internalemailaddress ?? null, `${role} reading the owner of ${row.name}`).toBe(
            readable.has(owner) ? (readable.get(owner) ?? null) : null,
          );
        }
        if (role === 'Salesperson') {
          expect(fetched.rows.some((row) => row.u_x002e_internalemailaddress === secretEmail)).toBe(false);
        }
      },
    );
  });
}
