import { describe, expect, it } from 'vitest';
import { invoice } from '../domain/metadata/tables/invoice.js';
import { opportunity } from '../domain/metadata/tables/opportunity.js';
import { opportunityproduct } from '../domain/metadata/tables/opportunityproduct.js';
import { quote } from '../domain/metadata/tables/quote.js';
import { salesorder } from '../domain/metadata/tables/salesorder.js';
import { salesorderdetail } from '../domain/metadata/tables/salesorderdetail.js';
import { combinedAccess } from '../security/role-privileges.js';
import { HEADER_COPY_COLUMNS, LINE_COPY_COLUMNS, sharedColumns } from './copy-columns.js';
import { switchRefusal } from './integration-switch.js';
import {
  defineStateMachine,
  editVerdict,
  type LifecycleFacts,
  resolveStatus,
  sourceVerdict,
  transitionVerdict,
} from './state-machine.js';
import {
  invoiceMachine,
  machineOf,
  machineOfLine,
  opportunityMachine,
  quoteMachine,
  salesorderMachine,
  stateMachines,
} from './state-machines.js';

const OFF: LifecycleFacts = { integrationEnabled: false, integrationUser: false };
const ON: LifecycleFacts = { integrationEnabled: true, integrationUser: false };
const ON_IU: LifecycleFacts = { integrationEnabled: true, integrationUser: true };

describe('state machines are checked against the table metadata', () => {
  it('every state of every machine has an editing rule, and every transition names real states and statuses', () => {
    for (const machine of stateMachines) {
      for (const state of machine.table.states)
        expect(machine.editing[state.value], `${machine.table.logicalName} ${state.label}`).toBeDefined();
      for (const transition of machine.transitions) {
        const to = machine.state(transition.to);
        for (const status of transition.statuses ?? []) expect(to.statuses.map((s) => s.value)).toContain(status);
      }
    }
  });

  it('refuses to define a machine naming a state the metadata lacks', () => {
    expect(() =>
      defineStateMachine({
        table: quote,
        lines: [],
        readOnlyRule: 'x',
        editing: { 0: 'always', 1: 'never', 2: 'never', 3: 'never' },
        transitions: [{ from: 0, to: 9, via: ['SetState'] }],
      }),
    ).toThrow(/state 9/);
  });

  it('refuses to define a machine with a status of another state, or a state without an editing rule', () => {
    expect(() =>
      defineStateMachine({
        table: quote,
        lines: [],
        readOnlyRule: 'x',
        editing: { 0: 'always', 1: 'never', 2: 'never', 3: 'never' },
        transitions: [{ from: 1, to: 2, via: ['WinQuote'], statuses: [5] }],
      }),
    ).toThrow(/status 5/);
    expect(() =>
      defineStateMachine({ table: quote, lines: [], readOnlyRule: 'x', editing: { 0: 'always' }, transitions: [] }),
    ).toThrow(/no editing rule/);
  });

  it('finds the machine of a header and of its lines', () => {
    expect(machineOf('salesorder')).toBe(salesorderMachine);
    expect(machineOfLine('salesorderdetail')).toBe(salesorderMachine);
    expect(machineOfLine('opportunityproduct')).toBe(opportunityMachine);
    expect(machineOf('account')).toBeUndefined();
  });
});

describe('editability', () => {
  it.each([
    [opportunityMachine, 0, true],
    [opportunityMachine, 1, false],
    [opportunityMachine, 2, false],
    [quoteMachine, 0, true],
    [quoteMachine, 1, false],
    [quoteMachine, 2, false],
    [quoteMachine, 3, false],
    [salesorderMachine, 0, true],
    [salesorderMachine, 2, false],
    [salesorderMachine, 4, false],
    [invoiceMachine, 0, true],
    [invoiceMachine, 2, false],
    [invoiceMachine, 3, false],
  ])('%s in state %i is editable: %s', (machine, state, editable) => {
    expect(editVerdict(machine, state, ON_IU).ok).toBe(editable);
    expect(editVerdict(machine, state, OFF).ok).toBe(editable);
  });

  it('a Fulfilled order takes back-office writes (a partial delivery goes on) and nobody else', () => {
    expect(editVerdict(salesorderMachine, 3, ON_IU).ok).toBe(true);
    expect(editVerdict(salesorderMachine, 3, ON).ok).toBe(false);
    expect(editVerdict(salesorderMachine, 3, OFF).ok).toBe(false);
  });

  it('a Submitted order is editable only by an integration user while the integration is on', () => {
    expect(editVerdict(salesorderMachine, 1, ON_IU).ok).toBe(true);
    const locked = editVerdict(salesorderMachine, 1, ON);
    expect(locked.ok).toBe(false);
    if (!locked.ok) expect(locked.reason).toMatch(/locked/);
    const off = editVerdict(salesorderMachine, 1, { integrationEnabled: false, integrationUser: true });
    expect(off.ok).toBe(false);
    if (!off.ok) expect(off.reason).toMatch(/only active orders/);
  });
});

describe('transitions', () => {
  it('submits an Active order only while the integration is on, by SetState or ol_SubmitSalesOrder', () => {
    expect(transitionVerdict(salesorderMachine, { from: 0, to: 1, status: 3, trigger: 'SetState' }, ON).ok).toBe(true);
    expect(
      transitionVerdict(salesorderMachine, { from: 0, to: 1, status: 3, trigger: 'ol_SubmitSalesOrder' }, ON).ok,
    ).toBe(true);
    const off = transitionVerdict(salesorderMachine, { from: 0, to: 1, status: 3, trigger: 'SetState' }, OFF);
    expect(off.ok).toBe(false);
    if (!off.ok) expect(off.reason).toMatch(/integration is off/);
  });

  it('stamps submitdate on Submit', () => {
    const verdict = transitionVerdict(salesorderMachine, { from: 0, to: 1, status: 3, trigger: 'SetState' }, ON);
    expect(verdict.ok && verdict.value.stampsToday).toEqual(['submitdate']);
  });

  it('refuses a close by SetState and names the message that does it', () => {
    const verdict = transitionVerdict(opportunityMachine, { from: 0, to: 1, status: 3, trigger: 'SetState' }, OFF);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.reason).toMatch(/only through WinOpportunity/);
  });

  it('refuses a transition that does not exist and lists the ways out', () => {
    const verdict = transitionVerdict(quoteMachine, { from: 0, to: 2, status: 4, trigger: 'WinQuote' }, OFF);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.reason).toMatch(/cannot go from Draft to Won.*Active/);
  });

  it('refuses a status the transition does not give', () => {
    const verdict = transitionVerdict(quoteMachine, { from: 1, to: 3, status: 5, trigger: 'ReviseQuote' }, OFF);
    expect(verdict.ok).toBe(false);
    expect(transitionVerdict(quoteMachine, { from: 1, to: 3, status: 5, trigger: 'CloseQuote' }, OFF).ok).toBe(true);
  });

  it('keeps Create Invoice from orders for when the integration is off', () => {
    expect(
      transitionVerdict(
        salesorderMachine,
        { from: 0, to: 4, status: 100003, trigger: 'ConvertSalesOrderToInvoice' },
        OFF,
      ).ok,
    ).toBe(true);
    expect(
      transitionVerdict(
        salesorderMachine,
        { from: 0, to: 4, status: 100003, trigger: 'ConvertSalesOrderToInvoice' },
        ON,
      ).ok,
    ).toBe(false);
  });

  it('lets only the back office fulfil or cancel a submitted order while the integration is on', () => {
    for (const [to, status, trigger] of [
      [3, 100001, 'FulfillSalesOrder'],
      [2, 4, 'CancelSalesOrder'],
    ] as const) {
      expect(transitionVerdict(salesorderMachine, { from: 1, to, status, trigger }, ON).ok).toBe(false);
      expect(transitionVerdict(salesorderMachine, { from: 1, to, status, trigger }, ON_IU).ok).toBe(true);
      expect(transitionVerdict(salesorderMachine, { from: 1, to, status, trigger }, OFF).ok).toBe(true);
    }
  });

  it('reads -1 as the default status of the target state', () => {
    expect(resolveStatus(quoteMachine, 2, -1)).toBe(4);
    expect(resolveStatus(quoteMachine, 3, -1)).toBe(7);
    expect(resolveStatus(salesorderMachine, 3, -1)).toBe(100001);
    expect(resolveStatus(salesorderMachine, 3, 100002)).toBe(100002);
  });

  it('allows messages to read a record only from the states they need', () => {
    expect(sourceVerdict(opportunityMachine, 'GenerateQuoteFromOpportunity', 0).ok).toBe(true);
    expect(sourceVerdict(opportunityMachine, 'GenerateQuoteFromOpportunity', 1).ok).toBe(false);
    expect(sourceVerdict(quoteMachine, 'ConvertQuoteToSalesOrder', 2).ok).toBe(true);
    expect(sourceVerdict(quoteMachine, 'ConvertQuoteToSalesOrder', 0).ok).toBe(false);
    expect(sourceVerdict(quoteMachine, 'ReviseQuote', 2).ok).toBe(false);
  });
});

describe('the integration switch rule', () => {
  it.each([
    [['System Administrator'], 3, true],
    [['System Administrator'], 2, true],
    [['System Customizer'], 2, true],
    [['System Customizer'], 1, false],
    [['System Customizer'], 0, false],
    [['System Administrator'], 0, false],
    [['Sales Manager'], 3, false],
    [['Salesperson', 'Delegate'], 3, false],
  ])('roles %j with license %i may change it: %s', (roles, license, allowed) => {
    expect(switchRefusal({ ...combinedAccess(roles), salesLicense: license }) === undefined).toBe(allowed);
  });
});

describe('copy lists', () => {
  it('copy what both tables have', () => {
    const header = sharedColumns(opportunity, quote, HEADER_COPY_COLUMNS);
    expect(header).toContain('customerid');
    expect(header).not.toContain('shipto_line1');
    expect(sharedColumns(salesorder, invoice, HEADER_COPY_COLUMNS)).toContain('ispricelocked');
    expect(sharedColumns(quote, quote, HEADER_COPY_COLUMNS)).toContain('effectiveto');
    const lines = sharedColumns(opportunityproduct, salesorderdetail, LINE_COPY_COLUMNS);
    expect(lines).toEqual(
      expect.arrayContaining(['productid', 'priceperunit', 'quantity', 'manualdiscountamount', 'tax']),
    );
    expect(lines).not.toContain('salesrepid');
  });
});
