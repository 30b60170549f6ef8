import { describe, expect, it } from 'vitest';
import { listStatus } from './list-status';

const accounts = { singular: 'Account', plural: 'Accounts' };

describe('the status line of a list', () => {
  it('counts every record, not only the page shown', () => {
    expect(listStatus({ ...accounts, shown: 25, total: 31, search: '' })).toBe('31 accounts');
  });

  it('names one record in the singular', () => {
    expect(listStatus({ ...accounts, shown: 1, total: 1, search: '' })).toBe('1 account');
  });

  it('says what a search matched', () => {
    expect(listStatus({ ...accounts, shown: 10, total: 10, search: 'branch 1' })).toBe(
      '10 accounts matching “branch 1”',
    );
  });

  it('says when there is nothing yet, or nothing matches the search', () => {
    expect(listStatus({ ...accounts, shown: 0, total: 0, search: '' })).toBe('No accounts yet.');
    expect(listStatus({ ...accounts, shown: 0, total: 0, search: 'zebra' })).toBe('No accounts match “zebra”.');
  });

  it('says nothing of a count the server did not give', () => {
    expect(listStatus({ ...accounts, shown: 25, total: undefined, search: '' })).toBe('');
  });
});
