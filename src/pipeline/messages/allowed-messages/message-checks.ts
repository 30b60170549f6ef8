/**
 * The checks `ol_RetrieveAllowedMessages` asks for one message (issue #14), each the very check the
 * message or the write pipeline runs: the privilege (`requireAccess`, src/security/authorization.ts)
 * and the record's state (`editVerdict`, `transitionVerdict`, `sourceVerdict` over
 * src/sales/state-machines.ts, with the integration switch and the submitted-order lock as facts).
 * A check answers nothing to pass, or the reason the server would refuse with; none restates a rule.
 */
import { DomainError } from '../../../domain/errors.js';
import type { TableMetadata } from '../../../domain/metadata/table-metadata.js';
import type { Row } from '../../../domain/record.js';
import {
  editVerdict,
  type LifecycleFacts,
  type MessageName,
  resolveStatus,
  type StateMachine,
  sourceVerdict,
  type Trigger,
  transitionVerdict,
} from '../../../sales/state-machine.js';
import { requireAccess } from '../../../security/authorization.js';
import type { Operation } from '../../../security/role-privileges.js';
import type { QueryContext } from '../message.js';

/** What one check sees: the caller, the record, the facts the guards read. */
export interface CheckContext {
  readonly query: QueryContext;
  readonly table: TableMetadata;
  readonly record: Readonly<Row>;
  readonly facts: LifecycleFacts;
  tableNamed(logicalName: string): TableMetadata;
}

export type Check = (context: CheckContext) => string | undefined;

/** One message a record form offers, with the checks its handler runs, in their order. */
export interface MessageRule {
  readonly name: string;
  readonly checks: readonly Check[];
}

/**
 * Who owns the row the privilege is asked for: the record itself, a row the message creates for the
 * caller (a copy: an order from a quote), or one it creates for the record's owner (a close activity).
 */
type Owner = 'record owner' | 'caller';

export function privilege(operation: Operation, on?: { table: string; ownedBy: Owner }): Check {
  return (context) => {
    const table = on ? context.tableNamed(on.table) : context.table;
    const row = on
      ? { ownerid: on.ownedBy === 'caller' ? context.query.caller.user.userId : (context.record.ownerid ?? null) }
      : context.record;
    try {
      requireAccess(context.query.caller, table, operation, row);
      return undefined;
    } catch (error) {
      if (error instanceof DomainError) return error.message;
      throw error;
    }
  };
}

const stateOf = (context: CheckContext) => context.record.statecode as number;

export function editable(machine: StateMachine): Check {
  return (context) => {
    const verdict = editVerdict(machine, stateOf(context), context.facts);
    return verdict.ok ? undefined : `${machine.readOnlyRule}: ${verdict.reason}`;
  };
}

/** Editing that only a state the machine never allows refuses (RecalculatePrice's rule). */
export function notReadOnly(machine: StateMachine): Check {
  return (context) =>
    machine.editing[stateOf(context)] === 'never'
      ? `the ${machine.state(stateOf(context)).label} ${machine.table.displayName.toLowerCase()} cannot be recalculated: ${machine.readOnlyRule}`
      : undefined;
}

/** The state change `trigger` asks for; status -1 is the target state's default, as the close messages read it. */
export function transition(machine: StateMachine, to: number, status: number, trigger: Trigger): Check {
  return (context) => {
    const resolved = resolveStatus(machine, to, status);
    const verdict = transitionVerdict(
      machine,
      { from: stateOf(context), to, status: resolved, trigger },
      context.facts,
    );
    return verdict.ok ? undefined : verdict.reason;
  };
}

/** A change of state into the state the record is already in: accepted by the server, and changes nothing. */
export function changesState(machine: StateMachine, to: number): Check {
  return (context) =>
    stateOf(context) === to
      ? `the ${machine.table.displayName.toLowerCase()} is already ${machine.state(to).label}`
      : undefined;
}

/** The record may be the source of `message` (ConvertQuoteToSalesOrder, ReviseQuote, Generate...). */
export function source(machine: StateMachine, message: MessageName): Check {
  return (context) => {
    const verdict = sourceVerdict(machine, message, stateOf(context));
    return verdict.ok ? undefined : verdict.reason;
  };
}

/** Checks a message runs only while the record is in `state` (ConvertQuoteToSalesOrder wins an Active quote). */
export function whileIn(state: number, checks: readonly Check[]): Check {
  return (context) => {
    if (stateOf(context) !== state) return undefined;
    for (const check of checks) {
      const reason = check(context);
      if (reason !== undefined) return reason;
    }
    return undefined;
  };
}

/** A close message (WinQuote, LoseOpportunity, FulfillSalesOrder...): the transition, then the close activity. */
export function closeRule(
  machine: StateMachine,
  name: MessageName,
  to: number,
  status: number,
  closeTable: string,
): MessageRule {
  return {
    name,
    // closeRecord: the record's transition (as an update by the caller), then the close activity owned by its owner.
    checks: [
      transition(machine, to, status, name),
      privilege('write'),
      privilege('create', { table: closeTable, ownedBy: 'record owner' }),
    ],
  };
}

/** A SetState PATCH to `to`, offered only when it changes the state (Activate, Reopen, Mark as Paid). */
export function setStateRule(name: string, machine: StateMachine, to: number, status: number): MessageRule {
  return {
    name,
    checks: [transition(machine, to, status, 'SetState'), privilege('write'), changesState(machine, to)],
  };
}

/** A check the message itself answers (`publishRefusal` of PublishProductHierarchy), asked of the record. */
export function messageRule(refusal: (record: Readonly<Row>) => string | undefined): Check {
  return (context) => refusal(context.record);
}

/** The message accepts the record but changes nothing of it: not worth offering (`is already`, like changesState). */
export function changesRecord(changes: (record: Readonly<Row>) => boolean, what: string): Check {
  return (context) => (changes(context.record) ? undefined : what);
}
