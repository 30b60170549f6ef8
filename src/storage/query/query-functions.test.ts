/**
 * Dataverse's query functions (Learn, "Web API Query Function Reference") on real SQLite and
 * PostgreSQL databases: the relative date families, lookups named by logical name, the account
 * hierarchy, and the functions Orderline refuses with the reason. Every expected answer is computed in
 * the test from the fixture rows and the bounds written out by hand below, not by the code under test.
 * Now is Wednesday 2024-05-01 12:00:00 UTC; weeks start on Sunday, Dataverse's default.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_STORES, type TestDatabase } from '../../../test/support/test-stores.js';
import { DomainError } from '../../domain/errors.js';
import { createSalesMetadata } from '../../domain/metadata/sales-metadata.js';
import type { TableMetadata } from '../../domain/metadata/table-metadata.js';
import type { Row } from '../../domain/record.js';
import { parseFilter } from '../../odata/filter/filter-parser.js';
import { createRecordRepository, type RecordRepository } from '../record-repository.js';
import { openStore, type Store } from '../store.js';
import { createFilterCompiler, type FilterEnvironment } from './filter-to-sql.js';
import { EVERY_ROW, type ReadScopeOf } from './readable-rows.js';
import { selectRows } from './select-rows.js';

const metadata = createSalesMetadata();
const table = (name: string): TableMetadata => metadata.table(name)!;
const id = (n: number) => `00000000-0000-4000-8000-${n.toString().padStart(12, '0')}`;

const ME = id(901);
const SOMEONE_ELSE = id(902);
const environment: FilterEnvironment = {
  userId: ME,
  businessUnitId: id(990),
  now: '2024-05-01T12:00:00Z',
};

/** Instants around every boundary the functions below draw, named by themselves. */
const INSTANTS = [
  '2022-12-31T23:59:59Z',
  '2023-01-01T00:00:00Z',
  '2023-04-30T23:59:59Z',
  '2023-05-01T00:00:00Z',
  '2023-12-31T23:59:59Z',
  '2024-01-01T00:00:00Z',
  '2024-01-31T23:59:59Z',
  '2024-02-01T00:00:00Z',
  '2024-03-31T23:59:59Z',
  '2024-04-01T00:00:00Z',
  '2024-04-16T23:59:59Z',
  '2024-04-17T00:00:00Z',
  '2024-04-20T23:59:59Z',
  '2024-04-21T00:00:00Z',
  '2024-04-23T23:59:59Z',
  '2024-04-24T00:00:00Z',
  '2024-04-27T23:59:59Z',
  '2024-04-28T00:00:00Z',
  '2024-04-29T23:59:59Z',
  '2024-04-30T00:00:00Z',
  '2024-04-30T23:59:59Z',
  '2024-05-01T00:00:00Z',
  '2024-05-01T11:58:59Z',
  '2024-05-01T11:59:00Z',
  '2024-05-01T12:00:00Z',
  '2024-05-01T12:00:01Z',
  '2024-05-04T23:59:59Z',
  '2024-05-05T00:00:00Z',
  '2024-05-08T23:59:59Z',
  '2024-05-09T00:00:00Z',
  '2024-05-11T23:59:59Z',
  '2024-05-12T00:00:00Z',
  '2024-05-31T23:59:59Z',
  '2024-06-01T00:00:00Z',
  '2024-06-01T23:59:59Z',
  '2024-06-02T00:00:00Z',
  '2024-06-30T23:59:59Z',
  '2024-07-01T00:00:00Z',
  '2024-12-31T23:59:59Z',
  '2025-01-01T00:00:00Z',
  '2025-05-01T23:59:59Z',
  '2025-05-02T00:00:00Z',
  '2025-12-31T23:59:59Z',
  '2026-01-01T00:00:00Z',
];

/** One account per instant, named by it, owned alternately by me and someone else; one without a date. */
const DATED: Row[] = [...INSTANTS, null].map((instant, index) => ({
  accountid: id(1 + index),
  name: instant ?? 'undated',
  createdon: instant,
  ownerid: index % 2 === 0 ? ME : SOMEONE_ELSE,
}));

/**
 * An account hierarchy: H-A above H-B above H-C above H-D, H-A above H-E; H-F on its own.
 * Hierarchy rows carry no date, so the date functions never select them.
 */
const HIERARCHY = ['A', 'B', 'C', 'D', 'E', 'F'].map((letter, index) => ({ letter, accountid: id(500 + index) }));
const hierarchyId = (letter: string) => HIERARCHY.find((row) => row.letter === letter)!.accountid;
const PARENT: Readonly<Record<string, string | null>> = { A: null, B: 'A', C: 'B', D: 'C', E: 'A', F: null };

const dated = (from: string, to: string) => INSTANTS.filter((instant) => instant >= from && instant < to).sort();
const before = (bound: string) => INSTANTS.filter((instant) => instant < bound).sort();

describe.each(TEST_STORES)('query functions on %s', (kind) => {
  let database: TestDatabase;
  let store: Store;
  let records: RecordRepository;

  beforeAll(async () => {
    database = await createTestDatabase(kind, { schema: 'migrated' });
    store = await openStore(database.location, metadata);
    records = createRecordRepository(store.dialect, metadata.tables);
    for (const row of DATED) await records.insert(store.db, table('account'), row);
    for (const { letter, accountid } of HIERARCHY) {
      const parent = PARENT[letter];
      await records.insert(store.db, table('account'), {
        accountid,
        name: `H-${letter}`,
        parentaccountid: parent ? hierarchyId(parent) : null,
      });
    }
  });

  afterAll(async () => {
    await store?.close();
    await database?.drop();
  });

  async function names(text: string, readScope: ReadScopeOf = EVERY_ROW): Promise<string[]> {
    const compiler = createFilterCompiler(metadata, store.dialect, environment, readScope);
    const rows = await selectRows(store.db, compiler, records, { table: table('account'), filter: parseFilter(text) });
    return rows.map((row) => String(row.name)).sort();
  }

  async function refusal(text: string): Promise<DomainError> {
    try {
      await names(text);
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ status: 400, code: '0x80060888' });
      return error as DomainError;
    }
    throw new Error(`expected $filter=${text} to be refused`);
  }

  const on = (name: string, value?: string) =>
    `Microsoft.Dynamics.CRM.${name}(PropertyName='createdon'${value === undefined ? '' : `,PropertyValue=${value}`})`;

  describe('whole calendar periods: [start, end) in UTC, weeks from Sunday', () => {
    it.each([
      ['ThisWeek', '2024-04-28T00:00:00Z', '2024-05-05T00:00:00Z'],
      ['LastWeek', '2024-04-21T00:00:00Z', '2024-04-28T00:00:00Z'],
      ['NextWeek', '2024-05-05T00:00:00Z', '2024-05-12T00:00:00Z'],
      ['ThisMonth', '2024-05-01T00:00:00Z', '2024-06-01T00:00:00Z'],
      ['LastMonth', '2024-04-01T00:00:00Z', '2024-05-01T00:00:00Z'],
      ['NextMonth', '2024-06-01T00:00:00Z', '2024-07-01T00:00:00Z'],
      ['ThisYear', '2024-01-01T00:00:00Z', '2025-01-01T00:00:00Z'],
      ['LastYear', '2023-01-01T00:00:00Z', '2024-01-01T00:00:00Z'],
      ['NextYear', '2025-01-01T00:00:00Z', '2026-01-01T00:00:00Z'],
    ])('%s selects the rows from %s up to %s', async (name, from, to) => {
      expect(await names(on(name))).toEqual(dated(from, to));
    });
  });

  describe('the last and next X weeks, months and years, reaching from the start of a day to now and back', () => {
    it.each([
      ['LastXWeeks', '2', '2024-04-17T00:00:00Z', '2024-05-01T12:00:01Z'],
      ['LastXMonths', '3', '2024-02-01T00:00:00Z', '2024-05-01T12:00:01Z'],
      ['LastXYears', '1', '2023-05-01T00:00:00Z', '2024-05-01T12:00:01Z'],
      ['NextXWeeks', '1', '2024-05-01T12:00:00Z', '2024-05-09T00:00:00Z'],
      ['NextXMonths', '1', '2024-05-01T12:00:00Z', '2024-06-02T00:00:00Z'],
      ['NextXYears', '1', '2024-05-01T12:00:00Z', '2025-05-02T00:00:00Z'],
    ])('%s(%s) selects the rows from %s up to %s', async (name, count, from, to) => {
      expect(await names(on(name, count))).toEqual(dated(from, to));
      expect(await names(on(name, `'${count}'`))).toEqual(dated(from, to));
    });
  });

  describe('older than X units: minutes and hours from now, larger units from the start of today', () => {
    it.each([
      ['OlderThanXMinutes', '1', '2024-05-01T11:59:00Z'],
      ['OlderThanXHours', '12', '2024-05-01T00:00:00Z'],
      ['OlderThanXDays', '1', '2024-04-30T00:00:00Z'],
      ['OlderThanXWeeks', '1', '2024-04-24T00:00:00Z'],
      ['OlderThanXMonths', '1', '2024-04-01T00:00:00Z'],
      ['OlderThanXYears', '1', '2023-05-01T00:00:00Z'],
    ])('%s(%s) selects the rows before %s', async (name, count, bound) => {
      expect(await names(on(name, count))).toEqual(before(bound));
    });
  });

  it('Between on a date and time column with days takes the whole last day, as On and OnOrBefore do', async () => {
    const text = "Microsoft.Dynamics.CRM.Between(PropertyName='createdon',PropertyValues=['2024-04-28','2024-05-04'])";
    expect(await names(text)).toEqual(dated('2024-04-28T00:00:00Z', '2024-05-05T00:00:00Z'));
    const instants =
      "Microsoft.Dynamics.CRM.Between(PropertyName='createdon',PropertyValues=['2024-05-01T00:00:00Z','2024-05-01T12:00:00Z'])";
    expect(await names(instants)).toEqual(dated('2024-05-01T00:00:00Z', '2024-05-01T12:00:01Z'));
    const outside =
      "Microsoft.Dynamics.CRM.NotBetween(PropertyName='createdon',PropertyValues=['2024-04-28','2024-05-04'])";
    expect(await names(outside)).toEqual(INSTANTS.filter((i) => i < '2024-04-28' || i >= '2024-05-05').sort());
  });

  describe('lookups are named by logical name, as in Dataverse, and by _x_value as before', () => {
    const mine = DATED.filter((row) => row.ownerid === ME)
      .map((row) => String(row.name))
      .sort();
    const theirs = DATED.filter((row) => row.ownerid === SOMEONE_ELSE)
      .map((row) => String(row.name))
      .sort();

    it.each(['ownerid', '_ownerid_value'])('EqualUserId(PropertyName=%j) selects my rows', async (property) => {
      expect(await names(`Microsoft.Dynamics.CRM.EqualUserId(PropertyName='${property}')`)).toEqual(mine);
    });

    it('NotEqualUserId, In and EqualUserOrUserTeams take the logical name too', async () => {
      const hierarchyRows = HIERARCHY.map((row) => `H-${row.letter}`);
      expect(await names("Microsoft.Dynamics.CRM.NotEqualUserId(PropertyName='ownerid')")).toEqual(
        [...theirs, ...hierarchyRows].sort(),
      );
      expect(
        await names(`Microsoft.Dynamics.CRM.In(PropertyName='parentaccountid',PropertyValues=['${hierarchyId('A')}'])`),
      ).toEqual(['H-B', 'H-E']);
      // Orderline has no teams: the user's teams own nothing, so this is the user's own rows.
      expect(await names("Microsoft.Dynamics.CRM.EqualUserOrUserTeams(PropertyName='ownerid')")).toEqual(mine);
      expect(await names("Microsoft.Dynamics.CRM.EqualUserTeams(PropertyName='ownerid')")).toEqual([]);
    });

    it('a comparison still names a lookup _x_value: the logical name alone is not a property there', async () => {
      const error = await refusal(`ownerid eq ${ME}`);
      expect(error.message).toContain("'ownerid'");
    });
  });

  describe('the account hierarchy through parentaccountid', () => {
    const hierarchy = (name: string, letter: string) =>
      `Microsoft.Dynamics.CRM.${name}(PropertyName='accountid',PropertyValue='${hierarchyId(letter)}') and startswith(name,'H-')`;

    it.each([
      ['Under', 'A', ['H-B', 'H-C', 'H-D', 'H-E']],
      ['UnderOrEqual', 'A', ['H-A', 'H-B', 'H-C', 'H-D', 'H-E']],
      ['Under', 'B', ['H-C', 'H-D']],
      ['Under', 'D', []],
      ['Above', 'D', ['H-A', 'H-B', 'H-C']],
      ['AboveOrEqual', 'D', ['H-A', 'H-B', 'H-C', 'H-D']],
      ['Above', 'A', []],
      ['NotUnder', 'B', ['H-A', 'H-B', 'H-E', 'H-F']],
      ['Under', 'F', []],
    ])('%s(%s) selects %j', async (name, letter, expected) => {
      expect(await names(hierarchy(name, letter))).toEqual(expected);
    });

    it('walks only through rows the reader may read: past a hidden H-C, H-D is not under H-A', async () => {
      const hidingC: ReadScopeOf = (target) =>
        target.logicalName === 'account'
          ? {
              kind: 'owned',
              column: 'accountid',
              values: HIERARCHY.filter((row) => row.letter !== 'C').map((row) => row.accountid),
            }
          : { kind: 'all' };
      expect(await names(hierarchy('Under', 'A'), hidingC)).toEqual(['H-B', 'H-E']);
      expect(await names(hierarchy('Above', 'D'), hidingC)).toEqual([]);
    });

    it('needs the primary key and a table with a hierarchy', async () => {
      expect((await refusal("Microsoft.Dynamics.CRM.Under(PropertyName='name',PropertyValue='x')")).message).toContain(
        "PropertyName='accountid'",
      );
    });
  });

  describe('refusals that say why', () => {
    it.each([
      ["Microsoft.Dynamics.CRM.InFiscalYear(PropertyName='createdon',PropertyValue=2024)", 'fiscal year settings'],
      ["Microsoft.Dynamics.CRM.LastFiscalPeriod(PropertyName='createdon')", 'fiscal year settings'],
      ["Microsoft.Dynamics.CRM.ContainValues(PropertyName='name',PropertyValues=['1'])", 'multi-select choice'],
      ["Microsoft.Dynamics.CRM.DoesNotContainValues(PropertyName='name',PropertyValues=['1'])", 'multi-select choice'],
      ["Microsoft.Dynamics.CRM.EqualUserOrUserHierarchy(PropertyName='ownerid')", 'manager'],
      ["Microsoft.Dynamics.CRM.ThisMonth(PropertyName='name')", 'applies to date columns'],
      ["Microsoft.Dynamics.CRM.LastXMonths(PropertyName='createdon',PropertyValue='x')", 'whole number'],
      ["Microsoft.Dynamics.CRM.EqualUserTeams(PropertyName='createdon')", 'applies to lookup columns'],
      ["Microsoft.Dynamics.CRM.NoSuchFunction(PropertyName='createdon')", 'not supported'],
    ])('%s', async (filter, reason) => {
      expect((await refusal(filter)).message).toContain(reason);
    });

    it('a count that reaches past the dates a column can hold stops at 1753 and 9999 instead of failing', async () => {
      expect(await names(on('LastXYears', '999999'))).toEqual(dated('1753-01-01T00:00:00Z', '2024-05-01T12:00:01Z'));
      expect(await names(on('NextXMonths', '999999'))).toEqual(dated('2024-05-01T12:00:00Z', '9999-12-31T00:00:00Z'));
      expect(await names(on('OlderThanXYears', '999999'))).toEqual([]);
    });
  });
});
