/**
 * The one path every write takes: Create, Update and Delete of any table, whether it comes from a
 * request, a `$batch` change set, an action or a cascade. Each runs inside the caller's unit of work:
 * authorize -> validate against metadata -> steps (pre-validation, pre-operation) -> persist ->
 * steps (post-operation). A refusal anywhere rolls the whole unit of work back.
 */
import { randomUUID } from 'node:crypto';
import { DomainError, invalidArgument, recordDoesNotExist } from '../domain/errors.js';
import { intersectColumns, isLookup } from '../domain/metadata/metadata-registry.js';
import type { TableMetadata } from '../domain/metadata/table-metadata.js';
import type { Row } from '../domain/record.js';
import { requireAccess } from '../security/authorization.js';
import { removeAllLinks } from '../storage/association-links.js';
import type { ExecutionContext } from './execution-context.js';
import { findByEntityKey } from './resolve-key.js';
import { runStage } from './run-steps.js';
import type { WriteConditions, WriteInput } from './write-input.js';
import type { WriteOperation } from './write-step.js';
import { applyColumnDefaults, checkRequiredColumns, checkStateAndStatus, checkWritable } from './write-validation.js';

export interface WriteResult {
  readonly id: string;
  readonly row: Row;
  readonly created: boolean;
}

/**
 * How a write that the server, not the client, decided on is checked. Every such caller is listed, with
 * why, in test/security/hostile-review/pipeline-writes.test.ts: a new one fails that test until reviewed.
 */
export interface WriteOptions {
  /**
   * The system's own write (provisioning, a parental cascade of a write already checked): skips the
   * caller's privilege checks and may set system-maintained columns. The steps (lifecycle, audit,
   * outbox) still run.
   */
  readonly asSystem?: boolean;
  /**
   * A relationship behaviour of the caller's delete (a link removed): the caller's privileges and every
   * step apply as to any write of theirs; only the column rules do not, since the server chose the value.
   */
  readonly byRelationship?: boolean;
}

/** `If-Match` against the stored row version; `*` only asks that the row exists. */
function checkIfMatch(table: TableMetadata, existing: Row, conditions: WriteConditions): void {
  if (conditions.ifMatch === undefined || conditions.ifMatch === '*') return;
  if (conditions.ifMatch !== existing.versionnumber) {
    throw new DomainError(
      'concurrencyMismatch',
      `The version of the existing record doesn't match the RowVersion property provided. (${table.logicalName} ${String(existing[table.primaryId])})`,
    );
  }
}

/** Turns `@odata.bind` references into lookup ids, checking that each referenced row exists. */
async function resolveBindings(
  context: ExecutionContext,
  table: TableMetadata,
  input: WriteInput,
  target: Row,
): Promise<Map<string, Row>> {
  const referencedRows = new Map<string, Row>();
  for (const binding of input.bindings) {
    if (binding.key === null) {
      target[binding.column.name] = null;
      if (binding.column.type === 'customer') target[`${binding.column.name}type`] = null;
      continue;
    }
    // A line's (or close activity's) parent is locked by the lifecycle steps of the same write anyway:
    // reading it under lock here already lets them find it kept, one statement instead of two.
    const forUpdate = binding.column.name === table.parentLookup;
    const referenced = await findByEntityKey(context, binding.target, binding.key, { forUpdate });
    if (!referenced) {
      throw recordDoesNotExist(binding.target.logicalName, binding.key);
    }
    if (
      target[binding.column.name] !== undefined &&
      target[binding.column.name] !== referenced[binding.target.primaryId]
    ) {
      throw invalidArgument(`${table.logicalName}.${binding.column.name} is bound twice in one request.`);
    }
    target[binding.column.name] = referenced[binding.target.primaryId]!;
    if (binding.column.type === 'customer') target[`${binding.column.name}type`] = binding.target.logicalName;
    referencedRows.set(binding.column.name, referenced);
  }
  return referencedRows;
}

async function owningBusinessUnit(context: ExecutionContext, ownerId: string): Promise<string | null> {
  if (ownerId === context.caller.user.userId) return context.caller.user.businessUnitId;
  const users = context.services.metadata.table('systemuser')!;
  const owner = await context.services.records.find(context.trx, users, ownerId);
  return (owner?.businessunitid as string | undefined) ?? null;
}

function stampModification(context: ExecutionContext, target: Row, version: string): void {
  target.modifiedon = context.services.clock.now();
  target.modifiedby = context.caller.user.userId;
  target.modifiedonbehalfby = context.caller.onBehalfOf?.userId ?? null;
  target.versionnumber = version;
}

export async function createRecord(
  context: ExecutionContext,
  table: TableMetadata,
  input: WriteInput,
  options: WriteOptions = {},
): Promise<WriteResult> {
  if (!options.asSystem) checkWritable(table, input, 'create', context.caller);
  const target: Row = { ...input.attributes };
  const chosenId = target[table.primaryId] as string | undefined;
  const id = chosenId ?? randomUUID();
  target[table.primaryId] = id;
  // A generated UUID cannot collide; only an id the client chose needs the check.
  if (chosenId !== undefined && (await context.services.records.exists(context.trx, table, id))) {
    throw new DomainError(
      'duplicateRecord',
      `A record with matching key values already exists. (${table.logicalName} ${id})`,
    );
  }
  const referencedRows = await resolveBindings(context, table, input, target);
  if (table.ownership === 'user') await assignOwner(context, table, target, referencedRows);
  applyColumnDefaults(table, target);
  checkStateAndStatus(table, target, undefined);

  const operation: WriteOperation = { message: 'Create', table, id, target };
  if (!options.asSystem) requireAccess(context.caller, table, 'create', target);
  await runStage(context, 'preValidation', operation);
  checkRequiredColumns(table, target);
  await runStage(context, 'preOperation', operation);

  const now = context.services.clock.now();
  target.createdon = now;
  target.createdby = context.caller.user.userId;
  target.createdonbehalfby = context.caller.onBehalfOf?.userId ?? null;
  stampModification(context, target, await context.services.store.nextVersion(context.trx));
  await context.services.records.insert(context.trx, table, target);
  context.unitOfWork.touchedTables.add(table.logicalName);
  operation.postImage = target;
  await runStage(context, 'postOperation', operation);
  return { id, row: target, created: true };
}

/** For lines and close activities: the owner of the parent row the new row goes under. */
async function ownerOfParent(
  context: ExecutionContext,
  table: TableMetadata,
  target: Row,
  referencedRows: ReadonlyMap<string, Row>,
): Promise<string | undefined> {
  if (!table.parentLookup || typeof target[table.parentLookup] !== 'string') return undefined;
  const bound = referencedRows.get(table.parentLookup);
  if (bound) return typeof bound.ownerid === 'string' ? bound.ownerid : undefined;
  const parentColumn = context.services.metadata.column(table, table.parentLookup);
  const parentTable =
    parentColumn && isLookup(parentColumn)
      ? context.services.metadata.table(parentColumn.targets[0]!.table)
      : undefined;
  const parent = parentTable
    ? await context.services.records.find(context.trx, parentTable, target[table.parentLookup] as string)
    : undefined;
  return typeof parent?.ownerid === 'string' ? parent.ownerid : undefined;
}

/**
 * The owner of a new row: for lines and close activities always the parent's owner, else the one bound,
 * else the effective user. A line never takes an owner of its own, even when the body names one:
 * otherwise a user could add lines to someone else's order by claiming them.
 */
async function assignOwner(
  context: ExecutionContext,
  table: TableMetadata,
  target: Row,
  referencedRows: ReadonlyMap<string, Row> = new Map(),
): Promise<void> {
  const parentOwner = await ownerOfParent(context, table, target, referencedRows);
  if (parentOwner) target.ownerid = parentOwner;
  else if (typeof target.ownerid !== 'string') target.ownerid = context.caller.user.userId;
  target.owningbusinessunit = await owningBusinessUnit(context, target.ownerid as string);
}

/**
 * Assigning a record assigns its lines and close activities with it (Dataverse's parental cascade), so
 * the new owner may work on them and the previous one no longer can.
 */
async function cascadeOwner(
  context: ExecutionContext,
  table: TableMetadata,
  id: string,
  ownerId: string,
): Promise<void> {
  const { metadata, records } = context.services;
  for (const navigation of metadata.navigations(table)) {
    if (navigation.kind !== 'collection' || navigation.target.parentLookup !== navigation.column.name) continue;
    const children = await records.referencingIds(context.trx, navigation.target, navigation.column.name, id);
    for (const childId of children) {
      const input: WriteInput = { attributes: { ownerid: ownerId }, bindings: [] };
      const child = { ...context, depth: context.depth + 1 };
      await updateRecord(child, navigation.target, childId, input, {}, { asSystem: true });
    }
  }
}

export async function updateRecord(
  context: ExecutionContext,
  table: TableMetadata,
  id: string,
  input: WriteInput,
  conditions: WriteConditions = {},
  options: WriteOptions = {},
): Promise<WriteResult> {
  const existing = await context.services.records.find(context.trx, table, id, { forUpdate: true });
  if (!existing) throw recordDoesNotExist(table.logicalName, id);
  checkIfMatch(table, existing, conditions);
  if (!options.asSystem) requireAccess(context.caller, table, 'write', existing);
  if (!options.asSystem && !options.byRelationship) checkWritable(table, input, 'update', context.caller);
  const target: Row = { ...input.attributes };
  delete target[table.primaryId];
  await resolveBindings(context, table, input, target);
  const reassigned = typeof target.ownerid === 'string' && target.ownerid !== existing.ownerid;
  if (reassigned) {
    // A line belongs to its parent's owner; it moves only with its parent (cascadeOwner).
    if (!options.asSystem && table.parentLookup) {
      throw invalidArgument(
        `The owner of a ${table.logicalName} follows its ${table.parentLookup}: assign the parent record instead.`,
      );
    }
    // Assigning to someone else is a write at organization depth in Dataverse's model (Assign privilege).
    if (!options.asSystem && context.caller.user.access(table.privilegeGroup, 'write') !== 'organization') {
      requireAccess(context.caller, table, 'write', target);
    }
    target.owningbusinessunit = await owningBusinessUnit(context, target.ownerid as string);
  }
  checkStateAndStatus(table, target, existing);

  const operation: WriteOperation = { message: 'Update', table, id, target, preImage: existing };
  await runStage(context, 'preValidation', operation);
  if (operation.unchanged) return { id, row: existing, created: false };
  checkRequiredColumns(table, { ...existing, ...target });
  await runStage(context, 'preOperation', operation);
  stampModification(context, target, await context.services.store.nextVersion(context.trx));
  await context.services.records.update(context.trx, table, id, target);
  context.unitOfWork.touchedTables.add(table.logicalName);
  if (reassigned) await cascadeOwner(context, table, id, target.ownerid as string);
  operation.postImage = { ...existing, ...target };
  await runStage(context, 'postOperation', operation);
  return { id, row: operation.postImage, created: false };
}

/** Tables whose rows are never deleted through the API: they are disabled or deactivated instead. */
const UNDELETABLE = new Set(['organization', 'systemuser']);

export async function deleteRecord(
  context: ExecutionContext,
  table: TableMetadata,
  id: string,
  conditions: WriteConditions = {},
  options: WriteOptions = {},
): Promise<void> {
  if (UNDELETABLE.has(table.logicalName)) {
    throw new DomainError(
      'methodNotAllowed',
      `The Delete message is not supported for the ${table.logicalName} table.`,
    );
  }
  const existing = await context.services.records.find(context.trx, table, id, { forUpdate: true });
  if (!existing) throw recordDoesNotExist(table.logicalName, id);
  checkIfMatch(table, existing, conditions);
  if (!options.asSystem) requireAccess(context.caller, table, 'delete', existing);
  const operation: WriteOperation = { message: 'Delete', table, id, target: {}, preImage: existing };
  await runStage(context, 'preValidation', operation);
  await runStage(context, 'preOperation', operation);
  await applyRelationshipBehaviours(context, table, id);
  await context.services.records.delete(context.trx, table, id);
  context.unitOfWork.touchedTables.add(table.logicalName);
  await runStage(context, 'postOperation', operation);
}

/**
 * What deleting a row does to the rows that point at it, per relationship: cascade deletes them,
 * removeLink clears the lookup, restrict refuses the delete while any exist.
 *
 * A removed link is a write to the row that held it, made for the caller: it goes through the pipeline
 * with the caller's privileges, so a row the caller may not write, or a record its lifecycle locks (a
 * submitted order), refuses the whole delete, and an order handed to the back office gets its event.
 * A cascade deletes parental children (lines, close activities, timeline entries, catalog details): the
 * parent's delete was the privilege checked, and each child's delete still runs its steps.
 */
async function applyRelationshipBehaviours(context: ExecutionContext, table: TableMetadata, id: string) {
  const { metadata, records } = context.services;
  const nested = { ...context, depth: context.depth + 1 };
  for (const navigation of metadata.navigations(table)) {
    if (navigation.kind === 'manyToMany') {
      const { association } = navigation;
      await removeAllLinks(context.trx, association, intersectColumns(association, table.logicalName), id);
      continue;
    }
    if (navigation.kind !== 'collection') continue;
    const children = await records.referencingIds(context.trx, navigation.target, navigation.column.name, id);
    if (children.length === 0) continue;
    switch (navigation.relationship.onDelete) {
      case 'restrict':
        throw new DomainError(
          'invalidArgument',
          `The ${table.logicalName} cannot be deleted because ${children.length} ${navigation.target.logicalName} row(s) refer to it through ${navigation.name}.`,
          { code: '0x80040227' },
        );
      case 'cascade':
        for (const childId of children) {
          await deleteRecord(nested, navigation.target, childId, {}, { asSystem: true });
        }
        break;
      case 'removeLink': {
        const clear: Row = { [navigation.column.name]: null };
        if (navigation.column.type === 'customer') clear[`${navigation.column.name}type`] = null;
        for (const childId of children) {
          const input: WriteInput = { attributes: { ...clear }, bindings: [] };
          await updateRecord(nested, navigation.target, childId, input, {}, { byRelationship: true });
        }
        break;
      }
    }
  }
}
