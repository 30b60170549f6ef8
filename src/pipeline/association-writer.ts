/**
 * Dataverse's Associate and Disassociate messages: linking two rows through an N:N relationship (a
 * role granted to a user) and unlinking them. They run in the caller's unit of work like any write:
 * privilege checks, then the steps registered for the message (pre-validation, pre-operation), the
 * intersect row written, then post-operation steps (the audit log).
 */
import { recordDoesNotExist } from '../domain/errors.js';
import { intersectColumns, type NavigationProperty } from '../domain/metadata/metadata-registry.js';
import type { TableMetadata } from '../domain/metadata/table-metadata.js';
import { requireAccess } from '../security/authorization.js';
import { addLink, removeLink } from '../storage/association-links.js';
import type { ExecutionContext } from './execution-context.js';
import { runStage } from './run-steps.js';
import type { AssociationMessageName, AssociationOperation } from './write-step.js';

export type ManyToManyNavigation = Extract<NavigationProperty, { kind: 'manyToMany' }>;

/** Links row `id` of `table` to row `relatedId` across `navigation`; linking twice changes nothing. */
export function associateRecords(
  context: ExecutionContext,
  table: TableMetadata,
  id: string,
  navigation: ManyToManyNavigation,
  relatedId: string,
): Promise<void> {
  return changeAssociation(context, 'Associate', table, id, navigation, relatedId);
}

/** Removes the link between row `id` of `table` and row `relatedId`; no link, no change. */
export function disassociateRecords(
  context: ExecutionContext,
  table: TableMetadata,
  id: string,
  navigation: ManyToManyNavigation,
  relatedId: string,
): Promise<void> {
  return changeAssociation(context, 'Disassociate', table, id, navigation, relatedId);
}

async function changeAssociation(
  context: ExecutionContext,
  message: AssociationMessageName,
  table: TableMetadata,
  id: string,
  navigation: ManyToManyNavigation,
  relatedId: string,
): Promise<void> {
  const { records } = context.services;
  const { association, target } = navigation;
  // Writing a link is writing the row it is made from, and needs only to see the other one.
  const row = await records.find(context.trx, table, id, { forUpdate: true });
  if (!row) throw recordDoesNotExist(table.logicalName, id);
  requireAccess(context.caller, table, 'write', row);
  const related = await records.find(context.trx, target, relatedId);
  if (!related) throw recordDoesNotExist(target.logicalName, relatedId);
  requireAccess(context.caller, target, 'read', related);

  const operation: AssociationOperation = {
    message,
    table,
    id,
    relationship: association,
    relatedTable: target,
    relatedId,
  };
  await runStage(context, 'preValidation', operation);
  if (operation.unchanged) return;
  await runStage(context, 'preOperation', operation);
  const columns = intersectColumns(association, table.logicalName);
  const changed =
    message === 'Associate'
      ? await addLink(context.trx, association, columns, id, relatedId)
      : await removeLink(context.trx, association, columns, id, relatedId);
  context.unitOfWork.touchedTables.add(association.intersectTable);
  // A link already there, or one that was never there: the message changed nothing, so nothing to audit.
  if (!changed) return;
  await runStage(context, 'postOperation', operation);
}
