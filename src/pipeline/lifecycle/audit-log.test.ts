import { describe, expect, it } from 'vitest';
import { Decimal } from '../../domain/decimal.js';
import { salesorder } from '../../domain/metadata/tables/salesorder.js';
import { RawJson } from '../../odata/json/json-number.js';
import { changedAttributes } from './audit-log.js';

describe('changedAttributes', () => {
  it('lists only the columns whose value changed, comparing decimals by value', () => {
    const before = {
      name: 'A',
      freightamount: new Decimal('10.50'),
      description: null,
      modifiedon: '2024-01-01T00:00:00Z',
    };
    const after = {
      name: 'B',
      freightamount: new Decimal('10.5'),
      description: null,
      modifiedon: '2024-01-02T00:00:00Z',
    };
    expect(changedAttributes(salesorder, before, after)).toEqual([
      { logicalName: 'name', oldValue: 'A', newValue: 'B' },
    ]);
  });

  it('writes money exactly and treats a missing value as null', () => {
    const changes = changedAttributes(salesorder, undefined, { freightamount: new Decimal('0.1'), name: 'New' });
    expect(changes).toEqual([
      { logicalName: 'name', oldValue: null, newValue: 'New' },
      { logicalName: 'freightamount', oldValue: null, newValue: new RawJson('0.1') },
    ]);
  });

  it('keeps the table a Customer lookup points at beside its id', () => {
    const changes = changedAttributes(
      salesorder,
      { customerid: null },
      { customerid: 'c1', customeridtype: 'account' },
    );
    expect(changes.map((change) => change.logicalName)).toEqual(['customerid', 'customeridtype']);
  });

  it('ignores the stamps every write makes', () => {
    expect(
      changedAttributes(salesorder, { versionnumber: '1', modifiedby: 'u1' }, { versionnumber: '2', modifiedby: 'u2' }),
    ).toEqual([]);
  });
});
