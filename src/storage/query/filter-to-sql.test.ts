import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_STORES, type TestDatabase } from '../../../test/support/test-stores.js';
import { Decimal } from '../../domain/decimal.js';
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

const environment: FilterEnvironment = {
  userId: '00000000-0000-4000-8000-0000000000a1',
  businessUnitId: '00000000-0000-4000-8000-0000000000b1',
  now: '2024-05-01T12:00:00Z',
};

/** Readable ids: `id(3)` is ...0003. */
const id = (n: number) => `00000000-0000-4000-8000-${n.toString().padStart(12, '0')}`;
const money = (text: string) => new Decimal(text);

const CONTACTS: Row[] = [
  {
    contactid: id(101),
    fullname: 'Ann Lee',
    lastname: 'Lee',
    parentcustomerid: id(1),
    parentcustomeridtype: 'account',
  },
  {
    contactid: id(102),
    fullname: 'Bob Lee',
    lastname: 'Lee',
    parentcustomerid: id(1),
    parentcustomeridtype: 'account',
  },
  {
    contactid: id(103),
    fullname: 'Cy Park',
    lastname: 'Park',
    parentcustomerid: id(2),
    parentcustomeridtype: 'account',
  },
  { contactid: id(104), fullname: 'Di Null', lastname: null, parentcustomerid: id(3), parentcustomeridtype: 'account' },
];

const ACCOUNTS: Row[] = [
  {
    accountid: id(1),
    name: 'Contoso',
    accountnumber: 'A-1',
    telephone1: '555-0100',
    creditlimit: money('10.1234'),
    revenue: money('5'),
    exchangerate: money('2'),
    primarycontactid: id(101),
    createdon: '2024-04-30T23:00:00Z',
    statecode: 0,
  },
  {
    accountid: id(2),
    name: 'Fabrikam',
    accountnumber: 'A-2',
    telephone1: null,
    creditlimit: money('10.1235'),
    revenue: money('20'),
    exchangerate: money('10'),
    primarycontactid: id(103),
    createdon: '2024-05-01T08:00:00Z',
    statecode: 0,
  },
  {
    accountid: id(3),
    name: 'Northwind Traders',
    accountnumber: 'A-3',
    telephone1: '555-0300',
    creditlimit: money('99999999999999.9999'),
    revenue: null,
    exchangerate: money('0.000000000001'),
    primarycontactid: null,
    createdon: '2024-05-02T00:00:00Z',
    statecode: 1,
  },
  {
    accountid: id(4),
    name: 'Tailspin',
    accountnumber: 'A-4',
    telephone1: null,
    creditlimit: null,
    revenue: money('0'),
    exchangerate: money('100000000000'),
    primarycontactid: null,
    createdon: null,
    statecode: 0,
  },
];

const USERS: Row[] = [
  { systemuserid: id(201), fullname: 'Admin', domainname: 'admin' },
  { systemuserid: id(202), fullname: 'Seller', domainname: 'seller' },
  { systemuserid: id(203), fullname: 'Nobody', domainname: 'nobody' },
];
const ROLES: Row[] = [
  { roleid: id(301), name: 'System Administrator' },
  { roleid: id(302), name: 'Salesperson' },
];

/** Orders whose numbers are compared in the properties below: zero, signs, tiny and huge values. */
const NUMBERS = [
  ['0', '0'],
  ['1', '1'],
  ['-1', '-1'],
  ['2', '10'],
  ['10', '2'],
  ['0.5', '-0.5'],
  ['-0.5', '0.5'],
  ['1.000000000001', '1.0001'],
  ['0.999999999999', '0.9999'],
  ['-2.000000000001', '-2.0001'],
  ['99999999999.999999999999', '922337203685477.5807'],
  ['-99999999999.999999999999', '-922337203685477.5807'],
  ['12345.678901234567', '12345.6789'],
  [null, null],
] as const;
const ORDERS: Row[] = NUMBERS.map(([rate, total], index) => ({
  salesorderid: id(1000 + index),
  name: `so-${index}`,
  exchangerate: rate === null ? null : new Decimal(rate),
  totalamount: total === null ? null : new Decimal(total),
}));

// Like the other store suites: a fresh SQLite file and a fresh PostgreSQL database (ORDERLINE_TEST_STORES narrows).
describe.each(TEST_STORES)('$filter on %s', (kind) => {
  let database: TestDatabase;
  let store: Store;
  let records: RecordRepository;

  beforeAll(async () => {
    database = await createTestDatabase(kind, { schema: 'migrated' });
    store = await openStore(database.location, metadata);
    records = createRecordRepository(store.dialect, metadata.tables);
    for (const row of CONTACTS) await records.insert(store.db, table('contact'), row);
    for (const row of ACCOUNTS) await records.insert(store.db, table('account'), row);
    for (const row of ORDERS) await records.insert(store.db, table('salesorder'), row);
    for (const row of USERS) await records.insert(store.db, table('systemuser'), row);
    for (const row of ROLES) await records.insert(store.db, table('role'), row);
    await store.db
      .insertInto('systemuserroles')
      .values([
        { systemuserid: id(201), roleid: id(301) },
        { systemuserid: id(201), roleid: id(302) },
        { systemuserid: id(202), roleid: id(302) },
      ])
      .execute();
  });

  afterAll(async () => {
    await store?.close();
    await database?.drop();
  });

  /** The primary names of the rows of `tableName` that `$filter=text` selects for a reader, in id order. */
  async function names(tableName: string, text: string, readScope: ReadScopeOf = EVERY_ROW): Promise<string[]> {
    const target = table(tableName);
    const compiler = createFilterCompiler(metadata, store.dialect, environment, readScope);
    const rows = await selectRows(store.db, compiler, records, { table: target, filter: parseFilter(text) });
    return rows.map((row) => String(row[target.primaryName]));
  }

  const accounts = (text: string) => names('account', text);

  async function refusal(tableName: string, text: string): Promise<DomainError> {
    try {
      await names(tableName, text);
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).kind).toBe('querySyntax');
      expect((error as DomainError).status).toBe(400);
      return error as DomainError;
    }
    throw new Error(`expected $filter=${text} to be refused`);
  }

  describe('money compares exactly at 4 decimals', () => {
    it.each([
      ['creditlimit eq 10.1234', ['Contoso']],
      ['creditlimit eq 10.12340', ['Contoso']],
      ['creditlimit gt 10.1234', ['Fabrikam', 'Northwind Traders']],
      ['creditlimit ge 10.1235', ['Fabrikam', 'Northwind Traders']],
      ['creditlimit lt 10.1235', ['Contoso']],
      ['creditlimit le 10.1234', ['Contoso']],
      ['creditlimit ne 10.1234', ['Fabrikam', 'Northwind Traders']],
      ['creditlimit eq 99999999999999.9999', ['Northwind Traders']],
      ['creditlimit lt 99999999999999.9999', ['Contoso', 'Fabrikam']],
      ['revenue eq 0', ['Tailspin']],
      ['revenue eq 5.0000', ['Contoso']],
      ['revenue gt -1', ['Contoso', 'Fabrikam', 'Tailspin']],
      ['creditlimit eq 1012.34e-2', ['Contoso']],
    ])('%s selects %j', async (filter, expected) => {
      expect(await accounts(filter)).toEqual(expected);
    });

    it.each([
      ['creditlimit eq 10.12345', []],
      ['creditlimit ne 10.12345', ['Contoso', 'Fabrikam', 'Northwind Traders']],
      ['creditlimit gt 10.12345', ['Fabrikam', 'Northwind Traders']],
      ['creditlimit ge 10.12345', ['Fabrikam', 'Northwind Traders']],
      ['creditlimit lt 10.12345', ['Contoso']],
      ['creditlimit le 10.12345', ['Contoso']],
      ['creditlimit gt 10.12339', ['Contoso', 'Fabrikam', 'Northwind Traders']],
      ['creditlimit lt 10.12341', ['Contoso']],
    ])('a literal with more than 4 decimals is not rounded: %s selects %j', async (filter, expected) => {
      expect(await accounts(filter)).toEqual(expected);
    });

    it.each([
      ['creditlimit lt 1e400', ['Contoso', 'Fabrikam', 'Northwind Traders']],
      ['creditlimit gt 1e400', []],
      ['creditlimit eq 1e400', []],
      ['creditlimit gt -1e400', ['Contoso', 'Fabrikam', 'Northwind Traders']],
      ['creditlimit eq 922337203685477.5808', []],
      ['creditlimit lt 9223372036854775808', ['Contoso', 'Fabrikam', 'Northwind Traders']],
    ])('a literal beyond anything the column stores is still answered: %s selects %j', async (filter, expected) => {
      expect(await accounts(filter)).toEqual(expected);
    });

    it('compares two money columns of the same row', async () => {
      expect(await accounts('creditlimit gt revenue')).toEqual(['Contoso']);
    });
  });

  describe('decimals', () => {
    it.each([
      ['exchangerate eq 2', ['Contoso']],
      ['exchangerate gt 3', ['Fabrikam', 'Tailspin']],
      ['exchangerate lt 3', ['Contoso', 'Northwind Traders']],
      ['exchangerate ge 10', ['Fabrikam', 'Tailspin']],
      ['exchangerate le 0.000000000001', ['Northwind Traders']],
      ['exchangerate lt 0.0000000000011', ['Northwind Traders']],
    ])(
      'order numerically even where SQLite keeps them as text (exchangerate): %s selects %j',
      async (filter, expected) => {
        expect(await accounts(filter)).toEqual(expected);
      },
    );
  });

  describe('numeric comparisons agree with exact decimal comparison', () => {
    const operators = ['eq', 'ne', 'gt', 'ge', 'lt', 'le'] as const;
    const holds: Record<(typeof operators)[number], (order: number) => boolean> = {
      eq: (order) => order === 0,
      ne: (order) => order !== 0,
      gt: (order) => order > 0,
      ge: (order) => order >= 0,
      lt: (order) => order < 0,
      le: (order) => order <= 0,
    };
    /** Literals near the stored values: the values themselves, and a hair to either side. */
    const literal = (column: 'exchangerate' | 'totalamount', places: number) =>
      fc
        .tuple(
          fc.constantFrom(
            ...NUMBERS.map((pair) => pair[column === 'exchangerate' ? 0 : 1]).filter((text) => text !== null),
          ),
          fc.integer({ min: -2, max: 2 }),
          fc.integer({ min: places - 1, max: places + 2 }),
        )
        .map(([text, steps, at]) => new Decimal(text!).plus(new Decimal(steps).div(new Decimal(10).pow(at))));

    it.each([
      ['exchangerate', 12, 'decimal kept as text on SQLite'],
      ['totalamount', 4, 'money kept as a scaled integer on SQLite'],
    ] as const)(
      '%s (%i places, %s) selects exactly the rows the comparison holds for',
      async (column, places, _storage) => {
        await fc.assert(
          fc.asyncProperty(literal(column, places), fc.constantFrom(...operators), async (value, operator) => {
            const text = value.toFixed();
            const selected = await names('salesorder', `${column} ${operator} ${text}`);
            const expected = ORDERS.filter((row) => {
              const stored = row[column];
              return stored instanceof Decimal && holds[operator](stored.cmp(value));
            }).map((row) => String(row.name));
            expect(selected).toEqual(expected);
          }),
          { numRuns: 150 },
        );
      },
    );
  });

  describe('text compares case-insensitively', () => {
    it.each([
      ["name eq 'contoso'", ['Contoso']],
      ["name eq 'CONTOSO'", ['Contoso']],
      ["name ne 'contoso'", ['Fabrikam', 'Northwind Traders', 'Tailspin']],
      ["name gt 'n'", ['Northwind Traders', 'Tailspin']],
      ["contains(name,'TRADE')", ['Northwind Traders']],
      ["contains(name,'o')", ['Contoso', 'Northwind Traders']],
      ["startswith(name,'fab')", ['Fabrikam']],
      ["endswith(name,'SPIN')", ['Tailspin']],
      ["not contains(name,'o')", ['Fabrikam', 'Tailspin']],
    ])('%s selects %j', async (filter, expected) => {
      expect(await accounts(filter)).toEqual(expected);
    });

    it("keeps Dataverse's wildcards in contains(): _ matches any one character", async () => {
      expect(await accounts("contains(name,'C_ntoso')")).toEqual(['Contoso']);
    });

    it('compares quotes escaped as two quotes', async () => {
      expect(await accounts("name eq 'O''Brien'")).toEqual([]);
    });
  });

  describe('null', () => {
    it.each([
      ['telephone1 eq null', ['Fabrikam', 'Tailspin']],
      ['telephone1 ne null', ['Contoso', 'Northwind Traders']],
      ['creditlimit eq null', ['Tailspin']],
      ['_primarycontactid_value eq null', ['Northwind Traders', 'Tailspin']],
      ['_primarycontactid_value ne null', ['Contoso', 'Fabrikam']],
      ['createdon eq null', ['Tailspin']],
    ])('%s selects %j', async (filter, expected) => {
      expect(await accounts(filter)).toEqual(expected);
    });

    it.each(['telephone1 gt null', 'creditlimit lt null'])(
      'refuses %s: null only compares with eq and ne',
      async (filter) => {
        expect((await refusal('account', filter)).message).toContain('cannot be used with null');
      },
    );

    it('a comparison with a value never selects a row whose value is null', async () => {
      expect(await accounts("telephone1 ne '555-0100'")).toEqual(['Northwind Traders']);
    });
  });

  describe('other column types', () => {
    it.each([
      ['statecode eq 1', ['Northwind Traders']],
      ["statecode eq '1'", ['Northwind Traders']],
      [`_primarycontactid_value eq ${id(101)}`, ['Contoso']],
      [`_primarycontactid_value eq '${id(103).toUpperCase()}'`, ['Fabrikam']],
      [`accountid eq ${id(4)}`, ['Tailspin']],
      ['createdon ge 2024-05-01T00:00:00Z', ['Fabrikam', 'Northwind Traders']],
      ['createdon ge 2024-05-01T01:00:00+02:00', ['Contoso', 'Fabrikam', 'Northwind Traders']],
      ['createdon lt 2024-05-01', ['Contoso']],
    ])('%s selects %j', async (filter, expected) => {
      expect(await accounts(filter)).toEqual(expected);
    });
  });

  describe('query functions', () => {
    it.each([
      [
        "Microsoft.Dynamics.CRM.In(PropertyName='accountnumber',PropertyValues=['a-1','A-3'])",
        ['Contoso', 'Northwind Traders'],
      ],
      [
        "Microsoft.Dynamics.CRM.NotIn(PropertyName='accountnumber',PropertyValues=['A-1','A-3'])",
        ['Fabrikam', 'Tailspin'],
      ],
      ["Microsoft.Dynamics.CRM.In(PropertyName='statecode',PropertyValues=['1'])", ['Northwind Traders']],
      ["Microsoft.Dynamics.CRM.Between(PropertyName='creditlimit',PropertyValues=['10','10.1234'])", ['Contoso']],
      [
        "Microsoft.Dynamics.CRM.Between(PropertyName='creditlimit',PropertyValues=['10.1234','10.1235'])",
        ['Contoso', 'Fabrikam'],
      ],
      ["Microsoft.Dynamics.CRM.NotBetween(PropertyName='revenue',PropertyValues=['1','10'])", ['Fabrikam', 'Tailspin']],
      ["Microsoft.Dynamics.CRM.Null(PropertyName='telephone1')", ['Fabrikam', 'Tailspin']],
      ["Microsoft.Dynamics.CRM.NotNull(PropertyName='telephone1')", ['Contoso', 'Northwind Traders']],
      ["Microsoft.Dynamics.CRM.On(PropertyName='createdon',PropertyValue='2024-05-01')", ['Fabrikam']],
      ["Microsoft.Dynamics.CRM.Today(PropertyName='createdon')", ['Fabrikam']],
      // Now is Wednesday 2024-05-01 12:00 UTC; weeks run Sunday to Saturday.
      ["Microsoft.Dynamics.CRM.ThisWeek(PropertyName='createdon')", ['Contoso', 'Fabrikam', 'Northwind Traders']],
      ["Microsoft.Dynamics.CRM.LastWeek(PropertyName='createdon')", []],
      ["Microsoft.Dynamics.CRM.ThisMonth(PropertyName='createdon')", ['Fabrikam', 'Northwind Traders']],
      ["Microsoft.Dynamics.CRM.LastMonth(PropertyName='createdon')", ['Contoso']],
      ["Microsoft.Dynamics.CRM.NextMonth(PropertyName='createdon')", []],
      ["Microsoft.Dynamics.CRM.ThisYear(PropertyName='createdon')", ['Contoso', 'Fabrikam', 'Northwind Traders']],
      ["Microsoft.Dynamics.CRM.LastYear(PropertyName='createdon')", []],
      ["Microsoft.Dynamics.CRM.LastXWeeks(PropertyName='createdon',PropertyValue=1)", ['Contoso', 'Fabrikam']],
      ["Microsoft.Dynamics.CRM.NextXMonths(PropertyName='createdon',PropertyValue=1)", ['Northwind Traders']],
      ["Microsoft.Dynamics.CRM.OlderThanXMinutes(PropertyName='createdon',PropertyValue=60)", ['Contoso', 'Fabrikam']],
      ["Microsoft.Dynamics.CRM.OlderThanXHours(PropertyName='createdon',PropertyValue=10)", ['Contoso']],
      ["Microsoft.Dynamics.CRM.OlderThanXDays(PropertyName='createdon',PropertyValue=1)", []],
      ["Microsoft.Dynamics.CRM.OlderThanXMonths(PropertyName='createdon',PropertyValue=0)", ['Contoso']],
      ["Microsoft.Dynamics.CRM.In(PropertyName='primarycontactid/lastname',PropertyValues=['park'])", ['Fabrikam']],
    ])('%s selects %j', async (filter, expected) => {
      expect(await accounts(filter)).toEqual(expected);
    });

    it.each([
      ["Microsoft.Dynamics.CRM.Between(PropertyName='creditlimit',PropertyValues=['1'])", 'exactly two'],
      ["Microsoft.Dynamics.CRM.In(PropertyName='nosuchcolumn',PropertyValues=['1'])", 'nosuchcolumn'],
      ["Microsoft.Dynamics.CRM.In(PropertyName='creditlimit',PropertyValues=['abc'])", 'incompatible types'],
      ["Microsoft.Dynamics.CRM.Today(PropertyName='name')", 'applies to date columns'],
      ["Microsoft.Dynamics.CRM.Under(PropertyName='accountid',PropertyValue='x')", 'incompatible types'],
      ["Microsoft.Dynamics.CRM.InFiscalYear(PropertyName='createdon',PropertyValue=2024)", 'not supported'],
    ])('refuses %s', async (filter, message) => {
      expect((await refusal('account', filter)).message).toContain(message);
    });
  });

  describe('navigation', () => {
    it.each([
      ["primarycontactid/fullname eq 'ann lee'", ['Contoso']],
      ["primarycontactid/lastname ne 'Lee'", ['Fabrikam']],
      ["contains(primarycontactid/fullname,'park')", ['Fabrikam']],
      ['primarycontactid/lastname eq null', []],
    ])('a single-valued path becomes a subquery: %s selects %j', async (filter, expected) => {
      expect(await accounts(filter)).toEqual(expected);
    });

    it('follows a path from the other side of a Customer lookup', async () => {
      expect(await names('contact', "parentcustomerid_account/name eq 'Fabrikam'")).toEqual(['Cy Park']);
    });

    it.each([
      ["contact_customer_accounts/any(c:c/lastname eq 'lee')", ['Contoso']],
      ['contact_customer_accounts/any()', ['Contoso', 'Fabrikam', 'Northwind Traders']],
      ["contact_customer_accounts/any(c:c/lastname eq 'Lee' or c/lastname eq 'Park')", ['Contoso', 'Fabrikam']],
      ["not contact_customer_accounts/any(c:c/lastname eq 'Lee')", ['Fabrikam', 'Northwind Traders', 'Tailspin']],
      ["contact_customer_accounts/any(c:c/lastname eq 'Lee' and c/fullname eq 'Bob Lee')", ['Contoso']],
    ])('any() selects the rows with at least one matching related row: %s selects %j', async (filter, expected) => {
      expect(await accounts(filter)).toEqual(expected);
    });

    it.each([
      ["contact_customer_accounts/all(c:c/lastname eq 'Lee')", ['Contoso', 'Tailspin']],
      ["contact_customer_accounts/all(c:c/lastname ne 'Lee')", ['Fabrikam', 'Tailspin']],
      ["contact_customer_accounts/all(c:contains(c/fullname,'e'))", ['Contoso', 'Tailspin']],
    ])(
      'all() selects the rows whose related rows all match (none is vacuously all; a null value does not match): %s selects %j',
      async (filter, expected) => {
        expect(await accounts(filter)).toEqual(expected);
      },
    );

    it('any() works over a many-to-many relationship', async () => {
      expect(await names('systemuser', "systemuserroles_association/any(r:r/name eq 'salesperson')")).toEqual([
        'Admin',
        'Seller',
      ]);
      expect(await names('systemuser', "systemuserroles_association/all(r:r/name eq 'Salesperson')")).toEqual([
        'Seller',
        'Nobody',
      ]);
    });

    it('lets a lambda reach the outer row by its own column names', async () => {
      expect(await accounts("contact_customer_accounts/any(c:c/lastname eq 'Lee') and statecode eq 0")).toEqual([
        'Contoso',
      ]);
    });
  });

  describe('refusals', () => {
    it.each([
      ['nosuchcolumn eq 1', "Could not find a property named 'nosuchcolumn' on type 'Microsoft.Dynamics.CRM.account'"],
      ['primarycontactid eq null', "'primarycontactid'"],
      ['_name_value eq null', "'_name_value'"],
      ["primarycontactid/nosuch eq 'x'", "'nosuch' on type 'Microsoft.Dynamics.CRM.contact'"],
      ["nosuchnav/name eq 'x'", "'nosuchnav' is not a single-valued navigation property"],
      ["contact_customer_accounts/lastname eq 'x'", 'collections are filtered with any() or all()'],
      ["primarycontactid/any(c:c/lastname eq 'x')", 'is not a collection-valued navigation property'],
    ])('%s is a 400 naming what is wrong', async (filter, message) => {
      expect((await refusal('account', filter)).message).toContain(message);
    });

    it.each([
      ["creditlimit eq 'abc'", 'incompatible types'],
      ['creditlimit eq true', 'incompatible types'],
      ['name eq 5', 'incompatible types'],
      ['statecode eq 1.5', 'incompatible types'],
      ["statecode eq 'x'", 'incompatible types'],
      ['_primarycontactid_value eq 12', 'incompatible types'],
      ["createdon gt 'yesterday'", 'incompatible types'],
      ['createdon gt 5', 'incompatible types'],
      ['creditlimit gt name', 'Cannot compare creditlimit (money) with name (string)'],
      ["contains(creditlimit,'1')", 'needs a text property'],
      ['creditlimit', 'is not a condition'],
      ['5 eq 5', 'needs a property'],
    ])('a type mismatch is a 400: %s', async (filter, message) => {
      expect((await refusal('account', filter)).message).toContain(message);
    });
  });
  describe("the reader's read scope on every table the filter reaches", () => {
    /** A reader who may read every row but these: contact Ann Lee only, user Admin only, role Salesperson only. */
    const restricted: ReadScopeOf = (target) => {
      if (target.logicalName === 'contact') return { kind: 'owned', column: 'contactid', values: [id(101)] };
      if (target.logicalName === 'systemuser') return { kind: 'owned', column: 'systemuserid', values: [id(201)] };
      if (target.logicalName === 'role') return { kind: 'owned', column: 'roleid', values: [id(302)] };
      return { kind: 'all' };
    };

    it.each([
      ["primarycontactid/fullname eq 'Cy Park'", [], ['Fabrikam']],
      ["primarycontactid/fullname eq 'Ann Lee'", ['Contoso'], ['Contoso']],
      // The condition on an unreadable row is false, so its negation is true: it tells nothing either.
      [
        "_primarycontactid_value ne null and not (primarycontactid/fullname eq 'Cy Park')",
        ['Contoso', 'Fabrikam'],
        ['Contoso'],
      ],
      ["contact_customer_accounts/any(c:c/lastname eq 'Park')", [], ['Fabrikam']],
      // all() looks only at readable related rows: Bob Lee, Cy Park and Di Null are not there for this reader.
      ["contact_customer_accounts/all(c:c/fullname eq 'Ann Lee')", ACCOUNTS.map((row) => row.name), ['Tailspin']],
      [
        "contact_customer_accounts/any(c:c/parentcustomerid_account/primarycontactid/fullname eq 'Cy Park')",
        [],
        ['Fabrikam'],
      ],
    ])('accounts with %s: %j for a restricted reader, %j for one who reads every row', async (filter, scoped, all) => {
      expect(await accounts(filter)).toEqual(all);
      expect(await names('account', filter, restricted)).toEqual(scoped);
    });

    it('a many-to-many lambda and a nested one range only over rows the reader may read', async () => {
      const shared = "systemuserroles_association/any(r:r/systemuserroles_association/any(u:u/domainname eq 'seller'))";
      expect(await names('systemuser', shared)).toEqual(['Admin', 'Seller']);
      // Seller is not readable: Admin shares a role with nobody this reader can see.
      expect(await names('systemuser', shared, restricted)).toEqual([]);
      const admins = "systemuserroles_association/any(r:r/name eq 'System Administrator')";
      expect(await names('systemuser', admins)).toEqual(['Admin']);
      expect(await names('systemuser', admins, restricted)).toEqual([]);
    });

    it('the listed table keeps to the read scope whatever the filter, and a table the reader may not read lists nothing', async () => {
      expect(await names('contact', "lastname eq 'Lee'", restricted)).toEqual(['Ann Lee']);
      expect(await names('account', 'statecode eq 0', () => ({ kind: 'none' }))).toEqual([]);
    });
  });
});
