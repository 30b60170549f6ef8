/**
 * The sales lifecycle in the write pipeline (PRODUCT.md C3, C4): every write to an opportunity, quote,
 * order or invoice, and to their lines, asks the state machines of src/sales whether the record's state
 * allows it; a state change (SetState PATCH, or a message's own write) must be a transition of the
 * machine. The order processing switch may be changed only by the users the seed names.
 *
 * These run first in pre-validation, so a refused write has done nothing when the unit of work rolls
 * back: the row stays exactly as it was.
 */
import { DomainError } from '../../domain/errors.js';
import type { TableMetadata } from '../../domain/metadata/table-metadata.js';
import type { Row } from '../../domain/record.js';
import { INTEGRATION_SWITCH_COLUMN, switchRefusal } from '../../sales/integration-switch.js';
import { editVerdict, type LifecycleFacts, type StateMachine, transitionVerdict } from '../../sales/state-machine.js';
import { headerTables, lineTables, machineOf, machineOfLine } from '../../sales/state-machines.js';
import type { ExecutionContext } from '../execution-context.js';
import type { WriteMessageName, WriteStep } from '../write-step.js';
import { takeGrant } from './message-grants.js';

/** The facts the guards read, for this unit of work and this effective user. */
export async function lifecycleFacts(context: ExecutionContext): Promise<LifecycleFacts> {
  const organization = await context.services.referenceData.organization(context.trx);
  return {
    integrationEnabled: organization[INTEGRATION_SWITCH_COLUMN] === true,
    integrationUser: context.caller.user.isIntegrationUser,
  };
}

/** Today (UTC) as a date-only value. */
export function today(context: ExecutionContext): string {
  return context.services.clock.now().slice(0, 10);
}

const NUMBER_COLUMNS: Readonly<Record<string, string>> = {
  quote: 'quotenumber',
  salesorder: 'ordernumber',
  invoice: 'invoicenumber',
};

/** "order ORD-01001-ABCD", "opportunity 'Big deal'": how an error names a record. */
export function recordLabel(table: TableMetadata, row: Readonly<Row>): string {
  const entity = table.displayName.toLowerCase();
  const number = NUMBER_COLUMNS[table.logicalName];
  if (number && typeof row[number] === 'string') return `${entity} ${String(row[number])}`;
  if (typeof row[table.primaryName] === 'string' && row[table.primaryName] !== '') {
    return `${entity} '${String(row[table.primaryName])}'`;
  }
  return `${entity} ${String(row[table.primaryId])}`;
}

export function stateRefusal(message: string): DomainError {
  return new DomainError('invalidState', message);
}

const VERBS: Readonly<Record<WriteMessageName, string>> = { Create: 'create', Update: 'update', Delete: 'delete' };

function requireEditable(
  machine: StateMachine,
  row: Readonly<Row>,
  facts: LifecycleFacts,
  message: WriteMessageName,
): void {
  const state = row.statecode as number;
  const verdict = editVerdict(machine, state, facts);
  if (verdict.ok) return;
  throw stateRefusal(
    `The ${recordLabel(machine.table, row)} is ${machine.state(state).label} and cannot be ${VERBS[message]}d: ${verdict.reason}.`,
  );
}

const STATE_COLUMNS = new Set(['statecode', 'statuscode']);

/**
 * Headers: an update that only writes columns needs an editable state; a state change needs a
 * transition of the machine, requested the way the machine allows (a SetState PATCH, or the message
 * that granted it). Writing other columns with a SetState needs the current state to be editable.
 * Repeating the current state and status (submitting a Submitted order) changes nothing.
 */
export const salesRecordLifecycleStep: WriteStep = {
  name: 'sales lifecycle: state and editability of opportunities, quotes, orders and invoices',
  stage: 'preValidation',
  tables: headerTables,
  messages: ['Update', 'Delete'],
  async run(context, operation) {
    const machine = machineOf(operation.table.logicalName)!;
    const row = operation.preImage!;
    const facts = await lifecycleFacts(context);
    if (operation.message === 'Delete') {
      requireEditable(machine, row, facts, 'Delete');
      return;
    }
    const granted = takeGrant(context, operation.table.logicalName, operation.id);
    const { target } = operation;
    const changesState = target.statecode !== undefined || target.statuscode !== undefined;
    const writesColumns = Object.keys(target).some((name) => !STATE_COLUMNS.has(name));
    if (!changesState) {
      requireEditable(machine, row, facts, 'Update');
      return;
    }
    const from = row.statecode as number;
    const to = (target.statecode ?? from) as number;
    const status = (target.statuscode ?? row.statuscode) as number;
    const verdict = transitionVerdict(machine, { from, to, status, trigger: granted ?? 'SetState' }, facts);
    if (!verdict.ok) {
      throw stateRefusal(
        `The ${recordLabel(machine.table, row)} cannot move from ${machine.state(from).label} to ${machine.state(to).label} (statuscode ${status}): ${verdict.reason}.`,
      );
    }
    if (!granted) {
      if (to === from && status === row.statuscode && !writesColumns) {
        operation.unchanged = true;
        return;
      }
      if (writesColumns) requireEditable(machine, row, facts, 'Update');
    }
    if (from !== to) {
      for (const column of verdict.value.stampsToday ?? []) {
        if (target[column] === undefined) target[column] = today(context);
      }
    }
  },
};

/**
 * Lines: creating, changing or deleting a product line is a write to its record, allowed exactly when
 * the record is editable. The parent row is locked for the rest of the unit of work, so a line cannot
 * slip into an order that a concurrent request is submitting.
 */
export const salesLineLifecycleStep: WriteStep = {
  name: 'sales lifecycle: lines are written only while their record is editable',
  stage: 'preValidation',
  tables: lineTables,
  messages: ['Create', 'Update', 'Delete'],
  async run(context, operation) {
    const machine = machineOfLine(operation.table.logicalName)!;
    const parentColumn = operation.table.parentLookup!;
    const parentId =
      operation.message === 'Create' ? operation.target[parentColumn] : operation.preImage?.[parentColumn];
    if (typeof parentId !== 'string') return;
    const parentTable = context.services.metadata.table(machine.table.logicalName)!;
    const parent = await context.services.records.find(context.trx, parentTable, parentId, { forUpdate: true });
    if (!parent) return;
    const facts = await lifecycleFacts(context);
    const state = parent.statecode as number;
    const verdict = editVerdict(machine, state, facts);
    if (verdict.ok) return;
    const line = operation.table.displayName.toLowerCase();
    throw stateRefusal(
      `Cannot ${VERBS[operation.message]} ${/^[aeiou]/i.test(line) ? 'an' : 'a'} ${line}: its ${recordLabel(machine.table, parent)} is ${machine.state(state).label}, and ${verdict.reason}.`,
    );
  },
};

/**
 * `organization.issopintegrationenabled` changes only for a System Customizer or System Administrator
 * with a Sales Enterprise or Premium license (the effective user's); anyone else gets a 403.
 */
export const integrationSwitchStep: WriteStep = {
  name: 'order processing integration switch: role and license',
  stage: 'preValidation',
  tables: ['organization'],
  messages: ['Update'],
  run(context, { target, preImage }) {
    const requested = target[INTEGRATION_SWITCH_COLUMN];
    if (requested === undefined) return;
    if ((requested ?? false) === (preImage?.[INTEGRATION_SWITCH_COLUMN] ?? false)) return;
    const refusal = switchRefusal(context.caller.user);
    if (refusal) throw new DomainError('privilegeDenied', refusal);
  },
};
