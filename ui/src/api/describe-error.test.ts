import { describe, expect, it } from 'vitest';
import { describeError } from './describe-error';

describe('describeError', () => {
  it('says in plain words what a missing privilege stops, what to do, and keeps the server’s words', () => {
    const serverMessage =
      'Principal user (Id=5b0c0000-0000-0000-0000-000000000001, type=8, roleCount=1) is missing the write privilege on salesorder.';
    const sentence = describeError({ status: 403, message: serverMessage });
    expect(sentence).toMatch(
      /^You do not have permission to do this: your security role does not let you change orders, or not this one/,
    );
    expect(sentence).toMatch(/Ask the record's owner or your administrator/);
    expect(sentence.endsWith(serverMessage)).toBe(true);
  });

  it('names users and security roles as an administrator would, not by their table names', () => {
    const refusal = (verb: string, table: string) =>
      describeError({
        status: 403,
        message: `Principal user (Id=x, type=8, roleCount=1) is missing the ${verb} privilege on ${table}.`,
      });
    expect(refusal('create', 'systemuser')).toMatch(/your security role does not let you create users,/);
    expect(refusal('append', 'role')).toMatch(/your security role does not let you attach records to security roles,/);
    expect(refusal('write', 'ol_delivery')).toMatch(
      /your security role does not let you change back-office deliveries,/,
    );
    expect(refusal('write', 'ol_connector')).toMatch(
      /your security role does not let you change back-office connectors,/,
    );
  });

  it('keeps the generic lead for other refusals', () => {
    expect(describeError({ status: 403, message: 'Only a System Administrator may do this.' })).toBe(
      'You do not have permission to do this: Only a System Administrator may do this.',
    );
  });
});
