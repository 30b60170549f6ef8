import { describe, expect, it } from 'vitest';
import { DomainError } from '../domain/errors.js';
import { readConditions } from './conditions.js';

function refusal(headers: Record<string, string>): DomainError {
  try {
    readConditions(headers);
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).kind).toBe('invalidArgument');
    expect((error as DomainError).status).toBe(400);
    return error as DomainError;
  }
  throw new Error(`expected ${JSON.stringify(headers)} to be refused`);
}

describe('readConditions', () => {
  it('has no condition without the headers', () => {
    expect(readConditions({})).toEqual({});
    expect(readConditions({ 'if-match': '', 'if-none-match': '' })).toEqual({});
  });

  it.each([
    ['*', '*'],
    [' * ', '*'],
    ['W/"12"', '12'],
    ['"12"', '12'],
    [' W/"9007199254740993" ', '9007199254740993'],
    ['W/""', ''],
  ])('If-Match %j is the condition %j', (header, condition) => {
    expect(readConditions({ 'if-match': header })).toEqual({ ifMatch: condition });
  });

  it.each([
    ['*', '*'],
    ['W/"12"', '12'],
    ['"12"', '12'],
  ])('If-None-Match %j is the condition %j', (header, condition) => {
    expect(readConditions({ 'if-none-match': header })).toEqual({ ifNoneMatch: condition });
  });

  it.each(['null', ' null '])('If-None-Match %j (Dataverse clients: "no caching") is no condition at all', (header) => {
    expect(readConditions({ 'if-none-match': header })).toEqual({});
  });

  it('reads both headers together', () => {
    expect(readConditions({ 'if-match': 'W/"3"', 'if-none-match': '*' })).toEqual({ ifMatch: '3', ifNoneMatch: '*' });
  });

  it.each(['12', 'W/12', 'w/"12"', '"12', '12"', '"1", "2"', '**', 'W/"1"x', '"a"b"', 'null'])(
    'refuses If-Match %j with a 400 that shows the expected form',
    (header) => {
      expect(refusal({ 'if-match': header }).message).toBe('The If-Match header must be * or an ETag like W/"1234".');
    },
  );

  it.each(['12', 'W/', '"12', 'nul'])('refuses If-None-Match %j with a 400', (header) => {
    expect(refusal({ 'if-none-match': header }).message).toContain('If-None-Match');
  });
});
