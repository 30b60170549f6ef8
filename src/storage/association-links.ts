/**
 * The rows of N:N intersect tables (`systemuserroles`): linking, unlinking and following the links of
 * a relationship. The table and its columns come from the metadata at run time, like the record
 * repository's, so these take the untyped `Executor`. `columns` is the relationship seen from one of
 * its tables (`intersectColumns`): `own` holds that table's ids, `other` the ids on the other side.
 */
import type { IntersectColumns, ManyToManyRelationship } from '../domain/metadata/metadata-registry.js';
import type { Executor } from './store.js';

/** A link between two rows, seen from the side `columns` names. */
export interface AssociationLink {
  readonly ownId: string;
  readonly otherId: string;
}

/** Links `id` to `relatedId`; false when the link was already there (linking twice changes nothing). */
export async function addLink(
  trx: Executor,
  association: ManyToManyRelationship,
  columns: IntersectColumns,
  id: string,
  relatedId: string,
): Promise<boolean> {
  const result = await trx
    .insertInto(association.intersectTable)
    .values({ [columns.own]: id, [columns.other]: relatedId })
    .onConflict((conflict) => conflict.columns([association.column1, association.column2]).doNothing())
    .executeTakeFirst();
  return Boolean(result.numInsertedOrUpdatedRows);
}

/** Removes the link between `id` and `relatedId`; false when there was none. */
export async function removeLink(
  trx: Executor,
  association: ManyToManyRelationship,
  columns: IntersectColumns,
  id: string,
  relatedId: string,
): Promise<boolean> {
  const result = await trx
    .deleteFrom(association.intersectTable)
    .where(columns.own, '=', id)
    .where(columns.other, '=', relatedId)
    .executeTakeFirst();
  return Boolean(result.numDeletedRows);
}

/** Removes every link of `id` (the row is being deleted). */
export async function removeAllLinks(
  trx: Executor,
  association: ManyToManyRelationship,
  columns: IntersectColumns,
  id: string,
): Promise<void> {
  await trx.deleteFrom(association.intersectTable).where(columns.own, '=', id).execute();
}

/** The ids `id` is linked to, in the order stored. */
export async function linkedIds(
  trx: Executor,
  association: ManyToManyRelationship,
  columns: IntersectColumns,
  id: string,
): Promise<string[]> {
  const links = await trx
    .selectFrom(association.intersectTable)
    .select(columns.other)
    .where(columns.own, '=', id)
    .execute();
  return links.map((link) => String(link[columns.other]));
}

/** Every link of any of `ids`, in one query (an `$expand` of a page of rows). */
export async function linksOf(
  trx: Executor,
  association: ManyToManyRelationship,
  columns: IntersectColumns,
  ids: readonly string[],
): Promise<AssociationLink[]> {
  const links = await trx
    .selectFrom(association.intersectTable)
    .select([columns.own, columns.other])
    .where(columns.own, 'in', [...ids])
    .execute();
  return links.map((link) => ({ ownId: String(link[columns.own]), otherId: String(link[columns.other]) }));
}
