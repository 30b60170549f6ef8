/**
 * Change tracking's record of removals (reference 7.7): when a row of a change-tracked table is deleted
 * (cascades included, since they go through the same pipeline) a tombstone is written in the same unit
 * of work, so the next delta read reports `{"id","reason":"deleted"}`. When such a row is assigned to
 * another owner, a tombstone with the reason `changed` keeps the previous owner: a caller who could read
 * the row only as its owner learns it left their view.
 *
 * Tombstones older than the token lifetime (`organization.expirechangetrackingindays`, plus a day of
 * margin) can no longer be asked for and are purged, a batch at a time, by the unit of work that writes
 * the next one.
 */
import { ownershipColumn } from '../../security/authorization.js';
import { purgeTombstones, type RemovalReason, writeTombstone } from '../../storage/change-tracking/tombstones.js';
import type { Executor } from '../../storage/store.js';
import type { ExecutionContext } from '../execution-context.js';
import type { WriteOperation, WriteStep } from '../write-step.js';

const DEFAULT_EXPIRY_DAYS = 7;
const DAY_MS = 86_400_000;

/** Units of work that already purged: one purge per transaction is enough. */
const purged = new WeakSet<Executor>();

function removalOf(operation: WriteOperation): { reason: RemovalReason; owner: string | null } | undefined {
  const column = ownershipColumn(operation.table);
  const before = column ? operation.preImage?.[column] : undefined;
  const owner = typeof before === 'string' ? before : null;
  if (operation.message === 'Delete') return { reason: 'deleted', owner };
  if (!column || operation.message !== 'Update' || owner === null) return undefined;
  const after = operation.postImage?.[column];
  return after !== undefined && after !== owner ? { reason: 'changed', owner } : undefined;
}

async function purgeExpired(context: ExecutionContext): Promise<void> {
  if (purged.has(context.trx)) return;
  purged.add(context.trx);
  const { referenceData, clock, store } = context.services;
  const organization = await referenceData.organization(context.trx);
  const days = organization.expirechangetrackingindays;
  const lifetime = Math.max(1, typeof days === 'number' ? days : DEFAULT_EXPIRY_DAYS) + 1;
  const before = `${new Date(Date.parse(clock.now()) - lifetime * DAY_MS).toISOString().slice(0, 19)}Z`;
  await purgeTombstones(context.trx, store.dialect, before);
}

export const changeTrackingTombstoneStep: WriteStep = {
  name: 'change tracking tombstones of deleted and reassigned rows',
  stage: 'postOperation',
  messages: ['Update', 'Delete'],
  async run(context, operation) {
    if (!operation.table.changeTracking) return;
    const removal = removalOf(operation);
    if (!removal) return;
    const { store, clock } = context.services;
    await writeTombstone(context.trx, store.dialect, {
      table: operation.table,
      id: operation.id,
      owner: removal.owner,
      reason: removal.reason,
      version: await store.nextVersion(context.trx),
      removedOn: clock.now(),
    });
    await purgeExpired(context);
  },
};
