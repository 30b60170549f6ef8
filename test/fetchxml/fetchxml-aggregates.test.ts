/**
 * Aggregate FetchXML (`<fetch aggregate="true">`) on a real server, once per store. Every figure is
 * checked against one the test computes from the rows it wrote (money to the cent with decimal.js, date
 * parts with the calendar rules Dataverse groups by) and against the equivalent `$apply` query, which
 * runs on the same aggregate plan. Read scope: for every predefined role, the caller's aggregate FetchXML
 * covers exactly the rows their `$filter` lists.
 */
import { Decimal } from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Api,
  as,
  createUser,
  expectRefused,
  newOrder,
  post,
  type RoleName,
  read,
  type TestUser,
} from '../lifecycle/support.js';
import { startTestServer, type TestServer } from '../support/test-app.js';
import { TEST_STORES } from '../support/test-stores.js';

const FORMATTED = 'OData.Community.Display.V1.FormattedValue';

// biome-ignore lint/suspicious/noExplicitAny: rows are dynamic JSON objects.
type Entity = Record<string, any>;

/** Amounts with cents that binary floats cannot add exactly, one null, one repeated. */
const revenues = ['0.10', '0.20', '1234567.89', '0.01', null, '99999999.99', '42.42', '7.77', '0.20', '3.33'];
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
  null,
];

/** Close dates across week, quarter and year boundaries (2024-01-07 is a Sunday: week 2 begins). */
const closeDates = [
  '2024-01-01',
  '2024-01-06',
  '2024-01-07',
  '2024-03-31',
  '2024-04-01',
  '2024-12-31',
  '2025-02-15',
  '2024-01-07',
];
const budgets = ['10.10', '20.20', '30.33', '0.01', '5.55', '1000.99', '7.07', '0.03'];

const sumOf = (values: readonly (string | null)[]) =>
  values.filter((value): value is string => value !== null).reduce((total, value) => total.add(value), new Decimal(0));

/** Date parts as Dataverse groups them: weeks start on Sunday and week 1 holds January 1st. */
function dateParts(text: string) {
  const date = new Date(`${text}T00:00:00Z`);
  const year = date.getUTCFullYear();
  const januaryFirst = new Date(Date.UTC(year, 0, 1));
  const dayOfYear = Math.round((date.getTime() - januaryFirst.getTime()) / 86_400_000) + 1;
  return {
    year,
    quarter: Math.floor(date.getUTCMonth() / 3) + 1,
    month: date.getUTCMonth() + 1,
    week: Math.floor((dayOfYear - 1 + januaryFirst.getUTCDay()) / 7) + 1,
    day: date.getUTCDate(),
  };
}

const fetchUrl = (set: string, fetchXml: string) => `${set}?fetchXml=${encodeURIComponent(fetchXml)}`;

for (const kind of TEST_STORES) {
  describe(`aggregate FetchXML on ${kind}`, () => {
    let server: TestServer;
    let admin: Api;
    const tag = `fxagg-${Date.now()}`;
    const accountIds: string[] = [];
    const mine = `<filter><condition attribute='name' operator='like' value='${tag}%' /></filter>`;

    beforeAll(async () => {
      server = await startTestServer(kind);
      admin = as(server);
      for (const [index, revenue] of revenues.entries()) {
        const city = cities[index];
        accountIds[index] = await post(admin, 'accounts', {
          name: `${tag} ${index}`,
          address1_city: city === null ? null : `${tag}-${city}`,
          revenue: revenue === null ? null : Number(revenue),
        });
      }
      for (const [index, date] of closeDates.entries()) {
        await post(admin, 'opportunities', {
          name: `${tag} opportunity ${index}`,
          estimatedclosedate: date,
          budgetamount: Number(budgets[index]),
        });
      }
      await post(admin, 'opportunities', { name: `${tag} opportunity without a date`, budgetamount: 1 });
    }, 120_000);
    afterAll(async () => {
      await server?.close();
    });

    it('sums money to the cent and counts as Dataverse does, agreeing with the equivalent $apply', async () => {
      const body = await read(
        admin,
        fetchUrl(
          'accounts',
          `<fetch aggregate='true'><entity name='account'>
            <attribute name='revenue' alias='total' aggregate='sum' />
            <attribute name='revenue' alias='mean' aggregate='avg' />
            <attribute name='revenue' alias='least' aggregate='min' />
            <attribute name='revenue' alias='most' aggregate='max' />
            <attribute name='revenue' alias='withrevenue' aggregate='countcolumn' />
            <attribute name='revenue' alias='distinctrevenues' aggregate='countcolumn' distinct='true' />
            <attribute name='address1_city' alias='rows' aggregate='count' />
            ${mine}</entity></fetch>`,
        ),
      );
      const present = revenues.filter((value): value is string => value !== null);
      const total = sumOf(revenues);
      expect(body['@odata.context']).toBe(`${server.serviceRoot}$metadata#accounts`);
      expect(body.value).toHaveLength(1);
      const [row] = body.value;
      expect(new Decimal(row.total).toFixed(2)).toBe(total.toFixed(2));
      expect(new Decimal(row.total).toFixed(2)).toBe('101234621.91');
      expect(new Decimal(row.mean).toFixed(4)).toBe(
        total.div(present.length).toDecimalPlaces(4, Decimal.ROUND_HALF_UP).toFixed(4),
      );
      expect(new Decimal(row.least).toFixed(2)).toBe('0.01');
      expect(new Decimal(row.most).toFixed(2)).toBe('99999999.99');
      // countcolumn counts values (not the null one), distinct counts 0.20 once; count counts rows.
      expect(row.withrevenue).toBe(present.length);
      expect(row.distinctrevenues).toBe(new Set(present).size);
      expect(row.rows).toBe(revenues.length);

      const apply = await read(
        admin,
        `accounts?$apply=filter(startswith(name,'${tag}'))/aggregate(revenue with sum as total,revenue with average as mean,revenue with min as least,revenue with max as most,revenue with countdistinct as distinctrevenues,$count as rows)`,
      );
      const { withrevenue: _counted, ...comparable } = row;
      expect(comparable).toEqual(apply.value[0]);
    });

    it('groups by a column, orders by an aggregate alias and keeps the top groups; a null group has no property', async () => {
      const body = await read(
        admin,
        fetchUrl(
          'accounts',
          `<fetch aggregate='true' top='3'><entity name='account'>
            <attribute name='address1_city' alias='city' groupby='true' />
            <attribute name='revenue' alias='total' aggregate='sum' />
            <attribute name='accountid' alias='n' aggregate='count' />
            <order alias='n' descending='true' /><order alias='city' />
            ${mine}</entity></fetch>`,
        ),
      );
      const groups = new Map<string | null, { total: Decimal; n: number }>();
      revenues.forEach((revenue, index) => {
        const city = cities[index] === null ? null : `${tag}-${cities[index]}`;
        const group = groups.get(city) ?? { total: new Decimal(0), n: 0 };
        groups.set(city, { total: revenue === null ? group.total : group.total.add(revenue), n: group.n + 1 });
      });
      const expected = [...groups.entries()]
        .sort(([cityA, a], [cityB, b]) => b.n - a.n || (cityA ?? '').localeCompare(cityB ?? ''))
        .slice(0, 3);
      expect(body.value.map((row: { city?: string }) => row.city ?? null)).toEqual(expected.map(([city]) => city));
      for (const [index, [, group]] of expected.entries()) {
        expect(body.value[index].n).toBe(group.n);
        expect(new Decimal(body.value[index].total).toFixed(2)).toBe(group.total.toFixed(2));
      }
      // The city-less account's group: its city is left out, as FetchXML results leave out nulls.
      const all = await read(
        admin,
        fetchUrl(
          'accounts',
          `<fetch aggregate='true'><entity name='account'><attribute name='address1_city' alias='city' groupby='true' /><attribute name='accountid' alias='n' aggregate='count' /><order alias='city' />${mine}</entity></fetch>`,
        ),
      );
      expect(all.value[0]).toEqual({ n: 1 });
      expect(all.value).toHaveLength(groups.size);
    });

    it('groups by option sets and lookups with formatted values, as $apply does', async () => {
      const response = await admin(
        fetchUrl(
          'accounts',
          `<fetch aggregate='true'><entity name='account'><attribute name='statecode' alias='statecode' groupby='true' /><attribute name='ownerid' alias='owner' groupby='true' /><attribute name='accountid' alias='count' aggregate='count' />${mine}</entity></fetch>`,
        ),
        { headers: { prefer: `odata.include-annotations="${FORMATTED}"` } },
      );
      expect(response.status, response.text).toBe(200);
      const me = await read(admin, 'WhoAmI');
      const user = await read(admin, `systemusers(${me.UserId})?$select=fullname`);
      expect(response.json.value).toEqual([
        {
          [`statecode@${FORMATTED}`]: 'Active',
          statecode: 0,
          [`owner@${FORMATTED}`]: user.fullname,
          owner: me.UserId,
          [`count@${FORMATTED}`]: String(revenues.length),
          count: revenues.length,
        },
      ]);
    });

    it('groups a date by year, quarter, month, week and day, each part as computed from the dates', async () => {
      const body = await read(
        admin,
        fetchUrl(
          'opportunities',
          `<fetch aggregate='true'><entity name='opportunity'>
            <attribute name='estimatedclosedate' alias='year' groupby='true' dategrouping='year' />
            <attribute name='estimatedclosedate' alias='quarter' groupby='true' dategrouping='quarter' />
            <attribute name='estimatedclosedate' alias='month' groupby='true' dategrouping='month' />
            <attribute name='estimatedclosedate' alias='week' groupby='true' dategrouping='week' />
            <attribute name='estimatedclosedate' alias='day' groupby='true' dategrouping='day' />
            <attribute name='budgetamount' alias='budget' aggregate='sum' />
            <attribute name='opportunityid' alias='n' aggregate='count' />
            <order alias='year' /><order alias='quarter' /><order alias='month' /><order alias='week' /><order alias='day' />
            <filter><condition attribute='name' operator='begins-with' value='${tag}' /><condition attribute='estimatedclosedate' operator='not-null' /></filter>
          </entity></fetch>`,
        ),
      );
      const groups = new Map<string, { parts: ReturnType<typeof dateParts>; budget: Decimal; n: number }>();
      closeDates.forEach((date, index) => {
        const parts = dateParts(date);
        const key = JSON.stringify(parts);
        const group = groups.get(key) ?? { parts, budget: new Decimal(0), n: 0 };
        groups.set(key, { parts, budget: group.budget.add(budgets[index]!), n: group.n + 1 });
      });
      const expected = [...groups.values()]
        .sort(
          (a, b) =>
            a.parts.year - b.parts.year ||
            a.parts.quarter - b.parts.quarter ||
            a.parts.month - b.parts.month ||
            a.parts.week - b.parts.week ||
            a.parts.day - b.parts.day,
        )
        .map((group) => ({ ...group.parts, budget: group.budget.toFixed(2), n: group.n }));
      expect(
        body.value.map((row: Record<string, number>) => ({ ...row, budget: new Decimal(row.budget!).toFixed(2) })),
      ).toEqual(expected);
      // January 6th 2024 is a Saturday (week 1), the 7th a Sunday (week 2); both 7ths form one group.
      expect(expected.find((group) => group.day === 7 && group.year === 2024)).toMatchObject({ week: 2, n: 2 });
    });

    it('groups and aggregates linked columns: contacts counted per account, and per the account city', async () => {
      // Contacts of accounts 0 (two), 1 and 2; the others have none.
      const parents = [0, 0, 1, 2];
      for (const [index, parent] of parents.entries()) {
        await post(admin, 'contacts', {
          lastname: `${tag} contact ${index}`,
          'parentcustomerid_account@odata.bind': `/accounts(${accountIds[parent]})`,
        });
      }
      const perAccount = await read(
        admin,
        fetchUrl(
          'accounts',
          `<fetch aggregate='true'><entity name='account'>
            <attribute name='name' alias='account' groupby='true' />
            <link-entity name='contact' from='parentcustomerid' to='accountid' link-type='outer' alias='c'>
              <attribute name='contactid' alias='contacts' aggregate='countcolumn' />
            </link-entity>
            <order alias='account' />${mine}</entity></fetch>`,
        ),
      );
      expect(perAccount.value).toEqual(
        revenues
          .map((_revenue, index) => ({
            account: `${tag} ${index}`,
            contacts: parents.filter((parent) => parent === index).length,
          }))
          .sort((a, b) => a.account.localeCompare(b.account)),
      );
      const perCity = await read(
        admin,
        fetchUrl(
          'contacts',
          `<fetch aggregate='true'><entity name='contact'>
            <attribute name='contactid' alias='n' aggregate='count' />
            <filter><condition attribute='lastname' operator='begins-with' value='${tag}' /></filter>
            <link-entity name='account' from='accountid' to='parentcustomerid' alias='a'>
              <attribute name='address1_city' alias='city' groupby='true' />
              <attribute name='revenue' alias='revenue' aggregate='sum' />
            </link-entity>
            <order alias='city' /></entity></fetch>`,
        ),
      );
      const expected = new Map<string, { n: number; revenue: Decimal }>();
      for (const parent of parents) {
        const city = `${tag}-${cities[parent]}`;
        const group = expected.get(city) ?? { n: 0, revenue: new Decimal(0) };
        const revenue = revenues[parent] ?? null;
        expected.set(city, { n: group.n + 1, revenue: revenue === null ? group.revenue : group.revenue.add(revenue) });
      }
      expect(
        perCity.value.map((row: Entity) => ({
          city: row.city,
          n: row.n,
          revenue: new Decimal(row.revenue).toFixed(2),
        })),
      ).toEqual(
        [...expected.entries()]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([city, group]) => ({ city, n: group.n, revenue: group.revenue.toFixed(2) })),
      );
    });

    it('answers more rows than aggregatelimit allows with AggregateQueryRecordLimitExceeded', async () => {
      const response = await admin(
        fetchUrl(
          'accounts',
          `<fetch aggregate='true' aggregatelimit='3'><entity name='account'><attribute name='accountid' alias='n' aggregate='count' />${mine}</entity></fetch>`,
        ),
      );
      expectRefused(response, 400, /maximum record limit is exceeded/);
      expect(response.json.error.code).toBe('0x8004E023');
    });

    it('refuses a plain attribute, a fiscal grouping, a missing alias and a sum of text with a clear 400', async () => {
      const cases: [string, RegExp][] = [
        [
          `<fetch aggregate='true'><entity name='account'><attribute name='accountid' alias='n' aggregate='count' /><link-entity name='contact' from='contactid' to='primarycontactid'><attribute name='fullname' alias='f' /></link-entity></entity></fetch>`,
          /has neither/,
        ],
        [
          `<fetch aggregate='true'><entity name='account'><attribute name='createdon' alias='fy' groupby='true' dategrouping='fiscal-year' /></entity></fetch>`,
          /fiscal year settings/,
        ],
        [
          `<fetch aggregate='true'><entity name='account'><attribute name='revenue' aggregate='sum' /></entity></fetch>`,
          /needs an alias/,
        ],
        [
          `<fetch aggregate='true'><entity name='account'><attribute name='name' alias='x' aggregate='sum' /></entity></fetch>`,
          /cannot be applied/,
        ],
      ];
      for (const [fetchXml, pattern] of cases) expectRefused(await admin(fetchUrl('accounts', fetchXml)), 400, pattern);
    });

    describe('read scope, per predefined role', () => {
      const roles: RoleName[] = [
        'Salesperson',
        'Sales Manager',
        'System Customizer',
        'Delegate',
        'System Administrator',
      ];
      const users = new Map<RoleName, TestUser>();

      beforeAll(async () => {
        for (const role of roles) users.set(role, await createUser(server, { roles: [role] }));
        const seller = users.get('Salesperson')!;
        for (const lines of [1, 2, 3]) await newOrder(as(server, seller), lines);
        await newOrder(admin, 4);
      }, 120_000);

      it('a Salesperson, who reads only their own user row, counts only that row', async () => {
        const seller = users.get('Salesperson')!;
        const fetchXml = `<fetch aggregate='true'><entity name='systemuser'><attribute name='systemuserid' alias='user' groupby='true' /><attribute name='systemuserid' alias='n' aggregate='count' /></entity></fetch>`;
        const body = await read(as(server, seller), fetchUrl('systemusers', fetchXml));
        expect(body.value).toEqual([{ user: seller.id, n: 1 }]);
        const everyone = await read(admin, fetchUrl('systemusers', fetchXml));
        expect(everyone.value.length).toBe((await read(admin, 'systemusers?$select=systemuserid')).value.length);
        expect(everyone.value.length).toBeGreaterThan(roles.length);
      });

      it('a linked table is joined through the reader’s scope: a Salesperson groups by their own user row only', async () => {
        const seller = users.get('Salesperson')!;
        const sellerApi = as(server, seller);
        await post(sellerApi, 'accounts', { name: `${tag} seller's account` });
        const linked = (body: string) =>
          `<entity name='account'>${body}<link-entity name='systemuser' from='systemuserid' to='ownerid' alias='u'>__U__</link-entity></entity>`;
        const aggregateXml = `<fetch aggregate='true'>${linked("<attribute name='accountid' alias='n' aggregate='count' />").replace('__U__', "<attribute name='systemuserid' alias='owner' groupby='true' />")}</fetch>`;
        const rowsXml = `<fetch>${linked("<attribute name='accountid' />").replace('__U__', "<attribute name='systemuserid' />")}</fetch>`;
        const rows = (await read(sellerApi, fetchUrl('accounts', rowsXml))).value as Entity[];
        const body = await read(sellerApi, fetchUrl('accounts', aggregateXml));
        // The Salesperson reads every account but only their own user row: the inner join keeps their accounts.
        expect(body.value).toEqual([{ owner: seller.id, n: rows.length }]);
        expect(rows.length).toBeGreaterThan(0);
        const everyone = await read(admin, fetchUrl('accounts', aggregateXml));
        expect(everyone.value.length).toBeGreaterThan(1);
      });

      it.each(roles)(
        "a %s's aggregate FetchXML covers the rows their $filter lists and equals their $apply",
        async (role) => {
          const api = as(server, users.get(role)!);
          const listed = await api('salesorders?$select=totalamount&$filter=statecode eq 0');
          const fetched = await api(
            fetchUrl(
              'salesorders',
              `<fetch aggregate='true'><entity name='salesorder'><attribute name='totalamount' alias='total' aggregate='sum' /><attribute name='salesorderid' alias='n' aggregate='count' /><filter><condition attribute='statecode' operator='eq' value='0' /></filter></entity></fetch>`,
            ),
          );
          const applied = await api(
            'salesorders?$apply=filter(statecode eq 0)/aggregate(totalamount with sum as total,$count as n)',
          );
          // A role without read access to orders is refused alike by all three.
          expect(fetched.status, fetched.text).toBe(listed.status);
          expect(applied.status).toBe(listed.status);
          if (listed.status !== 200) return;
          const rows = listed.json.value as { totalamount: number | null }[];
          const expected = sumOf(rows.map((row) => (row.totalamount === null ? null : String(row.totalamount))));
          if (role === 'System Administrator') expect(rows).toHaveLength(4);
          const [aggregate] = fetched.json.value;
          expect(aggregate.n).toBe(rows.length);
          expect(new Decimal(aggregate.total ?? 0).equals(expected)).toBe(true);
          // $apply writes a null sum; FetchXML leaves it out.
          expect(aggregate).toEqual(
            Object.fromEntries(Object.entries(applied.json.value[0]).filter(([, value]) => value !== null)),
          );
        },
      );
    });
  });
}
