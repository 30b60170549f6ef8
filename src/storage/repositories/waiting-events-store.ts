/**
 * The reads behind the integration status (src/bridge/integration-status.ts) and the hand-over of
 * events that waited for a connector: outbox events written while no connector existed carry
 * `ol_deliveries` 0 and no delivery row until a connector is added.
 */
import { ConnectorState } from '../../domain/metadata/named-states.js';
import type { TypedExecutor } from '../database/database.js';

export async function countActiveConnectors(db: TypedExecutor): Promise<number> {
  const row = await db
    .selectFrom('ol_connector')
    .select((eb) => eb.fn.countAll().as('count'))
    .where('statecode', '=', ConnectorState.Active)
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}

export interface WaitingSummary {
  readonly count: number;
  /** `createdon` (UTC text) of the oldest waiting event; undefined when none waits. */
  readonly oldestCreatedOn: string | undefined;
}

/** Events that no connector has been given yet. */
export async function waitingEventsSummary(db: TypedExecutor): Promise<WaitingSummary> {
  const row = await db
    .selectFrom('ol_outboxevent')
    .select((eb) => [eb.fn.countAll().as('count'), eb.fn.min('createdon').as('oldest')])
    .where('ol_deliveries', '=', 0)
    .executeTakeFirst();
  const oldest = row?.oldest;
  return {
    count: Number(row?.count ?? 0),
    oldestCreatedOn: oldest === null || oldest === undefined ? undefined : String(oldest),
  };
}

/** Pending deliveries held by connectors that are inactive (deactivated by an administrator or by a 410). */
export async function countHeldByInactiveConnectors(db: TypedExecutor, pendingStatus: number): Promise<number> {
  const row = await db
    .selectFrom('ol_delivery')
    .innerJoin('ol_connector', 'ol_connector.ol_connectorid', 'ol_delivery.ol_connectorid')
    .select((eb) => eb.fn.countAll().as('count'))
    .where('ol_delivery.ol_status', '=', pendingStatus)
    .where('ol_connector.statecode', '<>', ConnectorState.Active)
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}

export interface WaitingEventRow {
  readonly ol_outboxeventid: string;
  readonly ol_eventtype: string;
  readonly ol_orderid: string;
  readonly ol_sequence: string;
  readonly createdon: string;
}

/** Waiting events in the order they were written (their sequence); all of them unless limited. */
export async function waitingEvents(
  db: TypedExecutor,
  filter: { readonly orderId?: string; readonly limit?: number } = {},
): Promise<WaitingEventRow[]> {
  let query = db
    .selectFrom('ol_outboxevent')
    .select(['ol_outboxeventid', 'ol_eventtype', 'ol_orderid', 'ol_sequence', 'createdon'])
    .where('ol_deliveries', '=', 0)
    .orderBy('ol_sequence');
  if (filter.orderId !== undefined) query = query.where('ol_orderid', '=', filter.orderId);
  if (filter.limit !== undefined) query = query.limit(filter.limit);
  const rows = await query.execute();
  return rows.map((row) => ({
    ol_outboxeventid: String(row.ol_outboxeventid),
    ol_eventtype: String(row.ol_eventtype),
    ol_orderid: String(row.ol_orderid),
    ol_sequence: String(row.ol_sequence),
    createdon: String(row.createdon),
  }));
}
