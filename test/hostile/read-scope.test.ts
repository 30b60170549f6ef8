/**
 * Issue #19, hole 6 and its class: a `$filter` must not be an oracle on rows the caller may not read.
 * A Salesperson (who reads only their own user row, roles and business unit) writes random filters
 * that reach another salesperson's user row through every kind of path: one hop, two hops, a hop
 * inside a lambda, lambdas over one-to-many and many-to-many relationships, nested lambdas, all(),
 * negations. Each filter is asked twice, once with the victim's true secret and once with a false one:
 * the answers must be the same. A Sales Manager, who may read users, tells the two apart, so the
 * oracle would see a leak if there were one.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, as, createUser, expectOk, post, read, type TestUser } from '../lifecycle/support.js';
import { startTestServer, type TestServer } from '../support/test-app.js';
import { TEST_STORES } from '../support/test-stores.js';
import { assertProperty, RUNS } from './support/hostile-server.js';

const PROPERTY_TIMEOUT = 180_000;

interface Secret {
  readonly id: string;
  readonly email: string;
  readonly domainname: string;
}

/** A condition on a user reached as `user` (a path ending at a systemuser), true or false of the victim. */
type Guess = (user: string, secret: Secret, right: boolean) => string;

const guesses: readonly Guess[] = [
  (user, secret, right) => `${user}/internalemailaddress eq '${right ? secret.email : `x${secret.email}`}'`,
  (user, secret, right) => `startswith(${user}/internalemailaddress,'${right ? secret.email.slice(0, 10) : 'zz'}')`,
  (user, secret, right) => `contains(${user}/domainname,'${right ? secret.domainname : 'no-such-name'}')`,
  // The prober is not an integration user either: the guess names whose flag it asks about.
  (user, secret, right) =>
    `(${user}/systemuserid eq ${secret.id} and ${user}/isintegrationuser eq ${right ? 'false' : 'true'})`,
  (user, secret, right) => `${user}/systemuserid eq ${right ? secret.id : randomUUID()}`,
  (user, secret, right) =>
    `Microsoft.Dynamics.CRM.In(PropertyName='${user}/internalemailaddress',PropertyValues=['${right ? secret.email : 'x'}'])`,
];

/** A way from a listed entity set to a user row: the set, its key, and the filter around a condition on the user. */
interface Route {
  readonly set: string;
  readonly key: string;
  readonly around: (condition: (user: string) => string) => string;
}

const routes: readonly Route[] = [
  { set: 'salesorders', key: 'salesorderid', around: (c) => c('ownerid') },
  { set: 'salesorders', key: 'salesorderid', around: (c) => c('createdby') },
  { set: 'salesorderdetails', key: 'salesorderdetailid', around: (c) => c('salesorderid/ownerid') },
  { set: 'accounts', key: 'accountid', around: (c) => `contact_customer_accounts/any(x:${c('x/ownerid')})` },
  { set: 'accounts', key: 'accountid', around: (c) => `contact_customer_accounts/all(x:${c('x/ownerid')})` },
  { set: 'businessunits', key: 'businessunitid', around: (c) => `business_unit_system_users/any(u:${c('u')})` },
  { set: 'businessunits', key: 'businessunitid', around: (c) => `business_unit_system_users/all(u:${c('u')})` },
  { set: 'roles', key: 'roleid', around: (c) => `systemuserroles_association/any(u:${c('u')})` },
  {
    set: 'businessunits',
    key: 'businessunitid',
    around: (c) => `business_unit_roles/any(r:r/systemuserroles_association/any(u:${c('u')}))`,
  },
];

for (const kind of TEST_STORES) {
  describe(`hostile filters through related rows the caller may not read on ${kind}`, () => {
    let server: TestServer;
    let secret: Secret;
    let prober: Api;
    let manager: Api;

    beforeAll(async () => {
      server = await startTestServer(kind);
      const admin = as(server);
      const victim: TestUser = await createUser(server, { roles: ['Salesperson'] });
      prober = as(server, await createUser(server, { roles: ['Salesperson'] }));
      manager = as(server, await createUser(server, { roles: ['Sales Manager'] }));
      const email = `secret-${randomUUID().slice(0, 8)}@hidden.test`;
      expectOk(await admin(`systemusers(${victim.id})`, { method: 'PATCH', body: { internalemailaddress: email } }));
      const { domainname } = await read(admin, `systemusers(${victim.id})?$select=domainname`);
      secret = { id: victim.id, email, domainname };
      const asVictim = as(server, victim);
      const account = await post(asVictim, 'accounts', { name: 'Victim account' });
      await post(asVictim, 'contacts', {
        lastname: 'Victim',
        'parentcustomerid_account@odata.bind': `/accounts(${account})`,
      });
      const order = await post(asVictim, 'salesorders', { name: 'Victim order' });
      await post(asVictim, 'salesorderdetails', {
        isproductoverridden: true,
        productdescription: 'Line',
        quantity: 1,
        priceperunit: 1,
        'salesorderid@odata.bind': `/salesorders(${order})`,
      });
    });
    afterAll(async () => {
      await server?.close();
    });

    async function answer(api: Api, route: Route, filter: string): Promise<unknown> {
      const response = await api(`${route.set}?$select=${route.key}&$filter=${encodeURIComponent(filter)}`);
      expect(response.status, `${route.set} ${filter}: ${response.text}`).toBe(200);
      return response.json.value.map((row: Record<string, string>) => row[route.key]).sort();
    }

    it(
      'a Salesperson gets the same answer for the right and the wrong guess of another user’s columns',
      async () => {
        await assertProperty(
          fc.asyncProperty(
            fc.constantFrom(...routes),
            fc.constantFrom(...guesses),
            fc.boolean(),
            async (route, guess, negated) => {
              const filter = (right: boolean) => {
                const text = route.around((user) => guess(user, secret, right));
                return negated ? `not (${text})` : text;
              };
              const [right, wrong] = [
                await answer(prober, route, filter(true)),
                await answer(prober, route, filter(false)),
              ];
              expect(right, `${route.set}?$filter=${filter(true)}`).toEqual(wrong);
            },
          ),
          Math.min(RUNS, 60),
        );
      },
      PROPERTY_TIMEOUT,
    );

    it('the oracle works: a Sales Manager, who may read users, tells the right guess from the wrong one', async () => {
      for (const route of routes.filter((candidate) => !candidate.around((user) => user).includes('/all('))) {
        const filter = (right: boolean) => route.around((user) => guesses[0]!(user, secret, right));
        expect(await answer(manager, route, filter(true))).not.toEqual(await answer(manager, route, filter(false)));
      }
    });
  });
}
