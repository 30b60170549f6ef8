import { describe, expect, it } from 'vitest';
import { Decimal } from '../domain/decimal.js';
import { DomainError } from '../domain/errors.js';
import { createSalesMetadata } from '../domain/metadata/sales-metadata.js';
import type { TableMetadata } from '../domain/metadata/table-metadata.js';
import { readJson } from '../odata/json/json-reader.js';
import { convertValue, parseDateValue, parseReference, readEntityBody } from './entity-body.js';

const metadata = createSalesMetadata();
const table = (name: string): TableMetadata => metadata.table(name)!;
const account = table('account');
const salesorder = table('salesorder');

const ID = '5f4b1c2a-1111-4222-8333-444455556666';
const OTHER_ID = '0a0b0c0d-0000-4000-8000-00000000000e';

/** Converts the JSON text `json` for `table.column`, as a request body would hand it over. */
function convert(tableName: string, name: string, json: string) {
  const owner = table(tableName);
  const column = metadata.column(owner, name);
  if (!column) throw new Error(`${tableName}.${name} is not in the sales metadata`);
  return convertValue(owner, column, readJson(json));
}

function refusal(action: () => unknown): DomainError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    const domain = error as DomainError;
    expect(domain.kind).toBe('invalidArgument');
    expect(domain.status).toBe(400);
    return domain;
  }
  throw new Error('expected a refusal');
}

function decimalText(value: unknown): string {
  expect(value).toBeInstanceOf(Decimal);
  return (value as Decimal).toFixed();
}

describe('convertValue accepts each column type', () => {
  it.each([
    ['salesorderdetail', 'parentbundleid', `"${ID.toUpperCase()}"`, ID],
    ['salesorderdetail', 'parentbundleid', `"{${ID}}"`, ID],
    ['account', 'name', '"Contoso"', 'Contoso'],
    ['account', 'name', '""', ''],
    ['account', 'description', '"line 1\\nline 2"', 'line 1\nline 2'],
    ['salesorder', 'submitstatus', '42', 42],
    ['salesorder', 'submitstatus', '4.0', 4],
    ['salesorder', 'submitstatus', '1e3', 1000],
    ['salesorder', 'paymenttermscode', '3', 3],
    ['salesorder', 'statecode', '1', 1],
    ['salesorder', 'statuscode', '3', 3],
    ['salesorder', 'willcall', 'true', true],
    ['salesorder', 'willcall', 'false', false],
    ['account', 'createdon', '"2024-05-01T10:00:00Z"', '2024-05-01T10:00:00Z'],
    ['salesorder', 'requestdeliveryby', '"2024-05-01"', '2024-05-01'],
  ])('%s.%s accepts %s as %j', (owner, name, json, expected) => {
    expect(convert(owner, name, json)).toEqual(expected);
  });

  it.each([
    ['account', 'name'],
    ['salesorder', 'submitstatus'],
    ['salesorder', 'paymenttermscode'],
    ['salesorderdetail', 'quantity'],
    ['salesorder', 'freightamount'],
    ['salesorder', 'willcall'],
    ['salesorder', 'requestdeliveryby'],
    ['account', 'primarycontactid'],
  ])('%s.%s accepts null (clears the column)', (owner, name) => {
    expect(convert(owner, name, 'null')).toBeNull();
  });

  it.each([
    ['922337203685476.9999', '922337203685476.9999'],
    ['-922337203685477', '-922337203685477'],
    ['0.1', '0.1'],
  ])('money keeps every digit of %s, never a binary float', (json, expected) => {
    expect(decimalText(convert('salesorderdetail', 'priceperunit', json))).toBe(expected);
  });

  it.each([
    ['12.34565', '12.3457'],
    ['-12.34565', '-12.3457'],
    ['0.00004', '0'],
    ['7', '7'],
  ])('money is rounded half away from zero to 4 places: %s -> %s', (json, expected) => {
    expect(decimalText(convert('salesorderdetail', 'priceperunit', json))).toBe(expected);
  });

  it.each([
    ['2.123455', '2.12346'],
    ['-2.123455', '-2.12346'],
    ['100000000000', '100000000000'],
  ])('a decimal is rounded half away from zero to its precision (quantity, 5): %s -> %s', (json, expected) => {
    expect(decimalText(convert('salesorderdetail', 'quantity', json))).toBe(expected);
  });
});

describe('convertValue refuses', () => {
  it.each([
    ['salesorderdetail', 'parentbundleid', '"not-a-guid"', 'Edm.Guid'],
    ['salesorderdetail', 'parentbundleid', '42', 'Edm.Guid'],
    ['account', 'name', '42', 'Edm.String'],
    ['account', 'name', 'true', 'Edm.String'],
    ['account', 'name', '["a"]', 'Edm.String'],
    ['salesorder', 'submitstatus', '1.5', 'Edm.Int32'],
    ['salesorder', 'paymenttermscode', '2147483648', 'Edm.Int32'],
    ['salesorder', 'statecode', '-2147483649', 'Edm.Int32'],
    ['salesorder', 'willcall', '1', 'Edm.Boolean'],
    ['salesorder', 'willcall', '"true"', 'Edm.Boolean'],
    ['account', 'createdon', '"yesterday"', 'Edm.DateTimeOffset'],
    ['account', 'createdon', '1714557600', 'Edm.DateTimeOffset'],
    ['salesorder', 'requestdeliveryby', '"2024-02-30"', 'Edm.Date'],
  ])('%s.%s refuses %s as not a %s, naming the attribute', (owner, name, json, edmType) => {
    const error = refusal(() => convert(owner, name, json));
    expect(error.message).toContain(edmType);
    expect(error.message).toContain(`${owner}.${name}`);
  });

  it.each([
    ['salesorder', 'submitstatus', '"42"'],
    ['salesorder', 'paymenttermscode', '"1"'],
    ['salesorderdetail', 'quantity', '"1.5"'],
    ['salesorder', 'freightamount', '"10"'],
    ['salesorder', 'freightamount', 'true'],
    ['salesorder', 'freightamount', '{}'],
  ])('%s.%s wants a JSON number, not %s', (owner, name, json) => {
    const error = refusal(() => convert(owner, name, json));
    expect(error.message).toContain('a number is required');
    expect(error.message).toContain(`${owner}.${name}`);
  });

  it('a string longer than the column maxLength (account.accountnumber, 20)', () => {
    expect(convert('account', 'accountnumber', `"${'x'.repeat(20)}"`)).toBe('x'.repeat(20));
    const error = refusal(() => convert('account', 'accountnumber', `"${'x'.repeat(21)}"`));
    expect(error.code).toBe('0x80044331');
    expect(error.message).toContain("'accountnumber'");
    expect(error.message).toContain("'20'");
  });

  it('a picklist value outside the options (salesorder.paymenttermscode has 1..4)', () => {
    const error = refusal(() => convert('salesorder', 'paymenttermscode', '5'));
    expect(error.code).toBe('0x8004431a');
    expect(error.message).toContain("'paymenttermscode'");
  });

  it.each([
    ['-1', false],
    ['0', true],
    ['1000000000', true],
    ['1000000001', false],
  ])('an integer outside its range (salesorder.submitstatus 0..1e9): %s accepted=%s', (json, accepted) => {
    if (accepted) expect(convert('salesorder', 'submitstatus', json)).toBe(Number(json));
    else {
      const error = refusal(() => convert('salesorder', 'submitstatus', json));
      expect(error.code).toBe('0x8004431a');
      expect(error.message).toContain("'submitstatus'");
      expect(error.message).toContain('0 to 1000000000');
    }
  });

  it.each([
    ['salesorder', 'freightamount', '-0.01'],
    ['salesorder', 'freightamount', '1000000000000.0001'],
    ['salesorderdetail', 'priceperunit', '922337203685478'],
    ['salesorderdetail', 'priceperunit', '-922337203685478'],
    ['salesorderdetail', 'quantity', '100000000000.00001'],
    ['salesorder', 'discountpercentage', '100.01'],
  ])('%s.%s refuses %s as outside its range', (owner, name, json) => {
    const error = refusal(() => convert(owner, name, json));
    expect(error.code).toBe('0x8004431a');
    expect(error.message).toContain(`'${name}'`);
  });

  it('a number literal whose exponent no decimal can hold exactly', () => {
    expect(refusal(() => convert('salesorder', 'discountpercentage', '1e999999999999999999')).message).toContain(
      'salesorder.discountpercentage',
    );
  });

  it('the row version, which is read-only', () => {
    expect(refusal(() => convert('account', 'versionnumber', '"12"')).message).toContain(
      'account.versionnumber is read-only',
    );
  });

  it.each([
    ['account', 'primarycontactid'],
    ['salesorder', 'customerid'],
    ['salesorder', 'ownerid'],
  ])('the lookup %s.%s set by value: lookups are bound with @odata.bind', (owner, name) => {
    const error = refusal(() => convert(owner, name, `"${ID}"`));
    expect(error.message).toContain('@odata.bind');
    expect(error.message).toContain(`${owner}.${name}`);
  });
});

describe('parseDateValue', () => {
  it.each([
    ['2024-05-01T10:00:00Z', '2024-05-01T10:00:00Z'],
    ['2024-05-01T10:00:00.999Z', '2024-05-01T10:00:00Z'],
    ['2024-05-01T10:00Z', '2024-05-01T10:00:00Z'],
    ['2024-05-01T10:00:00', '2024-05-01T10:00:00Z'],
    ['2024-05-01', '2024-05-01T00:00:00Z'],
    ['2024-05-01T12:00:00+02:00', '2024-05-01T10:00:00Z'],
    ['2024-05-01T01:30:00+02:00', '2024-04-30T23:30:00Z'],
    ['2024-12-31T20:00:00-05:00', '2025-01-01T01:00:00Z'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00Z'],
  ])('normalises the date-time %s to UTC seconds: %s', (text, expected) => {
    expect(parseDateValue(text, 'datetime')).toBe(expected);
  });

  it.each([
    ['2024-05-01', '2024-05-01'],
    ['2024-05-01T23:30:00-05:00', '2024-05-01'],
  ])('keeps only the date of %s for a dateonly column: %s', (text, expected) => {
    expect(parseDateValue(text, 'dateonly')).toBe(expected);
  });

  it.each([
    '2024-02-30',
    '2023-02-29',
    '2024-13-01',
    '2024-00-10',
    '2024-04-31',
    '2024-05-01T25:00:00Z',
    '2024-05-01T10:60:00Z',
    '2024-05-01T10:00:00+0200',
    '2024-5-1',
    '01/05/2024',
    '2024-05-01 10:00:00',
    '',
    'now',
  ])('refuses %j, which is not a real date', (text) => {
    expect(parseDateValue(text, 'datetime')).toBeUndefined();
    expect(parseDateValue(text, 'dateonly')).toBeUndefined();
  });
});

describe('parseReference', () => {
  it.each([
    `/accounts(${ID})`,
    `accounts(${ID})`,
    `https://contoso.crm.dynamics.com/api/data/v9.2/accounts(${ID})`,
    `http://localhost:5555/api/data/v9.0/accounts(${ID})`,
    `/api/data/v9.2/accounts(${ID})`,
  ])('reads %s as the account with that id', (reference) => {
    expect(parseReference(metadata, reference)).toEqual({ table: account, key: { kind: 'id', id: ID } });
  });

  it.each([`/nothings(${ID})`, '/accounts', `/accounts(${ID})/name`, '/accounts()', `(${ID})`, "/accounts(name='x"])(
    'reads %s as no reference',
    (reference) => {
      expect(parseReference(metadata, reference)).toBeUndefined();
    },
  );
});

describe('readEntityBody', () => {
  const read = (owner: TableMetadata, json: string) => readEntityBody(metadata, owner, readJson(json));

  it('converts every property to its column value', () => {
    const input = read(account, '{"name":"Contoso","creditlimit":1000.5,"accountnumber":"A-1"}');
    expect(input.bindings).toEqual([]);
    expect(Object.keys(input.attributes)).toEqual(['name', 'creditlimit', 'accountnumber']);
    expect(input.attributes.name).toBe('Contoso');
    expect(decimalText(input.attributes.creditlimit)).toBe('1000.5');
  });

  it('ignores annotations (@odata.type, property@OData.Community...)', () => {
    const input = read(
      account,
      '{"@odata.type":"Microsoft.Dynamics.CRM.account","name":"A","name@OData.Community.Display.V1.FormattedValue":"A","@odata.etag":"W/\\"1\\""}',
    );
    expect(input.attributes).toEqual({ name: 'A' });
  });

  it.each([
    `/accounts(${ID})`,
    `accounts(${ID})`,
    `https://contoso.crm.dynamics.com/api/data/v9.2/accounts(${ID})`,
    `/accounts({${ID.toUpperCase()}})`,
  ])('binds a lookup with <navigation>@odata.bind to %s', (reference) => {
    const input = read(salesorder, `{"customerid_account@odata.bind":"${reference}"}`);
    expect(input.attributes).toEqual({});
    expect(input.bindings).toHaveLength(1);
    const [binding] = input.bindings;
    expect(binding!.column.name).toBe('customerid');
    expect(binding!.target).toBe(account);
    expect(binding!.key).toEqual({ kind: 'id', id: ID });
  });

  it('binds through an alternate key', () => {
    const input = read(salesorder, `{"customerid_account@odata.bind":"/accounts(accountnumber='A-1')"}`);
    expect(input.bindings[0]!.key).toEqual({ kind: 'alternate', values: { accountnumber: 'A-1' } });
  });

  it('binds the contact side of a customer lookup through its own navigation property', () => {
    const input = read(salesorder, `{"customerid_contact@odata.bind":"/contacts(${OTHER_ID})"}`);
    expect(input.bindings[0]!.column.name).toBe('customerid');
    expect(input.bindings[0]!.target).toBe(table('contact'));
  });

  it('unbinds with null', () => {
    const input = read(account, '{"primarycontactid@odata.bind":null}');
    expect(input.bindings).toHaveLength(1);
    expect(input.bindings[0]!.column.name).toBe('primarycontactid');
    expect(input.bindings[0]!.key).toBeNull();
  });

  it('keeps several bindings and attributes together', () => {
    const input = read(
      salesorder,
      `{"name":"Order","transactioncurrencyid@odata.bind":"/transactioncurrencies(${ID})","pricelevelid@odata.bind":"/pricelevels(${OTHER_ID})"}`,
    );
    expect(input.attributes).toEqual({ name: 'Order' });
    expect(input.bindings.map((binding) => binding.column.name)).toEqual(['transactioncurrencyid', 'pricelevelid']);
  });

  it('refuses a reference to the wrong table', () => {
    const error = refusal(() => read(salesorder, `{"customerid_account@odata.bind":"/contacts(${ID})"}`));
    expect(error.message).toContain('expects a account reference, not contact');
  });

  it.each([
    ['nosuchnavigation@odata.bind', `"/accounts(${ID})"`, 'nosuchnavigation'],
    ['contact_customer_accounts@odata.bind', `["/contacts(${ID})"]`, 'contact_customer_accounts'],
  ])('refuses %s, which is not a single-valued navigation property', (name, value, navigation) => {
    const error = refusal(() => read(account, `{"${name}":${value}}`));
    expect(error.message).toContain(`'${navigation}' is not a single-valued navigation property of account`);
  });

  it.each([
    ['42', 'must be a URL'],
    ['{"id":"x"}', 'must be a URL'],
    ['"not a reference"', 'is not a valid reference'],
    [`"/nothings(${ID})"`, 'is not a valid reference'],
    ['"/accounts(1.2.3)"', 'is not a valid reference'],
  ])('refuses the binding value %s', (value, message) => {
    expect(refusal(() => read(account, `{"primarycontactid@odata.bind":${value}}`)).message).toContain(message);
  });

  it('refuses an undeclared property, naming it', () => {
    const error = refusal(() => read(account, '{"name":"A","nosuchcolumn":1}'));
    expect(error.message).toContain("Invalid property 'nosuchcolumn'");
    expect(error.message).toContain('Microsoft.Dynamics.CRM.account');
  });

  it('refuses the read form of a lookup (_x_value) as an undeclared property', () => {
    expect(refusal(() => read(account, `{"_primarycontactid_value":"${ID}"}`)).message).toContain(
      "'_primarycontactid_value'",
    );
  });

  it('refuses a bad value, naming the attribute', () => {
    expect(refusal(() => read(account, '{"name":42}')).message).toContain('account.name');
  });

  it.each(['[]', '[{"name":"A"}]', '"text"', '42', 'null', 'true'])('refuses the non-object body %s', (json) => {
    expect(refusal(() => read(account, json)).message).toBe('The request body must be a JSON object.');
  });

  it('does not let a __proto__ key through as a column', () => {
    expect(refusal(() => read(account, '{"__proto__":{"name":"x"}}')).message).toContain("'__proto__'");
  });
});
