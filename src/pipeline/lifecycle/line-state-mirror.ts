/**
 * Every product line shows the state of its record in a read-only column named after it
 * (`opportunitystatecode`, `quotestatecode`, `salesorderstatecode`, `invoicestatecode`), as Sales
 * keeps it: clients filter lines by it without joining their header. A new line takes its record's
 * state; a record that changes state moves its lines' copy with it, as a system write (a new row
 * version, so change tracking reports the lines too).
 */
import type { TableMetadata } from '../../domain/metadata/table-metadata.js';
import type { StateMachine } from '../../sales/state-machine.js';
import { headerTables, lineTables, machineOf, machineOfLine } from '../../sales/state-machines.js';
import type { WriteStep } from '../write-step.js';

const mirrorColumn = (machine: StateMachine) => `${machine.table.logicalName}statecode`;

/** The lines' lookup to their record; a line table always has one. */
const parentColumnOf = (line: TableMetadata) => line.parentLookup!;

export const newLineStateStep: WriteStep = {
  name: "sales lifecycle: a new line shows its record's state",
  stage: 'preOperation',
  tables: lineTables,
  messages: ['Create'],
  async run(context, { table, target }) {
    const machine = machineOfLine(table.logicalName)!;
    const parentId = target[parentColumnOf(table)];
    if (typeof parentId !== 'string') return;
    // Already locked and read by the lifecycle's line step in this unit of work.
    const parent = await context.services.records.find(context.trx, machine.table, parentId, { forUpdate: true });
    target[mirrorColumn(machine)] = parent?.statecode ?? null;
  },
};

export const linesFollowStateStep: WriteStep = {
  name: "sales lifecycle: lines show their record's new state",
  stage: 'postOperation',
  tables: headerTables,
  messages: ['Update'],
  async run(context, { table, id, target, preImage }) {
    if (target.statecode === undefined || target.statecode === preImage?.statecode) return;
    const machine = machineOf(table.logicalName)!;
    for (const line of machine.lines) {
      const lineIds = await context.services.records.referencingIds(context.trx, line, parentColumnOf(line), id);
      await context.unitOfWork.systemWrite.update(line, lineIds, { [mirrorColumn(machine)]: target.statecode });
    }
  },
};
