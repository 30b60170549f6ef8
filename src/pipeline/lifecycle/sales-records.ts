/**
 * What the sales messages do to records, built on the write pipeline: moving a record through its
 * state machine (the message grants its own transition), copying a record and its lines into a new one,
 * and writing the close activity. Privileges are the caller's: reading the source, creating the copies,
 * writing the record whose state changes.
 */
import { DomainError, recordDoesNotExist } from '../../domain/errors.js';
import { CloseActivityState, CloseActivityStatus } from '../../domain/metadata/named-states.js';
import type { TableMetadata } from '../../domain/metadata/table-metadata.js';
import type { Row } from '../../domain/record.js';
import {
  HEADER_COPY_COLUMNS,
  LINE_COPY_COLUMNS,
  LINE_ORIGIN_COLUMNS,
  sharedColumns,
} from '../../sales/copy-columns.js';
import { type MessageName, type StateMachine, sourceVerdict, transitionVerdict } from '../../sales/state-machine.js';
import { requireAccess } from '../../security/authorization.js';
import { rowsInCreationOrder } from '../../storage/rows-by-column.js';
import type { ExecutionContext } from '../execution-context.js';
import { createRecord, updateRecord, type WriteResult } from '../record-writer.js';
import { findByEntityKey } from '../resolve-key.js';
import type { WriteInput } from '../write-input.js';
import { checkWritable } from '../write-validation.js';
import { lifecycleFacts, recordLabel, stateRefusal } from './lifecycle-steps.js';
import { grantTransition } from './message-grants.js';

export function tableOf(context: ExecutionContext, logicalName: string): TableMetadata {
  return context.services.metadata.table(logicalName)!;
}

/** The line table of a machine's header (`quotedetail` for quotes). */
export function lineTableOf(context: ExecutionContext, machine: StateMachine): TableMetadata {
  return tableOf(context, machine.lines[0]!.logicalName);
}

/** The row a message names, locked for the rest of the unit of work, readable by the caller. */
export async function loadRecord(context: ExecutionContext, table: TableMetadata, id: string): Promise<Row> {
  const row = await context.services.records.find(context.trx, table, id, { forUpdate: true });
  if (!row) throw recordDoesNotExist(table.logicalName, id);
  requireAccess(context.caller, table, 'read', row);
  return row;
}

/** Refuses a message whose source record is not in a state the machine allows for it. */
export function requireSource(machine: StateMachine, message: MessageName, row: Readonly<Row>): void {
  const verdict = sourceVerdict(machine, message, row.statecode as number);
  if (!verdict.ok)
    throw stateRefusal(`${message} cannot use the ${recordLabel(machine.table, row)}: ${verdict.reason}.`);
}

/** Refuses early (before anything is written) a transition the machine would refuse. */
export async function requireTransition(
  context: ExecutionContext,
  machine: StateMachine,
  row: Readonly<Row>,
  to: number,
  status: number,
  message: MessageName,
): Promise<void> {
  const from = row.statecode as number;
  const verdict = transitionVerdict(machine, { from, to, status, trigger: message }, await lifecycleFacts(context));
  if (!verdict.ok) {
    throw stateRefusal(
      `${message} cannot move the ${recordLabel(machine.table, row)} from ${machine.state(from).label} to ${machine.state(to).label}: ${verdict.reason}.`,
    );
  }
}

/** Moves a record to `to`/`status` as `message` does: checked, granted, written with the caller's rights. */
export async function changeState(
  context: ExecutionContext,
  machine: StateMachine,
  row: Readonly<Row>,
  to: number,
  status: number,
  message: MessageName,
  extra: Row = {},
): Promise<WriteResult> {
  await requireTransition(context, machine, row, to, status, message);
  const table = tableOf(context, machine.table.logicalName);
  const id = row[table.primaryId] as string;
  grantTransition(context, table.logicalName, id, message);
  return updateRecord(context, table, id, {
    attributes: { ...extra, statecode: to, statuscode: status },
    bindings: [],
  });
}

/**
 * Creates a row the server fills in (copies, close activities), which may carry columns a client may
 * not set: the caller must hold the create privilege for a row owned by `owner`.
 */
async function createOnBehalf(context: ExecutionContext, table: TableMetadata, input: WriteInput, owner: string) {
  requireAccess(context.caller, table, 'create', { ownerid: owner });
  return createRecord(context, table, input, { asSystem: true });
}

function copyValues(source: TableMetadata, target: TableMetadata, row: Readonly<Row>, list: readonly string[]): Row {
  const values: Row = {};
  for (const name of sharedColumns(source, target, list)) {
    const value = row[name];
    if (value === null || value === undefined) continue;
    values[name] = value;
    const column = target.columns.find((candidate) => candidate.name === name);
    if (column?.type === 'customer') values[`${name}type`] = row[`${name}type`] ?? null;
  }
  return values;
}

/** A new header copied from `row` (the deal, terms, totals, addresses), plus `links`. */
export async function copyHeader(
  context: ExecutionContext,
  source: TableMetadata,
  row: Readonly<Row>,
  target: TableMetadata,
  links: Row,
): Promise<WriteResult> {
  const attributes = { ...copyValues(source, target, row, HEADER_COPY_COLUMNS), ...links };
  return createOnBehalf(context, target, { attributes, bindings: [] }, context.caller.user.userId);
}

async function linesOf(context: ExecutionContext, table: TableMetadata, parentId: string): Promise<Row[]> {
  const stored = await rowsInCreationOrder(context.trx, table, table.parentLookup!, parentId);
  const rows = stored.map((row) => context.services.records.decodeRow(table, row));
  // Bundle lines before the lines they hold, so a child's parentbundleid can be mapped to the new parent.
  return [...rows.filter((row) => !row.parentbundleid), ...rows.filter((row) => row.parentbundleid)];
}

/**
 * Copies the lines of `sourceHeader` (a `sourceLines` parent) under `targetHeader`, keeping the link
 * back to each original line where the target table has one (`salesorderdetail.quotedetailid`).
 */
export async function copyLines(
  context: ExecutionContext,
  sourceLines: TableMetadata,
  sourceHeaderId: string,
  targetLines: TableMetadata,
  targetHeader: Readonly<Row>,
): Promise<number> {
  const lines = await linesOf(context, sourceLines, sourceHeaderId);
  const origin = LINE_ORIGIN_COLUMNS[targetLines.logicalName];
  const newIds = new Map<string, string>();
  for (const line of lines) {
    const attributes = copyValues(sourceLines, targetLines, line, LINE_COPY_COLUMNS);
    const name = line[sourceLines.primaryName];
    if (typeof name === 'string') attributes[targetLines.primaryName] = name;
    attributes[targetLines.parentLookup!] = targetHeader[tableKeyOf(context, targetLines)] as string;
    attributes.transactioncurrencyid = targetHeader.transactioncurrencyid ?? null;
    attributes.iscopied = true;
    if (origin?.from === sourceLines.logicalName) attributes[origin.column] = line[sourceLines.primaryId]!;
    if (typeof line.parentbundleid === 'string') attributes.parentbundleid = newIds.get(line.parentbundleid) ?? null;
    const created = await createOnBehalf(
      context,
      targetLines,
      { attributes, bindings: [] },
      String(targetHeader.ownerid),
    );
    newIds.set(line[sourceLines.primaryId] as string, created.id);
  }
  return lines.length;
}

/** The primary key column of the header a line table hangs under. */
function tableKeyOf(context: ExecutionContext, lines: TableMetadata): string {
  const column = context.services.metadata.column(lines, lines.parentLookup!);
  const parent = column && 'targets' in column ? context.services.metadata.table(column.targets[0]!.table) : undefined;
  return parent!.primaryId;
}

/** Lines of an existing record must share its currency: copying across currencies is refused. */
export function requireSameCurrency(
  source: TableMetadata,
  sourceRow: Readonly<Row>,
  target: TableMetadata,
  targetRow: Readonly<Row>,
) {
  const from = sourceRow.transactioncurrencyid ?? null;
  const to = targetRow.transactioncurrencyid ?? null;
  if (from !== null && to !== null && from !== to) {
    throw new DomainError(
      'invalidArgument',
      `The ${recordLabel(source, sourceRow)} and the ${recordLabel(target, targetRow)} use different currencies: products can only be copied between records of one currency.`,
    );
  }
}

/**
 * The close activity of a message (QuoteClose, OrderClose, OpportunityClose): the client's columns,
 * checked as a create would check them, Completed and tied to the closed record.
 */
export async function createCloseActivity(
  context: ExecutionContext,
  closeTable: TableMetadata,
  input: WriteInput,
  parent: Readonly<Row>,
  defaults: Row,
): Promise<WriteResult> {
  const parentColumn = closeTable.parentLookup!;
  const bindings = input.bindings.filter((binding) => binding.column.name !== parentColumn);
  checkWritable(closeTable, { attributes: input.attributes, bindings }, 'create', context.caller);
  const attributes: Row = {
    ...defaults,
    ...input.attributes,
    [parentColumn]: parentIdOf(context, closeTable, parent),
    statecode: CloseActivityState.Completed,
    statuscode: CloseActivityStatus.Completed,
  };
  return createOnBehalf(context, closeTable, { attributes, bindings }, String(parent.ownerid));
}

function parentIdOf(context: ExecutionContext, closeTable: TableMetadata, parent: Readonly<Row>): string {
  return parent[tableKeyOf(context, closeTable)] as string;
}

/** The record a close activity names through its parent lookup (`quoteid@odata.bind`), locked and readable. */
export async function closedRecord(
  context: ExecutionContext,
  input: WriteInput,
  closeTable: TableMetadata,
  parameter: string,
): Promise<Row> {
  const parentColumn = closeTable.parentLookup!;
  const binding = input.bindings.find((candidate) => candidate.column.name === parentColumn);
  if (!binding || binding.key === null) {
    throw new DomainError(
      'invalidArgument',
      `The parameter '${parameter}' must name the record it closes with "${parentColumn}@odata.bind".`,
    );
  }
  const row = await findByEntityKey(context, binding.target, binding.key, { forUpdate: true });
  if (!row) throw recordDoesNotExist(binding.target.logicalName, binding.key);
  requireAccess(context.caller, binding.target, 'read', row);
  return row;
}
