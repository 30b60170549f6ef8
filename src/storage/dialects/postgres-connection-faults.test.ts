import { describe, expect, it } from 'vitest';
import { DatabaseUnavailable, isConnectionFault, RETRY_AFTER_SECONDS } from './postgres-connection-faults.js';

const withCode = (code: string, message = 'failed') => Object.assign(new Error(message), { code });

describe('connection faults of PostgreSQL', () => {
  it.each([
    ['a refused connection', withCode('ECONNREFUSED')],
    ['a reset connection', withCode('ECONNRESET')],
    ['the server shutting down (57P01)', withCode('57P01', 'terminating connection due to administrator command')],
    ['the server starting up (57P03)', withCode('57P03', 'the database system is starting up')],
    ['a connection exception (class 08)', withCode('08006')],
    ['too many connections (53300)', withCode('53300')],
    ['pg losing the connection under a query', new Error('Connection terminated unexpectedly')],
    ['a client already broken', new Error('Client has encountered a connection error and is not queryable')],
  ])('%s is one', (_name, error) => {
    expect(isConnectionFault(error)).toBe(true);
  });

  it.each([
    ['a unique violation', withCode('23505')],
    ['a statement timeout', withCode('57014')],
    ['a serialization failure', withCode('40001')],
    ['a plain bug', new TypeError('x is undefined')],
    ['not an error at all', 'ECONNREFUSED'],
  ])('%s is not', (_name, error) => {
    expect(isConnectionFault(error)).toBe(false);
  });

  it('is refused with 503, Retry-After and a message saying whether anything may have been saved', () => {
    const notSaved = new DatabaseUnavailable(true, withCode('ECONNREFUSED'));
    expect(notSaved.status).toBe(503);
    expect(notSaved.code).toBe('0x80044150');
    expect(notSaved.headers).toEqual({ 'Retry-After': String(RETRY_AFTER_SECONDS) });
    expect(notSaved.message).toMatch(/nothing was saved/);
    expect(new DatabaseUnavailable(false, undefined).message).toMatch(/may or may not have been saved/);
  });
});
