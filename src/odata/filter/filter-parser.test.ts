import { describe, expect, it } from 'vitest';
import { DomainError } from '../../domain/errors.js';
import type { ComparisonOperator, FilterExpression, Literal } from './filter-ast.js';
import { maxExpressionDepth, maxFilterLength, maxNestingDepth, parseFilter } from './filter-parser.js';

const prop = (...path: string[]): FilterExpression => ({ kind: 'property', path });
const num = (text: string): Literal => ({ kind: 'number', text });
const str = (value: string): Literal => ({ kind: 'string', value });
const guid = (value: string): Literal => ({ kind: 'guid', value });
const nul: Literal = { kind: 'null' };
const bool = (value: boolean): Literal => ({ kind: 'boolean', value });
const cmp = (operator: ComparisonOperator, left: FilterExpression, right: FilterExpression): FilterExpression => ({
  kind: 'compare',
  operator,
  left,
  right,
});
const eq = (left: FilterExpression, right: FilterExpression) => cmp('eq', left, right);
const and = (left: FilterExpression, right: FilterExpression): FilterExpression => ({ kind: 'and', left, right });
const or = (left: FilterExpression, right: FilterExpression): FilterExpression => ({ kind: 'or', left, right });
const not = (operand: FilterExpression): FilterExpression => ({ kind: 'not', operand });
const a1 = eq(prop('a'), num('1'));
const b2 = eq(prop('b'), num('2'));
const c3 = eq(prop('c'), num('3'));

function refusal(text: string, options?: Parameters<typeof parseFilter>[1]): DomainError {
  try {
    parseFilter(text, options);
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).kind).toBe('querySyntax');
    return error as DomainError;
  }
  throw new Error(`expected '${text}' to be refused`);
}

describe('parseFilter: the URL shapes dynamics-web-api sends', () => {
  it.each<[string, FilterExpression]>([
    [
      "statecode eq 0 and contains(name,'a''b')",
      and(eq(prop('statecode'), num('0')), { kind: 'call', name: 'contains', args: [prop('name'), str("a'b")] }),
    ],
    [
      '_customerid_value eq 5f4b1c2a-0000-0000-0000-000000000001',
      eq(prop('_customerid_value'), guid('5f4b1c2a-0000-0000-0000-000000000001')),
    ],
    // Other clients write GUIDs in upper case; the tree always holds lower case.
    [
      '_customerid_value eq 5F4B1C2A-0000-0000-0000-00000000000A',
      eq(prop('_customerid_value'), guid('5f4b1c2a-0000-0000-0000-00000000000a')),
    ],
    ["primarycontactid/fullname eq 'x'", eq(prop('primarycontactid', 'fullname'), str('x'))],
    [
      "Microsoft.Dynamics.CRM.In(PropertyName='statecode',PropertyValues=['0','1'])",
      {
        kind: 'queryFunction',
        name: 'In',
        parameters: { PropertyName: str('statecode'), PropertyValues: [str('0'), str('1')] },
      },
    ],
    [
      'Microsoft.Dynamics.CRM.Between(PropertyName=\'quantity\',PropertyValues=["1","10"])',
      {
        kind: 'queryFunction',
        name: 'Between',
        parameters: { PropertyName: str('quantity'), PropertyValues: [str('1'), str('10')] },
      },
    ],
    [
      "Microsoft.Dynamics.CRM.Today(PropertyName='createdon')",
      { kind: 'queryFunction', name: 'Today', parameters: { PropertyName: str('createdon') } },
    ],
    [
      "Microsoft.Dynamics.CRM.LastXDays(PropertyName='createdon',PropertyValue=7)",
      {
        kind: 'queryFunction',
        name: 'LastXDays',
        parameters: { PropertyName: str('createdon'), PropertyValue: num('7') },
      },
    ],
    [
      'order_details/any(d:d/quantity gt 5)',
      {
        kind: 'lambda',
        operator: 'any',
        collection: ['order_details'],
        variable: 'd',
        predicate: cmp('gt', prop('d', 'quantity'), num('5')),
      },
    ],
    ['not (a eq 1 or b eq 2) and c ne null', and(not(or(a1, b2)), cmp('ne', prop('c'), nul))],
    [
      'createdon ge 2024-01-01T00:00:00Z',
      cmp('ge', prop('createdon'), { kind: 'datetime', text: '2024-01-01T00:00:00Z' }),
    ],
  ])('%s', (text, expected) => {
    expect(parseFilter(text)).toEqual(expected);
  });
});

describe('parseFilter: every construct', () => {
  it.each<[string, FilterExpression]>([
    // literals
    ['a eq null', eq(prop('a'), nul)],
    ['a eq true', eq(prop('a'), bool(true))],
    ['a ne false', cmp('ne', prop('a'), bool(false))],
    ['a eq 12.50', eq(prop('a'), num('12.50'))],
    ['a eq 12.50m', eq(prop('a'), num('12.50'))],
    ['a eq -3', eq(prop('a'), num('-3'))],
    ['a eq 1E5', eq(prop('a'), num('1E5'))],
    ["a eq ''", eq(prop('a'), str(''))],
    ["a eq 'O''Neil'", eq(prop('a'), str("O'Neil"))],
    ["a eq '%_[]'", eq(prop('a'), str('%_[]'))],
    ['a eq 2024-05-01', eq(prop('a'), { kind: 'date', text: '2024-05-01' })],
    [
      'a lt 2024-05-01T10:00:00.123+02:00',
      cmp('lt', prop('a'), { kind: 'datetime', text: '2024-05-01T10:00:00.123+02:00' }),
    ],
    ['true', bool(true)],
    ['a', prop('a')],
    // comparisons, both ways round, column to column
    ['a gt 1', cmp('gt', prop('a'), num('1'))],
    ['a ge 1', cmp('ge', prop('a'), num('1'))],
    ['a lt 1', cmp('lt', prop('a'), num('1'))],
    ['a le 1', cmp('le', prop('a'), num('1'))],
    ['1 eq a', eq(num('1'), prop('a'))],
    ['totalamount gt discountamount', cmp('gt', prop('totalamount'), prop('discountamount'))],
    // precedence: or < and < not < comparison
    ['a eq 1 or b eq 2 and c eq 3', or(a1, and(b2, c3))],
    ['a eq 1 and b eq 2 or c eq 3', or(and(a1, b2), c3)],
    ['(a eq 1 or b eq 2) and c eq 3', and(or(a1, b2), c3)],
    ['a eq 1 and (b eq 2 or c eq 3)', and(a1, or(b2, c3))],
    ['a eq 1 or b eq 2 or c eq 3', or(or(a1, b2), c3)],
    ['a eq 1 or (b eq 2 or c eq 3)', or(a1, or(b2, c3))],
    ['a eq 1 and b eq 2 and c eq 3', and(and(a1, b2), c3)],
    ['not a eq 1', not(a1)],
    ['not a eq 1 and b eq 2', and(not(a1), b2)],
    ['not a eq 1 or b eq 2', or(not(a1), b2)],
    ['a eq 1 and not b eq 2', and(a1, not(b2))],
    ['not not a eq 1', not(not(a1))],
    ['not(a eq 1)', not(a1)],
    ['not (a)', not(prop('a'))],
    ['(a eq 1) eq true', eq(a1, bool(true))],
    ['a eq (1)', a1],
    ['((a eq 1))', a1],
    [' a  eq\t1 ', a1],
    // functions
    ["startswith(name,'Con')", { kind: 'call', name: 'startswith', args: [prop('name'), str('Con')] }],
    ["endswith(name, 'co')", { kind: 'call', name: 'endswith', args: [prop('name'), str('co')] }],
    ["contains(name,'a') eq true", eq({ kind: 'call', name: 'contains', args: [prop('name'), str('a')] }, bool(true))],
    ["not contains(name,'x')", not({ kind: 'call', name: 'contains', args: [prop('name'), str('x')] })],
    // query functions
    [
      "Microsoft.Dynamics.CRM.NotIn(PropertyName = 'statecode', PropertyValues = [0, -1, null, true])",
      {
        kind: 'queryFunction',
        name: 'NotIn',
        parameters: { PropertyName: str('statecode'), PropertyValues: [num('0'), num('-1'), nul, bool(true)] },
      },
    ],
    [
      "Microsoft.Dynamics.CRM.In(PropertyName='x',PropertyValues=[])",
      { kind: 'queryFunction', name: 'In', parameters: { PropertyName: str('x'), PropertyValues: [] } },
    ],
    ['Microsoft.Dynamics.CRM.EqualUserId()', { kind: 'queryFunction', name: 'EqualUserId', parameters: {} }],
    [
      "Microsoft.Dynamics.CRM.Under(PropertyName='accountid',PropertyValue=5f4b1c2a-0000-0000-0000-000000000001)",
      {
        kind: 'queryFunction',
        name: 'Under',
        parameters: { PropertyName: str('accountid'), PropertyValue: guid('5f4b1c2a-0000-0000-0000-000000000001') },
      },
    ],
    [
      "not Microsoft.Dynamics.CRM.On(PropertyName='createdon',PropertyValue='2024-05-01') and a eq 1",
      and(
        not({
          kind: 'queryFunction',
          name: 'On',
          parameters: { PropertyName: str('createdon'), PropertyValue: str('2024-05-01') },
        }),
        a1,
      ),
    ],
    // lambdas
    ['order_details/any()', { kind: 'lambda', operator: 'any', collection: ['order_details'] }],
    [
      "customerid_account/contact_customer_accounts/all(c:c/lastname ne 'x' and c/parentcustomerid_account/name eq 'y')",
      {
        kind: 'lambda',
        operator: 'all',
        collection: ['customerid_account', 'contact_customer_accounts'],
        variable: 'c',
        predicate: and(
          cmp('ne', prop('c', 'lastname'), str('x')),
          eq(prop('c', 'parentcustomerid_account', 'name'), str('y')),
        ),
      },
    ],
    [
      'a/any(x: x/b/any(y: y/c eq 1))',
      {
        kind: 'lambda',
        operator: 'any',
        collection: ['a'],
        variable: 'x',
        predicate: {
          kind: 'lambda',
          operator: 'any',
          collection: ['x', 'b'],
          variable: 'y',
          predicate: eq(prop('y', 'c'), num('1')),
        },
      },
    ],
    [
      'not order_details/any(d:d/quantity gt 5)',
      not({
        kind: 'lambda',
        operator: 'any',
        collection: ['order_details'],
        variable: 'd',
        predicate: cmp('gt', prop('d', 'quantity'), num('5')),
      }),
    ],
    // names that look like keywords where they are not keywords
    ['any eq 1', eq(prop('any'), num('1'))],
    ['contains eq 1', eq(prop('contains'), num('1'))],
    ['nav/any eq 1', eq(prop('nav', 'any'), num('1'))],
    ['nav/eq eq 1', eq(prop('nav', 'eq'), num('1'))],
    ['NULL eq 1', eq(prop('NULL'), num('1'))],
    ['NOT eq 1', eq(prop('NOT'), num('1'))],
  ])('%s', (text, expected) => {
    expect(parseFilter(text)).toEqual(expected);
  });
});

describe('parseFilter: parameter aliases', () => {
  const aliases = {
    '@p1': "'Contoso'",
    '@p2': '100000',
    '@p3': "['0','1']",
    '@p4': 'revenue',
    '@p5': 'null',
    p6: '2024-05-01',
  };

  it.each<[string, FilterExpression]>([
    ['name eq @p1', eq(prop('name'), str('Contoso'))],
    [
      'revenue gt @p2 and @p1 eq name',
      and(cmp('gt', prop('revenue'), num('100000')), eq(str('Contoso'), prop('name'))),
    ],
    ['@p4 gt @p2', cmp('gt', prop('revenue'), num('100000'))],
    ['a eq @p5', eq(prop('a'), nul)],
    ['a eq @p6', eq(prop('a'), { kind: 'date', text: '2024-05-01' })],
    [
      'Microsoft.Dynamics.CRM.In(PropertyName=@p1,PropertyValues=@p3)',
      {
        kind: 'queryFunction',
        name: 'In',
        parameters: { PropertyName: str('Contoso'), PropertyValues: [str('0'), str('1')] },
      },
    ],
  ])('%s', (text, expected) => {
    expect(parseFilter(text, { aliases })).toEqual(expected);
  });

  it.each([
    ['a eq @p9', "Syntax error at position 6 in '$filter': the parameter alias '@p9' is not defined"],
    ['a eq @p3', "Syntax error at position 6 in '$filter': the parameter alias '@p3' holds a collection"],
    [
      'Microsoft.Dynamics.CRM.In(PropertyName=@p4)',
      "Syntax error at position 40 in '$filter': the parameter alias '@p4' names a property, but query function parameters take literal values",
    ],
    ['a eq @bad', "Syntax error at position 3 in '@bad': unexpected 'eq' after the alias value"],
    ['a eq @call', "Syntax error at position 1 in '@call': the value of a parameter alias must be a literal"],
    ['a eq @empty', "Syntax error at position 1 in '@empty': the value of a parameter alias must not be empty"],
    ['a eq @two', "Syntax error at position 3 in '@two': unexpected '2' after the alias value"],
    [
      'a eq @nested',
      "Syntax error at position 1 in '@nested': the value of a parameter alias must be a literal such as 'text', 5 or null, or a property name but found '@p1'",
    ],
    ['a eq @proto', "the parameter alias '@proto' is not defined"],
  ])('refuses %s', (text, message) => {
    const all = {
      ...aliases,
      '@bad': 'a eq 1',
      '@empty': '',
      '@two': '1 2',
      '@nested': '@p1',
      '@call': "contains(a,'b')",
    };
    expect(refusal(text, { aliases: all }).message).toContain(message);
  });

  it('does not find aliases on the object prototype', () => {
    expect(refusal('a eq @constructor', { aliases: {} }).message).toContain("'@constructor' is not defined");
  });

  it('refuses aliases where they are not allowed, saying why', () => {
    expect(refusal('a eq @p1', { aliases, allowAliases: false }).message).toBe(
      "Syntax error at position 6 in '$filter': parameter aliases such as '@p1' cannot be used here: Dataverse allows them in $filter and $orderby, not inside $expand",
    );
  });
});

describe('parseFilter: refusals', () => {
  it.each([
    // the lead's example, and missing values
    ['statecode eq ', "Syntax error at position 14 in '$filter': expected a value after 'eq'"],
    ['statecode eq )', "Syntax error at position 14 in '$filter': expected a value after 'eq' but found ')'"],
    ['a eq 1 and', "Syntax error at position 11 in '$filter': expected a value after 'and'"],
    ['not', "Syntax error at position 4 in '$filter': expected a value after 'not'"],
    ['', "Syntax error at position 1 in '$filter': the filter is empty"],
    ['   ', "Syntax error at position 1 in '$filter': the filter is empty"],
    ['eq 1', "Syntax error at position 1 in '$filter': expected a value but found the operator 'eq'"],
    ['a eq and', "Syntax error at position 6 in '$filter': expected a value after 'eq' but found the operator 'and'"],
    // structure
    ['a eq 1 eq 2', "Syntax error at position 8 in '$filter': comparison operators cannot be chained"],
    ['a eq not b', "Syntax error at position 6 in '$filter': 'not' cannot be the operand of a comparison"],
    ['(a eq 1', "Syntax error at position 8 in '$filter': missing ')' to close the '(' at position 1"],
    ['a eq 1)', "Syntax error at position 7 in '$filter': unexpected ')' without a matching '('"],
    ['(a eq 1 b)', "Syntax error at position 9 in '$filter': expected an operator or ')' after '1' but found 'b'"],
    [
      "name 'x'",
      "Syntax error at position 6 in '$filter': expected an operator such as 'eq', 'and' or 'or' after 'name'",
    ],
    ['a eq 1 b eq 2', "Syntax error at position 8 in '$filter': expected an operator such as 'eq', 'and' or 'or'"],
    ['a EQ 1', "Syntax error at position 3 in '$filter': operators are case-sensitive: write 'eq' instead of 'EQ'"],
    ['a eq 1 AND b eq 2', "Syntax error at position 8 in '$filter': operators are case-sensitive: write 'and'"],
    ['a eq 1 Or b eq 2', "operators are case-sensitive: write 'or' instead of 'Or'"],
    [
      'NOT (a eq 1)',
      "Syntax error at position 1 in '$filter': operators are case-sensitive: write 'not' instead of 'NOT'",
    ],
    ['a eq 1 and Not b eq 2', "Syntax error at position 12 in '$filter': operators are case-sensitive: write 'not'"],
    [
      'a eq "x"',
      "Syntax error at position 6 in '$filter': double-quoted strings are only allowed in query function collections",
    ],
    ['a eq [1,2]', "Syntax error at position 6 in '$filter': collection literals [...] are only allowed"],
    ['a/) eq 1', "Syntax error at position 3 in '$filter': expected a property name after '/' but found ')'"],
    ['a/', "Syntax error at position 3 in '$filter': expected a property name after '/'"],
    ['a/1 eq 1', "expected a property name after '/' but found '1'"],
    // unsupported OData constructs, named
    [
      'a add 1 eq 2',
      "Syntax error at position 3 in '$filter': the arithmetic operator 'add' is not supported in $filter",
    ],
    ['a eq b sub 1', "Syntax error at position 8 in '$filter': the arithmetic operator 'sub' is not supported"],
    ['a mul 2 eq 4', "the arithmetic operator 'mul' is not supported"],
    ['a div 2 eq 4', "the arithmetic operator 'div' is not supported"],
    ['a mod 2 eq 0', "the arithmetic operator 'mod' is not supported"],
    ['a eq -b', "the negation operator '-' is not supported"],
    [
      "color has Sales.Color'Yellow'",
      "Syntax error at position 7 in '$filter': the 'has' operator is not supported in $filter",
    ],
    [
      'statecode in (0,1)',
      "Syntax error at position 11 in '$filter': the 'in' operator is not supported in $filter; use Microsoft.Dynamics.CRM.In(",
    ],
    ['$it/name eq 1', "Syntax error at position 1 in '$filter': '$it' is not supported in $filter"],
    ["$root/accounts eq 'x'", "'$root' is not supported in $filter"],
    ['a eq $this', "'$this' is not supported in $filter"],
    ['order_details/$count gt 0', "Syntax error at position 15 in '$filter': '/$count' is not supported in $filter"],
    ["cast(a,'Edm.String') eq 'x'", "type casts and type tests ('cast') are not supported in $filter"],
    ["isof('Microsoft.Dynamics.CRM.account')", "type casts and type tests ('isof') are not supported"],
    [
      "customerid/Microsoft.Dynamics.CRM.account/name eq 'x'",
      "Syntax error at position 12 in '$filter': type casts such as 'Microsoft.Dynamics.CRM.account' are not supported",
    ],
    [
      "Microsoft.Dynamics.CRM.account eq 'x'",
      "the query function 'Microsoft.Dynamics.CRM.account' needs a parameter list",
    ],
    ["Edm.String eq 'x'", "type casts and qualified names such as 'Edm.String' are not supported"],
    [
      "tolower(name) eq 'x'",
      "Syntax error at position 1 in '$filter': the function 'tolower' is not supported in $filter",
    ],
    ['year(createdon) eq 2024', "the function 'year' is not supported in $filter"],
    ['length(name) gt 3', "the function 'length' is not supported"],
    ['now() gt a', "the function 'now' is not supported"],
    ['geo.distance(a,b) lt 1', "the function 'geo.distance' is not supported"],
    ["frobnicate(name,'x')", "Syntax error at position 1 in '$filter': unknown function 'frobnicate'"],
    ["Contains(name,'x')", "function names are case-sensitive: write 'contains' instead of 'Contains'"],
    ["microsoft.dynamics.crm.In(PropertyName='a',PropertyValues=['1'])", 'the namespace is case-sensitive'],
    ["Other.Namespace.Fn(PropertyName='a')", "unknown function 'Other.Namespace.Fn'"],
    ["duration'P1D' eq a", "typed literals such as duration'...' are not supported"],
    [
      "a eq Microsoft.Dynamics.CRM.Color'Red'",
      "enumeration and typed literals such as Microsoft.Dynamics.CRM.Color'...'",
    ],
    // functions
    ['contains(name)', "Syntax error at position 1 in '$filter': contains() takes exactly 2 arguments but was given 1"],
    ["contains(name,'a','b')", 'contains() takes exactly 2 arguments but was given 3'],
    ['contains()', 'contains() takes exactly 2 arguments but was given 0'],
    [
      "contains(name 'a')",
      "Syntax error at position 15 in '$filter': expected ',' or ')' after 'name' but found ''a''",
    ],
    ["contains(name,'a'", "Syntax error at position 18 in '$filter': missing ')' to close the '(' at position 9"],
    // query functions
    [
      "Microsoft.Dynamics.CRM.In('a')",
      "expected a parameter name such as PropertyName in Microsoft.Dynamics.CRM.In(...) but found ''a''",
    ],
    [
      "Microsoft.Dynamics.CRM.In(PropertyName 'a')",
      "expected '=' after the parameter name 'PropertyName' but found ''a''",
    ],
    [
      "Microsoft.Dynamics.CRM.In(PropertyName='a',PropertyName='b')",
      "the parameter 'PropertyName' is given more than once",
    ],
    [
      'Microsoft.Dynamics.CRM.In(PropertyName=name)',
      "expected a literal value or a [...] collection for the parameter 'PropertyName' but found 'name'",
    ],
    ['Microsoft.Dynamics.CRM.In(PropertyName="a")', 'double-quoted strings are only allowed inside collections'],
    ["Microsoft.Dynamics.CRM.In(PropertyValues=['a' 'b'])", "expected ',' or ']' in the collection but found ''b''"],
    ["Microsoft.Dynamics.CRM.In(PropertyValues=['a',])", "expected a literal value in the collection but found ']'"],
    ["Microsoft.Dynamics.CRM.In(PropertyValues=[['a']])", "expected a literal value in the collection but found '['"],
    ["Microsoft.Dynamics.CRM.In(PropertyValues=['a'", "missing ']' to close the '[' at position 42"],
    // lambdas
    ['order_details/all()', "Syntax error at position 15 in '$filter': all() requires a lambda expression"],
    [
      'order_details/any(d)',
      "Syntax error at position 20 in '$filter': expected ':' after the lambda variable 'd' but found ')'",
    ],
    [
      'order_details/any(1:true)',
      "expected a lambda variable name after 'any(', as in any(d:d/quantity gt 5) but found '1'",
    ],
    ['order_details/any(not:true)', "expected a lambda variable name after 'any('"],
    ['order_details/any(d:d/quantity gt 5', "missing ')' to close the '(' at position 18"],
    ['any(d:d/quantity gt 5)', 'any() must follow a collection-valued navigation property'],
  ])('refuses %j', (text, message) => {
    expect(refusal(text).message).toContain(message);
  });

  it('says the position within the text it was given, offset into the option it came from', () => {
    expect(refusal('a eq', { source: { name: '$expand', offset: 20 } }).message).toBe(
      "Syntax error at position 25 in '$expand': expected a value after 'eq'",
    );
  });
});

describe('parseFilter: hostile input', () => {
  it(`refuses text longer than ${maxFilterLength} characters`, () => {
    const text = `a eq '${'x'.repeat(maxFilterLength)}'`;
    expect(refusal(text).message).toBe(
      `Syntax error at position ${maxFilterLength + 1} in '$filter': the text is longer than the limit of ${maxFilterLength} characters`,
    );
  });

  it('accepts text of exactly the limit', () => {
    const text = `a eq '${'x'.repeat(maxFilterLength - 7)}'`;
    expect(text.length).toBe(maxFilterLength);
    expect(parseFilter(text)).toEqual(eq(prop('a'), str('x'.repeat(maxFilterLength - 7))));
  });

  it(`accepts ${maxNestingDepth} levels of parentheses and refuses one more`, () => {
    const nested = (depth: number) => `${'('.repeat(depth)}a eq 1${')'.repeat(depth)}`;
    expect(parseFilter(nested(maxNestingDepth))).toEqual(a1);
    expect(refusal(nested(maxNestingDepth + 1)).message).toBe(
      `Syntax error at position ${maxNestingDepth + 1} in '$filter': the filter is nested too deeply (more than ${maxNestingDepth} levels of parentheses, 'not' and function calls)`,
    );
  });

  it.each([
    ['parentheses', '('.repeat(maxFilterLength)],
    ['not', 'not '.repeat(maxFilterLength / 4)],
    ['function calls', 'contains('.repeat(3000)],
    ['lambdas', 'a/any(x:'.repeat(4000)],
    ['not and parentheses', '(not '.repeat(6000)],
  ])('refuses deep nesting of %s without exhausting the stack', (_name, text) => {
    expect(refusal(text).message).toContain('nested too deeply');
  });

  it(`refuses a chain more than ${maxExpressionDepth} operators tall`, () => {
    const chain = (terms: number) => Array.from({ length: terms }, (_, index) => `a eq ${index}`).join(' or ');
    const tallest = parseFilter(chain(maxExpressionDepth - 1));
    expect(tallest.kind).toBe('or');
    expect(refusal(chain(maxExpressionDepth + 1)).message).toContain(
      `the filter is too complex: more than ${maxExpressionDepth} nested operators`,
    );
  });

  it('reads a long flat chain of short terms within the length limit or refuses it cleanly', () => {
    const text = Array.from({ length: 6000 }, () => 'a').join(' or ');
    expect(text.length).toBeLessThanOrEqual(maxFilterLength);
    expect(refusal(text).message).toContain('too complex');
  });
});
