/** The SQL of connector rows outside the record repository: the dispatcher's reads and start-up registration. */
import type { TypedExecutor } from '../database/database.js';

/** Every connector row as stored, secrets included: for the dispatcher, never for the API. */
export async function allConnectorRows(db: TypedExecutor): Promise<Record<string, unknown>[]> {
  return db.selectFrom('ol_connector').selectAll().execute();
}

export async function connectorIdByName(db: TypedExecutor, name: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('ol_connector')
    .select(['ol_connectorid'])
    .where('ol_name', '=', name)
    .executeTakeFirst();
  return row ? String(row.ol_connectorid) : undefined;
}

/** The id of every configured connector, active or not. */
export async function allConnectorIds(db: TypedExecutor): Promise<string[]> {
  const rows = await db.selectFrom('ol_connector').select('ol_connectorid').execute();
  return rows.map((row) => String(row.ol_connectorid));
}
