/**
 * The aggregate engine on both stores, against figures computed here from the rows: date parts in UTC
 * (instants either side of midnight, quarter and year ends, Sunday-based weeks), money sums that would
 * overflow a 64-bit integer on SQLite, averages rounded as SQL Server rounds them, counts of values and
 * of distinct values, ordering and top, read scope, and the 50,000-row limit.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_STORES, type TestDatabase } from '../../../test/support/test-stores.js';
import { Decimal } from '../../domain/decimal.js';
import { DomainError } from '../../domain/errors.js';
import { createSalesMetadata } from '../../domain/metadata/sales-metadata.js';
import type { TableMetadata } from '../../domain/metadata/table-metadata.js';
import type { Row } from '../../domain/record.js';
import { parseFilter } from '../../odata/filter/filter-parser.js';
import { createRecordRepository } from '../record-repository.js';
import { openStore, type Store } from '../store.js';
import type { AggregatePlan } from './aggregate-plan.js';
import { aggregateRows } from './aggregate-rows.js';
import { createFilterCompiler } from './filter-to-sql.js';
import { EVERY_ROW, type ReadScopeOf } from './readable-rows.js';

const metadata = createSalesMetadata();
const table = (name: string): TableMetadata => metadata.table(name)!;
const account = table('account');
const id = (n: number) => `00000000-0000-4000-8000-${n.toString().padStart(12, '0')}`;
const owner = (n: number) => id(900 + n);

/** The largest Annual Revenue an account may have; ten of them overflow a scaled 64-bit integer. */
const LARGEST = '100000000000000';

interface Seed {
  readonly createdon: string;
  readonly revenue: string | null;
  readonly owner: number;
}

const SEEDS: Seed[] = [
  { createdon: '2023-12-31T23:59:59Z', revenue: '0.10', owner: 1 },
  { createdon: '2024-01-01T00:00:00Z', revenue: '0.20', owner: 1 },
  { createdon: '2024-01-06T12:00:00Z', revenue: '19.99', owner: 2 }, // Saturday: still week 1 of 2024
  { createdon: '2024-01-07T00:30:00Z', revenue: null, owner: 2 }, // Sunday: week 2
  { createdon: '2024-03-31T23:30:00Z', revenue: '1.01', owner: 1 }, // quarter 1, in UTC
  { createdon: '2024-04-01T00:00:01Z', revenue: '2.02', owner: 2 },
  { createdon: '2024-12-31T23:59:59Z', revenue: '3.03', owner: 1 },
  ...Array.from({ length: 10 }, () => ({ createdon: '2025-06-15T08:00:00Z', revenue: LARGEST, owner: 3 })),
];

/** Week of the year as SQL Server's DATEPART(week) counts it: weeks start on Sunday, week 1 holds January 1st. */
function weekOf(instant: string): number {
  const date = new Date(instant);
  const start = Date.UTC(date.getUTCFullYear(), 0, 1);
  const dayOfYear = Math.floor((date.getTime() - start) / 86_400_000);
  return Math.floor((dayOfYear + new Date(start).getUTCDay()) / 7) + 1;
}

const parts = {
  year: (instant: string) => new Date(instant).getUTCFullYear(),
  quarter: (instant: string) => Math.floor(new Date(instant).getUTCMonth() / 3) + 1,
  month: (instant: string) => new Date(instant).getUTCMonth() + 1,
  week: weekOf,
  day: (instant: string) => new Date(instant).getUTCDate(),
} as const;

for (const kind of TEST_STORES) {
  describe(`aggregateRows on ${kind}`, () => {
    let database: TestDatabase;
    let store: Store;
    const compiler = (readScope: ReadScopeOf = EVERY_ROW) =>
      createFilterCompiler(
        metadata,
        kind,
        { userId: owner(1), businessUnitId: id(800), now: '2025-01-01T00:00:00Z' },
        readScope,
      );
    const run = (plan: Omit<AggregatePlan, 'table'>, readScope?: ReadScopeOf) =>
      aggregateRows(store.db, compiler(readScope), { table: account, ...plan });

    beforeAll(async () => {
      database = await createTestDatabase(kind, { schema: 'migrated' });
      store = await openStore(database.location, metadata);
      const records = createRecordRepository(store.dialect, metadata.tables);
      const rows: Row[] = SEEDS.map((seed, index) => ({
        accountid: id(index + 1),
        name: `Account ${index}`,
        createdon: seed.createdon,
        revenue: seed.revenue === null ? null : new Decimal(seed.revenue),
        ownerid: owner(seed.owner),
        statecode: 0,
        statuscode: 1,
      }));
      await records.insertMany(store.db, account, rows);
    });
    afterAll(async () => {
      await store?.close();
      await database?.drop();
    });

    it.each(Object.keys(parts) as (keyof typeof parts)[])('groups createdon by %s in UTC', async (part) => {
      const result = await run({
        groupBy: [{ column: 'createdon', alias: 'part', dateGrouping: part }],
        aggregates: [{ function: 'count', alias: 'n' }],
      });
      const expected = new Map<number, number>();
      for (const seed of SEEDS)
        expected.set(parts[part](seed.createdon), (expected.get(parts[part](seed.createdon)) ?? 0) + 1);
      expect(result).toEqual(
        [...expected.entries()].sort(([a], [b]) => a - b).map(([value, n]) => ({ part: value, n })),
      );
    });

    it('groups by year and month together, as a monthly report does', async () => {
      const result = await run({
        groupBy: [
          { column: 'createdon', alias: 'year', dateGrouping: 'year' },
          { column: 'createdon', alias: 'month', dateGrouping: 'month' },
        ],
        aggregates: [{ function: 'sum', column: 'revenue', alias: 'total' }],
      });
      expect(result.map((row) => [row.year, row.month])).toEqual([
        [2023, 12],
        [2024, 1],
        [2024, 3],
        [2024, 4],
        [2024, 12],
        [2025, 6],
      ]);
      expect(String(result[1]!.total)).toBe('20.19'); // 0.20 + 19.99, the null left out
    });

    it('sums money beyond 64-bit scaled integers exactly, and averages to 4 places', async () => {
      const [row] = await run({
        groupBy: [],
        aggregates: [
          { function: 'sum', column: 'revenue', alias: 'total' },
          { function: 'avg', column: 'revenue', alias: 'mean' },
          { function: 'countcolumn', column: 'revenue', alias: 'valued' },
          { function: 'countdistinct', column: 'revenue', alias: 'distinct' },
          { function: 'count', alias: 'rows' },
          { function: 'min', column: 'revenue', alias: 'least' },
          { function: 'max', column: 'createdon', alias: 'latest' },
        ],
      });
      const values = SEEDS.flatMap((seed) => (seed.revenue === null ? [] : [new Decimal(seed.revenue)]));
      const total = values.reduce((sum, value) => sum.add(value), new Decimal(0));
      expect((row!.total as Decimal).toFixed(4)).toBe(total.toFixed(4));
      expect((row!.total as Decimal).toFixed(4)).toBe('1000000000000026.3500');
      expect((row!.mean as Decimal).toFixed(4)).toBe(total.div(values.length).toDecimalPlaces(4).toFixed(4));
      expect(row!.valued).toBe(values.length);
      expect(row!.distinct).toBe(new Set(values.map(String)).size);
      expect(row!.rows).toBe(SEEDS.length);
      expect(String(row!.least)).toBe('0.1');
      expect(row!.latest).toBe('2025-06-15T08:00:00Z');
    });

    it('orders groups by an aggregate and keeps the top ones', async () => {
      const result = await run({
        groupBy: [{ column: 'ownerid', alias: 'owner' }],
        aggregates: [{ function: 'count', alias: 'n' }],
        orderBy: [{ alias: 'n', direction: 'desc' }],
        top: 2,
      });
      expect(result).toEqual([
        { owner: owner(3), n: 10 },
        { owner: owner(1), n: 4 },
      ]);
    });

    it('orders groups by a sum past 64-bit scaled integers without overflowing', async () => {
      const result = await run({
        groupBy: [{ column: 'ownerid', alias: 'owner' }],
        aggregates: [{ function: 'sum', column: 'revenue', alias: 'total' }],
        orderBy: [{ alias: 'total', direction: 'desc' }],
      });
      expect(result.map((row) => row.owner)).toEqual([owner(3), owner(2), owner(1)]);
      expect((result[0]!.total as Decimal).toFixed(0)).toBe('1000000000000000');
    });

    it('aggregates only the rows of the read scope, and of the filter', async () => {
      const ownedByTwo: ReadScopeOf = () => ({ kind: 'owned', column: 'ownerid', values: [owner(2)] });
      const result = await run({ groupBy: [], aggregates: [{ function: 'count', alias: 'n' }] }, ownedByTwo);
      expect(result).toEqual([{ n: 3 }]);
      const filtered = await run(
        { filter: parseFilter('revenue gt 1'), groupBy: [], aggregates: [{ function: 'count', alias: 'n' }] },
        ownedByTwo,
      );
      expect(filtered).toEqual([{ n: 2 }]);
      const none = await run({ groupBy: [], aggregates: [{ function: 'sum', column: 'revenue', alias: 's' }] }, () => ({
        kind: 'none',
      }));
      expect(none).toEqual([{ s: null }]);
    });

    it.each<[string, Omit<AggregatePlan, 'table'>, RegExp]>([
      ['nothing to return', { groupBy: [], aggregates: [] }, /at least one/],
      [
        'a date grouping of text',
        { groupBy: [{ column: 'name', alias: 'x', dateGrouping: 'year' }], aggregates: [] },
        /Date grouping/,
      ],
      [
        'the sum of a date',
        { groupBy: [], aggregates: [{ function: 'sum', column: 'createdon', alias: 'x' }] },
        /cannot be applied/,
      ],
      [
        'the average of an exchange rate (too wide to sum exactly)',
        { groupBy: [], aggregates: [{ function: 'avg', column: 'exchangerate', alias: 'x' }] },
        /cannot be applied/,
      ],
      [
        'an order by an unknown alias',
        {
          groupBy: [{ column: 'name', alias: 'name' }],
          aggregates: [],
          orderBy: [{ alias: 'other', direction: 'asc' }],
        },
        /does not return/,
      ],
      [
        'an alias that is not a name',
        { groupBy: [{ column: 'name', alias: 'a b' }], aggregates: [] },
        /not a valid alias/,
      ],
    ])('refuses %s', async (_what, plan, pattern) => {
      const failure = await run(plan).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(DomainError);
      expect((failure as DomainError).message).toMatch(pattern);
    });

    it("refuses to aggregate more than 50,000 rows with Dataverse's AggregateQueryRecordLimitExceeded", async () => {
      // 49,983 more rows make exactly 50,000: allowed; one more is refused.
      const copy = (copies: number) =>
        sql`with recursive n(i) as (select 1 union all select i + 1 from n where i < ${sql.lit(copies)})
          insert into account (accountid, name, ownerid, statecode, statuscode)
          select ${kind === 'postgres' ? sql`gen_random_uuid()` : sql`lower(hex(randomblob(16)))`}, 'bulk', ${owner(4)}, 0, 1 from n`.execute(
          store.db,
        );
      await copy(50_000 - SEEDS.length);
      expect(await run({ groupBy: [], aggregates: [{ function: 'count', alias: 'n' }] })).toEqual([{ n: 50_000 }]);
      await copy(1);
      const failure = await run({ groupBy: [], aggregates: [{ function: 'count', alias: 'n' }] }).catch(
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(DomainError);
      expect((failure as DomainError).code).toBe('0x8004E023');
      expect((failure as DomainError).message).toBe(
        'The maximum record limit is exceeded. Reduce the number of records.',
      );
      // A filter that keeps the aggregate under the limit is fine.
      const seeded = await run({
        filter: parseFilter("name ne 'bulk'"),
        groupBy: [],
        aggregates: [{ function: 'count', alias: 'n' }],
      });
      expect(seeded).toEqual([{ n: SEEDS.length }]);
    }, 60_000);
  });
}
