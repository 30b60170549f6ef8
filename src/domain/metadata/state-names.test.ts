import { describe, expect, expectTypeOf, it } from 'vitest';
import { state } from './define-table.js';
import {
  CloseActivityStatus,
  InvoiceStatus,
  OpportunityStatus,
  QuoteState,
  QuoteStatus,
  SalesOrderState,
  SalesOrderStatus,
} from './named-states.js';
import { pascalCase, stateNames, statusNames } from './state-names.js';
import { allTables } from './tables/all-tables.js';

describe('state names', () => {
  it('a state is named by its label in PascalCase, typed as its code', () => {
    expect(SalesOrderState.Submitted).toBe(1);
    expect(SalesOrderState.Invoiced).toBe(4);
    expectTypeOf(SalesOrderState.Submitted).toEqualTypeOf<1>();
    expectTypeOf(QuoteState.Closed).toEqualTypeOf<3>();
  });

  it('a status is named by its label, typed as its code', () => {
    expect(SalesOrderStatus.InProgress).toBe(3);
    expect(QuoteStatus.Revised).toBe(7);
    expect(CloseActivityStatus.Completed).toBe(2);
    expectTypeOf(SalesOrderStatus.Partial).toEqualTypeOf<100002>();
  });

  it('hyphens and parentheses split words like spaces do', () => {
    expect(pascalCase('Out-Sold')).toBe('OutSold');
    expect(pascalCase('Closed (deprecated)')).toBe('ClosedDeprecated');
    expect(OpportunityStatus.OutSold).toBe(5);
    expect(InvoiceStatus.PaidInFullDeprecated).toBe(7);
    expect(InvoiceStatus.BookedAppliesToServices).toBe(5);
    expectTypeOf(InvoiceStatus.CanceledDeprecated).toEqualTypeOf<3>();
  });

  it('statuses sharing a label are both prefixed with their state, and the bare label names neither', () => {
    expect(QuoteStatus.DraftInProgress).toBe(1);
    expect(QuoteStatus.ActiveInProgress).toBe(2);
    expect('InProgress' in QuoteStatus).toBe(false);
    expectTypeOf(QuoteStatus).not.toHaveProperty('InProgress');
  });

  it('labels that still collide are refused', () => {
    const table = { logicalName: 'twins', states: [state(0, 'Open', 1, { 1: 'New', 2: 'New' })] };
    expect(() => statusNames(table)).toThrow("twins: two states or statuses are both named 'OpenNew'");
  });

  it('a label that makes no name is refused', () => {
    const table = { logicalName: 'odd', states: [state(0, 'On/Off', 1, { 1: 'On' })] };
    expect(() => stateNames(table)).toThrow('odd');
  });

  it.each(allTables.filter((table) => table.states.length > 0))(
    'names every state and status of $logicalName',
    (table) => {
      const states = stateNames(table);
      const statuses = statusNames(table);
      expect(Object.values(states).sort()).toEqual(table.states.map((each) => each.value).sort());
      expect(Object.values(statuses).sort()).toEqual(
        table.states.flatMap((each) => each.statuses.map((status) => status.value)).sort(),
      );
    },
  );
});
