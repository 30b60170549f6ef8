/**
 * The audit log (PRODUCT.md C6): every create, update and delete of an order, an order line, an invoice,
 * an invoice line or the organization settings leaves one `audit` row in the same unit of work: who
 * (the effective user), on behalf of whom (the real caller when impersonating), when, what, and the old
 * and new values of the columns that changed, as Dataverse's `changedata` JSON
 * (`{"changedAttributes":[{"logicalName","oldValue","newValue"}]}`).
 *
 * Audit rows are written beside the pipeline, not through it: no step runs on them, and the API can only
 * read them (every write to `audits` is refused).
 */
import { randomUUID } from 'node:crypto';
import { Decimal, formatDecimal } from '../../domain/decimal.js';
import { DomainError } from '../../domain/errors.js';
import type { TableMetadata } from '../../domain/metadata/table-metadata.js';
import { AUDITED_TABLES } from '../../domain/metadata/tables/audit.js';
import type { FieldValue, Row } from '../../domain/record.js';
import { RawJson } from '../../odata/json/json-number.js';
import { type Writable, writeJson } from '../../odata/json/json-writer.js';
import type { ExecutionContext } from '../execution-context.js';
import { defineSlot } from '../unit-of-work-slots.js';
import type { AssociationStep, WriteMessageName, WriteStep } from '../write-step.js';

const OPERATION_CODES: Readonly<Record<WriteMessageName, number>> = { Create: 1, Update: 2, Delete: 3 };

/** Stamps every write makes; they say nothing an audit row does not already say. */
const STAMPS = new Set([
  'createdon',
  'createdby',
  'createdonbehalfby',
  'modifiedon',
  'modifiedby',
  'modifiedonbehalfby',
  'versionnumber',
]);

/** One id per unit of work, so the audit rows of one request (or change set) can be told apart. */
const transactionId = defineSlot('audit transaction id', () => randomUUID());

function same(a: FieldValue | undefined, b: FieldValue | undefined): boolean {
  const left = a ?? null;
  const right = b ?? null;
  if (left instanceof Decimal && right instanceof Decimal) return left.eq(right);
  return left === right;
}

function auditValue(value: FieldValue | undefined): Writable {
  if (value === undefined || value === null) return null;
  return value instanceof Decimal ? new RawJson(formatDecimal(value)) : value;
}

type ChangedAttribute = {
  readonly logicalName: string;
  readonly oldValue: Writable;
  readonly newValue: Writable;
};

/** The columns a write changed, with their values before and after. */
export function changedAttributes(
  table: TableMetadata,
  before: Readonly<Row> | undefined,
  after: Readonly<Row> | undefined,
): ChangedAttribute[] {
  const changes: ChangedAttribute[] = [];
  for (const column of table.columns) {
    if (STAMPS.has(column.name)) continue;
    const names = column.type === 'customer' ? [column.name, `${column.name}type`] : [column.name];
    for (const name of names) {
      const oldValue = before?.[name];
      const newValue = after?.[name];
      if (same(oldValue, newValue)) continue;
      changes.push({ logicalName: name, oldValue: auditValue(oldValue), newValue: auditValue(newValue) });
    }
  }
  return changes;
}

interface AuditEntry {
  readonly table: TableMetadata;
  readonly id: string;
  /** Create 1, Update 2, Delete 3 (a link made counts as a create, a link removed as a delete). */
  readonly operation: number;
  /** Create 1, Update 2, Delete 3, Associate Entities 33, Disassociate Entities 34. */
  readonly action: number;
  readonly changedata: string;
}

/** Writes one audit row for the effective user, on behalf of the real caller when impersonating. */
async function writeAuditRow(context: ExecutionContext, entry: AuditEntry): Promise<void> {
  const userId = context.caller.user.userId;
  const callingUserId = context.caller.onBehalfOf?.userId ?? null;
  await context.unitOfWork.systemWrite.insert([
    {
      table: context.services.metadata.table('audit')!,
      build: () => ({
        auditid: randomUUID(),
        createdby: userId,
        modifiedby: userId,
        createdonbehalfby: callingUserId,
        modifiedonbehalfby: callingUserId,
        userid: userId,
        callinguserid: callingUserId,
        operation: entry.operation,
        action: entry.action,
        objecttypecode: entry.table.logicalName,
        objectid: entry.id,
        objectidtype: entry.table.logicalName,
        changedata: entry.changedata,
        transactionid: context.unitOfWork.slot(transactionId),
      }),
    },
  ]);
}

export const auditLogStep: WriteStep = {
  name: 'audit log of orders, invoices, their lines and the organization settings',
  stage: 'postOperation',
  tables: AUDITED_TABLES,
  messages: ['Create', 'Update', 'Delete'],
  async run(context, operation) {
    const before = operation.message === 'Create' ? undefined : operation.preImage;
    const after = operation.message === 'Delete' ? undefined : operation.postImage;
    const changes = changedAttributes(operation.table, before, after);
    if (operation.message === 'Update' && changes.length === 0) return;
    const code = OPERATION_CODES[operation.message];
    await writeAuditRow(context, {
      table: operation.table,
      id: operation.id,
      operation: code,
      action: code,
      changedata: writeJson({ changedAttributes: changes }),
    });
  },
};

/**
 * Every N:N link made or removed is audited, whatever the tables (Dataverse audits Associate and
 * Disassociate as actions 33 and 34). The row is the first record's; `changedata` names the
 * relationship and the record linked, as RetrieveAuditDetails' relationship detail does.
 */
export const associationAuditStep: AssociationStep = {
  name: 'audit log of N:N links made and removed',
  stage: 'postOperation',
  messages: ['Associate', 'Disassociate'],
  async run(context, operation) {
    const associating = operation.message === 'Associate';
    await writeAuditRow(context, {
      table: operation.table,
      id: operation.id,
      operation: associating ? 1 : 3,
      action: associating ? 33 : 34,
      changedata: writeJson({
        relationshipName: operation.relationship.name,
        targetRecords: [{ logicalName: operation.relatedTable.logicalName, id: operation.relatedId }],
      }),
    });
  },
};

/** Audit rows are the server's: a client may read them, never create, change or delete one. */
export const auditReadOnlyStep: WriteStep = {
  name: 'audit rows are read-only',
  stage: 'preValidation',
  tables: ['audit'],
  messages: ['Create', 'Update', 'Delete'],
  run(_context, operation) {
    throw new DomainError(
      'methodNotAllowed',
      `The ${operation.message} message is not supported for the audit table: audit rows are written by the server and are read-only.`,
    );
  },
};
