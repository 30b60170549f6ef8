/**
 * `ol_RetrieveAllowedMessages` (issue #14): which messages the caller may run on one record now, so a
 * client offers only those. It asks the very checks the messages and the write pipeline run, in the
 * order they run them: the privilege (`requireAccess`, src/security/authorization.ts), the record's
 * state (`editVerdict`, `transitionVerdict`, `sourceVerdict` over src/sales/state-machines.ts), the
 * integration switch and the submitted-order lock (the lifecycle facts). Nothing here restates a rule;
 * each entry only names which checks its message runs. Each refused message carries the first reason,
 * the sentence the server would answer with.
 *
 * Sales orders are covered, and the organization's Update (the Sales settings page asks whether the
 * caller may change the settings); other tables answer 400 until their catalogues are added here.
 */
import { DomainError, invalidArgument, recordDoesNotExist } from '../../domain/errors.js';
import { SalesOrderState, SalesOrderStatus } from '../../domain/metadata/named-states.js';
import type { TableMetadata } from '../../domain/metadata/table-metadata.js';
import type { Row } from '../../domain/record.js';
import { INTEGRATION_SWITCH_COLUMN } from '../../sales/integration-switch.js';
import {
  editVerdict,
  type LifecycleFacts,
  type StateMachine,
  sourceVerdict,
  type Trigger,
  transitionVerdict,
} from '../../sales/state-machine.js';
import { salesorderMachine } from '../../sales/state-machines.js';
import { requireAccess } from '../../security/authorization.js';
import type { Operation } from '../../security/role-privileges.js';
import type { Query, QueryContext } from './message.js';

export interface AllowedMessagesInput {
  readonly entityName: string;
  readonly entityId: string;
}

export interface MessageVerdict {
  readonly name: string;
  readonly allowed: boolean;
  /** Why not, as the server would refuse it; null when allowed. */
  readonly reason: string | null;
}

/** What one check sees: the caller, the record, the facts the guards read. */
interface CheckContext {
  readonly query: QueryContext;
  readonly table: TableMetadata;
  readonly record: Readonly<Row>;
  readonly facts: LifecycleFacts;
  tableNamed(logicalName: string): TableMetadata;
}

/** A check answers nothing to pass, or the reason the server would refuse with. */
type Check = (context: CheckContext) => string | undefined;

function privilege(operation: Operation, on?: { table: string; ownedBy: 'record owner' | 'caller' }): Check {
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

function editable(machine: StateMachine): Check {
  return (context) => {
    const verdict = editVerdict(machine, stateOf(context), context.facts);
    return verdict.ok ? undefined : `${machine.readOnlyRule}: ${verdict.reason}`;
  };
}

/** Editing that only a state the machine never allows refuses (RecalculatePrice's rule). */
function notReadOnly(machine: StateMachine): Check {
  return (context) =>
    machine.editing[stateOf(context)] === 'never'
      ? `the ${machine.state(stateOf(context)).label} ${machine.table.displayName.toLowerCase()} cannot be recalculated: ${machine.readOnlyRule}`
      : undefined;
}

function transition(machine: StateMachine, to: number, status: number, trigger: Trigger): Check {
  return (context) => {
    const verdict = transitionVerdict(machine, { from: stateOf(context), to, status, trigger }, context.facts);
    return verdict.ok ? undefined : verdict.reason;
  };
}

/** A change of state into the state the record is already in: accepted by the server, and changes nothing. */
function changesState(machine: StateMachine, to: number): Check {
  return (context) =>
    stateOf(context) === to
      ? `the ${machine.table.displayName.toLowerCase()} is already ${machine.state(to).label}`
      : undefined;
}

function source(machine: StateMachine, message: 'ConvertSalesOrderToInvoice'): Check {
  return (context) => {
    const verdict = sourceVerdict(machine, message, stateOf(context));
    return verdict.ok ? undefined : verdict.reason;
  };
}

interface MessageRule {
  readonly name: string;
  readonly checks: readonly Check[];
}

const order = salesorderMachine;
const closeOrder = (to: number, status: number, name: 'FulfillSalesOrder' | 'CancelSalesOrder'): MessageRule => ({
  name,
  // closeRecord: the record's transition (as an update by the caller), then the close activity owned by its owner.
  checks: [
    transition(order, to, status, name),
    privilege('write'),
    privilege('create', { table: 'orderclose', ownedBy: 'record owner' }),
  ],
});

/** Per table, the messages a record form offers, each with the checks its handler runs. */
const CATALOGUES: Readonly<Record<string, readonly MessageRule[]>> = {
  salesorder: [
    { name: 'Update', checks: [privilege('write'), editable(order)] },
    { name: 'Delete', checks: [privilege('delete'), editable(order)] },
    {
      name: 'ol_SubmitSalesOrder',
      // Last: submitting a Submitted order is accepted and changes nothing, which is not worth offering.
      checks: [
        transition(order, SalesOrderState.Submitted, SalesOrderStatus.InProgress, 'ol_SubmitSalesOrder'),
        privilege('write'),
        changesState(order, SalesOrderState.Submitted),
      ],
    },
    {
      // Reopen: SetState back to Active (a PATCH of statecode and statuscode only).
      name: 'SetStateActive',
      checks: [
        transition(order, SalesOrderState.Active, SalesOrderStatus.New, 'SetState'),
        privilege('write'),
        changesState(order, SalesOrderState.Active),
      ],
    },
    closeOrder(SalesOrderState.Fulfilled, SalesOrderStatus.Complete, 'FulfillSalesOrder'),
    closeOrder(SalesOrderState.Canceled, SalesOrderStatus.NoMoney, 'CancelSalesOrder'),
    {
      name: 'ConvertSalesOrderToInvoice',
      checks: [
        source(order, 'ConvertSalesOrderToInvoice'),
        transition(order, SalesOrderState.Invoiced, SalesOrderStatus.Invoiced, 'ConvertSalesOrderToInvoice'),
        privilege('create', { table: 'invoice', ownedBy: 'caller' }),
        privilege('write'),
      ],
    },
    // Updates of ispricelocked through the pipeline.
    { name: 'LockSalesOrderPricing', checks: [privilege('write'), editable(order)] },
    { name: 'UnlockSalesOrderPricing', checks: [privilege('write'), editable(order)] },
    { name: 'RecalculatePrice', checks: [privilege('write'), notReadOnly(order)] },
  ],
  // The sales settings: a write privilege on the one row (the integration switch has its own rule).
  organization: [{ name: 'Update', checks: [privilege('write')] }],
};

export const ALLOWED_MESSAGE_TABLES = Object.keys(CATALOGUES);

export const retrieveAllowedMessages: Query<AllowedMessagesInput, MessageVerdict[]> = async (context, input) => {
  const { services, trx, caller } = context;
  const rules = CATALOGUES[input.entityName];
  if (!rules) {
    throw invalidArgument(
      `ol_RetrieveAllowedMessages answers for ${ALLOWED_MESSAGE_TABLES.join(', ')}; '${input.entityName}' is not one of them.`,
    );
  }
  const table = services.metadata.table(input.entityName)!;
  const record = await services.records.find(trx, table, input.entityId);
  if (!record) throw recordDoesNotExist(table.logicalName, input.entityId);
  // A record the caller may not read is answered as every read of it is.
  requireAccess(caller, table, 'read', record);
  const organization = await services.referenceData.organization(trx);
  const checkContext: CheckContext = {
    query: context,
    table,
    record,
    facts: {
      integrationEnabled: organization[INTEGRATION_SWITCH_COLUMN] === true,
      integrationUser: caller.user.isIntegrationUser,
    },
    tableNamed: (logicalName) => services.metadata.table(logicalName)!,
  };
  return rules.map((rule) => {
    for (const check of rule.checks) {
      const reason = check(checkContext);
      if (reason !== undefined) return { name: rule.name, allowed: false, reason };
    }
    return { name: rule.name, allowed: true, reason: null };
  });
};
