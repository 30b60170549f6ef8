import { describe, expect, it } from 'vitest';
import { DomainError } from '../../domain/errors.js';
import { type EntityKey, GUID, parseEntityKey, parseResourcePath, type ResourcePath } from './resource-path.js';

const SETS = new Set(['accounts', 'salesorders', 'systemusers', 'contacts']);
const isEntitySet = (name: string) => SETS.has(name);
const parse = (path: string) => parseResourcePath(path, isEntitySet);

const ID = '5f4b1c2a-1111-4222-8333-444455556666';
const RELATED = '0a0b0c0d-0000-4000-8000-00000000000e';
const id = (value: string): EntityKey => ({ kind: 'id', id: value });
const alternate = (values: Record<string, string | number>): EntityKey => ({ kind: 'alternate', values });

function refusal(action: () => unknown): DomainError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).kind).toBe('querySyntax');
    expect((error as DomainError).status).toBe(400);
    return error as DomainError;
  }
  throw new Error('expected a refusal');
}

describe('parseResourcePath: the shapes of a resource path', () => {
  it.each<[string, ResourcePath]>([
    ['', { kind: 'serviceDocument' }],
    ['/', { kind: 'serviceDocument' }],
    ['$metadata', { kind: 'metadata' }],
    ['/$metadata/', { kind: 'metadata' }],
    ['$batch', { kind: 'batch' }],
    ['accounts', { kind: 'collection', set: 'accounts', count: false }],
    ['/accounts/', { kind: 'collection', set: 'accounts', count: false }],
    ['accounts/$count', { kind: 'collection', set: 'accounts', count: true }],
    [`accounts(${ID})`, { kind: 'entity', set: 'accounts', key: id(ID) }],
    [`accounts({${ID}})`, { kind: 'entity', set: 'accounts', key: id(ID) }],
    [`accounts(${ID.toUpperCase()})`, { kind: 'entity', set: 'accounts', key: id(ID) }],
    [`accounts(${ID})/name/$value`, { kind: 'entity', set: 'accounts', key: id(ID), property: 'name' }],
    [
      `accounts(${ID})/contact_customer_accounts`,
      { kind: 'navigation', set: 'accounts', key: id(ID), navigation: 'contact_customer_accounts' },
    ],
    [
      `systemusers(${ID})/systemuserroles_association/$ref`,
      { kind: 'navigation', set: 'systemusers', key: id(ID), navigation: 'systemuserroles_association', ref: {} },
    ],
    [
      `systemusers(${ID})/systemuserroles_association(${RELATED})/$ref`,
      {
        kind: 'navigation',
        set: 'systemusers',
        key: id(ID),
        navigation: 'systemuserroles_association',
        ref: { relatedKey: id(RELATED) },
      },
    ],
    [
      `salesorders(${ID})/Microsoft.Dynamics.CRM.ol_SubmitSalesOrder`,
      { kind: 'boundOperation', set: 'salesorders', key: id(ID), name: 'ol_SubmitSalesOrder' },
    ],
    ['salesorders/Microsoft.Dynamics.CRM.ol_Export', { kind: 'boundOperation', set: 'salesorders', name: 'ol_Export' }],
    ['WhoAmI', { kind: 'operation', name: 'WhoAmI' }],
    ['WhoAmI()', { kind: 'operation', name: 'WhoAmI', parameters: '' }],
    ['Microsoft.Dynamics.CRM.WhoAmI', { kind: 'operation', name: 'WhoAmI' }],
    ['Microsoft.Dynamics.CRM.WhoAmI()', { kind: 'operation', name: 'WhoAmI', parameters: '' }],
    ['RecalculatePrice', { kind: 'operation', name: 'RecalculatePrice' }],
    [
      "RetrieveTotalRecordCount(EntityNames=['account','contact'])",
      { kind: 'operation', name: 'RetrieveTotalRecordCount', parameters: "EntityNames=['account','contact']" },
    ],
    ['CalculatePrice(Target=@p1)', { kind: 'operation', name: 'CalculatePrice', parameters: 'Target=@p1' }],
  ])('%j is %j', (path, expected) => {
    expect(parse(path)).toEqual(expected);
  });

  it.each<[string, EntityKey]>([
    ["accounts(accountnumber='A-1')", alternate({ accountnumber: 'A-1' })],
    ["accounts(accountnumber = 'A-1')", alternate({ accountnumber: 'A-1' })],
    ["accounts(accountnumber='O''Brien')", alternate({ accountnumber: "O'Brien" })],
    ["accounts(accountnumber='a/b')", alternate({ accountnumber: 'a/b' })],
    ["accounts(accountnumber='a(b)')", alternate({ accountnumber: 'a(b)' })],
    ["accounts(accountnumber='')", alternate({ accountnumber: '' })],
    ['accounts(accountnumber=42)', alternate({ accountnumber: 42 })],
    ["salesorders(ordernumber='ORD-1',revision=2)", alternate({ ordernumber: 'ORD-1', revision: 2 })],
    ["salesorders(a='x', b='y''z', c=-1.5)", alternate({ a: 'x', b: "y'z", c: -1.5 })],
  ])('reads the key of %s', (path, key) => {
    expect(parse(path)).toEqual({ kind: 'entity', set: path.slice(0, path.indexOf('(')), key });
  });

  it("keeps a quoted key whole when it holds '/' before further segments", () => {
    expect(parse("accounts(accountnumber='a/b')/name/$value")).toEqual({
      kind: 'entity',
      set: 'accounts',
      key: alternate({ accountnumber: 'a/b' }),
      property: 'name',
    });
  });

  it('leaves checking names to the caller: an unknown single segment is an unbound operation', () => {
    expect(parse('nosuchthing')).toEqual({ kind: 'operation', name: 'nosuchthing' });
  });
});

describe('parseResourcePath refuses', () => {
  it.each([
    ['accounts/$value', '$value'],
    ['accounts/name', 'name'],
    ['accounts/$count/x', '$count'],
    [`accounts(${ID})/name/$count`, '$count'],
    [`accounts(${ID})/a/b/c`, 'b/c'],
    [`accounts(${ID})/name-x`, 'name-x'],
    [`accounts(${ID})/Microsoft.Dynamics.CRM.Action/more`, 'Microsoft.Dynamics.CRM.Action'],
  ])('%j, with a message naming the segment %j', (path, segment) => {
    expect(refusal(() => parse(path)).message).toContain(segment);
  });

  it.each([
    ['$count', '$count'],
    ['WhoAmI/more', 'more'],
    ['1accounts', '1accounts'],
    ['acc-ounts', 'acc-ounts'],
  ])('%j as Dataverse does a name it does not serve: 404 0x8006088a naming the segment %j', (path, segment) => {
    try {
      parse(path);
    } catch (error) {
      expect(error).toMatchObject({ status: 404, code: '0x8006088a' });
      expect((error as DomainError).message).toBe(`Resource not found for the segment '${segment}'.`);
      return;
    }
    throw new Error('expected a refusal');
  });

  it.each([
    'accounts(',
    `accounts(${ID}`,
    'accounts()',
    'accounts(not-a-guid)',
    "accounts(accountnumber='A-1)",
    'accounts(accountnumber=)',
    'accounts(accountnumber=abc)',
    "accounts(accountnumber='a' 'b')",
    "accounts(='a')",
    `accounts(${ID})x`,
    `accounts(${ID})/contact_customer_accounts(bad)/$ref`,
    `accounts(${ID})/name(${RELATED})/$value`,
  ])('the malformed key or segment %j', (path) => {
    refusal(() => parse(path));
  });
});

describe('parseEntityKey', () => {
  it.each<[string, EntityKey]>([
    [ID, id(ID)],
    [` ${ID} `, id(ID)],
    [`{${ID}}`, id(ID)],
    [ID.toUpperCase(), id(ID)],
    ["name='x'", alternate({ name: 'x' })],
    ["name='it''s'", alternate({ name: "it's" })],
    ["name=''''", alternate({ name: "'" })],
    ['n=0', alternate({ n: 0 })],
    ['n=-12.25', alternate({ n: -12.25 })],
    ["a=1,b='y'", alternate({ a: 1, b: 'y' })],
    ["a = 1 , b = 'y'", alternate({ a: 1, b: 'y' })],
  ])('reads %j', (text, key) => {
    expect(parseEntityKey(text)).toEqual(key);
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ["'x'", 'expected a GUID or name=value pairs'],
    ["name='x", 'unterminated string'],
    ['name=x', 'must be quoted or numeric'],
    ['name=', 'must be quoted or numeric'],
    ["a=1 b='y'", "Invalid key 'a=1 b='y''"],
    ['12345678-1234-1234-1234-12345678901', 'expected a GUID or name=value pairs'],
  ])('refuses %j (%s)', (text, message) => {
    expect(refusal(() => parseEntityKey(text)).message).toContain(message);
  });
});

describe('GUID', () => {
  it('matches the 8-4-4-4-12 form, with or without braces, in any case', () => {
    expect(GUID.exec(`{${ID}}`)?.[1]).toBe(ID);
    expect(GUID.test(ID.toUpperCase())).toBe(true);
    expect(GUID.test(ID.replaceAll('-', ''))).toBe(false);
    expect(GUID.test(`${ID}0`)).toBe(false);
  });
});
