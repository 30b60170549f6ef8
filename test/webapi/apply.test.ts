/**
 * `$apply` on a real server, once per store: every aggregate is checked against figures the test
 * computes itself from the rows (money to the cent with decimal.js), grouping by options and lookups,
 * `filter(...)` steps, formatted values, the refusals Dataverse makes, and read scope: a Salesperson's
 * aggregates cover exactly the rows their `$filter` lists.
 */
import { Decimal } from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, as, createUser, expectRefused, newOrder, post, read, type TestUser } from '../lifecycle/support.js';
import { startTestServer, type TestServer } from '../support/test-app.js';
import { TEST_STORES } from '../support/test-stores.js';

const FORMATTED = 'OData.Community.Display.V1.FormattedValue';

interface SeededAccount {
  readonly id: string;
  readonly revenue: string | null;
  readonly city: string;
}

/** Amounts with cents that binary floats cannot add exactly (0.1 + 0.2 and friends). */
const revenues = ['0.10', '0.20', '1234567.89', '0.01', null, '99999999.99', '42.42', '7.77', '100.05', '3.33'];
const cities = [
  'Redmond',
  'Lynnwood',
  'Redmond',
  'Phoenix',
  'Redmond',
  'Lynnwood',
  'Phoenix',
  'Dallas',
  'Dallas',
  'Redmond',
];

const sumOf = (values: readonly (string | null)[]) =>
  values.filter((value): value is string => value !== null).reduce((total, value) => total.add(value), new Decimal(0));

for (const kind of TEST_STORES) {
  describe(`$apply on ${kind}`, () => {
    let server: TestServer;
    let admin: Api;
    const tag = `apply-${Date.now()}`;
    const accounts: SeededAccount[] = [];

    beforeAll(async () => {
      server = await startTestServer(kind);
      admin = as(server);
      for (const [index, revenue] of revenues.entries()) {
        const city = `${tag}-${cities[index]}`;
        const id = await post(admin, 'accounts', {
          name: `${tag} ${index}`,
          address1_city: city,
          revenue: revenue === null ? null : Number(revenue),
        });
        accounts.push({ id, revenue, city });
      }
      // One inactive account, so statecode groups differ.
      await admin(`accounts(${accounts[0]!.id})`, { method: 'PATCH', body: { statecode: 1, statuscode: 2 } });
    }, 120_000);
    afterAll(async () => {
      await server?.close();
    });

    const mine = `filter(startswith(name,'${tag}'))`;

    it('aggregates money exactly: sum to the cent, average rounded to 4 places, min, max and counts', async () => {
      const body = await read(
        admin,
        `accounts?$apply=${mine}/aggregate(revenue with sum as total,revenue with average as mean,revenue with min as least,revenue with max as most,revenue with countdistinct as distinctrevenues,$count as rows)`,
      );
      const values = accounts.map((account) => account.revenue);
      const present = values.filter((value): value is string => value !== null);
      const total = sumOf(values);
      expect(body['@odata.context']).toBe(`${server.serviceRoot}$metadata#accounts`);
      expect(body.value).toHaveLength(1);
      const [row] = body.value;
      expect(new Decimal(row.total).equals(total)).toBe(true);
      expect(new Decimal(row.total).toFixed(2)).toBe('101234721.76');
      expect(new Decimal(row.mean).toFixed(4)).toBe(
        total.div(present.length).toDecimalPlaces(4, Decimal.ROUND_HALF_UP).toFixed(4),
      );
      expect(new Decimal(row.least).toFixed(2)).toBe('0.01');
      expect(new Decimal(row.most).toFixed(2)).toBe('99999999.99');
      expect(row.distinctrevenues).toBe(new Set(present).size);
      expect(row.rows).toBe(accounts.length);
    });

    it('groups by a column with aggregates per group, each checked against the rows of that group', async () => {
      const body = await read(
        admin,
        `accounts?$apply=${mine}/groupby((address1_city),aggregate(revenue with sum as total,$count as n))`,
      );
      const expected = new Map<string, { total: Decimal; n: number }>();
      for (const account of accounts) {
        const group = expected.get(account.city) ?? { total: new Decimal(0), n: 0 };
        expected.set(account.city, {
          total: account.revenue === null ? group.total : group.total.add(account.revenue),
          n: group.n + 1,
        });
      }
      expect(body.value).toHaveLength(expected.size);
      // Groups come sorted by their grouping property.
      expect(body.value.map((row: { address1_city: string }) => row.address1_city)).toEqual(
        [...expected.keys()].sort(),
      );
      for (const row of body.value) {
        const group = expected.get(row.address1_city)!;
        expect(row.n).toBe(group.n);
        expect(new Decimal(row.total).equals(group.total)).toBe(true);
      }
    });

    it('groups by option sets and lookups (_ownerid_value), with formatted values when asked', async () => {
      const response = await admin(
        `accounts?$apply=${mine}/groupby((statecode,_ownerid_value),aggregate($count as count))`,
        { headers: { prefer: `odata.include-annotations="${FORMATTED}"` } },
      );
      expect(response.status, response.text).toBe(200);
      const rows = response.json.value;
      const adminId = (await read(admin, 'WhoAmI')).UserId;
      expect(rows).toEqual([
        {
          [`statecode@${FORMATTED}`]: 'Active',
          statecode: 0,
          [`_ownerid_value@${FORMATTED}`]: expect.any(String),
          _ownerid_value: adminId,
          [`count@${FORMATTED}`]: String(accounts.length - 1),
          count: accounts.length - 1,
        },
        {
          [`statecode@${FORMATTED}`]: 'Inactive',
          statecode: 1,
          [`_ownerid_value@${FORMATTED}`]: expect.any(String),
          _ownerid_value: adminId,
          [`count@${FORMATTED}`]: '1',
          count: 1,
        },
      ]);
    });

    it('applies filter steps, several in a row, to the rows before grouping', async () => {
      const body = await read(
        admin,
        `accounts?$apply=${mine}/filter(revenue gt 1)/groupby((address1_city),aggregate($count as n))&$orderby=address1_city desc&$top=2`,
      );
      const counts = new Map<string, number>();
      for (const account of accounts) {
        if (account.revenue !== null && new Decimal(account.revenue).gt(1))
          counts.set(account.city, (counts.get(account.city) ?? 0) + 1);
      }
      const expected = [...counts.entries()]
        .sort(([a], [b]) => (a < b ? 1 : -1))
        .slice(0, 2)
        .map(([city, n]) => ({ address1_city: city, n }));
      expect(body.value).toEqual(expected);
    });

    it('lists the distinct values of a column with groupby alone', async () => {
      const body = await read(admin, `accounts?$apply=${mine}/groupby((address1_city))`);
      expect(body.value).toEqual(
        [...new Set(accounts.map((account) => account.city))].sort().map((city) => ({ address1_city: city })),
      );
    });

    describe('refusals, in the Dataverse error shape', () => {
      it.each([
        ['groupby on a date and time', `groupby((createdon))`, /groupby with datetime values is not supported/],
        [
          'an unknown property',
          `aggregate(nosuchcolumn with sum as x)`,
          /Could not find a property named 'nosuchcolumn'/,
        ],
        ['a lookup by its column name', `groupby((ownerid))`, /Could not find a property named 'ownerid'/],
        ['sum of text', `aggregate(name with sum as x)`, /cannot be applied/],
        ['an unknown method', `aggregate(revenue with median as x)`, /median.*not supported/],
        ['a transformation Dataverse lacks', `compute(revenue mul 2 as double)`, /'compute' is not supported/],
        ['a step after groupby', `groupby((name))/filter(name eq 'x')`, /nothing may follow groupby/],
        ['a related table', `groupby((primarycontactid/fullname))`, /not of related tables/],
        ['a repeated alias', `aggregate(revenue with sum as x,$count as x)`, /used more than once/],
        ['filter alone', `filter(name eq 'x')`, /use \$filter/],
      ])('%s', async (_what, apply, pattern) => {
        expectRefused(await admin(`accounts?$apply=${encodeURIComponent(apply)}`), 400, pattern);
      });

      it('orders by an aggregate with the words Dataverse uses', async () => {
        const response = await admin(`accounts?$apply=groupby((name),aggregate($count as n))&$orderby=n desc`);
        expectRefused(response, 400, /The query node SingleValueOpenPropertyAccess is not supported/);
        expect(response.json.error.code).toBe('0x80060888');
      });

      it.each(['$select=name', "$filter=name eq 'x'", '$expand=primarycontactid', '$count=true'])(
        'refuses %s beside $apply',
        async (option) => {
          expectRefused(
            await admin(`accounts?$apply=aggregate($count as n)&${option}`),
            400,
            /cannot be combined with \$apply/,
          );
        },
      );

      it('refuses $apply on a single row and on $count', async () => {
        expectRefused(
          await admin(`accounts(${accounts[0]!.id})?$apply=aggregate($count as n)`),
          400,
          /entity set only/,
        );
        expectRefused(await admin('accounts/$count?$apply=aggregate($count as n)'), 400, /entity set only/);
      });
    });

    describe('read scope', () => {
      let sellerA: TestUser;
      let sellerB: TestUser;

      beforeAll(async () => {
        sellerA = await createUser(server, { roles: ['Salesperson'] });
        sellerB = await createUser(server, { roles: ['Salesperson'] });
        for (const lines of [1, 2, 3]) await newOrder(as(server, sellerA), lines);
        for (const lines of [4, 5]) await newOrder(as(server, sellerB), lines);
        await newOrder(admin, 6);
      }, 120_000);

      it.each(['A', 'B', 'admin'])(
        "a caller's aggregates cover exactly the rows their $filter lists (%s)",
        async (who) => {
          const api = who === 'A' ? as(server, sellerA) : who === 'B' ? as(server, sellerB) : admin;
          const listed = await read(api, 'salesorders?$select=totalamount&$filter=statecode eq 0');
          const expected = sumOf(
            listed.value.map((row: { totalamount: number | null }) =>
              row.totalamount === null ? null : String(row.totalamount),
            ),
          );
          const body = await read(
            api,
            'salesorders?$apply=filter(statecode eq 0)/aggregate(totalamount with sum as total,$count as n)',
          );
          expect(body.value).toHaveLength(1);
          expect(body.value[0].n).toBe(listed.value.length);
          expect(new Decimal(body.value[0].total ?? 0).equals(expected)).toBe(true);
        },
      );

      it('a Salesperson, who reads only their own user row, aggregates only that row', async () => {
        const seller = as(server, sellerB);
        const listed = await read(seller, 'systemusers?$select=systemuserid');
        expect(listed.value).toEqual([expect.objectContaining({ systemuserid: sellerB.id })]);
        const body = await read(seller, 'systemusers?$apply=groupby((systemuserid),aggregate($count as n))');
        expect(body.value).toEqual([{ systemuserid: sellerB.id, n: 1 }]);
        // The administrator, who reads every user, gets every user.
        const everyone = await read(admin, 'systemusers?$apply=aggregate($count as n)');
        expect(everyone.value[0].n).toBe((await read(admin, 'systemusers?$select=systemuserid')).value.length);
        expect(everyone.value[0].n).toBeGreaterThan(2);
      });

      it('a filter step through a user row the Salesperson may not read matches nothing, as $filter does', async () => {
        const seller = as(server, sellerB);
        const condition = `ownerid/systemuserid eq ${sellerA.id}`;
        const listed = await read(seller, `salesorders?$select=salesorderid&$filter=${condition}`);
        expect(listed.value).toEqual([]);
        const body = await read(seller, `salesorders?$apply=filter(${condition})/aggregate($count as n)`);
        expect(body.value).toEqual([{ n: 0 }]);
        // Whereas the administrator, who may read sellerA, counts sellerA's three orders.
        const seen = await read(admin, `salesorders?$apply=filter(${condition})/aggregate($count as n)`);
        expect(seen.value).toEqual([{ n: 3 }]);
      });
    });
  });
}
