/**
 * Generators of hostile input: `$filter` texts built from a small grammar and then broken, query
 * options, JSON bodies with wrong types for real columns, header values and URL paths. Column and
 * navigation names come from the server's own metadata, so "valid-looking" input really is close to
 * valid.
 */
import fc from 'fast-check';
import { createSalesMetadata } from '../../../src/domain/metadata/sales-metadata.js';
import type { ColumnMetadata, TableMetadata } from '../../../src/domain/metadata/table-metadata.js';

export const metadata = createSalesMetadata();

export function tableOf(logicalName: string): TableMetadata {
  const table = metadata.table(logicalName);
  if (!table) throw new Error(`no table ${logicalName}`);
  return table;
}

const salesorder = tableOf('salesorder');

/** Characters that mean something to URLs, OData, SQL or JSON. */
const NASTY = [
  "'",
  "''",
  '"',
  '\\',
  '%',
  '%25',
  '%2',
  '%zz',
  '&',
  '=',
  '?',
  '#',
  '/',
  '(',
  ')',
  '[',
  ']',
  ',',
  ';',
  ':',
  '$',
  '@',
  '*',
  '--',
  '/*',
  '\u0000',
  '\n',
  '\r\n',
  '\t',
  ' ',
  '\u00e9',
  '\u202e',
  '\ud83d\ude00',
  '\uffff',
  '\u0130',
];

export const nastyText = fc.oneof(
  fc.constantFrom(...NASTY),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: fc.constantFrom(...NASTY), maxLength: 8 }).map((parts) => parts),
);

/** Numbers a parser or a database may choke on. */
export const nastyNumber = fc.oneof(
  fc.constantFrom(
    '0',
    '-0',
    '1e400',
    '-1e400',
    '1E-400',
    '922337203685477.12345',
    '9223372036854775807',
    '9223372036854775808',
    '-9223372036854775809',
    '2147483648',
    '999999',
    '99999999999',
    '-2147483649',
    '100000000000000000000000000000000000000000',
    '0.0000000000000000000000000001',
    '1.5',
    '3.',
    '.5',
    '1e5',
    '0x10',
    'NaN',
    'Infinity',
    '-Infinity',
    '1_000',
    '00012',
    '12.50m',
    '1.5d',
    '7L',
  ),
  fc.integer().map(String),
  fc.double().map(String),
  fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }).map(String),
);

const sqlInjections = [
  "name eq 'x'' or 1=1--'",
  "name eq 'x' or 1=1--",
  "name eq 'x'; drop table salesorder;--'",
  "name eq 'x''; drop table salesorder;--'",
  "name eq '' union select * from ol_accesstoken --",
  "contains(name,'%'' or ''1''=''1')",
  "contains(name,'\\'')",
  "startswith(name,'[a-z]%')",
  "endswith(name,'_')",
  'name eq "x" or 1 eq 1',
  "name eq 'x' /* comment */",
  'totalamount eq 1; select pg_sleep(1)',
  "name eq 'a' collate nocase",
  'salesorderid eq 00000000-0000-0000-0000-000000000000 or 1=1',
  "Microsoft.Dynamics.CRM.In(PropertyName='name) or 1=1 --',PropertyValues=['x'])",
  "Microsoft.Dynamics.CRM.In(PropertyName='name',PropertyValues=['x'') or 1=1 --'])",
  "Microsoft.Dynamics.CRM.In(PropertyName='salesorder.name',PropertyValues=['x'])",
  'Microsoft.Dynamics.CRM.Null(PropertyName=\'"name"\')',
  "_customerid_value eq 'x'' or ''a''=''a'",
  "order_details/any(d:d/productdescription eq 'x'' or 1=1--')",
];

/** Real columns of salesorder, lookups as `_x_value`, and names that almost exist. */
const columnName = fc.oneof(
  fc.constantFrom(...salesorder.columns.map((column) => column.name)),
  fc.constantFrom(
    ...salesorder.columns
      .filter((column) => ['lookup', 'customer', 'owner'].includes(column.type))
      .map((c) => `_${c.name}_value`),
  ),
  fc.constantFrom(
    'nosuchcolumn',
    'Name',
    'NAME',
    '_name_value',
    '_nosuch_value',
    'salesorder',
    'ol_accesstoken',
    'tokenhash',
    '$it',
    '$count',
  ),
);

const navigationPath = fc.constantFrom(
  'customerid_account/name',
  'customerid_account/revenue',
  'customerid_account/primarycontactid/fullname',
  'customerid_contact/fullname',
  'ownerid/fullname',
  'transactioncurrencyid/currencyname',
  'order_details/quantity',
  'nosuchnav/name',
  'customerid_account/nosuch',
);

const literal = fc.oneof(
  fc.constantFrom(
    'null',
    'true',
    'false',
    "''",
    "'x'",
    "'It''s'",
    '2024-05-01',
    '2024-05-01T10:00:00Z',
    '2024-13-45T99:99:99Z',
    '0000-00-00',
  ),
  nastyNumber,
  fc.uuid().map((id) => id),
  fc.uuid().map((id) => `'${id}'`),
  nastyText.map((text) => `'${text.replace(/'/g, "''")}'`),
  nastyText.map((text) => `'${text}'`),
  fc.string({ maxLength: 6000, minLength: 2000 }).map((text) => `'${text.replace(/'/g, "''")}'`),
);

const operator = fc.constantFrom('eq', 'ne', 'gt', 'ge', 'lt', 'le', 'EQ', 'has', 'in', 'like', '=', 'add');

const queryFunctionName = fc.constantFrom(
  'In',
  'NotIn',
  'Between',
  'NotBetween',
  'Null',
  'NotNull',
  'On',
  'OnOrAfter',
  'OnOrBefore',
  'LastXDays',
  'NextXHours',
  'Today',
  'EqualUserId',
  'Under',
  'ContainValues',
  'NoSuchFunction',
);

const filterExpression: fc.Arbitrary<string> = fc.letrec<{ expr: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc
      .tuple(fc.oneof(columnName, navigationPath), operator, literal)
      .map(([left, op, right]) => `${left} ${op} ${right}`),
    fc.tuple(literal, operator, columnName).map(([left, op, right]) => `${left} ${op} ${right}`),
    fc.tuple(columnName, operator, columnName).map(([left, op, right]) => `${left} ${op} ${right}`),
    fc
      .tuple(
        fc.constantFrom('contains', 'startswith', 'endswith', 'substringof', 'tolower', 'length'),
        columnName,
        literal,
      )
      .map(([name, column, value]) => `${name}(${column},${value})`),
    fc
      .tuple(queryFunctionName, columnName, fc.array(literal, { maxLength: 4 }), fc.boolean())
      .map(([name, column, values, plural]) =>
        plural
          ? `Microsoft.Dynamics.CRM.${name}(PropertyName='${column}',PropertyValues=[${values.join(',')}])`
          : `Microsoft.Dynamics.CRM.${name}(PropertyName='${column}',PropertyValue=${values[0] ?? 'null'})`,
      ),
    fc
      .tuple(
        fc.constantFrom('order_details', 'customerid_account', 'nosuch', 'Account_SalesOrders'),
        fc.constantFrom('any', 'all'),
        tie('expr'),
      )
      .map(([collection, lambda, predicate]) => `${collection}/${lambda}(d:d/${predicate})`),
    fc.constantFrom('order_details/any()', 'order_details/all()', 'order_details/any(d:)', 'order_details/any(d:d)'),
    fc
      .tuple(tie('expr'), fc.constantFrom('and', 'or', 'AND', '&&'), tie('expr'))
      .map(([a, op, b]) => `${a} ${op} ${b}`),
    tie('expr').map((inner) => `not ${inner}`),
    tie('expr').map((inner) => `(${inner})`),
    fc.constantFrom(...sqlInjections),
    columnName,
    literal,
  ),
})).expr;

/** Deletes, inserts or duplicates a piece of an otherwise well-formed text. */
function mutate(text: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc
    .tuple(text, fc.nat(), fc.nat(), nastyText, fc.constantFrom('delete', 'insert', 'truncate', 'duplicate'))
    .map(([value, at, length, insert, how]) => {
      const start = value.length === 0 ? 0 : at % value.length;
      switch (how) {
        case 'delete':
          return value.slice(0, start) + value.slice(start + 1 + (length % 5));
        case 'insert':
          return value.slice(0, start) + insert + value.slice(start);
        case 'truncate':
          return value.slice(0, start);
        case 'duplicate':
          return value + value.slice(start);
      }
      return value;
    });
}

/** Deep nesting and long chains, near and past the parser's limits. */
const deepFilter = fc.oneof(
  fc.integer({ min: 50, max: 1200 }).map((depth) => `${'('.repeat(depth)}name eq 'x'${')'.repeat(depth)}`),
  fc.integer({ min: 50, max: 1200 }).map((depth) => `${'not '.repeat(depth)}name eq 'x'`),
  fc.integer({ min: 50, max: 1200 }).map((count) => Array.from({ length: count }, () => "name eq 'x'").join(' or ')),
  fc
    .integer({ min: 50, max: 1200 })
    .map((count) => Array.from({ length: count }, (_, i) => `freightamount ne ${i}`).join(' and ')),
  fc
    .integer({ min: 2, max: 40 })
    .map(
      (depth) => `${'order_details/any(d:d/salesorderid/order_details/any(e:'.repeat(depth)}true${'))'.repeat(depth)}`,
    ),
  fc
    .integer({ min: 1, max: 5000 })
    .map(
      (count) =>
        `Microsoft.Dynamics.CRM.In(PropertyName='name',PropertyValues=[${Array.from({ length: count }, (_, i) => `'v${i}'`).join(',')}])`,
    ),
  fc.integer({ min: 10, max: 40_000 }).map((length) => `name eq '${'a'.repeat(length)}'`),
);

/**
 * Numbers at and past every bound a column or a store has: exponents up to a billion either way
 * (PostgreSQL once wrote 1e-999999999 out in full and died), digits beyond Int64, Edm.Decimal and money.
 */
export const extremeNumber: fc.Arbitrary<string> = fc.oneof(
  fc
    .tuple(fc.constantFrom('', '-'), fc.integer({ min: 1, max: 9 }), fc.constantFrom('e', 'E', 'e-', 'E-', 'e+'))
    .chain(([sign, digit, exponent]) =>
      fc
        .oneof(
          fc.integer({ min: 15, max: 40 }),
          fc.integer({ min: 300, max: 20_000 }),
          fc.integer({ min: 1e8, max: 1e9 }),
        )
        .map((power) => `${sign}${digit}${exponent}${power}`),
    ),
  fc.integer({ min: 1, max: 400 }).map((places) => `0.${'0'.repeat(places)}1`),
  fc.integer({ min: 1, max: 400 }).map((digits) => `-${'9'.repeat(digits)}.5`),
  fc.constantFrom('922337203685477.5807', '922337203685477.5808', '79228162514264337593543950335', '1e-28', '1e-29'),
);

/** Dates at and past Dataverse's range (1753-01-01 to 9999-12-31 in UTC), with offsets that cross it. */
export const extremeDate: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '9999-12-31T23:59:59-14:00',
    '9999-12-31T23:59:59Z',
    '9999-12-31',
    '1753-01-01T00:00:00Z',
    '1753-01-01T00:00:00+00:01',
    '1752-12-31',
    '0001-01-01T00:00:00+14:00',
    '0001-01-01',
  ),
  fc
    .tuple(
      fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }),
      fc.constantFrom('Z', '+14:00', '-14:00', '+05:30', ''),
      fc.boolean(),
    )
    .map(([date, offset, dateOnly]) =>
      dateOnly ? date.toISOString().slice(0, 10) : `${date.toISOString().slice(0, 19)}${offset}`,
    ),
);

const numericColumn = fc.constantFrom(
  'freightamount',
  'totalamount',
  'discountpercentage',
  'exchangerate',
  'statecode',
);
const dateColumn = fc.constantFrom('createdon', 'modifiedon', 'datefulfilled', 'submitdate');

/** Extreme literals in every place a literal reaches SQL: comparisons, query functions, aliases. */
export const extremeLiteralFilter: fc.Arbitrary<{ filter: string; aliases: string }> = fc.oneof(
  fc
    .tuple(numericColumn, fc.constantFrom('eq', 'ne', 'gt', 'ge', 'lt', 'le'), extremeNumber)
    .map(([column, op, value]) => ({ filter: `${column} ${op} ${value}`, aliases: '' })),
  fc
    .tuple(dateColumn, fc.constantFrom('eq', 'ne', 'gt', 'ge', 'lt', 'le'), extremeDate)
    .map(([column, op, value]) => ({ filter: `${column} ${op} ${value}`, aliases: '' })),
  fc
    .tuple(
      numericColumn,
      fc.constantFrom('In', 'NotIn', 'Between', 'NotBetween'),
      fc.array(extremeNumber, { minLength: 2, maxLength: 2 }),
    )
    .map(([column, name, values]) => ({
      filter: `Microsoft.Dynamics.CRM.${name}(PropertyName='${column}',PropertyValues=[${values.map((value) => `'${value}'`).join(',')}])`,
      aliases: '',
    })),
  fc
    .tuple(dateColumn, fc.constantFrom('On', 'NotOn', 'OnOrAfter', 'OnOrBefore'), extremeDate)
    .map(([column, name, value]) => ({
      filter: `Microsoft.Dynamics.CRM.${name}(PropertyName='${column}',PropertyValue='${value}')`,
      aliases: '',
    })),
  fc
    .tuple(fc.oneof(numericColumn, dateColumn), fc.oneof(extremeNumber, extremeDate))
    .map(([column, value]) => ({ filter: `${column} le @p1`, aliases: `&@p1=${encodeURIComponent(value)}` })),
);

/** Queries reaching many related tables: lambdas joined by and/or, nested lambdas, hop chains, $expand. */
export const manyRelatedTables: fc.Arbitrary<string> = fc.oneof(
  fc
    .tuple(fc.integer({ min: 1, max: 300 }), fc.constantFrom(' and ', ' or '))
    .map(
      ([count, joiner]) =>
        `$filter=${Array.from({ length: count }, (_, i) => `order_details/any(d${i}:d${i}/quantity gt ${i})`).join(joiner)}`,
    ),
  fc
    .integer({ min: 1, max: 30 })
    .map(
      (depth) =>
        `$filter=${'order_details/any(d:d/salesorderid/order_details/any(e:'.repeat(depth)}e/quantity gt 1${'))'.repeat(depth)}`,
    ),
  fc
    .integer({ min: 1, max: 40 })
    .map(
      (count) =>
        `$filter=${Array.from({ length: count }, () => "customerid_account/primarycontactid/fullname eq 'x'").join(' and ')}`,
    ),
  fc
    .integer({ min: 1, max: 40 })
    .map((count) => `$orderby=${Array.from({ length: count }, () => 'customerid_account/name').join(',')}`),
  fc
    .integer({ min: 1, max: 20 })
    .map((depth) => `$expand=${'order_details($expand=salesorderid('.repeat(depth)}$select=name${'))'.repeat(depth)}`),
);

export const hostileFilter: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: filterExpression, weight: 4 },
  { arbitrary: mutate(filterExpression), weight: 4 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 80 }), weight: 2 },
  { arbitrary: fc.constantFrom(...sqlInjections), weight: 1 },
  { arbitrary: deepFilter, weight: 1 },
);

/** Names of query options, real and not. */
const optionName = fc.constantFrom(
  '$select',
  '$filter',
  '$orderby',
  '$top',
  '$expand',
  '$count',
  '$skiptoken',
  '$deltatoken',
  '$skip',
  '$search',
  '$format',
  '$apply',
  '$compute',
  '$levels',
  '$Select',
  '$TOP',
  '$',
  '$$',
  '@p1',
  '@',
  '@p1@p2',
  'fetchXml',
  'savedQuery',
  'annotations',
);

const selectValue = fc.oneof(
  fc.array(columnName, { minLength: 1, maxLength: 6 }).map((names) => names.join(',')),
  fc.constantFrom(
    '*',
    ',',
    'name,',
    ',name',
    'name,,name',
    'customerid_account/name',
    'name desc',
    "name eq 'x'",
    '@p1',
    'Microsoft.Dynamics.CRM.salesorder/name',
  ),
);

const orderbyValue = fc.oneof(
  fc
    .array(fc.tuple(fc.oneof(columnName, navigationPath), fc.constantFrom('', ' asc', ' desc', ' DESC', ' sideways')), {
      minLength: 1,
      maxLength: 4,
    })
    .map((items) => items.map(([name, direction]) => name + direction).join(',')),
  fc.constantFrom(
    '@p1',
    '@p1 desc',
    '@nosuch',
    'order_details',
    'order_details/quantity',
    "name eq 'x'",
    '1',
    'null',
    'length(name)',
  ),
);

const expandValue: fc.Arbitrary<string> = fc.letrec<{ expand: string }>((tie) => ({
  expand: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(
      'order_details',
      'customerid_account',
      'customerid_contact',
      'ownerid',
      'transactioncurrencyid',
      'pricelevelid',
      'nosuch',
      '*',
      'Order_Details',
      'name',
    ),
    fc
      .tuple(
        fc.constantFrom('order_details', 'customerid_account', 'ownerid', 'nosuch'),
        fc.array(
          fc.oneof(
            selectValue.map((value) => `$select=${value}`),
            hostileFilter.map((value) => `$filter=${value}`),
            orderbyValue.map((value) => `$orderby=${value}`),
            nastyNumber.map((value) => `$top=${value}`),
            tie('expand').map((value) => `$expand=${value}`),
            fc.constantFrom('$count=true', '$skip=1', '$levels=max', '$select=', 'garbage', ''),
          ),
          { minLength: 1, maxLength: 3 },
        ),
      )
      .map(([navigation, options]) => `${navigation}(${options.join(';')})`),
    fc.tuple(tie('expand'), tie('expand')).map(([a, b]) => `${a},${b}`),
  ),
})).expand;

const optionValue = fc.oneof(
  selectValue,
  orderbyValue,
  expandValue,
  nastyNumber,
  nastyText,
  fc.constantFrom(
    'true',
    'false',
    'TRUE',
    '1',
    '',
    ' ',
    'eyJvZmZzZXQiOi0xfQ',
    'eyJvZmZzZXQiOjF9',
    'eyJvZmZzZXQiOjFlMzAwfQ',
    'not-base64!',
    '%',
  ),
  fc.string({ unit: 'binary', maxLength: 40 }).map((text) => Buffer.from(text).toString('base64url')),
  fc.jsonValue().map((value) => Buffer.from(JSON.stringify(value)).toString('base64url')),
);

/** Values that fit each real option, so combinations get past the first check now and then. */
function valueFor(name: string): fc.Arbitrary<string> {
  switch (name) {
    case '$select':
      return selectValue;
    case '$filter':
      return hostileFilter;
    case '$orderby':
      return orderbyValue;
    case '$expand':
      return expandValue;
    case '$top':
      return nastyNumber;
    case '$count':
      return fc.constantFrom('true', 'false', 'yes', '');
    case '@p1':
      return fc.oneof(columnName, literal, nastyText);
    default:
      return optionValue;
  }
}

/** A query string of a few options (unencoded; the caller encodes what it must). */
export const hostileQuery: fc.Arbitrary<readonly (readonly [string, string])[]> = fc.array(
  optionName.chain((name) =>
    fc.tuple(
      fc.constant(name),
      fc.oneof({ arbitrary: valueFor(name), weight: 3 }, { arbitrary: optionValue, weight: 1 }),
    ),
  ),
  { minLength: 1, maxLength: 4 },
);

/** A JSON value of the wrong kind for `column` (or of the right kind and out of range). */
function wrongValue(column: ColumnMetadata): fc.Arbitrary<string> {
  const anyJson = fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value));
  const numbers = nastyNumber.filter((text) => /^-?\d/.test(text)).map((text) => text.replace(/[mdlL_]$/i, ''));
  const strings = nastyText.map((text) => JSON.stringify(text));
  const special = fc.constantFrom(
    '1e400',
    '-0',
    '922337203685477.12345',
    '-922337203685477.12345',
    '1e-400',
    '1e1000000',
    '[]',
    '[[[[]]]]',
    '{}',
    '{"__proto__":{"x":1}}',
    'true',
    'null',
    '"2024-02-30"',
    '"2024-05-01T25:00:00Z"',
    '"0000-01-01"',
    '"1752-12-31"',
    '"9999-12-31T23:59:59-14:00"',
    '"10000-01-01"',
    '"00000000-0000-0000-0000-000000000000"',
    `"${'x'.repeat(5000)}"`,
  );
  const typed =
    column.type === 'string' || column.type === 'memo'
      ? fc.nat({ max: 3 }).map((n) => JSON.stringify('y'.repeat(column.maxLength + n)))
      : column.type === 'datetime'
        ? extremeDate.map((date) => JSON.stringify(date))
        : fc.oneof(numbers, extremeNumber);
  return fc.oneof(anyJson, numbers, strings, special, typed);
}

function columnsOf(logicalName: string): ColumnMetadata[] {
  return tableOf(logicalName).columns.filter((column) => !['lookup', 'customer', 'owner'].includes(column.type));
}

const bindTargets = (seed: () => { accountId: string; orderId: string }) =>
  fc.oneof(
    fc.constantFrom(
      '/accounts()',
      '/accounts(',
      'accounts(abc)',
      '/accounts(00000000-0000-0000-0000-000000000000)',
      "/accounts(accountnumber='nope')",
      "/accounts(name='x')",
      '/nosuch(00000000-0000-0000-0000-000000000000)',
      'https://evil.example/api/data/v9.2/accounts(00000000-0000-0000-0000-000000000000)',
      '$1',
      '',
      '/',
      '/accounts(accountnumber=1)',
      "/accounts(accountnumber='HI-1')",
      '/api/data/v9.2/salesorders(00000000-0000-0000-0000-000000000000)',
    ),
    fc.constant(null).map(() => `/salesorders(${seed().orderId})`),
    fc.constant(null).map(() => `/accounts(${seed().accountId})`),
    nastyText,
  );

const navigationNames = fc.constantFrom(
  'customerid_account',
  'customerid_contact',
  'salesorderid',
  'pricelevelid',
  'transactioncurrencyid',
  'ownerid',
  'productid',
  'uomid',
  'parentcustomerid',
  'primarycontactid',
  'order_details',
  'nosuch',
  '',
);

/**
 * A JSON body for a write on `logicalName`: mostly an object with a few real columns set to values of
 * the wrong kind, sometimes arbitrary JSON or not JSON at all.
 */
export function hostileEntityBody(
  logicalName: string,
  seed: () => { accountId: string; orderId: string },
): fc.Arbitrary<string> {
  const columns = columnsOf(logicalName);
  const member = fc.oneof(
    {
      arbitrary: fc
        .constantFrom(...columns)
        .chain((column) => wrongValue(column).map((value) => [column.name, value] as const)),
      weight: 6,
    },
    {
      arbitrary: fc
        .tuple(
          navigationNames,
          fc.oneof(
            bindTargets(seed).map((target) => JSON.stringify(target)),
            fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)),
          ),
        )
        .map(([name, value]) => [`${name}@odata.bind`, value] as const),
      weight: 2,
    },
    {
      arbitrary: fc
        .tuple(
          fc.constantFrom(
            '__proto__',
            'constructor',
            'prototype',
            '@odata.type',
            'name@odata.type',
            '@odata.etag',
            'toString',
            'hasOwnProperty',
            '',
          ),
          fc.jsonValue({ maxDepth: 2 }),
        )
        .map(([name, value]) => [name, JSON.stringify(value)] as const),
      weight: 1,
    },
    {
      arbitrary: fc
        .tuple(nastyText, fc.jsonValue({ maxDepth: 2 }))
        .map(([name, value]) => [name, JSON.stringify(value)] as const),
      weight: 1,
    },
  );
  const object = fc
    .array(member, { minLength: 1, maxLength: 5 })
    .map((members) => `{${members.map(([name, value]) => `${JSON.stringify(name)}:${value}`).join(',')}}`);
  // A body the server would take, spoiled by a member or two: gets past the first checks into the pipeline.
  const nearlyValid = fc
    .tuple(
      fc.constant(null).map(() => validMembers(logicalName, seed())),
      fc.array(member, { maxLength: 2 }),
    )
    .map(
      ([valid, spoilers]) =>
        `{${[...valid, ...spoilers].map(([name, value]) => `${JSON.stringify(name)}:${value}`).join(',')}}`,
    );
  return fc.oneof(
    { arbitrary: object, weight: 5 },
    { arbitrary: nearlyValid, weight: 3 },
    { arbitrary: fc.jsonValue().map((value) => JSON.stringify(value)), weight: 1 },
    { arbitrary: fc.anything().map((value) => safeStringify(value)), weight: 1 },
    {
      arbitrary: fc.constantFrom(
        '',
        ' ',
        'null',
        '[]',
        '"x"',
        '{',
        '{"name":',
        "{'name':'x'}",
        '{"name":"x",}',
        '{"name":"x"}{"name":"y"}',
        '{"name":"x" "description":"y"}',
        '{"name":NaN}',
        '{"name":"\\ud800"}',
        '{"name":"\\u0000"}',
        '{"name":"x","name":"y"}',
        `${'['.repeat(5000)}${']'.repeat(5000)}`,
        `{"a":${'['.repeat(63)}1${']'.repeat(63)}}`,
        '\u0000\u0001\u0002',
        '<xml/>',
        'name=x&description=y',
      ),
      weight: 1,
    },
    { arbitrary: fc.string({ unit: 'binary', maxLength: 60 }), weight: 1 },
  );
}

/** The members of a body each table accepts as it is. */
function validMembers(
  logicalName: string,
  seed: { accountId: string; orderId: string },
): (readonly [string, string])[] {
  switch (logicalName) {
    case 'salesorder':
      return [
        ['name', '"Fuzz order"'],
        ['customerid_account@odata.bind', JSON.stringify(`/accounts(${seed.accountId})`)],
      ];
    case 'salesorderdetail':
      return [
        ['salesorderid@odata.bind', JSON.stringify(`/salesorders(${seed.orderId})`)],
        ['isproductoverridden', 'true'],
        ['productdescription', '"Fuzz line"'],
        ['quantity', '2'],
        ['priceperunit', '10.5'],
      ];
    default:
      return [['name', '"Fuzz account"']];
  }
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value, (_key, item) => (typeof item === 'bigint' ? item.toString() : item)) ?? 'undefined';
  } catch {
    return String(value);
  }
}

/** Content-Type values a body may arrive with. */
export const contentType = fc.oneof(
  { arbitrary: fc.constant('application/json'), weight: 6 },
  {
    arbitrary: fc.constantFrom(
      'application/json; charset=utf-8',
      'application/json;odata.metadata=minimal',
      'APPLICATION/JSON',
      'text/plain',
      'application/xml',
      'multipart/mixed; boundary=x',
      'application/x-www-form-urlencoded',
      'application/jsonp',
      'application/json-patch+json',
      '',
      ';',
      '*/*',
      'application/',
      '/json',
      'application/json; charset=ebcdic',
    ),
    weight: 2,
  },
);
